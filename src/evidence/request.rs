//! The request that failed, as the text shows it: a request line (`curl -v`'s
//! `> POST /1.1/statuses/update.json HTTP/1.1`, Node's `_header: 'POST /2/tweets HTTP/1.1`),
//! an API URL with the method before it, the auth scheme of an `Authorization` header (the
//! scheme only: a token is a secret and never kept), the client library and its version
//! from traceback paths and package specs, and the library methods named in traceback
//! frames and code lines (`in update_status`, `api.update_status(`, `client.v2.tweet(`,
//! `twitter4j.TwitterImpl.updateStatus(`).
//!
//! Which endpoint a method calls is the endpoint table's business
//! ([`crate::catalog::endpoints`]); here a method is only reported with its library.

use super::{Evidence, Finding, How, LineIndex, Seen, WordSet};
use crate::catalog::Auth;
use regex::Regex;
use std::sync::LazyLock;

/// How many request findings one input keeps: a log of a thousand calls names the same few
/// endpoints, and the diagnosis uses the one nearest the error.
const MAX_REQUEST_FINDINGS: usize = 1000;

/// A request line, wherever it stands (after curl's `> `, inside Node's `_header: '`).
static REQUEST_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(GET|POST|PUT|DELETE|PATCH) (/(?:1\.1|2|labs|1|oauth2?)/[^[:space:]?'\x22\\]*)(?:\?[^[:space:]'\x22\\]*)? HTTP/[0-9.]+")
        .expect("the request-line pattern compiles")
});

/// A `Host:` header of a request (`> Host: api.twitter.com`, Node's `host: 'api.x.com'`).
static HOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)host:[[:space:]]*'?((?:api|upload|stream|ads-api)\.(?:twitter|x)\.com)(?-u:\b)",
    )
    .expect("the host pattern compiles")
});

/// An API URL, with the method when it stands right before it (`POST https://...`); after
/// a method the scheme may be left out (twitter-api-v2's debug log: `[GET api.x.com/2/users/me]`).
static URL: LazyLock<Regex> = LazyLock::new(|| {
    // Go's net/http writes the method capitalised and, since 1.14, quotes the URL:
    // `Get "https://api.twitter.com/..."`.
    Regex::new(r#"(?:(?-u:\b)(GET|POST|PUT|DELETE|PATCH|Get|Post|Put|Delete|Patch)[[:space:]]+"?(?:https?://)?|https?://)((?:api|upload|stream|ads-api)\.(?:twitter|x)\.com)(/[^[:space:]"'<>)\]\\,;`]*)"#)
        .expect("the URL pattern compiles")
});

/// The scheme of an `Authorization` header; the credentials after it are not captured.
static AUTHORIZATION: LazyLock<Regex> = LazyLock::new(|| {
    // No word boundary before it: Node's inspect prints headers after a literal `\r\n`.
    // Quotes may stand around the name and the value (`Authorization: 'Bearer ...'`).
    Regex::new(r#"(?i)authorization['"]?[[:space:]]*:[[:space:]]*['"]?(bearer|oauth)[[:space:]]+(AAAAAAAAAAAAAAAAAAAA)?"#)
        .expect("the authorization pattern compiles")
});

/// Where a library's files are, and what they say of its version.
static LIBRARY_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"[/\\](?:(?<tweepy>tweepy)[/\\](?<tweepyfile>[[:word:]]+)\.py",
        r"|(?<twython>twython)[/\\]",
        r"|gems[/\\]twitter-(?<rubyver>[0-9]+\.[0-9]+(?:\.[0-9]+)?)[/\\]lib[/\\]twitter[/\\]",
        r"|node_modules[/\\](?<node>twitter-api-v2)[/\\]",
        r"|github\.com[/\\](?<go>dghubble[/\\]go-twitter|g8rswimmer[/\\]go-twitter)",
        r")|(?-u:\b)(?<java>twitter4j)\.[A-Z][[:word:]]*",
        // twitter-api-v2 names itself in a header of every request it sends.
        r"|(?-u:\b)Node\.(?<nodeua>twitter-api-v2)(?-u:\b)",
    ))
    .expect("the library path pattern compiles")
});

