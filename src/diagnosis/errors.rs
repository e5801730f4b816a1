//! One report per distinct error: a code, a problem, or words, each explained through its
//! table entry or, by the page's fallback rule, through the response's status; repeated
//! sightings folded into one with a count.

use super::conditions::{Said, message_report, rewritten_131};
use super::notes::Notes;
use super::present::Present;
use super::reports::{
    code_report, condition_report, is_wording_of, number_report, problem_report, unlisted,
    words_report,
};
use super::status::ResponseStatuses;
use super::{ErrorReport, StatusReport};
use crate::catalog;
use crate::evidence::{Evidence, Finding, How};
use crate::util::overflow::{self, Overflow};
use crate::util::sanitize::clean;
use std::collections::HashMap;

/// Every error of the response, explained, with the distinct errors past the first
/// [`overflow::MAX_ROWS`] counted in the second value, and notes on unlisted codes and on
/// codes that do not fit their status.
pub(super) fn of_response(
    evidence: &[Evidence],
    status: &Option<StatusReport>,
    other_statuses: &[StatusReport],
    present: &Present,
    notes: &mut Notes,
) -> (Vec<ErrorReport>, Option<Overflow>) {
    let (mut errors, other) = error_reports(evidence, status.as_ref(), present, notes);
    let other_errors = (!other.is_empty()).then_some(other);
    if let Some(o) = &other_errors {
        notes.push(format!(
            "{}{} more distinct errors ({} occurrences) are counted but not shown: only the first {} are",
            if o.distinct_at_least { "at least " } else { "" },
            o.distinct,
            o.occurrences,
            overflow::MAX_ROWS
        ));
    }
    // Statuses given on the command line are the user's, not a response's: with several of
    // them, no code is paired with one silently.
    let given = status
        .as_ref()
        .and_then(|s| s.seen)
        .is_some_and(|s| s.how == How::Argument);
    if given && !other_statuses.is_empty() {
        for e in &mut errors {
            e.consistent = None;
        }
    }
    error_notes(&errors, given, notes);
    (errors, other_errors)
}

/// One report per distinct error, in the order first seen.
fn error_reports(
    evidence: &[Evidence],
    status: Option<&StatusReport>,
    present: &Present,
    notes: &mut Notes,
) -> (Vec<ErrorReport>, Overflow) {
    let statuses = ResponseStatuses::new(evidence, status);
    let mut errors = Merged::default();
    for e in evidence {
        let own_status = statuses.at(e.seen.line);
        let status = own_status.as_deref();
        if let Some(mut r) = report(e, status, present, notes) {
            // An implied status is no response's status, and a code cannot be checked
            // against words that may be its own message.
            match status.filter(|s| s.implied_by.is_none()) {
                Some(s) => {
                    r.response_status = Some(s.code);
                    yield_to_status(&mut r, s);
                }
                None => r.consistent = None,
            }
            errors.add(r);
        }
    }
    (errors.reports, errors.other)
}

/// A problem type's verdict is documented for its own status; an answer with another
/// status whose verdict is more cautious says more: a `streaming-connection` problem
/// (documented with 429, backoff) answered with 409 is a stream with no rules, which no
/// retry can open.
fn yield_to_status(r: &mut ErrorReport, s: &StatusReport) {
    let another = r.problem.is_some() && r.documented_status.is_some_and(|d| d != s.code);
    if another && !(200..300).contains(&s.code) && s.verdict > r.verdict {
        r.verdict = s.verdict;
    }
}

/// The report for one piece of evidence, if it is an error.
fn report(
    e: &Evidence,
    status: Option<&StatusReport>,
    present: &Present,
    notes: &mut Notes,
) -> Option<ErrorReport> {
    match &e.finding {
        Finding::Code {
            code: 131,
            message: Some(text),
        } if !is_wording_of(131, text) => Some(rewritten_131(text, e.seen, status, present, notes)),
        Finding::Code { code, message } => {
            Some(code_report(*code, message.as_deref(), e.seen, status))
        }
        Finding::InvalidCode { raw, message } => {
            notes.at(
                e.seen.line,
                format!(
                    "the error code {} is not a whole number in range, so it cannot be looked up",
                    clean(raw)
                ),
            );
            Some(unlisted(
                None,
                message.as_deref().map(clean),
                e.seen,
                status,
            ))
        }
        Finding::Problem(p) => Some(problem_report(p, e.seen, status)),
        Finding::Condition { entry, text } => {
            Some(condition_report(entry, clean(text), e.seen, status))
        }
        Finding::Message {
            text,
            oauth_error,
            request,
            ..
        } => {
            let said = Said {
                text,
                oauth_error: oauth_error.as_deref(),
                request: request.as_deref(),
            };
            message_report(said, e.seen, status, present, notes)
        }
        Finding::Phrase { text } => words_report(text, e.seen, status, present, notes),
        Finding::Number { number } => Some(number_report(*number, e.seen, status, notes)),
        Finding::Truncated => {
            notes.at(
                e.seen.line,
                "a body there is cut short; only the complete entries before the cut were read"
                    .to_string(),
            );
            None
        }
        Finding::Hint { text } => {
            notes.at(e.seen.line, text.clone());
            None
        }
        Finding::Status { .. }
        | Finding::Header { .. }
        | Finding::Body
        | Finding::ImpliedStatus { .. }
        | Finding::Request { .. }
        | Finding::Auth { .. }
        | Finding::Library { .. }
        | Finding::Call { .. } => None,
    }
}

