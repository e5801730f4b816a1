//! What the input gives outright (codes, problem types, the messages read from
//! structure), so that words naming one of them are not reported a second time.

use crate::catalog::{self, Wording};
use crate::evidence::{Evidence, Finding};
use std::collections::{HashMap, HashSet};

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
    pub(super) fn within_message(&self, line: usize, words: &str) -> bool {
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