/// A library with its version as package managers and errors print it: `tweepy==4.14.0`,
/// `twitter-api-v2@1.15.0`, `twython 3.9.1`, Twitter4J's `version=4.0.7`.
static LIBRARY_VERSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(tweepy|twython|twitter-api-v2|twitter4j)(?:==|@|-core-| |/)v?([0-9]+\.[0-9]+(?:\.[0-9]+)?)(?-u:\b)|(?-u:\b)TwitterException\{.*(?-u:\b)version=([0-9]+\.[0-9]+(?:\.[0-9]+)?)")
        .expect("the version pattern compiles")
});

/// A library method in a frame or a line of code: Python's `File "...", line N, in name`,
/// a call `.name(`, twitter-api-v2's `.v1.name(` / `.v2.name(`, Java's `twitter4j.X.name(`,
/// Ruby's ``in `name'`` inside the gem.
static CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"File "[^"\n]*[/\\](?<pylib>tweepy|twython)[/\\][^"\n]*", line [0-9]+, in (?<pyframe>[a-z_][a-z0-9_]*)"#,
        r"|\.(?<node>v[12]\.[a-zA-Z]+)\(",
        r"|(?-u:\b)twitter4j\.[A-Z][[:word:]]*\.(?<java>[a-z][[:word:]]*)\(",
        r"|lib[/\\]twitter[/\\]rest[/\\][[:word:]/\\]+\.rb:[0-9]+:in [`'](?<ruby>[a-z_]+[?!]?)'",
        // A method called, or passed on (tweepy's `Cursor(api.user_timeline, ...)`).
        r"|\.(?<snake>[a-z]+(?:_[a-z0-9]+)+)[[:space:]]*[(,)]",
    ))
    .expect("the call pattern compiles")
});

/// The longest request path kept: an API's paths are short, and a longer one (a line of
/// `a/` repeated) would be copied and split into segments for nothing.
const MAX_TARGET: usize = 2 << 10;

/// Appends the request evidence of `text`: request lines, API URLs, the auth scheme, the
/// library and the methods called, at most [`MAX_REQUEST_FINDINGS`] in all.
pub(super) fn read_requests(text: &str, lines: &LineIndex, out: &mut Vec<Evidence>) {
    let mut kept = Kept {
        lines,
        out,
        count: 0,
    };
    let present = GATES.present(text);
    let has = |gate: Gate| present & gate.0 != 0;
    if has(Gate::REQUEST_LINE) {
        request_lines(text, &mut kept);
    }
    if has(Gate::URL) && may_hold_an_api_url(text) {
        urls(text, &mut kept);
    }
    if has(Gate::AUTHORIZATION) {
        authorization(text, &mut kept);
    }
    if has(Gate::LIBRARY) {
        libraries(text, &mut |at, finding| kept.push(at, How::Frame, finding));
    }
    if has(Gate::CALL) || may_hold_a_snake_call(text) {
        calls(text, &mut kept);
    }
}

/// Whether `text` holds an API host followed by a path that is no problem type
/// (`.twitter.com/1.1/...`, `.x.com/2/tweets`): the one thing every URL that [`urls`] keeps
/// has, told without compiling its pattern. A v2 body names `api.twitter.com/2/problems/`
/// in each of its errors, and no request.
fn may_hold_an_api_url(text: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), b".com/").any(|at| {
        let before = &text.as_bytes()[..at];
        (before.ends_with(b".twitter") || before.ends_with(b".x"))
            && !text.as_bytes()[at + 4..].starts_with(b"/2/problems")
    })
}

