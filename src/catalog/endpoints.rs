//! The endpoint table (`data/endpoints.toml`) and how a request's path is matched against
//! it: host, query and `.json` taken off, values (IDs, names) matched by the table's
//! `:name` segments, the most literal row winning (`/2/users/me` before `/2/users/:id`).

use crate::catalog::{Auth, ENDPOINTS, EndpointEntry, Per};

/// The API a path belongs to, by its first segment or its host.
pub fn api_of(host: Option<&str>, path: &str) -> Option<&'static str> {
    let host = host.unwrap_or("");
    if host.starts_with("ads-api.") {
        return Some("ads");
    }
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    match first {
        "1.1" | "1" => Some("1.1"),
        "2" => Some("2"),
        "labs" => Some("labs"),
        "oauth" | "oauth2" => Some("oauth"),
        _ => None,
    }
}

/// `path` as the table writes it: no scheme and host, query, fragment or `.json`; numeric
/// segments (IDs) as `:id`.
pub fn normalize(path: &str) -> String {
    let path = match path.find("://") {
        Some(at) => {
            let rest = &path[at + 3..];
            rest.find('/').map_or("/", |slash| &rest[slash..])
        }
        None => path,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix(".json").unwrap_or(path);
    // The first segment is the version (`2`, `1.1`), not a value.
    let segments: Vec<&str> = path
        .split('/')
        .enumerate()
        .map(|(i, s)| {
            if i > 1 && !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                ":id"
            } else {
                s
            }
        })
        .collect();
    let joined = segments.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

/// The row a request matches: the same method (when known) and a path whose literal
/// segments are the row's. A path one value short (`/1.1/statuses/show.json?id=1`) matches
/// a row ending in a value. With no method, a path that two methods share names no row.
pub fn matching(method: Option<&str>, path: &str) -> Option<&'static EndpointEntry> {
    match all_matching(method, path).as_slice() {
        [one] => Some(one),
        // The same path under two methods: only a method can tell them apart.
        _ => None,
    }
}

/// Every row a request may be: the most literal matches, under every method when `method`
/// is `None`.
pub fn all_matching(method: Option<&str>, path: &str) -> Vec<&'static EndpointEntry> {
    let path = normalize(path);
    let given: Vec<&str> = path.split('/').collect();
    let mut best: Vec<(usize, &'static EndpointEntry)> = Vec::new();
    for e in ENDPOINTS {
        if method.is_some_and(|m| !m.eq_ignore_ascii_case(e.method)) {
            continue;
        }
        if let Some(literal) = fits(&given, e.path) {
            best.push((literal, e));
        }
    }
    let Some(top) = best.iter().map(|(l, _)| *l).max() else {
        return Vec::new();
    };
    best.into_iter()
        .filter(|(l, _)| *l == top)
        .map(|(_, e)| e)
        .collect()
}

/// The rows a library method calls, in any library (`update_status`, `v2.tweet`).
pub fn by_any_library_method(name: &str) -> Vec<(&'static EndpointEntry, &'static str)> {
    let mut rows = Vec::new();
    for e in ENDPOINTS {
        for (_, names) in e.methods {
            if let Some(n) = names.iter().find(|n| is_named(n, name))
                && !rows
                    .iter()
                    .any(|(r, _): &(&EndpointEntry, &str)| std::ptr::eq(*r, e))
            {
                rows.push((e, *n));
            }
        }
    }
    rows
}

/// Whether the table's method `written` (`API.update_status`, `v2.tweet`) is `name`,
/// given whole or without its class or client prefix.
fn is_named(written: &str, name: &str) -> bool {
    written == name || written.rsplit('.').next() == Some(name)
}

/// The v1.1 rows that move to `v2`.
pub fn moving_to(v2: &EndpointEntry) -> Vec<&'static EndpointEntry> {
    ENDPOINTS
        .iter()
        .filter(|e| v2_of(e).is_some_and(|row| std::ptr::eq(row, v2)))
        .collect()
}

/// How well the path's segments match `pattern`, if they do: by its literal segments, and
/// a whole match before one that is a value short.
fn fits(given: &[&str], pattern: &str) -> Option<usize> {
    let want: Vec<&str> = pattern.split('/').collect();
    let short = want.len() == given.len() + 1 && want.last().is_some_and(|w| w.starts_with(':'));
    let want = if short {
        &want[..given.len()]
    } else {
        &want[..]
    };
    if want.len() != given.len() {
        return None;
    }
    let mut literal = 0;
    for (w, g) in want.iter().zip(given) {
        if w.starts_with(':') {
            if g.is_empty() {
                return None;
            }
        } else if w == g {
            literal += 1;
        } else {
            return None;
        }
    }
    Some(literal * 2 + usize::from(!short))
}

