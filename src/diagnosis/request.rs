//! The request that failed, joined with the endpoint table, and the advice that names it:
//! the v2 move and the user's own library method for a v1.1 call refused for its access
//! level, the auth an endpoint accepts against the auth the request carried, which
//! window of which endpoint ran out, and whether the clock is off for a signature error.
//! Where the text does not show the request, nothing is guessed: there is no report.

use crate::catalog::endpoints;
use crate::catalog::{Auth, EndpointEntry, Per};
use crate::diagnosis::ratelimit::{self, RateLimit, WindowKind};
use crate::diagnosis::{ErrorReport, StatusReport};
use crate::evidence::{Evidence, Finding, Seen};
use crate::util::sanitize::clean;
use serde::Serialize;

/// What the input shows of the request. Serialised as the diagnosis's `request`.
#[derive(Debug, Clone, Serialize)]
pub struct RequestReport {
    pub method: Option<String>,
    /// The path as seen, without its query (which may carry credentials).
    pub path: Option<String>,
    pub host: Option<String>,
    /// `1.1`, `2`, `labs`, `ads`, `oauth`.
    pub api: Option<&'static str>,
    /// The row of the endpoint table the request is.
    pub endpoint: Option<&'static EndpointEntry>,
    pub library: Option<LibraryReport>,
    /// The auth the request carried: `oauth1-user`, `oauth2-app`, `oauth2-user`.
    pub auth_used: Option<Auth>,
    pub seen: Seen,
    /// When the endpoint is known only from a library method the text names: that method.
    pub implied_by: Option<String>,
    /// Advice that names this request; empty when the errors need none.
    pub advice: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LibraryReport {
    pub name: &'static str,
    pub version: Option<String>,
    /// The library method the text shows being called, as the table writes it.
    pub method: Option<&'static str>,
}

/// The request report of a diagnosis, with its advice. `anchor` is the line of the first
/// error or status: the request nearest before it is the one that failed.
pub fn report(
    evidence: &[Evidence],
    status: Option<&StatusReport>,
    errors: &[ErrorReport],
    rate_limit: Option<&RateLimit>,
) -> Option<RequestReport> {
    let anchor = errors
        .iter()
        .map(|e| e.seen.line)
        .chain(status.and_then(|s| s.seen).map(|s| s.line))
        .min()
        .unwrap_or(usize::MAX);
    let nearest = |pick: &dyn Fn(&Finding) -> bool| {
        nearest_to(
            evidence
                .iter()
                .filter(|e| pick(&e.finding))
                .map(|e| (e, e.seen.line)),
            anchor,
        )
    };
    let library = library(evidence);
    let auth_used = nearest(&|f| matches!(f, Finding::Auth { .. })).and_then(|e| match e.finding {
        Finding::Auth { scheme } => Some(scheme),
        _ => None,
    });
    let call = call(evidence, library.as_ref().map(|l| l.name), anchor);
    let request = nearest(&|f| {
        matches!(f, Finding::Request { .. })
            || matches!(
                f,
                Finding::Message {
                    request: Some(_),
                    ..
                }
            )
    });
    let mut report = match request {
        Some(e) => from_request(e, call.map(|(row, _, _)| row)),
        None => {
            let (row, method, seen) = call?;
            RequestReport {
                method: Some(row.method.to_string()),
                path: None,
                host: None,
                api: endpoints::api_of(None, row.path),
                endpoint: Some(row),
                library: None,
                auth_used: None,
                seen,
                implied_by: Some(method.to_string()),
                advice: Vec::new(),
            }
        }
    };
    report.auth_used = auth_used;
    report.library = library.map(|mut l| {
        l.method = call.map(|(_, method, _)| method);
        l
    });
    report.advice = advice(&report, status, errors, rate_limit);
    Some(report)
}

/// A request finding (or a legacy body's `request` member), matched with the table; a
/// library call that names the same path lends its method when the text showed none.
fn from_request(e: &Evidence, called: Option<&'static EndpointEntry>) -> RequestReport {
    let (method, target, host) = match &e.finding {
        Finding::Request {
            method,
            target,
            host,
        } => (method.clone(), target.as_str(), host.clone()),
        Finding::Message {
            request: Some(path),
            ..
        } => (None, path.as_str(), None),
        _ => (None, "", None),
    };
    let path = target.split(['?', '#']).next().unwrap_or("");
    let normalized = endpoints::normalize(path);
    // A library call that names the same path tells the row apart when the text shows no
    // method; `method` itself stays what the text shows.
    let lent = called
        .filter(|row| {
            endpoints::matching(Some(row.method), path).is_some_and(|m| m.path == row.path)
        })
        .map(|row| row.method);
    // A path the table knows under one other method is still that endpoint: the advice
    // then says the method differs.
    let row = endpoints::matching(method.as_deref().or(lent), path).or_else(|| {
        match endpoints::all_matching(None, path).as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    });
    RequestReport {
        method,
        path: Some(clean(path)),
        api: endpoints::api_of(host.as_deref(), &normalized),
        host: host.map(|h| clean(&h)),
        endpoint: row,
        library: None,
        auth_used: None,
        seen: e.seen,
        implied_by: None,
        advice: Vec::new(),
    }
}

/// The library the text shows: the last one named, with a version where any sighting of
/// the same library gives one.
fn library(evidence: &[Evidence]) -> Option<LibraryReport> {
    let named: Vec<(&'static str, Option<&String>)> = evidence
        .iter()
        .filter_map(|e| match &e.finding {
            Finding::Library { name, version } => Some((*name, version.as_ref())),
            _ => None,
        })
        .collect();
    let name = named.last()?.0;
    // A full version (4.14.0) says more than a major one (4.x).
    let version = named
        .iter()
        .filter(|(n, _)| *n == name)
        .filter_map(|(_, v)| *v)
        .max_by_key(|v| !v.ends_with(".x"))
        .cloned();
    Some(LibraryReport {
        name,
        version,
        method: None,
    })
}

/// The library method called nearest before `anchor` that the endpoint table knows, with
/// its row and where it was seen. A method seen with no library is looked up in the
/// library the text shows, else in every library.
fn call(
    evidence: &[Evidence],
    library: Option<&'static str>,
    anchor: usize,
) -> Option<(&'static EndpointEntry, &'static str, Seen)> {
    const LIBRARIES: &[&str] = &[
        "tweepy",
        "twitter-api-v2",
        "twython",
        "twitter (Ruby)",
        "Twitter4J",
    ];
    let resolved = evidence.iter().filter_map(|e| {
        let Finding::Call {
            library: seen_in,
            method,
        } = &e.finding
        else {
            return None;
        };
        let candidates: Vec<&str> = match (seen_in, library) {
            (Some(l), _) => vec![*l],
            (None, Some(l)) => vec![l],
            (None, None) => LIBRARIES.to_vec(),
        };
        candidates
            .iter()
            .find_map(|l| endpoints::by_library_method(l, method))
            .map(|(row, name)| (row, name, e.seen))
    });
    nearest_to(resolved.map(|r| (r, r.2.line)), anchor)
}

/// Of things seen on lines, the last one at or before `anchor` (the error's line), else
/// the first: the one that goes with the error.
fn nearest_to<T: Copy>(items: impl Iterator<Item = (T, usize)>, anchor: usize) -> Option<T> {
    let mut first = None;
    let mut before = None;
    for (item, line) in items {
        first.get_or_insert(item);
        if line <= anchor {
            before = Some(item);
        }
    }
    before.or(first)
}

/// The advice that names the request, for the errors it got.
fn advice(
    r: &RequestReport,
    status: Option<&StatusReport>,
    errors: &[ErrorReport],
    rate_limit: Option<&RateLimit>,
) -> Vec<String> {
    let codes: Vec<u64> = errors
        .iter()
        .filter_map(|e| e.code.or(e.matched_code))
        .collect();
    let problems: Vec<&str> = errors
        .iter()
        .filter_map(|e| {
            e.problem
                .as_ref()
                .map(|p| p.name.as_str())
                .or(e.matched_type)
        })
        .collect();
    let status = status.map(|s| s.code);
    let mut out = Vec::new();
    if status == Some(401) && r.auth_used == Some(Auth::OAuth2User) {
        out.push(OAUTH2_EXPIRY.to_string());
    }
    let Some(e) = &r.endpoint else {
        return out;
    };
    let call = format!("{} {}", e.method, e.path);
    if let Some(m) = r
        .method
        .as_deref()
        .filter(|m| !m.eq_ignore_ascii_case(e.method))
    {
        out.push(format!(
            "the request was {m}, but {} takes {}: a wrong method is answered with an error of its own",
            e.path, e.method
        ));
    }
    let refused_for_access = codes.contains(&453)
        || problems
            .iter()
            .any(|p| matches!(*p, "client-forbidden" | "oauth1-permissions"));
    if e.path.starts_with("/1.1/") && refused_for_access {
        out.push(v2_move(r, e, &call));
    }
    let auth_problem = problems.contains(&"unsupported-authentication")
        || (matches!(status, Some(401 | 403)) && r.auth_used.is_some_and(|a| !e.auth.contains(&a)));
    if auth_problem {
        out.push(auth_advice(r, e, &call));
    }
    let refused = status == Some(403) || errors.iter().any(|x| x.documented_status == Some(403));
    if refused && !errors.iter().any(explained_apart) {
        out.extend(
            e.notes
                .iter()
                .map(|n| format!("{call}: {} ({})", n.text, n.source)),
        );
    }
    if status == Some(429) || codes.contains(&88) {
        out.push(window_advice(r, &call, rate_limit));
        // The live headers win: the table speaks only when they give no limit.
        if rate_limit.is_none_or(|rl| rl.limit.is_none()) {
            out.extend(documented_limit(r, e, &call));
        }
    }
    out
}

/// A 401 with an OAuth 2.0 user token: the usual cause is its lifetime.
const OAUTH2_EXPIRY: &str = "the request carried an OAuth 2.0 user access token: one from the authorization code flow with PKCE is valid for two hours. Refresh it (POST /2/oauth2/token with grant_type=refresh_token) and retry with the new token; a refresh token is issued only when the authorization asked for the offline.access scope, so without it the user must authorize again (https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code).";

/// Whether an error has a cause of its own in the tables (a code such as 187, a problem
/// type other than about:blank, a dated case): then an endpoint's notes are not the cause.
fn explained_apart(e: &ErrorReport) -> bool {
    let specific_type = |name: &str| name != "about:blank";
    e.case.is_some()
        || (e.known && e.fallback.is_none() && (e.code.is_some() || e.matched_code.is_some()))
        || e.problem.as_ref().is_some_and(|p| specific_type(&p.name))
        || e.matched_type.is_some_and(specific_type)
}

/// "GET /2/tweets/search/recent's documented limit is 300 per 15 minutes per user ...":
/// for the auth the text shows, both counts when it shows none.
fn documented_limit(r: &RequestReport, e: &EndpointEntry, call: &str) -> Option<String> {
    let per = |p: Per| endpoints::limits_for(e, p);
    let said = match r.auth_used {
        Some(Auth::OAuth2App) => match per(Per::App) {
            Some(app) => format!("{app} per app (the app-only bearer token this request carried)"),
            None => "no count for app-only tokens (it takes user context)".to_string(),
        },
        Some(_) => match per(Per::User) {
            Some(user) => format!("{user} per user (the user-context auth this request carried)"),
            None => "no count per user (it takes an app-only bearer token)".to_string(),
        },
        None => match (per(Per::App), per(Per::User)) {
            (Some(app), Some(user)) => format!(
                "{app} per app with an app-only bearer token, {user} per user with user-context auth"
            ),
            (Some(app), None) => format!("{app} per app"),
            (None, Some(user)) => format!("{user} per user"),
            (None, None) => return None,
        },
    };
    Some(format!(
        "{call}'s documented limit is {said} ({}, as of {}); the x-rate-limit-* headers of a response give the live count and the reset.",
        e.limits_source.unwrap_or(""),
        e.limits_as_of.unwrap_or("")
    ))
}

/// "POST /1.1/statuses/update is v1.1; X's move is POST /2/tweets: in tweepy call
/// Client.create_tweet instead of API.update_status."
fn v2_move(r: &RequestReport, e: &EndpointEntry, call: &str) -> String {
    let Some(v2) = endpoints::v2_of(e) else {
        return format!(
            "{call} is a v1.1 endpoint that X lists with no v2 move; what it did is no longer offered to this app"
        );
    };
    let instead = match &r.library {
        Some(lib) => {
            let new = methods_of(v2, lib.name);
            let old = lib
                .method
                .map(|m| format!(" instead of {m}"))
                .unwrap_or_default();
            // tweepy's Client came with tweepy 4.
            let upgrade = if lib.name == "tweepy"
                && lib.version.as_deref().is_some_and(|v| v.starts_with('3'))
            {
                " (tweepy 4 or later: upgrade first)"
            } else {
                ""
            };
            match new {
                Some(m) => format!(": in {}, call {m}{old}{upgrade}", lib.name),
                None => format!(
                    " ({} has no method for it in the table: call the endpoint directly)",
                    lib.name
                ),
            }
        }
        None => {
            let all: Vec<String> = v2
                .methods
                .iter()
                .map(|(lib, names)| format!("{lib} {}", names[0]))
                .collect();
            if all.is_empty() {
                String::new()
            } else {
                format!(" (in the libraries: {})", all.join(", "))
            }
        }
    };
    format!(
        "{call} is v1.1, which this app's access does not include; X's move is {} {}{instead}. It accepts {}.",
        v2.method,
        v2.path,
        accepted(v2.auth, v2.scopes)
    )
}

fn methods_of(row: &EndpointEntry, library: &str) -> Option<&'static str> {
    row.methods
        .iter()
        .find(|(lib, _)| *lib == library)
        .map(|(_, names)| names[0])
}

/// Which auth the endpoint accepts, and what the request carried.
fn auth_advice(r: &RequestReport, e: &EndpointEntry, call: &str) -> String {
    let carried = match r.auth_used {
        Some(a) if !e.auth.contains(&a) => format!(
            "; the request carried an {}, which it does not accept",
            endpoints::auth_label(a)
        ),
        Some(a) => format!(
            "; the request carried an {}, which it accepts: check the token's permissions and scopes",
            endpoints::auth_label(a)
        ),
        None => ": sign the request with one of them".to_string(),
    };
    format!("{call} accepts {}{carried}.", accepted(e.auth, e.scopes))
}

fn accepted(auth: &[Auth], scopes: &[&str]) -> String {
    let kinds: Vec<String> = auth
        .iter()
        .map(|a| {
            if *a == Auth::OAuth2User && !scopes.is_empty() {
                format!(
                    "{} (scopes {})",
                    endpoints::auth_label(*a),
                    scopes.join(" ")
                )
            } else {
                endpoints::auth_label(*a).to_string()
            }
        })
        .collect();
    match kinds.as_slice() {
        [one] => format!("{one} only"),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        [] => "no auth".to_string(),
    }
}

/// Which limit of which endpoint ran out, from the headers.
fn window_advice(r: &RequestReport, call: &str, rate_limit: Option<&RateLimit>) -> String {
    let counted = match r.auth_used {
        Some(Auth::OAuth2App) => ", counted per app (an app-only bearer token)",
        Some(_) => ", counted per user (user-context auth)",
        None => "",
    };
    let out: Vec<WindowKind> = rate_limit
        .map(|rl| {
            rl.windows
                .iter()
                .filter(|w| w.remaining == Some(0))
                .map(|w| w.window)
                .collect()
        })
        .unwrap_or_default();
    let which = match (
        out.contains(&WindowKind::App24Hour),
        out.contains(&WindowKind::User24Hour),
        out.contains(&WindowKind::Endpoint),
    ) {
        (true, _, _) => {
            "the app's 24-hour limit (x-app-limit-24hour) ran out, not the endpoint's window"
                .to_string()
        }
        (_, true, _) => {
            "the user's 24-hour limit (x-user-limit-24hour) ran out, not the endpoint's window"
                .to_string()
        }
        (_, _, true) => format!("its 15-minute window (x-rate-limit-*) ran out{counted}"),
        _ if rate_limit.is_none() => {
            format!(
                "the text holds no rate-limit header, so which window ran out is not shown{counted}"
            )
        }
        _ => format!("the headers do not show which window ran out{counted}"),
    };
    format!("the limit hit is {call}'s: {which}; other endpoints have windows of their own.")
}

/// For a signature or token error (32, 135, 89): how this machine's clock stands against
/// the server's `date`. `now` is `--now` (standing for this machine's clock) or the clock.
pub fn clock_skew(
    errors: &[ErrorReport],
    headers: &[(String, String)],
    now: Option<i64>,
) -> Option<String> {
    const AUTH_CODES: &[u64] = &[32, 89, 135];
    let code = errors
        .iter()
        .filter_map(|e| e.code.or(e.matched_code))
        .find(|c| AUTH_CODES.contains(c))?;
    let date = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("date"))
        .and_then(|(_, v)| ratelimit::parse_http_date(v))?;
    let clock = now.unwrap_or_else(|| jiff::Timestamp::now().as_second());
    let ahead = date.saturating_sub(clock);
    let off = ahead.unsigned_abs();
    let (side, moot) = if ahead > 0 {
        ("behind", "after")
    } else {
        ("ahead of", "before")
    };
    Some(if off > 3600 {
        format!(
            "code {code}: the response's date is {} {moot} this machine's clock: too far apart to be clock skew (a response read long after it came?), so comparing the clocks says nothing; send the request again and compare then",
            ratelimit::human_duration(off as i64)
        )
    } else if off >= 30 {
        format!(
            "code {code}: this machine's clock is {off} s {side} the server's (its date header); OAuth 1.0a signatures carry a timestamp that X refuses when it is too far off{}: set the clock (NTP) and sign again",
            if code == 135 {
                ", which is what 135 says"
            } else {
                ""
            }
        )
    } else {
        format!(
            "code {code}: this machine's clock and the server's agree within {off} s, so the timestamp is not the cause"
        )
    })
}

