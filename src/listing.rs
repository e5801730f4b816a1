//! The tables as rows, for `twerr list` and `twerr search`.

use crate::catalog::{self, Source, Verdict};
use serde::Serialize;

/// One entry of any table, in the shape `list` and `search` print.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// `status`, `code` or `problem`.
    pub kind: &'static str,
    /// The status or code number; `null` for problems.
    pub number: Option<u32>,
    /// The problem name; `null` for statuses and codes.
    pub name: Option<&'static str>,
    pub message: &'static str,
    pub variants: &'static [&'static str],
    /// For codes and problems, the HTTP status they come with.
    pub status: Option<u16>,
    pub source: Source,
    pub family: &'static str,
    pub retry: Verdict,
    pub description: &'static str,
    pub advice: &'static str,
    pub note: Option<&'static str>,
}

impl Row {
    /// The identifier as typed on the command line: `187`, `429`, `usage-capped`.
    pub fn id(&self) -> String {
        match (self.number, self.name) {
            (Some(n), _) => n.to_string(),
            (None, Some(name)) => name.to_string(),
            _ => String::new(),
        }
    }
}

/// Every entry: statuses, then codes, then problems.
pub fn all_rows() -> Vec<Row> {
    let statuses = catalog::STATUSES.iter().map(|e| Row {
        kind: "status",
        number: Some(u32::from(e.code)),
        name: None,
        message: e.message,
        variants: &[],
        status: None,
        source: e.source,
        family: e.family,
        retry: e.retry,
        description: e.description,
        advice: e.advice,
        note: e.note,
    });
    let codes = catalog::CODES.iter().map(|e| Row {
        kind: "code",
        number: Some(e.code),
        name: None,
        message: e.message,
        variants: e.variants,
        status: e.status,
        source: e.source,
        family: e.family,
        retry: e.retry,
        description: e.description,
        advice: e.advice,
        note: e.note,
    });
    let problems = catalog::PROBLEMS.iter().map(|e| Row {
        kind: "problem",
        number: None,
        name: Some(e.name),
        message: e.title,
        variants: e.titles,
        status: e.status,
        source: e.source,
        family: e.family,
        retry: e.retry,
        description: e.description,
        advice: e.advice,
        note: e.note,
    });
    statuses.chain(codes).chain(problems).collect()
}

/// Rows whose text holds every word, in any case: message, variants, description, advice,
/// name and number all count.
pub fn search(words: &[String]) -> Vec<Row> {
    let words: Vec<String> = words
        .iter()
        .flat_map(|w| w.split_whitespace())
        .map(catalog::normalize_message)
        .filter(|w| !w.is_empty())
        .collect();
    all_rows()
        .into_iter()
        .filter(|r| {
            let mut hay = format!(
                "{} {} {} {} {} {}",
                r.id(),
                r.message,
                r.variants.join(" "),
                r.description,
                r.advice,
                r.family
            );
            hay = catalog::normalize_message(&hay);
            !words.is_empty() && words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect()
}