/// Whether `text` holds `.` then a snake_case name (`api.user_timeline`), which
/// [`CALL`]'s last shape begins with. JSON keys hold a `_` so often (`author_id`) that
/// looking for one alone would compile and run the pattern for most bodies. Each byte is
/// looked at at most twice: the letters after one `.` end before the next.
fn may_hold_a_snake_call(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'.', bytes).any(|dot| {
        let name = &bytes[dot + 1..];
        let letters = name.iter().take_while(|b| b.is_ascii_lowercase()).count();
        letters > 0
            && name.get(letters) == Some(&b'_')
            && name
                .get(letters + 1)
                .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// The words that every match of a reader's pattern holds (in any case): a reader runs only
/// when the text holds one of its words, so a paste of one body pays for none of them. The
/// API's host ends in `.com`; the libraries are named by these words in paths, packages and
/// class names; a method called is in one of their frames, a snake_case name, or
/// twitter-api-v2's `.v1.`/`.v2.`.
static GATES: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(GATE_WORDS));
const GATE_WORDS: &[&str] = &[
    " http/",
    ".com",
    "authorization",
    "tweepy",
    "twython",
    "twitter-",
    "-twitter",
    "twitter4j",
    "twitterexception",
    ".v1.",
    ".v2.",
    "twitter/",
    "twitter\\",
];

/// The bits of [`GATE_WORDS`] that a reader needs one of.
#[derive(Clone, Copy)]
struct Gate(u64);

impl Gate {
    const REQUEST_LINE: Gate = Gate(1 << 0);
    const URL: Gate = Gate(1 << 1);
    const AUTHORIZATION: Gate = Gate(1 << 2);
    /// The library names, words 3 to 8.
    const LIBRARY: Gate = Gate(0b1_1111_1000);
    /// The frames' library names (3 to 8, and 11 and 12 for Ruby's `lib/twitter/`) and
    /// twitter-api-v2's call shapes (9 and 10). A snake_case name needs a `_`, looked for
    /// apart: JSON keys hold one so often that the word set would stop at each.
    const CALL: Gate = Gate(0b1_1111_1111_1000);
}

/// The auth scheme of each `Authorization` header, never its credentials.
fn authorization(text: &str, kept: &mut Kept) {
    for c in AUTHORIZATION.captures_iter(text) {
        let scheme = match (c[1].to_ascii_lowercase().as_str(), c.get(2)) {
            ("oauth", _) => Auth::OAuth1User,
            // App-only bearer tokens begin with a run of `A`s; others are user tokens.
            (_, Some(_)) => Auth::OAuth2App,
            _ => Auth::OAuth2User,
        };
        let at = c.get(0).expect("a match").start();
        kept.push(at, How::RequestLine, Finding::Auth { scheme });
    }
}

/// The request findings kept so far, up to the cap.
struct Kept<'a> {
    lines: &'a LineIndex<'a>,
    out: &'a mut Vec<Evidence>,
    count: usize,
}

impl Kept<'_> {
    fn push(&mut self, at: usize, how: How, finding: Finding) {
        if self.full() {
            return;
        }
        self.count += 1;
        let line = self.lines.line_of(at);
        self.out.push(Evidence {
            finding,
            seen: Seen { line, how },
        });
    }

    fn full(&self) -> bool {
        self.count >= MAX_REQUEST_FINDINGS
    }
}

/// `> POST /1.1/statuses/update.json HTTP/1.1`, with the Host header after it.
fn request_lines(text: &str, kept: &mut Kept) {
    for c in REQUEST_LINE.captures_iter(text) {
        // Past the cap, looking ahead for a Host header per line would cost more than the
        // findings are worth.
        if kept.full() {
            break;
        }
        let whole = c.get(0).expect("a match");
        if c[2].len() > MAX_TARGET {
            continue;
        }
        // The Host header follows the request line within a few lines.
        let after = &text[whole.end()..super::floor_boundary(text, whole.end() + 2048)];
        let host = HOST.captures(after).map(|h| h[1].to_ascii_lowercase());
        let finding = Finding::Request {
            method: Some(c[1].to_string()),
            target: c[2].to_string(),
            host,
        };
        kept.push(whole.start(), How::RequestLine, finding);
    }
}

