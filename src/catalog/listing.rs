//! The tables as rows, for `twerr list` and `twerr search`.

use crate::catalog::{self, Source, Verdict};
use serde::Serialize;

/// Which table an entry is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Status,
    Code,
    Problem,
}

impl Kind {
    /// The name printed for it (`status`, `code`, `problem`), as in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Status => "status",
            Kind::Code => "code",
            Kind::Problem => "problem",
        }
    }
}

/// One entry of any table, in the shape `list` and `search` print.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub kind: Kind,
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
    /// Whether the verdict (and the title) come from the HTTP status the entry is sent
    /// with, not from the entry: about:blank, whose title repeats the status.
    pub retry_from_status: bool,
    pub description: &'static str,
    pub advice: &'static str,
    pub note: Option<&'static str>,
    /// For `search`: the field the words were found in (`id`, `message`, `family`,
    /// `description`, `advice`, or `several` when no one field holds them all). Rows are
    /// ranked by it, in that order. Absent from `list`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<&'static str>,
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
        kind: Kind::Status,
        number: Some(u32::from(e.code)),
        name: None,
        message: e.message,
        variants: &[],
        status: None,
        source: e.source,
        family: e.family,
        retry: e.retry,
        retry_from_status: false,
        description: e.description,
        advice: e.advice,
        note: e.note,
        matched: None,
    });
    let codes = catalog::CODES.iter().map(|e| Row {
        kind: Kind::Code,
        number: Some(e.code),
        name: None,
        message: e.message,
        variants: e.variants,
        status: e.status,
        source: e.source,
        family: e.family,
        retry: e.retry,
        retry_from_status: false,
        description: e.description,
        advice: e.advice,
        note: e.note,
        matched: None,
    });
    let problems = catalog::PROBLEMS.iter().map(|e| Row {
        kind: Kind::Problem,
        number: None,
        name: Some(e.name),
        message: e.title,
        variants: e.titles,
        status: e.status,
        source: e.source,
        family: e.family,
        retry: e.retry,
        retry_from_status: e.name == "about:blank",
        description: e.description,
        advice: e.advice,
        note: e.note,
        matched: None,
    });
    statuses.chain(codes).chain(problems).collect()
}

/// Rows whose text holds every word, in any case: message, variants, description, advice,
/// name and number all count. Ranked by where the words are: an entry whose id or message
/// holds them all comes before one whose advice mentions them.
pub fn search(words: &[String]) -> Vec<Row> {
    let words: Vec<String> = words
        .iter()
        .flat_map(|w| w.split_whitespace())
        .map(catalog::normalize_message)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let holds_all = |text: &str| {
        let text = catalog::normalize_message(text);
        words.iter().all(|w| text.contains(w.as_str()))
    };
    let mut found: Vec<(usize, Row)> = all_rows()
        .into_iter()
        .filter_map(|mut r| {
            let message = format!("{} {}", r.message, r.variants.join(" "));
            let fields = [
                ("id", r.id()),
                ("message", message),
                ("family", r.family.to_string()),
                ("description", r.description.to_string()),
                ("advice", r.advice.to_string()),
            ];
            let (rank, field) = match fields.iter().position(|(_, text)| holds_all(text)) {
                Some(i) => (i, fields[i].0),
                None => {
                    let all: Vec<&str> = fields.iter().map(|(_, t)| t.as_str()).collect();
                    if !holds_all(&all.join(" ")) {
                        return None;
                    }
                    (fields.len(), "several")
                }
            };
            r.matched = Some(field);
            Some((rank, r))
        })
        .collect();
    found.sort_by_key(|(rank, _)| *rank);
    found.into_iter().map(|(_, r)| r).collect()
}

/// The entries of a status class: its statuses, and with `with_kin`, the codes and
/// problems documented with one of them.
pub fn in_class(digit: u8, with_kin: bool) -> Vec<Row> {
    let in_it = |s: Option<u32>| s.is_some_and(|s| s / 100 == u32::from(digit));
    all_rows()
        .into_iter()
        .filter(|r| match r.kind {
            Kind::Status => in_it(r.number),
            _ => with_kin && in_it(r.status.map(u32::from)),
        })
        .collect()
}

/// The words of the tables' texts (messages, descriptions, advice), lower case, four
/// letters or more: what a misspelt search word is corrected to.
static VOCABULARY: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut words: Vec<&'static str> = all_rows()
        .into_iter()
        .flat_map(|r| {
            let texts = [r.message, r.description, r.advice];
            texts
                .into_iter()
                .chain(r.variants.iter().copied())
                .flat_map(|t| t.split(|c: char| !c.is_ascii_alphabetic()))
                .filter(|w| w.len() >= 4)
                .collect::<Vec<_>>()
        })
        .collect();
    words.sort_unstable();
    words.dedup();
    words
});

/// `words` with each word the tables do not hold replaced by the nearest one they do
/// (`duplcate` -> `duplicate`, `unauthorised` -> `unauthorized`): `None` when no word
/// needed it or one has no near word.
pub fn corrected(words: &[String]) -> Option<Vec<String>> {
    let mut changed = false;
    let mut out = Vec::new();
    for w in words.iter().flat_map(|w| w.split_whitespace()) {
        let lower = w.to_ascii_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_ascii_alphabetic());
        let known = bare.len() < 4 || VOCABULARY.iter().any(|v| v.eq_ignore_ascii_case(bare));
        if known {
            out.push(w.to_string());
            continue;
        }
        let near = catalog::closest(bare, VOCABULARY.iter().copied(), 4)?;
        out.push(near.to_ascii_lowercase());
        changed = true;
    }
    changed.then_some(out)
}
