//! Another API's body: its words and numbers mean nothing in these tables, so a body of
//! that shape is said to be another API's, and only its HTTP status and headers apply.

use super::members::Members;
use crate::catalog::envelopes::{Cond, ENVELOPES, Test};
use serde_json::{Map, Value};

/// Another API's body: why it is (the API named, or the host it links to) and the HTTP
/// status its own member holds, where one does.
pub(super) struct Foreign {
    pub why: String,
    pub status: Option<u16>,
}

/// Whether a body is another API's: it has none of the Twitter/X API's top members and
/// either has the shape of an API of `data/envelopes.toml` (Google's, Facebook's,
/// Discord's, Telegram's...) or links to another host (GitHub's `{"message": ...,
/// "documentation_url": ...}`).
pub(super) fn foreign(value: &Value) -> Option<Foreign> {
    let Value::Object(map) = value else {
        return None;
    };
    if ["errors", "type", "title"].iter().any(|k| map.has(k)) {
        return None;
    }
    if let Some(envelope) = ENVELOPES.iter().find(|e| {
        e.when
            .iter()
            .any(|sign| sign.iter().all(|c| holds(value, c)))
    }) {
        let status = envelope
            .status
            .and_then(|path| at(value, path))
            .and_then(Value::as_u64)
            .and_then(|n| u16::try_from(n).ok())
            .filter(|n| (100..=599).contains(n));
        let why = format!("it is the error body of {}", envelope.api);
        return Some(Foreign { why, status });
    }
    if !map.has("message") && !map.has("error") || map.has("code") {
        return None;
    }
    let host = foreign_host(map)?;
    let why = format!("it points to {}", crate::util::sanitize::clean(&host));
    Some(Foreign { why, status: None })
}

/// The member at `path`, objects within objects.
fn at<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, key| v.member(key))
}

fn holds(value: &Value, c: &Cond) -> bool {
    let Some(v) = at(value, c.path) else {
        return false;
    };
    let text = v.as_str().unwrap_or("");
    match c.test {
        Test::Present => true,
        Test::False => *v == Value::Bool(false),
        Test::EndsWith(end) => text.ends_with(end),
        Test::UpperSnake => {
            !text.is_empty() && text.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
        }
        Test::CamelWord => {
            text.starts_with(|c: char| c.is_ascii_uppercase())
                && text.bytes().all(|b| b.is_ascii_alphanumeric())
                && text.bytes().any(|b| b.is_ascii_lowercase())
        }
        Test::AtLeast(n) => v.as_u64().is_some_and(|v| v >= n),
    }
}

/// The host of a link in the body that is not the Twitter/X API's own.
fn foreign_host(map: &Map<String, Value>) -> Option<String> {
    map.values().filter_map(Value::as_str).find_map(|v| {
        let rest = v
            .strip_prefix("https://")
            .or_else(|| v.strip_prefix("http://"))?;
        let host = rest
            .split(['/', '?', '#', ':'])
            .next()?
            .to_ascii_lowercase();
        let own = ["twitter.com", "x.com", "twimg.com", "t.co"]
            .iter()
            .any(|d| host == *d || host.ends_with(&format!(".{d}")));
        (!own && !host.is_empty()).then_some(host)
    })
}
