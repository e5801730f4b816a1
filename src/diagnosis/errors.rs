//! One report per distinct error: a code, a problem, or words, each explained through its
//! table entry or, by the page's fallback rule, through the response's status; repeated
//! sightings folded into one with a count.

use super::notes::Notes;
use super::status::{ResponseStatuses, status_report};
use super::{ErrorReport, Fallback, FieldReport, ProblemReport, StatusReport};
use crate::catalog::{self, Verdict, Wording};
use crate::evidence::{Evidence, Finding, How, Problem, Seen};
use crate::util::overflow::{self, Overflow};
use crate::util::sanitize::clean;
use std::collections::{HashMap, HashSet};

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
        Finding::Code {
            code: 131,
            message: Some(text),
        } if !is_wording_of(131, text) => {
            notes.at(
                e.seen.line,
                "code 131 with words that are not 131's: twitter-api-v2 gives a body's bare `error` text ({\"error\":\"...\"}) the code 131 of its own, so the API sent no code here; the words and the status explain it".to_string(),
            );
            let message = Finding::Message {
                text: text.clone(),
                oauth_error: None,
                request: None,
            };
            report(
                &Evidence {
                    finding: message,
                    seen: e.seen,
                },
                status,
                present,
                notes,
            )
            .or_else(|| Some(unlisted(None, Some(clean(text)), e.seen, status)))
        }
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
            oauth_error: Some(error),
            ..
        } if catalog::oauth_condition(error, text).is_some() => {
            let entry = catalog::oauth_condition(error, text)?;
            let mut r = condition_report(entry, clean(text), e.seen, status);
            r.oauth_error = Some(clean(error));
            Some(r)
        }
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

/// The codes and problem types the input gives outright: words that name one of them add
/// nothing and are not reported a second time.
pub(super) struct Present {
    codes: HashSet<u64>,
    problems: HashSet<String>,
    /// The messages read from structure, by line: official words inside one of them are
    /// that message, not a second error.
    messages: HashMap<usize, Vec<String>>,
}

impl Present {
    pub(super) fn new(evidence: &[Evidence]) -> Self {
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

    pub(super) fn has(&self, w: Wording) -> bool {
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
    notes.at(
        seen.line,
        format!(
            "these words are the official text of {}; the input gave no number or type, so none is reported",
            numbers.join(" and ")
        ),
    );
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
            let mut named = Problem::named(p.name);
            named.detail = Some(message.clone());
            let mut r = problem_report(&named, seen, status);
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
        condition: None,
        matched_code: None,
        matched_type: None,
        note: e.note,
        seen,
        occurrences: 1,
    }
}

/// Whether `text` is one of the official wordings of `code`.
fn is_wording_of(code: u64, text: &str) -> bool {
    catalog::wordings_of(text)
        .0
        .iter()
        .any(|w| matches!(w, Wording::Code(c) if u64::from(c.code) == code))
}

/// An error with no code or type that `data/conditions.toml` explains: its own meaning,
/// advice, verdict and source.
fn condition_report(
    c: &'static catalog::ConditionEntry,
    message: String,
    seen: Seen,
    status: Option<&StatusReport>,
) -> ErrorReport {
    let mut r = unlisted(None, Some(message), seen, status);
    r.known = true;
    r.fallback = None;
    r.description = Some(c.description.into());
    r.advice = c.advice.into();
    r.verdict = c.retry;
    r.documented_status = c.status;
    r.condition = Some(c);
    r
}

/// An error the tables do not have: explained through the response's status when there is one.
fn unlisted(
    code: Option<u64>,
    message: Option<String>,
    seen: Seen,
    status: Option<&StatusReport>,
) -> ErrorReport {
    let (fallback, description, advice, verdict) = match status {
        Some(s) if s.known => (Some(Fallback::Status), Some(s.description.clone()), s.advice.clone(), s.verdict),
        Some(s) if s.fallback.is_some() => (Some(Fallback::Class), Some(s.description.clone()), s.advice.clone(), s.verdict),
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
        condition: None,
        matched_code: None,
        matched_type: None,
        note: None,
        seen,
        occurrences: 1,
    }
}

fn problem_report(p: &Problem, seen: Seen, status: Option<&StatusReport>) -> ErrorReport {
    let entry = catalog::problem(&p.type_uri);
    // The entry's name: a troubleshooting anchor may name the type by a value of its field.
    let name = clean(entry.map_or(catalog::problem_name(&p.type_uri), |e| e.name));
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
        // about:blank's table title is one of many it comes with: never a title the
        // input did not give.
        .or_else(|| {
            entry
                .filter(|e| e.name != "about:blank")
                .map(|e| e.title.to_string())
        })
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
            condition: None,
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
    if let Some(case) = entry
        .zip(p.detail.as_deref())
        .and_then(|(e, d)| e.case_of(d))
    {
        apply_case(&mut report, case);
    }
    report.problem = Some(problem);
    report
}

/// A dated rule told apart by its detail: its own meaning, advice, verdict and status, the
/// detail as the official wording, and when the rule began as the note.
fn apply_case(r: &mut ErrorReport, case: &'static catalog::CaseEntry) {
    r.official_message = case.details.first().copied();
    r.description = Some(case.description.into());
    r.advice = case.advice.into();
    r.verdict = case.retry;
    r.documented_status = case.status.or(r.documented_status);
    r.note = Some(case.note);
    r.known = true;
    r.fallback = None;
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
    // A detail that only repeats a reason phrase ("Forbidden") is no code's wording, though
    // one code's message (200, "Forbidden.") is those words.
    let kin = p
        .detail
        .as_deref()
        .filter(|d| !catalog::is_reason_phrase(d))
        .and_then(|d| {
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
/// `evidence::arguments`, whose `number_evidence` adds the Status finding when it may be a status too): a
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
