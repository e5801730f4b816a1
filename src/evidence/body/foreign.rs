//! Another API's body: its words and numbers mean nothing in these tables, so a body of
//! that shape is said to be another API's, and only its HTTP status and headers apply.

use super::members::Members;
use serde_json::{Map, Value};

/// Why a body is another API's, if it is: it has none of the Twitter/X API's members and
/// either links to another host (GitHub's `{"message": ..., "documentation_url": ...}`)
/// or is the envelope of an API that answers `{"ok": false, ...}` (Telegram's and Slack's,
/// whose `error_code` is theirs, not an API error code of X).
pub(super) fn foreign(value: &Value) -> Option<String> {
    let Value::Object(map) = value else {
        return None;
    };
    let twitter_shape = ["errors", "type", "title", "code"]
        .iter()
        .any(|k| map.has(k));
    if twitter_shape {
        return None;
    }
    if map.member("ok").is_some_and(Value::is_boolean) {
        let members: Vec<String> = map.keys().take(3).map(|k| format!("`{k}`")).collect();
        let members = crate::util::sanitize::clean(&members.join(", "));
        return Some(format!("its members {members} are another API's envelope"));
    }
    if !map.has("message") && !map.has("error") {
        return None;
    }
    let host = foreign_host(map)?;
    Some(format!(
        "it points to {}",
        crate::util::sanitize::clean(&host)
    ))
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
