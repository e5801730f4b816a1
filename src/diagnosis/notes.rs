//! The notes of a diagnosis, each said once, and what the headers beside the rate limits
//! say (access level, request ID, API version, redirect, unreadable dates).

use super::ratelimit::{self, RateLimit};
use crate::util::sanitize::clean;
use std::collections::HashSet;

/// Notes on the headers: what they say beside the limits, a date far from this machine's
/// clock, a reset too far away to wait for.
pub(super) fn about_headers(
    headers: &[(String, String)],
    rate_limit: Option<&RateLimit>,
    notes: &mut Notes,
) {
    header_notes(headers, notes);
    if let Some(note) = rate_limit.and_then(clock_sense) {
        notes.push(note);
    }
    if let Some(far) = rate_limit.and_then(RateLimit::implausible) {
        notes.push(format!(
            "a reset in the headers is {far} s away ({}): no window lasts that long (an epoch in milliseconds, a wrong clock, or a response read days after it came), so it is not waited for",
            ratelimit::human_duration(far)
        ));
    }
}

/// The notes of a diagnosis, each said once: a note that says the same thing about another
/// line is dropped as it comes, so a log with the same message on every line keeps one.
#[derive(Default)]
pub(super) struct Notes {
    pub(super) list: Vec<String>,
    /// What each note says, without the line it is about.
    seen: HashSet<String>,
}

impl Notes {
    /// A note about the whole input.
    pub(super) fn push(&mut self, note: String) {
        if self.seen.insert(note.clone()) {
            self.list.push(note);
        }
    }

    /// A note about one line: `line N: text`, dropped when `text` was said of another line.
    pub(super) fn at(&mut self, line: usize, text: String) {
        let note = format!("line {line}: {text}");
        if self.seen.insert(text) {
            self.list.push(note);
        }
    }
}

/// Waits are measured from the response's `date`: when that is far from this machine's
/// clock (a response pasted days later), say how the reset stands by the clock too.
fn clock_sense(rl: &RateLimit) -> Option<String> {
    if rl.now.from != ratelimit::NowSource::DateHeader {
        return None;
    }
    let clock = jiff::Timestamp::now().as_second();
    let behind = clock.saturating_sub(rl.now.epoch);
    if behind.unsigned_abs() <= 300 {
        return None;
    }
    let reset = match rl.wait_seconds() {
        Some(wait) => rl.now.epoch.saturating_add(wait),
        None => rl.reset?,
    };
    let by_clock = reset.saturating_sub(clock);
    let age = ratelimit::human_duration(behind.abs());
    let when = if behind > 0 { "before" } else { "after" };
    let stands = if by_clock <= 0 {
        "by this machine's clock the reset has passed: a retry now is not early".to_string()
    } else {
        format!(
            "by this machine's clock the reset is in {}",
            ratelimit::human_duration(by_clock)
        )
    };
    Some(format!(
        "the response's date is {age} {when} this machine's clock, and the wait is measured from it; {stands}"
    ))
}

/// What headers beside the limits say: the access level, the request ID to quote to X
/// support, the API build that answered, where a redirect pointed.
fn header_notes(headers: &[(String, String)], notes: &mut Notes) {
    let get = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| clean(v))
    };
    if let Some(v) = get("x-access-level") {
        notes.push(format!("the token's access level (x-access-level) is {v}"));
    }
    if let Some(v) = get("x-transaction-id").or_else(|| get("x-transaction")) {
        notes.push(format!(
            "request ID (x-transaction-id): {v}; quote it, with the time of the call, when you ask X support about this response"
        ));
    }
    if let Some(v) = get("api-version") {
        notes.push(format!("answered by API version {v} (api-version)"));
    }
    if let Some(v) = get("location") {
        notes.push(format!("the response points to {v} (location)"));
    }
    // A header that could not be read is said, not silently replaced.
    if let Some(v) = get("date").filter(|v| ratelimit::parse_http_date(v).is_none()) {
        notes.push(format!(
            "the date header ({v}) is not an HTTP date, so resets are measured from this machine's clock"
        ));
    }
    let unreadable =
        |v: &String| v.trim().parse::<i64>().is_err() && ratelimit::parse_http_date(v).is_none();
    if let Some(v) = get("retry-after").filter(unreadable) {
        notes.push(format!(
            "the retry-after header ({v}) is neither seconds nor an HTTP date, so it is not used"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_about_another_line_that_says_the_same_is_dropped() {
        let mut notes = Notes::default();
        notes.at(3, "a body there is cut short".to_string());
        notes.at(9, "a body there is cut short".to_string());
        notes.at(9, "something else".to_string());
        notes.push("about the whole input".to_string());
        notes.push("about the whole input".to_string());
        assert_eq!(
            notes.list,
            [
                "line 3: a body there is cut short",
                "line 9: something else",
                "about the whole input"
            ]
        );
    }

    #[test]
    fn headers_beside_the_limits_are_noted() {
        let headers = vec![
            ("x-access-level".to_string(), "read".to_string()),
            ("x-transaction-id".to_string(), "abc123".to_string()),
            ("date".to_string(), "not a date".to_string()),
        ];
        let mut notes = Notes::default();
        about_headers(&headers, None, &mut notes);
        let text = notes.list.join("\n");
        assert!(
            text.contains("access level (x-access-level) is read"),
            "{text}"
        );
        assert!(
            text.contains("request ID (x-transaction-id): abc123"),
            "{text}"
        );
        assert!(
            text.contains("the date header (not a date) is not an HTTP date"),
            "{text}"
        );
    }
}
