//! The prefilter of `scan` for lines of text: a line that can hold no evidence under the
//! readers' own rules is passed over at memory speed.
//!
//! Every reader of free text reads by words: a number is a status or a code only by the
//! words beside it (the lexicon), a status is implied only by named words (reason phrases,
//! official wordings, error classes), and a body, a header or a captured response has
//! marks of its own (brackets, `name:`, `HTTP/`). So a line holding none of those words and
//! marks cannot become evidence, whatever else it says. The words are taken from the same
//! tables the readers use, so a word added to the lexicon or a wording added to the
//! catalog is a word this filter looks for; the few marks of framing are listed below.
//! The prefilter's reference test (every fixture and random mixes of lines, read with and
//! without it) is what holds the two together.

use super::{reaches_past_itself, three_digits};
use crate::catalog::{self, lexicon};
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

/// Words this short are looked for as words only: inside a longer word (`use` in
/// `because`, `te` in `bytes`) they are not the word. A case seam (`NotFound`) or any
/// other character bounds them.
const SHORT: usize = 3;

/// Words the framing and client-text readers key on beyond the tables: the names of
/// protocols, tools and clients, and the words of failure that their patterns hold.
const MARKERS: &[&str] = &[
    "http",
    "curl",
    "wget",
    "twitter",
    "tweepy",
    "api",
    "oauth",
    "token",
    "error",
    "err",
    "exception",
    "traceback",
    "fail",
    "fault",
    "status",
    "code",
    "limit",
    "rate",
    "retry",
    "reset",
    "remaining",
    "quota",
    "denied",
    "forbidden",
    "unauthori",
    "invalid",
    "problem",
    "capacity",
    "suspend",
    "throttl",
    "timeout",
    "timed out",
    "refused",
    "abort",
    "panic",
    "title",
    "detail",
    "message",
    "reason",
    "errno",
    "response",
    "request",
    "reply",
    "body",
    "header",
    "cap",
    "exceed",
    "too many",
    "not found",
    "gone",
    "unavailable",
    "gateway",
    "://",
];

/// Bytes that begin structure some reader follows: bodies and literals, markup, escapes
/// that unwrapping undoes, fences, code marks (`#187`), tables. (`>` alone is an arrow
/// in most logs: curl's `> ` at the start of a line is one of the lines that reach past
/// themselves.)
const MARK_BYTES: &[u8] = b"{}[]<\\`~#|";

/// Every word any reader reads by, found in one pass, ASCII case folded.
static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let mut words: Vec<String> = MARKERS.iter().map(|w| w.to_string()).collect();
    let lexicon = lexicon::LEXICON
        .iter()
        .filter(|w| !matches!(w.kind, lexicon::Kind::Not | lexicon::Kind::Filler))
        .map(|w| w.text);
    let reasons = catalog::all_reasons().map(|(_, r)| r);
    // The first and the longest word of each: a multi-word entry met with `_`, `-` or
    // nothing between its words, or as a class name, still holds both.
    for text in lexicon.chain(reasons) {
        words.extend(first_word(text));
        words.extend(longest_word(text));
    }
    // The longest word of each official wording: any wording met holds it.
    words.extend(catalog::distinctive_wordings().filter_map(|(w, _)| longest_word(w)));
    let upper: Vec<String> = words
        .iter()
        .filter(|w| !w.is_ascii())
        .map(|w| w.to_uppercase())
        .collect();
    words.extend(upper);
    words.retain(|w| !w.is_empty());
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(&words)
        .expect("the words of the lexicon make an automaton")
});

fn first_word(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .find(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Words that name the API's resources: they stand in nearly every request path a log
/// prints (`GET /2/tweets`), so a wording is looked for by another of its words.
const RESOURCES: &[&str] = &["tweet", "tweets", "user", "users", "status", "statuses"];

/// The longest word of `text`, one naming a resource only when there is no other.
fn longest_word(text: &str) -> Option<String> {
    let words = || {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    let plain = words().filter(|w| !RESOURCES.iter().any(|r| w.eq_ignore_ascii_case(r)));
    plain
        .max_by_key(|w| w.len())
        .or_else(|| words().max_by_key(|w| w.len()))
        .map(str::to_lowercase)
}

/// Whether `line` (its line break, if any, included) can hold no evidence: no word any
/// reader reads by, no mark of structure, not a header (`name: value`), not a line that
/// changes how its neighbours are read (a fence, curl's `-v` markers, chunked framing),
/// and not three digits alone (`curl -w`). Digits elsewhere are no sign: a
/// number is a status or a code only by the words beside it (`took 503 ms` is neither).
pub(super) fn is_silent(line: &[u8]) -> bool {
    let t = line.trim_ascii();
    if t.is_empty() {
        return false; // a blank line ends a header block: it is read
    }
    let read = header_like(t)
        || MARK_BYTES.iter().any(|&b| memchr::memchr(b, t).is_some())
        || three_digits(t)
        || reaches_past_itself(&String::from_utf8_lossy(t))
        || names_a_word(t);
    !read
}

/// Whether `t` holds one of [`WORDS`], a short one bounded as a word.
fn names_a_word(t: &[u8]) -> bool {
    let lower = |at: Option<&u8>| at.is_some_and(u8::is_ascii_lowercase);
    WORDS.find_overlapping_iter(t).any(|m| {
        m.len() > SHORT
            || !(lower(m.start().checked_sub(1).and_then(|i| t.get(i))) || lower(t.get(m.end())))
    })
}

/// `name:` at the start of a line, the name a letter then letters, digits, `-` or `_`.
fn header_like(t: &[u8]) -> bool {
    t.first().is_some_and(u8::is_ascii_alphabetic)
        && t.iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
            .is_some_and(|at| t[at] == b':')
}

#[cfg(test)]
mod tests {
    use super::is_silent;

    #[test]
    fn lines_of_work_done_are_silent() {
        for line in [
            "2026-11-25T10:00:25Z INFO worker 83 processed batch 50631 in 74 ms\n",
            "2026-11-25T10:01:03Z DEBUG GET /2/users/12/mentions -> 200 (48845 bytes, 570 ms)",
            "queue drained; 17 jobs left, next run at 10:05",
            "took 503 ms",
            "2026-11-25T10:01:03Z DEBUG GET /2/tweets?ids=28 -> 200 (48845 bytes, 570 ms)",
        ] {
            assert!(is_silent(line.as_bytes()), "{line}");
        }
    }

    #[test]
    fn anything_a_reader_could_take_is_read() {
        for line in [
            "429",                                   // curl -w's digits
            "200",                                   // ...whatever they are
            "Server: nginx",                         // a header
            "* Connected to api.x.com",              // curl -v
            "{\"a\":1}",                             // a body
            "got 32 Could not authenticate you",     // an official wording
            "post refused: TooManyRequests",         // a reason, as a class name
            "job: Rate limit exceeded",              // ...
            "Fehlercode 88",                         // a lexicon word in German
            "rejected with #187",                    // a code mark
            "see https://example.test/2/problems/x", // a URI
            "line one\\nHTTP/2 429",                 // an escaped capture
        ] {
            assert!(!is_silent(line.as_bytes()), "{line}");
        }
    }
}
