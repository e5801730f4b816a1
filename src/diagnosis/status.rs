//! Which status the response had: the last final status line (redirects and `100
//! Continue` come first), each error's own response where the input holds several, or a
//! status implied by words when no number shows one.

use super::notes::Notes;
use super::present::Present;
use super::{Fallback, StatusReport};
use crate::catalog::{self, Verdict};
use crate::evidence::{Evidence, Finding, How, Seen};
use crate::util::sanitize::clean;
use std::borrow::Cow;

/// The response's status and, from the command line, the further statuses given: the
/// framing's status, else one implied by the words of the input.
pub(super) fn of_response(
    evidence: &[Evidence],
    present: &Present,
    notes: &mut Notes,
) -> (Option<StatusReport>, Vec<StatusReport>) {
    let (status, others) = choose_status(evidence, notes);
    (status.or_else(|| implied_status(evidence, present)), others)
}

/// The final status of each response in the input, by line: where the input holds several
/// responses, each error goes with the status of its own (the last final status line on or
/// before it), else with the status of the whole.
pub(super) struct ResponseStatuses<'a> {
    finals: Vec<(usize, u16)>,
    overall: Option<&'a StatusReport>,
}

impl<'a> ResponseStatuses<'a> {
    pub(super) fn new(evidence: &[Evidence], overall: Option<&'a StatusReport>) -> Self {
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

    pub(super) fn at(&self, line: usize) -> Option<Cow<'a, StatusReport>> {
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
        evidence.iter().find_map(|e| {
            let (text, title_len) = match &e.finding {
                Finding::Message {
                    text, title_len, ..
                } => (text, *title_len),
                Finding::Phrase { text } => (text, None),
                _ => return None,
            };
            let (wordings, words) = catalog::wordings_of(text);
            if wordings.iter().any(|w| present.has(*w)) {
                return None;
            }
            let code = wordings.iter().find_map(|w| w.status())?;
            let words = standing_words(words, title_len, code)?;
            Some((code, words.to_string(), e.seen.line))
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

/// Words of a message that imply `code` and stand in the input as they are. `words` is the
/// message, or its head before a `: `. A typeless problem's message is its title and detail
/// joined (`title_len` says where): the input holds each, not the joined line, so the words
/// named are the part (detail, else title) that implies the status by itself, and none
/// where only the two together do.
fn standing_words(words: &str, title_len: Option<usize>, code: u16) -> Option<&str> {
    let Some(title_len) = title_len.filter(|&t| words.len() > t) else {
        return Some(words);
    };
    let implies = |part: &str| {
        catalog::wordings_of(part)
            .0
            .iter()
            .any(|w| w.status() == Some(code))
    };
    let (title, detail) = (words.get(..title_len)?, words.get(title_len + 2..)?);
    [detail, title].into_iter().find(|part| implies(part))
}

/// Status lines, curl's failure line, client exception lines, HTML titles and trailing
/// http codes frame a response; a problem's `status` member and arguments do not.
fn is_framing(how: How) -> bool {
    !matches!(how, How::ProblemStatus | How::Argument)
}

/// `100 Continue` and redirects come before the answer that counts.
pub fn is_interim(code: u16) -> bool {
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
    // Of several calls, the failing one is the answer asked about: a later success (the
    // next call's `200 OK`) or an earlier one (an upload that worked) does not replace it.
    let chosen_at = framing
        .iter()
        .rposition(|s| s.0 >= 400)
        .or(framing.len().checked_sub(1));
    let chosen = chosen_at.map(|i| framing[i]).or_else(|| statuses.first());
    let Some(&(code, reason, seen)) = chosen else {
        return (None, Vec::new());
    };
    note_other_responses(&framing, chosen_at.unwrap_or(0), notes);
    // Each status is held against the status line of its own response (the last one
    // before it), not the last response's: in a log of several responses each has its
    // own. Found by a binary search over the status lines by line: a log of many
    // responses has as many statuses as status lines.
    let mut status_lines: Vec<(usize, u16)> = framing
        .iter()
        .filter(|f| f.2.how == How::StatusLine && !is_interim(f.0))
        .map(|f| (f.2.line, f.0))
        .collect();
    status_lines.sort_by_key(|&(line, _)| line);
    for s in &statuses {
        let before = status_lines.partition_point(|&(line, _)| line <= s.2.line);
        // With no status line before it, a status in words of another number is another
        // call's (`the upload returned 200`), which contradicts nothing.
        let Some(own) = before.checked_sub(1).map(|i| status_lines[i].1) else {
            continue;
        };
        if s.0 != own && s.2.how != How::StatusLine {
            notes.at(
                s.2.line,
                format!(
                    "the {} says HTTP {}, but the response's status is HTTP {own}",
                    s.2.how.label(),
                    s.0
                ),
            );
        }
    }
    (Some(status_report(code, reason, seen)), Vec::new())
}

/// The notes on the responses before and after the one chosen (at `at` of `framing`):
/// interim answers, and other final ones, which the errors still count.
fn note_other_responses(framing: &[&(u16, Option<&String>, Seen)], at: usize, notes: &mut Notes) {
    let list = |part: &[&(u16, Option<&String>, Seen)], keep: &dyn Fn(u16) -> bool| {
        let mut codes: Vec<String> = part
            .iter()
            .filter(|s| s.2.how == How::StatusLine && keep(s.0))
            .map(|s| s.0.to_string())
            .collect();
        codes.dedup();
        codes.join(", ")
    };
    let before = &framing[..at.min(framing.len())];
    let after = framing.get(at + 1..).unwrap_or_default();
    let interim_codes = list(before, &is_interim);
    let (earlier, later) = (list(before, &|c| !is_interim(c)), list(after, &|_| true));
    if !interim_codes.is_empty() {
        notes.push(format!(
            "earlier status lines ({interim_codes}) were interim or redirect answers; the last header block counts"
        ));
    }
    let which = match (earlier.is_empty(), later.is_empty()) {
        (true, true) => None,
        (false, true) => Some(format!(
            "earlier: HTTP {earlier}); the status shown is the last one's"
        )),
        (true, false) => Some(format!(
            "later: HTTP {later}); the status shown is the failing one's"
        )),
        (false, false) => Some(format!(
            "earlier: HTTP {earlier}; later: HTTP {later}); the status shown is the last failing one's"
        )),
    };
    if let Some(which) = which {
        notes.push(format!(
            "the input holds several responses ({which}, the errors are all of them; `twerr scan` counts each response apart"
        ));
    }
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
            message: crate::catalog::reason_phrase(code)
                .unwrap_or(c.name)
                .to_string(),
            reason_seen,
            description: format!(
                "HTTP {code}{} is not in the tables; as a {}xx status: {}",
                crate::catalog::reason_phrase(code).map_or(String::new(), |r| format!(" {r}")),
                c.digit,
                c.description
            )
            .into(),
            advice: c.advice.into(),
            verdict: c.retry,
            source: None,
            fallback: Some(Fallback::Class),
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

#[cfg(test)]
mod tests {
    use super::super::{Options, diagnose};
    use crate::evidence::{How, extract};

    fn diagnosed(text: &str) -> super::super::Diagnosis {
        diagnose(&extract(text), Options::default())
    }

    #[test]
    fn the_last_final_status_line_counts_and_interim_ones_are_noted() {
        let d = diagnosed("HTTP/1.1 100 Continue\n\nHTTP/2 429\n\n");
        assert_eq!(d.status.as_ref().map(|s| s.code), Some(429));
        assert!(
            d.notes
                .iter()
                .any(|n| n.contains("earlier status lines (100)")),
            "{:?}",
            d.notes
        );
    }

    #[test]
    fn a_problem_without_a_type_implies_by_the_string_that_says_it() {
        let d = diagnosed(
            r#"{"title": "Invalid Request", "detail": "The status parameter is missing."}"#,
        );
        let s = d.status.expect("an implied status");
        assert_eq!(
            s.implied_by.as_deref(),
            Some("The status parameter is missing."),
            "the detail as the input holds it, not `title: detail`"
        );
    }

    #[test]
    fn a_title_with_a_colon_of_its_own_is_split_where_the_join_is() {
        let d = diagnosed(
            r#"{"title": "There was an error sending your message: Invalid Request", "detail": "The ids parameter is not valid."}"#,
        );
        let s = d.status.expect("the title implies a status");
        assert_eq!(
            s.implied_by.as_deref(),
            Some("There was an error sending your message: Invalid Request"),
            "the title as the input holds it, not cut at its own `: ` and joined to the detail"
        );
    }

    #[test]
    fn a_status_only_the_joined_title_and_detail_would_imply_is_not_implied() {
        let d = diagnosed(r#"{"title": "There was an error sending your message", "detail": "x"}"#);
        assert!(d.status.is_none(), "{:?}", d.status);
        assert_eq!(d.errors.len(), 1, "the error itself is still reported");
    }

    #[test]
    fn words_imply_a_status_only_when_no_number_shows_one() {
        let d = diagnosed("Twitter::Error::TooManyRequests: Rate limit exceeded\n");
        let s = d.status.expect("an implied status");
        assert_eq!(s.code, 429);
        assert_eq!(s.seen.map(|seen| seen.how), Some(How::Implied));
        assert!(s.implied_by.is_some());
        let d = diagnosed("HTTP/1.1 403 Forbidden\n\nTwitter::Error::TooManyRequests: x\n");
        assert_eq!(d.status.map(|s| (s.code, s.implied_by)), Some((403, None)));
    }

    #[test]
    fn an_unlisted_status_is_explained_through_its_class() {
        let s = super::status_report(
            418,
            None,
            crate::evidence::Seen {
                line: 1,
                how: How::Argument,
            },
        );
        assert!(!s.known);
        assert_eq!(s.fallback, Some(super::Fallback::Class));
        assert_eq!(s.class.as_deref(), Some("4xx"));
    }
}
