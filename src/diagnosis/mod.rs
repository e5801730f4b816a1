//! Stage three of the pipeline: join the evidence with the tables.
//!
//! Decides which status the response had, explains every error through its table entry or
//! through the page's fallback rule (an unlisted code through the response's status, an
//! unlisted status through its class), checks that codes fit the status they came with,
//! and derives one retry verdict for the whole response. Each job is a file: `status`,
//! `errors`, `notes`, `retry`, [`ratelimit`] (headers to reset times) and [`request`] (the
//! request joined with the endpoint table, and the advice that names it).

mod conditions;
mod errors;
mod notes;
mod present;
pub mod ratelimit;
mod reports;
pub mod request;
mod retry;
mod status;

pub use retry::{RATE_LIMIT_BACKOFF, SERVER_BACKOFF};
pub use status::{is_interim, status_report};

use crate::catalog::{Source, Verdict};
use crate::evidence::{Evidence, Finding, How, Seen};
use crate::util::overflow::Overflow;
use notes::Notes;
use present::Present;
use ratelimit::RateLimit;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

crate::catalog::sets::named_set! {
    /// What an entry in no table was explained through, by the page's fallback rule.
    pub enum Fallback {
        /// The HTTP status of the response.
        Status = "status",
        /// The class of the status (`4xx`), itself in no table.
        Class = "class",
    }
}

