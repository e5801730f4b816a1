//! Official wordings standing in free text: a code's message without its number
//! (`Twitter::Error::Forbidden: This request looks like it might be automated...`), a
//! problem's title in an exception (`Exception: Client Forbidden: When authenticating...`),
//! a status's page text (`Twitter is over capacity.`). This reader only says where the
//! words are; which entry they name, and what that implies, is decided in diagnosis.
//!
//! One thing it does decide: a code's own number printed beside its message (`Rate limit
//! exceeded - 88`, `error 89 from Twitter: Invalid or expired token.`) is that code, in
//! whatever layout the client chose. Only the number of that very message counts, so no
//! other number nearby can become a code.

use super::{Evidence, Finding, Gaps, How, LineIndex, Seen};
use crate::catalog::{self, Wording};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;

/// The automaton over every distinctive wording, and the entry of each pattern. Each is
/// searched for as the folded text is written: spaces as one, no final period (a client
/// that quotes a message drops it: `` `... is forbidden for this endpoint` ``).
static WORDINGS: LazyLock<(AhoCorasick, Vec<(Wording, bool)>)> = LazyLock::new(|| {
    let (mut texts, mut entries): (Vec<String>, Vec<(Wording, bool)>) = (Vec::new(), Vec::new());
    // One wording with and without its period (a message and its variant) is one pattern,
    // which keeps the period where the input has it.
    let mut first_of: std::collections::HashMap<(String, String), usize> = Default::default();
    for (text, entry) in catalog::distinctive_wordings() {
        let mut folded = String::with_capacity(text.len());
        fold_spaces(text, &mut folded, &mut Vec::new(), 0);
        let kept = folded.trim_end_matches('.').len();
        let period = kept < folded.len();
        folded.truncate(kept);
        let key = (folded.to_ascii_lowercase(), entry_id(entry));
        if let Some(&i) = first_of.get(&key) {
            entries[i].1 |= period;
            continue;
        }
        first_of.insert(key, texts.len());
        texts.push(folded);
        entries.push((entry, period));
    }
    let automaton = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(texts)
        .expect("the wordings build an automaton");
    (automaton, entries)
});

/// Which entry a wording names, to tell one entry's two spellings from two entries'.
fn entry_id(w: Wording) -> String {
    match w {
        Wording::Code(e) => format!("code {}", e.code),
        Wording::Problem(e) => format!("problem {}", e.name),
        Wording::Status(e) => format!("status {}", e.code),
    }
}

/// How far from its message a code's number may stand, in bytes, on the same line.
const NEAR: usize = 40;

pub(super) fn find_wordings(text: &str, lines: &LineIndex, gaps: &Gaps, out: &mut Vec<Evidence>) {
    let (automaton, entries) = &*WORDINGS;
    let mut folded = String::new();
    let mut shifts = Vec::new();
    for gap in gaps.ranges() {
        folded.clear();
        shifts.clear();
        fold_spaces(&text[gap.clone()], &mut folded, &mut shifts, gap.start);
        let at = |f: usize| {
            let k = shifts.partition_point(|&(from, _)| from <= f);
            let (from, to) = shifts
                .get(k.wrapping_sub(1))
                .copied()
                .unwrap_or((0, gap.start));
            to + (f - from)
        };
        for m in automaton.find_iter(folded.as_str()) {
            if super::full(out) {
                return;
            }
            // The final period a pattern leaves out is its wording's, where it stands.
            let (entry, period) = entries[m.pattern().as_usize()];
            let stop = m.end() + usize::from(period && folded[m.end()..].starts_with('.'));
            let (start, end) = (at(m.start()), at(stop - 1) + 1);
            let words = &folded[m.start()..stop];
            push_wording(text, lines, (start, end), words, entry, out);
        }
    }
}

/// `text` with each run of spaces, tabs and line breaks written as one space (a wrapped
/// line, a message spaced twice, CRLF), appended to `out`. `shifts` gets, for each run
/// that changed the length, the folded offset after it and the input offset (`base` +
/// its offset in `text`) there: an offset of the folded text maps back by the last shift
/// at or before it.
fn fold_spaces(text: &str, out: &mut String, shifts: &mut Vec<(usize, usize)>, base: usize) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let word_end = bytes[i..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(bytes.len(), |n| i + n);
        out.push_str(&text[i..word_end]);
        let run = bytes[word_end..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        if run > 0 {
            out.push(' ');
        }
        if run > 1 {
            shifts.push((out.len(), base + word_end + run));
        }
        i = word_end + run;
    }
}

/// The evidence of one wording found at `start..end` of the input: the phrase, and the
/// code whose message it is when that code's number stands beside it.
fn push_wording(
    text: &str,
    lines: &LineIndex,
    (start, end): (usize, usize),
    words: &str,
    entry: Wording,
    out: &mut Vec<Evidence>,
) {
    let bytes = text.as_bytes();
    let whole_words = start
        .checked_sub(1)
        .is_none_or(|i| !bytes[i].is_ascii_alphanumeric())
        && bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
    if !whole_words {
        return;
    }
    let line = lines.line_of(start);
    if let Wording::Code(entry) = entry
        && number_near(text, start, end, entry.code)
    {
        out.push(Evidence {
            finding: Finding::Code {
                code: u64::from(entry.code),
                message: Some(words.to_string()),
            },
            seen: Seen {
                line,
                how: How::ClientText,
            },
        });
    }
    out.push(Evidence {
        finding: Finding::Phrase {
            text: words.to_string(),
        },
        seen: Seen {
            line,
            how: How::Phrase,
        },
    });
}