/// Notes on codes that are not in the tables and on codes that do not fit their status.
fn error_notes(errors: &[ErrorReport], given: bool, notes: &mut Notes) {
    let whose = if given {
        "the status you gave is"
    } else {
        "this response was"
    };
    for e in errors {
        if e.code.is_some() && !e.known {
            match e.fallback {
                Some(_) => notes.push(format!(
                    "code {} is not in the tables; following the page's rule it is explained through HTTP {} (shown above or below)",
                    e.code.unwrap_or_default(),
                    e.response_status.unwrap_or_default()
                )),
                None => notes.push(format!(
                    "code {} is not in the tables and no HTTP status came with it: give one with --status N, or pipe the whole response (curl -i) so the status line is read",
                    e.code.unwrap_or_default()
                )),
            }
        }
        if e.consistent == Some(false) {
            let what = match (e.code, e.matched_code) {
                (Some(c), _) => format!("code {c}"),
                (None, Some(c)) => format!("the message of code {c}"),
                _ => "the error".to_string(),
            };
            notes.push(format!(
                "{what} is documented with HTTP {}, but {whose} HTTP {}",
                e.documented_status.unwrap_or_default(),
                e.response_status.unwrap_or_default()
            ));
        }
    }
}

/// Folds repeated sightings of the same error into one report: a hash map from what makes
/// two sightings the same error to its report, so a log of a million errors is merged in
/// linear time.
#[derive(Default)]
struct Merged {
    reports: Vec<ErrorReport>,
    index: HashMap<MergeKey, usize>,
    /// Distinct errors past [`overflow::MAX_ROWS`].
    other: Overflow,
}

/// Code, type, matched entry, and the message where the entry alone does not identify it.
type MergeKey = (
    Option<u64>,
    Option<String>,
    Option<u64>,
    Option<&'static str>,
    Option<String>,
);

impl Merged {
    fn add(&mut self, r: ErrorReport) {
        let identified =
            r.code.is_some() && r.known || r.matched_code.is_some() || r.matched_type.is_some();
        let key = (
            r.code,
            r.type_uri.clone(),
            r.matched_code,
            r.matched_type,
            (!identified).then(|| catalog::normalize_message(&r.message)),
        );
        match self.index.get(&key) {
            Some(&i) => self.reports[i].occurrences += 1,
            None if self.reports.len() >= overflow::MAX_ROWS => self.other.add(&key, 1),
            None => {
                self.index.insert(key, self.reports.len());
                self.reports.push(r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Fallback, Options, diagnose};
    use crate::evidence::extract;

    fn errors_of(text: &str) -> Vec<super::ErrorReport> {
        diagnose(&extract(text), Options::default()).errors
    }

    #[test]
    fn an_unlisted_code_is_explained_through_the_status() {
        let e =
            errors_of("HTTP/1.1 403 Forbidden\n\n{\"errors\":[{\"code\":9999,\"message\":\"x\"}]}");
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].code, e[0].known), (Some(9999), false));
        assert_eq!(e[0].fallback, Some(Fallback::Status));
        assert_eq!(e[0].response_status, Some(403));
    }

    #[test]
    fn a_code_that_does_not_fit_its_status_is_marked() {
        let e = errors_of(
            "HTTP/1.1 500 Internal Server Error\n\n{\"errors\":[{\"code\":187,\"message\":\"Status is a duplicate.\"}]}",
        );
        assert_eq!(e[0].documented_status, Some(403));
        assert_eq!(e[0].consistent, Some(false));
    }

    #[test]
    fn the_same_error_seen_again_is_one_report_with_a_count() {
        let line = "{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}\n";
        let e = errors_of(&line.repeat(3));
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].occurrences, 3);
    }

    #[test]
    fn words_of_an_entry_name_it_without_inventing_its_number() {
        let e = errors_of("error: Status is a duplicate.\n");
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].code, e[0].matched_code), (None, Some(187)));
    }
}

#[cfg(test)]
mod detail_tests {
    use super::super::{Options, diagnose};
    use crate::evidence::{How, extract};

    #[test]
    fn a_problems_detail_sentence_alone_names_it_and_implies_its_status() {
        let text = "Error: Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context].";
        let d = diagnose(&extract(text), Options::default());
        assert_eq!(d.errors.len(), 1);
        assert_eq!(d.errors[0].matched_type, Some("unsupported-authentication"));
        assert_eq!(d.errors[0].type_uri, None, "no type URI was in the input");
        let s = d.status.expect("implied");
        assert_eq!((s.code, s.seen.map(|x| x.how)), (403, Some(How::Implied)));
    }
}
