//! Errors explained by more than a code's or a type's entry: the rows of
//! `data/conditions.toml` (an OAuth 2.0 token endpoint's error, a client library's own
//! error), the dated cases of a problem type told apart by their detail, and the code 131
//! that twitter-api-v2 makes up for a body's bare `error` text.

use super::notes::Notes;
use super::present::Present;
use super::reports::{condition_report, unlisted, words_report};
use super::{ErrorReport, StatusReport};
use crate::catalog;
use crate::evidence::Seen;
use crate::util::sanitize::clean;

/// An error's words as the input gave them: its text, and where a body had them, its
/// OAuth 2.0 `error` identifier and its legacy `request` member.
pub(super) struct Said<'a> {
    pub(super) text: &'a str,
    pub(super) oauth_error: Option<&'a str>,
    pub(super) request: Option<&'a str>,
}

/// An error given by its words: an OAuth 2.0 error that `data/conditions.toml` explains,
/// else the entry whose official wording the words are.
pub(super) fn message_report(
    said: Said,
    seen: Seen,
    status: Option<&StatusReport>,
    present: &Present,
    notes: &mut Notes,
) -> Option<ErrorReport> {
    let condition = said
        .oauth_error
        .and_then(|error| catalog::oauth_condition(error, said.text));
    let mut r = match condition {
        Some(entry) => condition_report(entry, clean(said.text), seen, status),
        None => words_report(said.text, seen, status, present, notes)?,
    };
    r.oauth_error = said.oauth_error.map(clean);
    if let Some(path) = said.request {
        notes.push(format!("the failed request was {}", clean(path)));
    }
    Some(r)
}

/// Code 131 with words that are not 131's: twitter-api-v2 turns a body's bare `error` text
/// into `errors: [{code: 131, message}]`, so the API sent no code; the words and the status
/// explain it, and a note says so.
pub(super) fn rewritten_131(
    text: &str,
    seen: Seen,
    status: Option<&StatusReport>,
    present: &Present,
    notes: &mut Notes,
) -> ErrorReport {
    notes.at(
        seen.line,
        "code 131 with words that are not 131's: twitter-api-v2 gives a body's bare `error` text ({\"error\":\"...\"}) the code 131 of its own, so the API sent no code here; the words and the status explain it".to_string(),
    );
    let said = Said {
        text,
        oauth_error: None,
        request: None,
    };
    message_report(said, seen, status, present, notes)
        .unwrap_or_else(|| unlisted(None, Some(clean(text)), seen, status))
}