/// The row whose `library` method is `name` (`update_status`, `API.update_status`,
/// `v1.tweet`), and the method as the table writes it.
pub fn by_library_method(
    library: &str,
    name: &str,
) -> Option<(&'static EndpointEntry, &'static str)> {
    ENDPOINTS.iter().find_map(|e| {
        e.methods
            .iter()
            .filter(|(lib, _)| *lib == library)
            .flat_map(|(_, names)| names.iter())
            .find(|n| is_named(n, name))
            .map(|n| (e, *n))
    })
}

/// The v2 row a v1.1 row moves to.
pub fn v2_of(e: &EndpointEntry) -> Option<&'static EndpointEntry> {
    e.v2_row.map(|i| &ENDPOINTS[i])
}

/// A window as people say it: "15 minutes", "24 hours", "second".
pub fn window_label(seconds: u32) -> String {
    match seconds {
        1 => "second".to_string(),
        900 => "15 minutes".to_string(),
        86400 => "24 hours".to_string(),
        s => format!("{s} s"),
    }
}

/// The documented limits counted `per` app or user, as "450 per 15 minutes", joined
/// with "and"; `None` when the page gives none for it.
pub fn limits_for(row: &EndpointEntry, per: Per) -> Option<String> {
    let parts: Vec<String> = row
        .limits
        .iter()
        .filter(|l| l.per == per)
        .map(|l| format!("{} per {}", l.requests, window_label(l.window_seconds)))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" and "))
}

/// Every documented limit of the row: "450 per 15 minutes per app; 300 per 15 minutes per
/// user", or `None` when the page lists the endpoint with none.
pub fn limits_text(row: &EndpointEntry) -> Option<String> {
    let parts: Vec<String> = Per::ALL
        .iter()
        .filter_map(|per| limits_for(row, *per).map(|l| format!("{l} per {}", per.key())))
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// How an auth kind is named for people.
pub fn auth_label(kind: Auth) -> &'static str {
    match kind {
        Auth::OAuth1User => "OAuth 1.0a user context",
        Auth::OAuth2App => "OAuth 2.0 app-only bearer token",
        Auth::OAuth2User => "OAuth 2.0 user context",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised() {
        assert_eq!(
            normalize("https://api.twitter.com/1.1/statuses/update.json?status=hi"),
            "/1.1/statuses/update"
        );
        assert_eq!(
            normalize("/2/users/2244994945/tweets/"),
            "/2/users/:id/tweets"
        );
        assert_eq!(
            normalize("1.1/statuses/show/20.json"),
            "/1.1/statuses/show/:id"
        );
    }

    #[test]
    fn requests_match_the_most_literal_row() {
        let m = |method, path| matching(method, path).map(|e| (e.method, e.path));
        assert_eq!(
            m(Some("POST"), "/1.1/statuses/update.json"),
            Some(("POST", "/1.1/statuses/update"))
        );
        assert_eq!(
            m(Some("GET"), "/1.1/statuses/show.json?id=20"),
            Some(("GET", "/1.1/statuses/show/:id"))
        );
        assert_eq!(
            m(Some("GET"), "/1.1/statuses/show/20.json"),
            Some(("GET", "/1.1/statuses/show/:id"))
        );
        assert_eq!(
            m(Some("GET"), "https://api.x.com/2/users/me"),
            Some(("GET", "/2/users/me"))
        );
        assert_eq!(m(Some("GET"), "/2/users/12"), Some(("GET", "/2/users/:id")));
        assert_eq!(m(None, "/2/tweets"), None, "GET and POST share it");
        let both: Vec<&str> = all_matching(None, "/2/tweets")
            .iter()
            .map(|e| e.method)
            .collect();
        assert_eq!(both, ["GET", "POST"], "not /2/tweets/:id");
        assert_eq!(
            m(None, "/1.1/statuses/update.json"),
            Some(("POST", "/1.1/statuses/update"))
        );
        assert_eq!(m(Some("GET"), "/1.1/statuses/update.json"), None);
        assert_eq!(m(Some("GET"), "/2/nothing/here"), None);
    }

    #[test]
    fn library_methods_and_v2_moves() {
        let (e, name) = by_library_method("tweepy", "update_status").unwrap();
        assert_eq!(
            (e.path, name),
            ("/1.1/statuses/update", "API.update_status")
        );
        assert_eq!(v2_of(e).map(|v| v.path), Some("/2/tweets"));
        let (e, _) = by_library_method("tweepy", "search").unwrap();
        assert_eq!(e.path, "/1.1/search/tweets", "tweepy 3's name");
        let (e, _) = by_library_method("twitter-api-v2", "v2.tweet").unwrap();
        assert_eq!((e.method, e.path), ("POST", "/2/tweets"));
        assert!(by_library_method("tweepy", "no_such_method").is_none());
    }
}