/// API URLs, with the method before them where the text gives one.
fn urls(text: &str, kept: &mut Kept) {
    // Matches are found first and their groups read only for the ones kept: a v2 body
    // holds a problem type's URL in each of its errors, and groups cost far more to read.
    let kept_matches = URL
        .find_iter(text)
        .filter(|m| !m.as_str().contains("/2/problems"))
        .filter_map(|m| URL.captures_at(text, m.start()));
    for c in kept_matches {
        // The query is left out: it may carry credentials (`oauth_signature`, `access_token`).
        // Nor the sentence's punctuation after it (`... create.json: 401`).
        let path = c[3]
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .trim_end_matches(['.', ':', '!']);
        // A problem's type URI names no request, and no API path is that long.
        if path.starts_with("/2/problems") || path.len() > MAX_TARGET {
            continue;
        }
        let finding = Finding::Request {
            method: c.get(1).map(|m| m.as_str().to_ascii_uppercase()),
            target: path.to_string(),
            host: Some(c[2].to_ascii_lowercase()),
        };
        kept.push(c.get(0).expect("a match").start(), How::Url, finding);
    }
}

/// Library methods in traceback frames and lines of code, with the library the place
/// names.
fn calls(text: &str, kept: &mut Kept) {
    for c in CALL.captures_iter(text) {
        let at = c.get(0).expect("a match").start();
        let (library, method) = if let Some(m) = c.name("pyframe") {
            let library = if &c["pylib"] == "tweepy" {
                "tweepy"
            } else {
                "twython"
            };
            (Some(library), m.as_str())
        } else if let Some(m) = c.name("node") {
            (Some("twitter-api-v2"), m.as_str())
        } else if let Some(m) = c.name("java") {
            (Some("Twitter4J"), m.as_str())
        } else if let Some(m) = c.name("ruby") {
            (Some("twitter (Ruby)"), m.as_str())
        } else {
            (None, &c["snake"])
        };
        let finding = Finding::Call {
            library,
            method: method.to_string(),
        };
        kept.push(at, How::Frame, finding);
    }
}

/// The libraries the text shows, with versions where it shows them.
fn libraries(text: &str, push: &mut dyn FnMut(usize, Finding)) {
    for c in LIBRARY_PATH.captures_iter(text) {
        let at = c.get(0).expect("a match").start();
        let (name, version) = if c.name("tweepy").is_some() {
            // Only tweepy 3 has binder.py; client.py and errors.py came with tweepy 4.
            let major = match c.name("tweepyfile").map(|f| f.as_str()) {
                Some("binder") => Some("3.x"),
                Some("client" | "errors") => Some("4.x"),
                _ => None,
            };
            ("tweepy", major.map(str::to_string))
        } else if c.name("twython").is_some() {
            ("twython", None)
        } else if let Some(v) = c.name("rubyver") {
            ("twitter (Ruby)", Some(v.as_str().to_string()))
        } else if c.name("node").is_some() || c.name("nodeua").is_some() {
            ("twitter-api-v2", None)
        } else if let Some(g) = c.name("go") {
            let name = if g.as_str().contains("dghubble") {
                "go-twitter"
            } else {
                "go-twitter v2"
            };
            (name, None)
        } else {
            ("Twitter4J", None)
        };
        push(at, Finding::Library { name, version });
    }
    for c in LIBRARY_VERSION.captures_iter(text) {
        let at = c.get(0).expect("a match").start();
        let (name, version) = match (c.get(1), c.get(2), c.get(3)) {
            (Some(n), Some(v), _) => (library_name(n.as_str()), v.as_str()),
            (_, _, Some(v)) => ("Twitter4J", v.as_str()),
            _ => continue,
        };
        push(
            at,
            Finding::Library {
                name,
                version: Some(version.to_string()),
            },
        );
    }
}

