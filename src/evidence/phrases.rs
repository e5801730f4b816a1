//! Official wordings standing in free text: a code's message without its number
//! (`Twitter::Error::Forbidden: This request looks like it might be automated...`), a
//! problem's title in an exception (`Exception: Client Forbidden: When authenticating...`),
//! a status's page text (`Twitter is over capacity.`). This reader only says where the
//! words are; which entry they name, and what that implies, is decided in diagnosis.

use super::{Claimed, Evidence, Finding, How, LineIndex, Seen};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;

static WORDINGS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(crate::catalog::distinctive_wordings())
        .expect("the wordings build an automaton")
});

pub(super) fn scan(text: &str, lines: &LineIndex, claimed: &Claimed, out: &mut Vec<Evidence>) {
    let bytes = text.as_bytes();
    for m in WORDINGS.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        let whole_words = start
            .checked_sub(1)
            .is_none_or(|i| !bytes[i].is_ascii_alphanumeric())
            && bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
        if !whole_words || claimed.contains(start) {
            continue;
        }
        out.push(Evidence {
            finding: Finding::Phrase {
                text: text[start..end].to_string(),
            },
            seen: Seen {
                line: lines.line_of(start),
                how: How::Phrase,
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Finding, extract};

    fn phrases(text: &str) -> Vec<String> {
        extract(text)
            .into_iter()
            .filter_map(|e| match e.finding {
                Finding::Phrase { text } => Some(text),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn official_words_in_free_text() {
        assert_eq!(
            phrases("(x) Twitter is over capacity."),
            ["Twitter is over capacity"]
        );
        assert_eq!(
            phrases("Exception: Client Forbidden: When"),
            ["Client Forbidden"]
        );
        assert_eq!(
            phrases("echo: rate limit exceeded"),
            ["rate limit exceeded"]
        );
    }

    #[test]
    fn not_inside_bodies_nor_parts_of_words() {
        assert!(phrases(r#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#).is_empty());
        assert!(
            phrases("Internal error").is_empty(),
            "too generic to look for"
        );
        assert!(phrases("XRate limit exceeded").is_empty());
    }
}