/// The whole answer for one response (or one set of command-line arguments). Serialised,
/// this is the JSON contract: `status`, `errors`, `rate_limit`, `retry` are stable keys.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnosis {
    pub status: Option<StatusReport>,
    pub errors: Vec<ErrorReport>,
    pub rate_limit: Option<RateLimit>,
    pub retry: Retry,
    /// Further statuses given on the command line (`twerr 403 429`), after the first.
    pub other_statuses: Vec<StatusReport>,
    /// What the reader should know: fallbacks taken, ambiguities, mismatches, ignored parts.
    pub notes: Vec<String>,
    /// Distinct errors beyond the first [`crate::util::overflow::MAX_ROWS`], counted, not shown.
    pub other_errors: Option<Overflow>,
    /// The request that failed, where the input shows it, with advice that names it.
    pub request: Option<crate::diagnosis::request::RequestReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusReport {
    pub code: u16,
    /// Whether the status is in the table (otherwise it is explained through its class).
    pub known: bool,
    /// The official reason phrase, or the class name for an unlisted status.
    pub message: String,
    /// The reason phrase the input gave, if any.
    pub reason_seen: Option<String>,
    pub description: Cow<'static, str>,
    pub advice: Cow<'static, str>,
    pub verdict: Verdict,
    pub source: Option<Source>,
    /// [`Fallback::Class`] when the status was explained through its class.
    pub fallback: Option<Fallback>,
    /// `4xx`, ...
    pub class: Option<String>,
    pub seen: Option<Seen>,
    /// For a status the input names only in words (`seen.how` is `implied`): those words.
    pub implied_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorReport {
    pub code: Option<u64>,
    /// The v2 problem type URI, as given.
    #[serde(rename = "type")]
    pub type_uri: Option<String>,
    /// The message as the input gave it (made safe to print), else the official one.
    pub message: String,
    /// Whether the code or problem type is in the tables.
    pub known: bool,
    /// How the error was explained through the response's status, when it was.
    pub fallback: Option<Fallback>,
    pub official_message: Option<&'static str>,
    pub description: Option<Cow<'static, str>>,
    pub advice: Cow<'static, str>,
    pub verdict: Verdict,
    pub source: Option<Source>,
    pub family: Option<&'static str>,
    /// The HTTP status this code is documented with.
    pub documented_status: Option<u16>,
    /// Whether the code fits the response's status (`null` when either is unknown).
    pub consistent: Option<bool>,
    /// The HTTP status of the response this error came in, when the input gave one.
    pub response_status: Option<u16>,
    /// For a v2 problem: its name, title, detail and explained type-specific fields.
    pub problem: Option<ProblemReport>,
    /// The OAuth 2 error identifier, for token-endpoint errors.
    pub oauth_error: Option<String>,
    /// For an error with no code or type: the row of `data/conditions.toml` that explains
    /// it (an OAuth 2.0 error, a client library's own error).
    pub condition: Option<&'static crate::catalog::ConditionEntry>,
    /// The dated case of its problem type that explained it, if one did (its `note` says
    /// when the rule began).
    #[serde(skip)]
    pub case: Option<&'static crate::catalog::CaseEntry>,
    /// For an error the input gives only by its words: the code whose official message
    /// they are. `code` stays null, because the number was not in the input.
    pub matched_code: Option<u64>,
    /// Likewise, the problem type whose title the words are; `type` stays null.
    pub matched_type: Option<&'static str>,
    pub note: Option<&'static str>,
    pub seen: Seen,
    /// How many times the same error was seen in the input.
    pub occurrences: usize,
}

impl ErrorReport {
    /// A report that says `message`, `advice` and `verdict`, seen once at `seen`, with
    /// nothing else known: each kind of report names what it adds (`..ErrorReport::new`).
    pub(crate) fn new(
        message: String,
        advice: Cow<'static, str>,
        verdict: Verdict,
        seen: Seen,
    ) -> ErrorReport {
        ErrorReport {
            code: None,
            type_uri: None,
            message,
            known: false,
            fallback: None,
            official_message: None,
            description: None,
            advice,
            verdict,
            source: None,
            family: None,
            documented_status: None,
            consistent: None,
            response_status: None,
            problem: None,
            oauth_error: None,
            condition: None,
            case: None,
            matched_code: None,
            matched_type: None,
            note: None,
            seen,
            occurrences: 1,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ProblemReport {
    pub name: String,
    pub title: Option<String>,
    pub detail: Option<String>,
    pub fields: Vec<FieldReport>,
    pub details: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldReport {
    pub name: String,
    pub value: String,
    pub meaning: Option<&'static str>,
    pub value_meaning: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Retry {
    pub verdict: Verdict,
    pub wait_seconds: Option<i64>,
    /// The backoff waits in seconds, for the `backoff` verdict.
    pub schedule: Vec<i64>,
    pub advice: String,
}

/// Options that change the diagnosis without being evidence.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `--now EPOCH`: the time to measure rate-limit resets from.
    pub now: Option<i64>,
    /// Only what batch mode counts (status, errors, verdict): no rate-limit times and no
    /// notes, which cost more than the rest when done for every response of a large log.
    pub summary_only: bool,
}

impl Diagnosis {
    /// Whether anything was recognised: a status, a known entry, a fallback, or an error
    /// found in the input even if its code is in no table (exit status 0 versus 1). Only a
    /// bare number on the command line that is in neither table recognises nothing.
    pub fn explained(&self) -> bool {
        self.status.is_some()
            || self
                .errors
                .iter()
                .any(|e| e.known || e.fallback.is_some() || e.seen.how != How::Argument)
    }
}

/// Joins `evidence` with the tables.
pub fn diagnose(evidence: &[Evidence], options: Options) -> Diagnosis {
    let mut notes = Notes::default();
    let present = Present::new(evidence);
    let (mut status, other_statuses) = status::of_response(evidence, &present, &mut notes);
    let (mut errors, other_errors) =
        errors::of_response(evidence, &status, &other_statuses, &present, &mut notes);
    if options.summary_only {
        let retry = retry::verdict(status.as_ref(), &errors, None, None);
        return Diagnosis {
            status,
            errors,
            rate_limit: None,
            retry,
            other_statuses,
            notes: Vec::new(),
            other_errors,
            request: None,
        };
    }
    let headers = last_headers(evidence);
    let rate_limit = ratelimit::from_headers(&headers, options.now);
    notes::about_headers(&headers, rate_limit.as_ref(), &mut notes);
    let cap_wait = retry::daily_cap_wait(&mut errors, rate_limit.as_ref());
    let retry = retry::verdict(status.as_ref(), &errors, rate_limit.as_ref(), cap_wait);
    if let Some(note) = request::clock_skew(&errors, &headers, options.now) {
        notes.push(note);
    }
    let request = request::report(evidence, status.as_ref(), &errors, rate_limit.as_ref());
    if let Some(s) = status.as_mut()
        && is_v2_answer(request.as_ref(), &errors)
    {
        v2_words(s, &mut errors);
    }
    Diagnosis {
        status,
        errors,
        rate_limit,
        retry,
        other_statuses,
        notes: notes.list,
        other_errors,
        request,
    }
}

/// Whether the answer is the v2 API's: the request shows a `/2/` path, or the body holds
/// a v2 problem type.
fn is_v2_answer(request: Option<&request::RequestReport>, errors: &[ErrorReport]) -> bool {
    request.is_some_and(|r| r.api == Some("2")) || errors.iter().any(|e| e.type_uri.is_some())
}

/// A status whose table meaning is the 2015 page's words about v1.1 gets the table's v2
/// words instead, in its own report and in the errors that were explained through it.
fn v2_words(s: &mut StatusReport, errors: &mut [ErrorReport]) {
    let Some(words) = crate::catalog::status(s.code).and_then(|e| e.v2_description) else {
        return;
    };
    if !s.known {
        return;
    }
    for e in errors.iter_mut() {
        if e.description.as_deref() == Some(&*s.description) {
            e.description = Some(Cow::Borrowed(words));
        }
    }
    s.description = Cow::Borrowed(words);
}

/// The last value of each header, which is the one that counts: a repeated header (a log
/// of a thousand responses) is kept once.
fn last_headers(evidence: &[Evidence]) -> Vec<(String, String)> {
    let mut last: HashMap<&str, &str> = HashMap::new();
    for e in evidence {
        if let Finding::Header { name, value } = &e.finding {
            last.insert(name, value);
        }
    }
    last.into_iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}
