//! Step two: join the evidence with the tables.
//!
//! Decides which status the response had, explains every error through its table entry or
//! through the page's fallback rule (an unlisted code through the response's status, an
//! unlisted status through its class), checks that codes fit the status they came with,
//! and derives one retry verdict for the whole response.

pub mod ratelimit;
pub mod request;

use crate::catalog::{self, Source, Verdict, Wording};
use crate::evidence::{Evidence, Finding, How, Problem, Seen};
use crate::util::overflow::{self, Overflow};
use crate::util::sanitize::clean;
use ratelimit::RateLimit;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

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
    /// Distinct errors beyond the first [`overflow::MAX_ROWS`], counted, not shown.
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
    /// `"class"` when the status was explained through its class.
    pub fallback: Option<&'static str>,
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
    /// `"status"` or `"class"` when the error was explained through the response's status.
    pub fallback: Option<&'static str>,
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

/// Streaming-API reconnect rule for 420/429: start at one minute, double each attempt.
pub const RATE_LIMIT_BACKOFF: &[i64] = &[60, 120, 240, 480, 960];
/// Reconnect rule for HTTP errors (5xx): start at 5 s, double each attempt, up to 320 s.
pub const SERVER_BACKOFF: &[i64] = &[5, 10, 20, 40, 80, 160, 320];

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
    let (mut status, other_statuses) = choose_status(evidence, &mut notes);
    let present = Present::new(evidence);
    if status.is_none() {
        status = implied_status(evidence, &present);
    }
    let (mut errors, other) = error_reports(evidence, status.as_ref(), &present, &mut notes);
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
    error_notes(&errors, given, &mut notes);
    if options.summary_only {
        let retry = retry(status.as_ref(), &errors, None, None);
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
    // The last value of each header is the one that counts: a repeated header (a log of
    // a thousand responses) is kept once.
    let mut last: HashMap<&str, &str> = HashMap::new();
    for e in evidence {
        if let Finding::Header { name, value } = &e.finding {
            last.insert(name, value);
        }
    }
    let headers: Vec<(String, String)> = last
        .into_iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    let rate_limit = ratelimit::from_headers(&headers, options.now);
    header_notes(&headers, &mut notes);
    if let Some(note) = rate_limit.as_ref().and_then(clock_sense) {
        notes.push(note);
    }
    if let Some(far) = rate_limit.as_ref().and_then(RateLimit::implausible) {
        notes.push(format!(
            "a reset in the headers is {far} s away ({}): no window lasts that long (an epoch in milliseconds, a wrong clock, or a response read days after it came), so it is not waited for",
            ratelimit::human_duration(far)
        ));
    }
    let cap_wait = daily_cap_wait(&mut errors, rate_limit.as_ref());
    let retry = retry(status.as_ref(), &errors, rate_limit.as_ref(), cap_wait);
    if let Some(note) = crate::diagnosis::request::clock_skew(&errors, &headers, options.now) {
        notes.push(note);
    }
    let request =
        crate::diagnosis::request::report(evidence, status.as_ref(), &errors, rate_limit.as_ref());
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

/// The final status of each response in the input, by line: where the input holds several
/// responses, each error goes with the status of its own (the last final status line on or
/// before it), else with the status of the whole.
struct ResponseStatuses<'a> {
    finals: Vec<(usize, u16)>,
    overall: Option<&'a StatusReport>,
}

impl<'a> ResponseStatuses<'a> {
    fn new(evidence: &[Evidence], overall: Option<&'a StatusReport>) -> Self {
        let finals = evidence
            .iter()
            .filter_map(|e| match e.finding {
                Finding::Status { code, .. } if is_framing(e.seen.how) && !is_interim(code) => {
                    Some((e.seen.line, code))
                }
                _ => None,
            })
            .collect();
        ResponseStatuses { finals, overall }
    }