/// Whether `code` stands as a number of its own within [`NEAR`] bytes of the message at
/// `start..end`, on the same line.
fn number_near(text: &str, start: usize, end: usize, code: u32) -> bool {
    let digits = code.to_string();
    // The windows are read with a few bytes of margin on their far sides, so that a number
    // cut at a window's edge (`88` of `881`) is seen whole; only numbers that start inside
    // a window count.
    const MARGIN: usize = 8;
    let from = super::floor_boundary(text, start.saturating_sub(NEAR));
    let to = super::ceil_boundary(text, end + NEAR);
    let window = |s: &str, counted: std::ops::Range<usize>| -> bool {
        s.match_indices(digits.as_str()).any(|(at, d)| {
            let b = s.as_bytes();
            let digit = |i: Option<usize>| i.and_then(|i| b.get(i)).is_some_and(u8::is_ascii_digit);
            // Not part of a word, nor of a time, a version or a decimal (`12:88:01`).
            let alone = |next: Option<usize>, beyond: Option<usize>| {
                let c = next.and_then(|i| b.get(i)).copied();
                c.is_none_or(|c| {
                    !(c.is_ascii_alphanumeric() || matches!(c, b'.' | b':' | b',') && digit(beyond))
                })
            };
            let end = at + d.len();
            counted.contains(&at)
                && alone(at.checked_sub(1), at.checked_sub(2))
                && alone(Some(end), Some(end + 1))
                && no_other_role(&s[..at], &s[end..])
        })
    };
    let wide_from = super::floor_boundary(text, from.saturating_sub(MARGIN));
    let before = &text[wide_from..start];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    let before = &before[line_start..];
    let first = (from - wide_from).saturating_sub(line_start);
    let wide_to = super::ceil_boundary(text, to + MARGIN);
    let after = &text[end..wide_to];
    let after = &after[..after.find('\n').unwrap_or(after.len())];
    window(before, first..before.len()) || window(after, 0..to - end)
}

/// Whether a number between `before` and `after` has no role of its own that its
/// neighbours name: the value of another key (`user_id=32`), a count of time or things
/// (`88 seconds`, `34 of 50`), a page, line, attempt or ID (`Page 34`).
fn no_other_role(before: &str, after: &str) -> bool {
    let before = before.trim_end();
    let key = before
        .strip_suffix(['=', ':'])
        .map(|k| k.trim_end())
        .map(|k| {
            let word_start = k
                .char_indices()
                .rev()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            &k[word_start..]
        });
    let keyed_otherwise = key.is_some_and(|k| {
        let k = k.to_ascii_lowercase();
        !k.is_empty() && !k.contains("code") && !matches!(k.as_str(), "error" | "err" | "errors")
    });
    let word_before = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let named_before = matches!(
        word_before.as_str(),
        "page" | "line" | "attempt" | "retry" | "sleeping" | "waiting" | "wait" | "id" | "after"
    );
    let word_after: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '%')
        .collect::<String>()
        .to_ascii_lowercase();
    let counted = matches!(
        word_after.as_str(),
        "s" | "ms"
            | "sec"
            | "secs"
            | "second"
            | "seconds"
            | "min"
            | "mins"
            | "minute"
            | "minutes"
            | "h"
            | "hour"
            | "hours"
            | "of"
            | "times"
            | "tweets"
            | "results"
            | "items"
            | "requests"
            | "calls"
            | "retries"
            | "attempts"
            | "%"
    );
    !(keyed_otherwise || named_before || counted)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, phrases};

    #[test]
    fn a_wording_is_found_wrapped_spaced_and_without_its_period() {
        for text in [
            "Error: Rate limit\nexceeded",
            "Error: Rate   limit \r\n  exceeded.",
            "`Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint`",
        ] {
            assert_eq!(phrases(text).len(), 1, "{text:?}: {:?}", phrases(text));
        }
        // The words as found, spaces folded: the catalog is looked up with them.
        assert_eq!(phrases("Rate  limit\n exceeded"), ["Rate limit exceeded"]);
        assert!(phrases("Rate limits exceeded").is_empty());
    }

    #[test]
    fn numbers_in_other_roles_beside_an_official_message_are_no_codes() {
        for text in [
            "user_id=32 Could not authenticate you",
            "Rate limit exceeded. Sleeping 88 seconds",
            "Page 34 of results: Sorry, that page does not exist",
            "Rate limit exceeded (88% of the window used)",
            // 881 reaches past the message's window: its 88 is no number of its own.
            "Rate limit exceeded -   u \"message\":\"Rate limit exceeded\"881",
            concat!(
                "1088 ",
                "....................................",
                " Rate limit exceeded"
            ),
        ] {
            assert!(codes(text).is_empty(), "{text}: {:?}", codes(text));
        }
        for (text, code) in [
            ("Could not authenticate you - 32", 32),
            ("Rate limit exceeded (88)", 88),
            ("code=88 Rate limit exceeded", 88),
        ] {
            assert_eq!(codes(text), [code], "{text}");
        }
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

    #[test]
    fn the_code_beside_its_own_message() {
        assert_eq!(codes("Warning: Rate limit exceeded - 88"), [88]);
        assert_eq!(
            codes("got error 89 from Twitter: Invalid or expired token."),
            [89]
        );
        assert!(
            codes("line 88: Invalid or expired token.").is_empty(),
            "88 is not 89's number"
        );
        assert!(codes("Rate limit exceeded at 12:88:01").is_empty());
        assert!(codes("Rate limit exceeded\n88").is_empty(), "another line");
    }
}
