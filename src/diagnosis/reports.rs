//! The report of one error from its table entry: a code, a problem type (with its
//! dated cases), words that are an entry's official wording, a condition of
//! `data/conditions.toml`, or, by the page's fallback rule, the response's status.

use super::notes::Notes;
use super::present::Present;
use super::status::status_report;
use super::{ErrorReport, Fallback, FieldReport, ProblemReport, StatusReport};
use crate::catalog::{self, Verdict, Wording};
use crate::evidence::{How, Problem, Seen};
use crate::util::sanitize::clean;

/// An error given by its words only (a message without its code, a problem's title
/// without its type): explained through the entry whose official wording it is, with
/// `code` and `type` left null; unlisted words are explained through the status.
pub(super) fn words_report(
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

pub(super) fn code_report(
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
    let message = message.map(clean).unwrap_or_else(|| e.message.to_string());
    ErrorReport {
        code: Some(code),
        known: true,
        official_message: Some(e.message),
        description: Some(e.description.into()),
        source: Some(e.source),
        family: Some(e.family),
        documented_status: e.status,
        consistent,
        note: e.note,
        ..ErrorReport::new(message, e.advice.into(), e.retry, seen)
    }
}

/// An error the tables do not have: explained through the response's status when there is one.
pub(super) fn unlisted(
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
    let message = message.unwrap_or_else(|| {
        match code {
            Some(_) => "(no message, and not in the tables)",
            None => "(no message)",
        }
        .to_string()
    });
    ErrorReport {
        code,
        fallback,
        description,
        ..ErrorReport::new(message, advice, verdict, seen)
    }
}

/// A problem's type-specific members, each with what the table says it and its value mean.
fn field_reports(p: &Problem, entry: Option<&'static catalog::ProblemEntry>) -> Vec<FieldReport> {
    p.fields
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
        .collect()
}

pub(super) fn problem_report(
    p: &Problem,
    seen: Seen,
    status: Option<&StatusReport>,
) -> ErrorReport {
    let entry = catalog::problem(&p.type_uri);
    // The entry's name: a troubleshooting anchor may name the type by a value of its field.
    let name = clean(entry.map_or(catalog::problem_name(&p.type_uri), |e| e.name));
    let fields = field_reports(p, entry);
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
            type_uri: Some(clean(&p.type_uri)),
            known: true,
            official_message: Some(e.title),
            description: Some(e.description.into()),
            source: Some(e.source),
            family: Some(e.family),
            documented_status: e.status,
            note: e.note,
            ..ErrorReport::new(message, e.advice.into(), e.retry, seen)
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
            // Explained through the status the answer came with: said once, in its block.
            if status.is_some_and(|st| st.code == s.code) {
                r.fallback = Some(Fallback::Status);
            }
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
pub(super) fn number_report(
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

/// Whether `text` is one of the official wordings of `code`.
pub(super) fn is_wording_of(code: u64, text: &str) -> bool {
    catalog::wordings_of(text)
        .0
        .iter()
        .any(|w| matches!(w, Wording::Code(c) if u64::from(c.code) == code))
}

/// An error with no code or type that `data/conditions.toml` explains: its own meaning,
/// advice, verdict and source.
pub(super) fn condition_report(
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

/// A dated rule told apart by its detail: its own meaning, advice, verdict and status, the
/// detail as the official wording, and when the rule began as the note.
fn apply_case(r: &mut ErrorReport, case: &'static catalog::CaseEntry) {
    r.official_message = case.details.first().copied();
    r.description = Some(case.description.into());
    r.advice = case.advice.into();
    r.verdict = case.retry;
    r.documented_status = case.status.or(r.documented_status);
    r.note = Some(case.note);
    r.case = Some(case);
    r.known = true;
    r.fallback = None;
}