    fn at(&self, line: usize) -> Option<Cow<'a, StatusReport>> {
        // `finals` is in line order: the last one on or before `line`.
        let i = self.finals.partition_point(|(l, _)| *l <= line);
        let own = i.checked_sub(1).map(|i| self.finals[i].1);
        match (own, self.overall) {
            (Some(code), Some(s)) if code != s.code => Some(Cow::Owned(status_report(
                code,
                None,
                Seen {
                    line,
                    how: How::StatusLine,
                },
            ))),
            (_, s) => s.map(Cow::Borrowed),
        }
    }
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
                Some(s) => r.response_status = Some(s.code),
                None => r.consistent = None,
            }
            errors.add(r);
        }
    }
    (errors.reports, errors.other)
}

/// The report for one piece of evidence, if it is an error.
fn report(
    e: &Evidence,
    status: Option<&StatusReport>,
    present: &Present,
    notes: &mut Notes,
) -> Option<ErrorReport> {
    match &e.finding {
        Finding::Code { code, message } => {
            Some(code_report(*code, message.as_deref(), e.seen, status))
        }
        Finding::InvalidCode { raw, message } => {
            notes.push(format!(
                "line {}: the error code {} is not a whole number in range, so it cannot be looked up",
                e.seen.line,
                clean(raw)
            ));
            Some(unlisted(
                None,
                message.as_deref().map(clean),
                e.seen,
                status,
            ))
        }
        Finding::Problem(p) => Some(problem_report(p, e.seen, status)),
        Finding::Message {
            text,
            oauth_error,
            request,
        } => {
            let mut r = words_report(text, e.seen, status, present, notes)?;
            r.oauth_error = oauth_error.as_deref().map(clean);
            if let Some(path) = request {
                notes.push(format!("the failed request was {}", clean(path)));
            }
            Some(r)
        }
        Finding::Phrase { text } => words_report(text, e.seen, status, present, notes),
        Finding::Number { number } => Some(number_report(*number, e.seen, status, notes)),
        Finding::Truncated => {
            notes.push(format!(
                "line {}: a body there is cut short; only the complete entries before the cut were read",
                e.seen.line
            ));
            None
        }
        Finding::Hint { text } => {
            notes.push(format!("line {}: {text}", e.seen.line));
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

/// The codes and problem types the input gives outright: words that name one of them add
/// nothing and are not reported a second time.
struct Present {
    codes: HashSet<u64>,
    problems: HashSet<String>,
    /// The messages read from structure, by line: official words inside one of them are
    /// that message, not a second error.
    messages: HashMap<usize, Vec<String>>,
}

impl Present {
    fn new(evidence: &[Evidence]) -> Self {
        let mut present = Present {
            codes: HashSet::new(),
            problems: HashSet::new(),
            messages: HashMap::new(),
        };
        for e in evidence {
            match &e.finding {
                Finding::Code { code, .. } => {
                    present.codes.insert(*code);
                }
                Finding::Problem(p) => {
                    present
                        .problems
                        .insert(catalog::problem_name(&p.type_uri).to_ascii_lowercase());
                }
                Finding::Message { text, .. } => present
                    .messages
                    .entry(e.seen.line)
                    .or_default()
                    .push(catalog::normalize_message(text)),
                _ => {}
            }
        }
        present
    }

    /// Whether official words on `line` stand inside a message read there.
    fn within_message(&self, line: usize, words: &str) -> bool {
        let words = catalog::normalize_message(words);
        self.messages
            .get(&line)
            .is_some_and(|m| m.iter().any(|text| text.contains(&words)))
    }

    fn has(&self, w: Wording) -> bool {
        match w {
            Wording::Code(c) => self.codes.contains(&u64::from(c.code)),
            Wording::Problem(p) => self.problems.contains(p.name),
            Wording::Status(_) => false,
        }
    }
}

/// An error given by its words only (a message without its code, a problem's title
/// without its type): explained through the entry whose official wording it is, with
/// `code` and `type` left null; unlisted words are explained through the status.
fn words_report(
    text: &str,
    seen: Seen,
    status: Option<&StatusReport>,
    present: &Present,
    notes: &mut Notes,
) -> Option<ErrorReport> {
    let (wordings, _) = catalog::wordings_of(text);
    let is_phrase = seen.how == How::Phrase;
    if wordings.iter().any(|w| present.has(*w))
        || is_phrase && present.within_message(seen.line, text)
    {
        return None;
    }
    // A status's own words imply it (see `implied_status`); they are no error of their own.
    let entry = wordings.iter().find(|w| !matches!(w, Wording::Status(_)));
    let Some(&entry) = entry else {
        return (!is_phrase && wordings.is_empty())
            .then(|| unlisted(None, Some(clean(text)), seen, status));
    };
    let numbers: Vec<String> = wordings
        .iter()
        .filter_map(|w| match w {
            Wording::Code(c) => Some(format!("code {}", c.code)),
            Wording::Problem(p) => Some(format!("problem type {}", p.name)),
            Wording::Status(_) => None,
        })
        .collect();
    notes.push(format!(
        "line {}: these words are the official text of {}; the input gave no number or type, so none is reported",
        seen.line,
        numbers.join(" and ")
    ));
    Some(matched_report(entry, clean(text), seen, status))
}

fn matched_report(
    entry: Wording,
    message: String,
    seen: Seen,
    status: Option<&StatusReport>,
) -> ErrorReport {
    let mut r = match entry {
        Wording::Code(c) => {
            let mut r = code_report(u64::from(c.code), Some(&message), seen, status);
            r.code = None;
            r.matched_code = Some(u64::from(c.code));
            r
        }
        Wording::Problem(p) => {
            let mut r = problem_report(&Problem::named(p.name), seen, status);
            r.type_uri = None;
            r.problem = None;
            r.matched_type = Some(p.name);
            r
        }
        Wording::Status(_) => unlisted(None, Some(message.clone()), seen, status),
    };
    r.message = message;
    r
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

/// A status the input names only in words, used when it shows no status number: an error
/// class first (`Twitter::Error::TooManyRequests`), else the documented status of an
/// official wording it holds (`Twitter is over capacity.`, a code's message).
fn implied_status(evidence: &[Evidence], present: &Present) -> Option<StatusReport> {
    let from_class = evidence.iter().find_map(|e| match &e.finding {
        Finding::ImpliedStatus { code, words } => Some((*code, words.clone(), e.seen.line)),
        _ => None,
    });
    // Words of an entry whose number the input gives are that error's message; a code
    // implies no status (its number says what it is, not how the response was framed).
    let from_words = || {
        evidence.iter().find_map(|e| match &e.finding {
            Finding::Message { text, .. } | Finding::Phrase { text } => {
                let (wordings, words) = catalog::wordings_of(text);
                if wordings.iter().any(|w| present.has(*w)) {
                    return None;
                }
                let code = wordings.iter().find_map(|w| w.status())?;
                Some((code, words.to_string(), e.seen.line))
            }
            _ => None,
        })
    };
    let (code, words, line) = from_class.or_else(from_words)?;
    let words = clean(&words);
    let mut report = status_report(
        code,
        None,
        Seen {
            line,
            how: How::Implied,
        },
    );
    report.implied_by = Some(words);
    Some(report)
}

/// The notes of a diagnosis, each said once: a note that says the same thing about another
/// line is dropped as it comes, so a log with the same message on every line keeps one.
#[derive(Default)]
struct Notes {
    list: Vec<String>,
    seen: HashSet<String>,
}

impl Notes {
    fn push(&mut self, note: String) {
        let what = match note.strip_prefix("line ") {
            Some(rest) => rest.split_once(": ").map_or(rest, |(_, text)| text),
            None => note.as_str(),
        };
        if self.seen.insert(what.to_string()) {
            self.list.push(note);
        }
    }
}

/// Status lines, curl's failure line, client exception lines, HTML titles and trailing
/// http codes frame a response; a problem's `status` member and arguments do not.
fn is_framing(how: How) -> bool {
    !matches!(how, How::ProblemStatus | How::Argument)
}

/// `100 Continue` and redirects come before the answer that counts.
pub(crate) fn is_interim(code: u16) -> bool {
    code < 200 || (300..400).contains(&code)
}

/// The status of the response: the last header block counts (redirects and `100 Continue`
/// come first); a v2 problem's `status` member is used only when nothing else gave one.
fn choose_status(
    evidence: &[Evidence],
    notes: &mut Notes,
) -> (Option<StatusReport>, Vec<StatusReport>) {
    let statuses: Vec<(u16, Option<&String>, Seen)> = evidence
        .iter()
        .filter_map(|e| match &e.finding {
            Finding::Status { code, reason } => Some((*code, reason.as_ref(), e.seen)),
            _ => None,
        })
        .collect();
    let from_args: Vec<_> = statuses
        .iter()
        .filter(|s| s.2.how == How::Argument)
        .collect();
    if !from_args.is_empty() {
        let mut reports = from_args.iter().map(|(c, r, s)| status_report(*c, *r, *s));
        let first = reports.next();
        return (first, reports.collect());
    }
    let mut framing: Vec<_> = statuses
        .iter()
        .filter(|s| s.2.how != How::ProblemStatus)
        .collect();
    // A proxy's page repeats its status line in its <title>, a client its exception in
    // words: the same status again, not another response.
    framing.dedup_by(|later, earlier| later.0 == earlier.0 && later.2.how != How::StatusLine);
    let chosen = framing.last().copied().or_else(|| statuses.first());
    let Some(&(code, reason, seen)) = chosen else {
        return (None, Vec::new());
    };
    let before_last = &framing[..framing.len().saturating_sub(1)];
    let list = |keep: &dyn Fn(u16) -> bool| {
        let mut codes: Vec<String> = before_last
            .iter()
            .filter(|s| s.2.how == How::StatusLine && keep(s.0))
            .map(|s| s.0.to_string())
            .collect();
        codes.dedup();
        codes.join(", ")
    };
    let (interim_codes, final_codes) = (list(&is_interim), list(&|c| !is_interim(c)));
    if !interim_codes.is_empty() {
        notes.push(format!(
            "earlier status lines ({interim_codes}) were interim or redirect answers; the last header block counts"
        ));
    }
    if !final_codes.is_empty() {
        notes.push(format!(
            "the input holds several responses (earlier: HTTP {final_codes}); the status shown is the last one's, the errors are all of them; `twerr scan` counts each response apart"
        ));
    }
    for s in &statuses {
        if s.0 != code && s.2.how != How::StatusLine {
            notes.push(format!(
                "line {}: the {} says HTTP {}, but the response's status is HTTP {code}",
                s.2.line,
                s.2.how.label(),
                s.0
            ));
        }
    }
    (Some(status_report(code, reason, seen)), Vec::new())
}

pub fn status_report(code: u16, reason: Option<&String>, seen: Seen) -> StatusReport {
    let reason_seen = reason.map(|r| clean(r));
    let class = catalog::class(code);
    let class_label = class.map(|c| format!("{}xx", c.digit));
    match (catalog::status(code), class) {
        (Some(e), _) => StatusReport {
            code,
            known: true,
            message: e.message.to_string(),
            reason_seen,
            description: e.description.into(),
            advice: e.advice.into(),
            verdict: e.retry,
            source: Some(e.source),
            fallback: None,
            class: class_label,
            seen: Some(seen),
            implied_by: None,
        },
        (None, Some(c)) => StatusReport {
            code,
            known: false,
            // The registered reason phrase says what the status is before its class explains it.
            message: crate::evidence::reason_phrase(code)
                .unwrap_or(c.name)
                .to_string(),
            reason_seen,
            description: format!(
                "HTTP {code}{} is not in the tables; as a {}xx status: {}",
                crate::evidence::reason_phrase(code).map_or(String::new(), |r| format!(" {r}")),
                c.digit,
                c.description
            )
            .into(),
            advice: c.advice.into(),
            verdict: c.retry,
            source: None,
            fallback: Some("class"),
            class: class_label,
            seen: Some(seen),
            implied_by: None,
        },
        (None, None) => StatusReport {
            code,
            known: false,
            message: "not an HTTP status".to_string(),
            reason_seen,
            description: format!("{code} is outside 100-599, so it is not an HTTP status.").into(),
            advice: "Check where the number came from.".into(),
            verdict: Verdict::NotNeeded,
            source: None,
            fallback: None,
            class: None,
            seen: Some(seen),
            implied_by: None,
        },
    }
}

fn code_report(
    code: u64,
    message: Option<&str>,
    seen: Seen,
    status: Option<&StatusReport>,
) -> ErrorReport {
    let Some(e) = catalog::code(code) else {
        let mut r = unlisted(Some(code), message.map(clean), seen, status);
        r.code = Some(code);
        return r;
    };
    let consistent = match (e.status, status) {
        // The same number given once is not a status for itself (`twerr 422`).
        (Some(doc), Some(s)) if u64::from(s.code) != code => Some(doc == s.code),
        _ => None,
    };
    ErrorReport {
        code: Some(code),
        type_uri: None,
        message: message.map(clean).unwrap_or_else(|| e.message.to_string()),
        known: true,
        fallback: None,
        official_message: Some(e.message),
        description: Some(e.description.into()),
        advice: e.advice.into(),
        verdict: e.retry,
        source: Some(e.source),
        family: Some(e.family),
        documented_status: e.status,
        consistent,
        response_status: None,
        problem: None,
        oauth_error: None,
        matched_code: None,
        matched_type: None,
        note: e.note,
        seen,
        occurrences: 1,
    }
}

/// An error the tables do not have: explained through the response's status when there is one.
fn unlisted(
    code: Option<u64>,
    message: Option<String>,
    seen: Seen,
    status: Option<&StatusReport>,
) -> ErrorReport {
    let (fallback, description, advice, verdict) = match status {
        Some(s) if s.known => (Some("status"), Some(s.description.clone()), s.advice.clone(), s.verdict),
        Some(s) if s.fallback.is_some() => (Some("class"), Some(s.description.clone()), s.advice.clone(), s.verdict),
        _ => (
            None,
            None,
            "Not in the tables. The HTTP status of the response decides what to do: give it with --status N (with `-` or --file to read the response too), or pipe the whole response (curl -i).".into(),
            Verdict::DoNotRetry,
        ),
    };
    ErrorReport {
        code,
        type_uri: None,
        message: message.unwrap_or_else(|| {
            match code {
                Some(_) => "(no message, and not in the tables)",
                None => "(no message)",
            }
            .to_string()
        }),
        known: false,
        fallback,
        official_message: None,
        description,
        advice,
        verdict,
        source: None,
        family: None,
        documented_status: None,
        consistent: None,
        response_status: None,
        problem: None,
        oauth_error: None,
        matched_code: None,
        matched_type: None,
        note: None,
        seen,
        occurrences: 1,
    }
}

fn problem_report(p: &Problem, seen: Seen, status: Option<&StatusReport>) -> ErrorReport {
    let entry = catalog::problem(&p.type_uri);
    let name = clean(catalog::problem_name(&p.type_uri));
    let fields = p
        .fields
        .iter()
        .map(|(k, v)| {
            let field = entry.and_then(|e| e.fields.iter().find(|f| f.name == k.as_str()));
            FieldReport {
                name: clean(k),
                value: clean(v),
                meaning: field.map(|f| f.meaning),
                value_meaning: field
                    .and_then(|f| f.values.iter().find(|(val, _)| val == v).map(|(_, m)| *m)),
            }
        })
        .collect();
    let problem = ProblemReport {
        name: name.clone(),
        title: p.title.as_deref().map(clean),
        detail: p.detail.as_deref().map(clean),
        fields,
        details: p.details.iter().map(|d| clean(d)).collect(),
    };
    let message = problem
        .detail
        .clone()
        .or_else(|| problem.title.clone())
        .or_else(|| entry.map(|e| e.title.to_string()))
        .unwrap_or_else(|| name.clone());
    let mut report = match entry {
        Some(e) if e.name == "about:blank" => about_blank(p, e, message, seen, status),
        Some(e) => ErrorReport {
            code: None,
            type_uri: Some(clean(&p.type_uri)),
            message,
            known: true,
            fallback: None,
            official_message: Some(e.title),
            description: Some(e.description.into()),
            advice: e.advice.into(),
            verdict: e.retry,
            source: Some(e.source),
            family: Some(e.family),
            documented_status: e.status,
            consistent: None,
            response_status: None,
            problem: None,
            oauth_error: None,
            matched_code: None,
            matched_type: None,
            note: e.note,
            seen,
            occurrences: 1,
        },
        None => {
            let mut r = unlisted(None, Some(message), seen, status);
            r.type_uri = Some(clean(&p.type_uri));
            r
        }
    };
    report.problem = Some(problem);
    report
}

/// about:blank has no meaning of its own: its title repeats the HTTP status (the body's
/// `status`, else the response's), and its meaning, advice and verdict are the status's.
/// Where its detail is the v2 wording of a v1.1 code (`You are not allowed to create a
/// Tweet with duplicate content.` is 187), that code explains it, named in `matched_code`.
fn about_blank(
    p: &Problem,
    e: &'static catalog::ProblemEntry,
    message: String,
    seen: Seen,
    status: Option<&StatusReport>,
) -> ErrorReport {
    let code = p.status.or(status.map(|s| s.code));
    let own = code.map(|c| status_report(c, None, seen));
    let own = own.as_ref().or(status);
    let kin = p.detail.as_deref().and_then(|d| {
        catalog::wordings_of(d).0.into_iter().find_map(|w| match w {
            Wording::Code(c) => Some(c),
            _ => None,
        })
    });
    let mut r = match kin {
        Some(c) => code_report(u64::from(c.code), Some(&message), seen, own),
        None => unlisted(None, Some(message.clone()), seen, own),
    };
    r.code = None;
    r.matched_code = kin.map(|c| u64::from(c.code));
    r.type_uri = Some(clean(&p.type_uri));
    r.message = message;
    r.known = true;
    r.fallback = None;
    r.source = Some(e.source);
    r.family = Some(kin.map_or(e.family, |c| c.family));
    r.official_message = code
        .and_then(|c| catalog::status(c).map(|s| s.message))
        .or(kin.map(|c| c.message));
    if kin.is_none() {
        r.note = e.note;
        if let Some(s) = own {
            r.description = Some(s.description.clone());
            r.advice = s.advice.clone();
            r.verdict = s.verdict;
        } else {
            r.description = Some(e.description.into());
            r.advice = e.advice.into();
            r.verdict = e.retry;
        }
    }
    r
}

/// A bare number from the command line that the CLI could read as a code (see
/// `app::number_evidence`, which adds the Status finding when it may be a status too): a
/// known code, or an unknown number explained through a status given beside it.
fn number_report(
    number: u64,
    seen: Seen,
    status: Option<&StatusReport>,
    notes: &mut Notes,
) -> ErrorReport {
    let in_codes = catalog::code(number).is_some();
    let in_statuses = u16::try_from(number)
        .ok()
        .and_then(catalog::status)
        .is_some();
    if !in_codes {
        return unlisted(Some(number), None, seen, status);
    }
    if in_statuses {
        notes.push(format!(
            "{number} is both an API error code and an HTTP status; both are shown (use --code or --status to pick one)"
        ));
    }
    code_report(number, None, seen, status)
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

/// A usage cap is no 15-minute window: a Monthly cap is do-not-retry (its table verdict),
/// and a Daily one waits for the 24-hour window that its headers give, never for
/// x-rate-limit-reset. Returns that wait, after making the error's verdict wait-for-reset.
fn daily_cap_wait(errors: &mut [ErrorReport], rate_limit: Option<&RateLimit>) -> Option<i64> {
    let daily = |e: &ErrorReport| {
        e.problem.as_ref().is_some_and(|p| {
            p.name == "usage-capped"
                && p.fields
                    .iter()
                    .any(|f| f.name == "period" && f.value.eq_ignore_ascii_case("daily"))
        })
    };
    let wait = rate_limit?
        .windows
        .iter()
        .filter(|w| w.window != "endpoint")
        .filter_map(|w| w.reset_in_seconds)
        .max()?;
    let mut found = false;
    for e in errors.iter_mut().filter(|e| daily(e)) {
        e.verdict = Verdict::WaitForReset;
        found = true;
    }
    found.then_some(wait.max(0))
}

fn retry(
    status: Option<&StatusReport>,
    errors: &[ErrorReport],
    rate_limit: Option<&RateLimit>,
    cap_wait: Option<i64>,
) -> Retry {
    let success = status.is_some_and(|s| (200..300).contains(&s.code));
    let verdict = if errors.is_empty() {
        status.map_or(Verdict::NotNeeded, |s| s.verdict)
    } else {
        errors
            .iter()
            .map(|e| match e.verdict {
                // Partial errors of a successful response: there is nothing to resend.
                Verdict::DoNotRetry if success => Verdict::NotNeeded,
                v => v,
            })
            .max()
            .unwrap_or(Verdict::NotNeeded)
    };
    let retry_after = rate_limit.and_then(|r| r.retry_after);
    match verdict {
        Verdict::WaitForReset => {
            let wait = cap_wait.or_else(|| rate_limit.and_then(RateLimit::wait_seconds));
            let advice = match wait {
                Some(s) => format!("Wait {s} s ({}) for the limit to reset, then retry.", ratelimit::human_duration(s)),
                None if rate_limit.is_some_and(|r| r.implausible().is_some()) => "Wait for the rate-limit window to reset; the reset time in the headers is not plausible (see the note), so take the endpoint's window (15 minutes for most) and retry.".to_string(),
                None => "Wait for the rate-limit window to reset (the x-rate-limit-reset header says when; it was not in the input), then retry.".to_string(),
            };
            Retry { verdict, wait_seconds: wait, schedule: Vec::new(), advice }
        }
        Verdict::Backoff => {
            let stream_limit = status.is_some_and(|s| s.code == 420 || s.code == 429)
                || errors.iter().any(|e| e.problem.as_ref().is_some_and(|p| p.name == "streaming-connection"));
            let schedule = if stream_limit { RATE_LIMIT_BACKOFF } else { SERVER_BACKOFF };
            let first = retry_after.map_or(schedule[0], |r| r.max(schedule[0]));
            let steps: Vec<String> = schedule.iter().map(|s| s.to_string()).collect();
            Retry {
                verdict,
                wait_seconds: Some(first),
                schedule: schedule.to_vec(),
                advice: format!(
                    "Retry with exponential backoff: wait {} s, doubling after each failure ({} s).",
                    first,
                    steps.join(", ")
                ),
            }
        }
        Verdict::DoNotRetry => Retry {
            verdict,
            wait_seconds: None,
            schedule: Vec::new(),
            advice: "Do not resend this request unchanged: it will fail the same way. Fix the cause first.".to_string(),
        },
        Verdict::NotNeeded => Retry {
            verdict,
            wait_seconds: None,
            schedule: Vec::new(),
            advice: "No retry needed.".to_string(),
        },
    }
}