/// An endpoint row as `twerr endpoint --json` prints it: the row, its library methods by
/// library, and its v2 move (or the v1.1 rows that move to it).
pub fn endpoint_json(row: &EndpointEntry) -> serde_json::Value {
    let methods: serde_json::Map<String, serde_json::Value> = row
        .methods
        .iter()
        .map(|(lib, names)| ((*lib).to_string(), serde_json::json!(names)))
        .collect();
    let from_v1: Vec<String> = endpoints::moving_to(row)
        .iter()
        .map(|e| format!("{} {}", e.method, e.path))
        .collect();
    serde_json::json!({
        "method": row.method,
        "path": row.path,
        "what": row.what,
        "operation": row.operation,
        "tag": row.tag,
        "api": endpoints::api_of(None, row.path),
        "auth": row.auth,
        "scopes": row.scopes,
        "limits": row.limits,
        "limits_as_of": row.limits_as_of,
        "limits_source": row.limits_source,
        "notes": row.notes,
        "v2": row.v2,
        "from_v1": from_v1,
        "methods": methods,
        "source": row.source,
    })
}

/// How an endpoint's accepted auth reads: "OAuth 1.0a user context only", "... or ...".
pub fn accepted_auth(row: &EndpointEntry) -> String {
    accepted(row.auth, row.scopes)
}