fn library_name(written: &str) -> &'static str {
    match written.to_ascii_lowercase().as_str() {
        "tweepy" => "tweepy",
        "twython" => "twython",
        "twitter-api-v2" => "twitter-api-v2",
        _ => "Twitter4J",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The URL and snake_case gates let through every text in which the patterns find
    /// what is kept, and pass a v2 body by.
    #[test]
    fn the_url_and_call_gates_pass_what_the_patterns_keep() {
        let mut texts = crate::evidence::testing::fixture_texts();
        texts.extend(
            [
                "GET https://api.x.com/2/users/me -> 401",
                "see https://upload.twitter.com/1.1/media/upload.json",
                "tweepy: api.update_status(status=x)",
                "client.get_users_tweets(id, max_results=5)",
            ]
            .map(str::to_string),
        );
        let (mut urls, mut snakes) = (0, 0);
        for text in &texts {
            let kept_url = URL
                .find_iter(text)
                .any(|m| !m.as_str().contains("/2/problems"));
            if kept_url {
                urls += 1;
                assert!(may_hold_an_api_url(text), "{text}");
            }
            if CALL.captures_iter(text).any(|c| c.name("snake").is_some()) {
                snakes += 1;
                assert!(may_hold_a_snake_call(text), "{text}");
            }
        }
        assert!(urls >= 2 && snakes >= 2, "{urls} {snakes}");
        let v2 = r#"{"data":[{"author_id":"1","text":"a.b c"}],"errors":[{"type":"https://api.twitter.com/2/problems/resource-not-found","resource_id":"2"}]}"#;
        assert!(!may_hold_an_api_url(v2) && !may_hold_a_snake_call(v2));
    }

    #[test]
    fn each_gate_names_the_words_its_readers_need() {
        let words = |g: Gate| -> Vec<&str> {
            let on = |i: &usize| g.0 >> i & 1 == 1;
            (0..GATE_WORDS.len())
                .filter(on)
                .map(|i| GATE_WORDS[i])
                .collect()
        };
        assert_eq!(words(Gate::REQUEST_LINE), [" http/"]);
        assert_eq!(words(Gate::URL), [".com"]);
        assert_eq!(words(Gate::AUTHORIZATION), ["authorization"]);
        let names = [
            "tweepy",
            "twython",
            "twitter-",
            "-twitter",
            "twitter4j",
            "twitterexception",
        ];
        assert_eq!(words(Gate::LIBRARY), names);
        let calls = words(Gate::CALL);
        assert!(names.iter().all(|n| calls.contains(n)));
        assert!(
            [".v1.", ".v2.", "twitter/", "twitter\\"]
                .iter()
                .all(|w| calls.contains(w))
        );
        assert_eq!(Gate::CALL.0 >> GATE_WORDS.len(), 0, "no bit past the words");
    }

    fn found(text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        read_requests(text, &LineIndex::new(text), &mut out);
        out.into_iter().map(|e| e.finding).collect()
    }

    #[test]
    fn curl_verbose_request_with_host_and_auth_scheme() {
        let text = "> POST /1.1/statuses/update.json?status=hi HTTP/1.1\r\n> Host: api.twitter.com\r\n> Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAsecret\r\n";
        let f = found(text);
        assert!(f.contains(&Finding::Request {
            method: Some("POST".into()),
            target: "/1.1/statuses/update.json".into(),
            host: Some("api.twitter.com".into())
        }));
        assert!(f.contains(&Finding::Auth {
            scheme: Auth::OAuth2App
        }));
        assert!(
            !format!("{f:?}").contains("secret"),
            "no credential is kept"
        );
        assert_eq!(
            found("> Authorization: OAuth oauth_consumer_key=\"x\""),
            [Finding::Auth {
                scheme: Auth::OAuth1User
            }]
        );
    }

    #[test]
    fn urls_with_and_without_a_method_but_not_problem_types() {
        let f = found(
            "POST https://api.x.com/2/tweets failed; see https://api.twitter.com/2/problems/usage-capped and https://developer.x.com/en/docs",
        );
        assert_eq!(
            f,
            [Finding::Request {
                method: Some("POST".into()),
                target: "/2/tweets".into(),
                host: Some("api.x.com".into())
            }]
        );
    }

    #[test]
    fn tracebacks_name_the_library_its_major_version_and_the_method() {
        let tweepy3 = "  File \"bot.py\", line 9, in <module>\n    api.update_status(status=text)\n  File \"/usr/lib/python3/site-packages/tweepy/binder.py\", line 250, in _call\n";
        let f = found(tweepy3);
        assert!(
            f.contains(&Finding::Call {
                library: None,
                method: "update_status".into()
            }),
            "{f:?}"
        );
        assert!(
            f.contains(&Finding::Library {
                name: "tweepy",
                version: Some("3.x".into())
            }),
            "{f:?}"
        );
        let tweepy4 = "  File \"/venv/lib/python3.12/site-packages/tweepy/client.py\", line 835, in create_tweet\n";
        let f = found(tweepy4);
        assert!(
            f.contains(&Finding::Call {
                library: Some("tweepy"),
                method: "create_tweet".into()
            }),
            "{f:?}"
        );
        assert!(f.contains(&Finding::Library {
            name: "tweepy",
            version: Some("4.x".into())
        }));
        let node = "    at async main (/app/index.js:12:3) await client.v2.tweet('hi') node_modules/twitter-api-v2/dist/client.js";
        let f = found(node);
        assert!(
            f.contains(&Finding::Call {
                library: Some("twitter-api-v2"),
                method: "v2.tweet".into()
            }),
            "{f:?}"
        );
        let java = "\tat twitter4j.TwitterImpl.updateStatus(TwitterImpl.java:316)";
        let f = found(java);
        assert!(
            f.contains(&Finding::Call {
                library: Some("Twitter4J"),
                method: "updateStatus".into()
            }),
            "{f:?}"
        );
        assert_eq!(
            found("pip install tweepy==4.14.0"),
            [Finding::Library {
                name: "tweepy",
                version: Some("4.14.0".into())
            }]
        );
        let ruby =
            "/usr/local/bundle/gems/twitter-7.0.0/lib/twitter/rest/tweets.rb:143:in `update'";
        let f = found(ruby);
        assert!(
            f.contains(&Finding::Library {
                name: "twitter (Ruby)",
                version: Some("7.0.0".into())
            }),
            "{f:?}"
        );
        assert!(
            f.contains(&Finding::Call {
                library: Some("twitter (Ruby)"),
                method: "update".into()
            }),
            "{f:?}"
        );
        let go = "/root/go/pkg/mod/github.com/dghubble/go-twitter@v0.0.0/twitter/statuses.go:120";
        assert!(found(go).contains(&Finding::Library {
            name: "go-twitter",
            version: None
        }));
    }

    #[test]
    fn shapes_of_node_and_php_clients() {
        let node = "[GET api.twitter.com/2/users/me] {\n  headers: {\n    Authorization: 'Bearer TlpSeTBIVXZGVjNocnBN',";
        let f = found(node);
        assert!(
            f.contains(&Finding::Request {
                method: Some("GET".into()),
                target: "/2/users/me".into(),
                host: Some("api.twitter.com".into())
            }),
            "{f:?}"
        );
        assert!(
            f.contains(&Finding::Auth {
                scheme: Auth::OAuth2User
            }),
            "{f:?}"
        );
        let guzzle = "Client error: `GET https://api.twitter.com/2/users/XXXXXX/tweets?place.fields=country` resulted in a `403 Forbidden` response";
        assert_eq!(
            found(guzzle),
            [Finding::Request {
                method: Some("GET".into()),
                target: "/2/users/XXXXXX/tweets".into(),
                host: Some("api.twitter.com".into())
            }]
        );
        let cursor = "tweets = tweepy.Cursor(api.user_timeline, screen_name=name).items()";
        assert!(found(cursor).contains(&Finding::Call {
            library: None,
            method: "user_timeline".into()
        }));
        assert!(
            found("see api.x.com/2/tweets for more").is_empty(),
            "no method, no scheme: no request"
        );
    }

    #[test]
    fn go_writes_its_method_capitalised_and_quotes_the_url() {
        for text in [
            "Get https://api.twitter.com/1.1/friendships/create.json returned status 401",
            "Post \"https://api.twitter.com/2/tweets\": context deadline exceeded",
        ] {
            let f = found(text);
            assert!(
                matches!(&f[..], [Finding::Request { method: Some(m), .. }] if m == "GET" || m == "POST"),
                "{text}: {f:?}"
            );
        }
        assert!(
            found("you get https://api.x.com/2/tweets")
                .iter()
                .all(|f| matches!(f, Finding::Request { method: None, .. }))
        );
    }

    #[test]
    fn many_request_lines_are_bounded() {
        let text = "> GET /2/tweets HTTP/1.1\n".repeat(5000);
        assert_eq!(found(&text).len(), MAX_REQUEST_FINDINGS);
    }
}
