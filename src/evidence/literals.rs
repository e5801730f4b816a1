//! Text held in a string literal of free text: an exception's repr
//! (`RuntimeError('tweepy.errors.Forbidden: 403 Forbidden\n453 - ...')`), a Node
//! inspection whose string is split at its line breaks (`'...\n' +` on one line, `'...'`
//! on the next), a message a logger escaped. Whatever wraps the error, its lines are the
//! same once the escapes are undone, so the literal's text is read again as text, like a
//! string of a body ([`super::read_text`]).
//!
//! Only a literal that holds an escaped line break, or stands as a call's one argument,
//! is read again: that escape is what makes a printed text unreadable line by line, and an
//! apostrophe of prose (`it's`) never opens such a literal. The scan is linear: a quote
//! that does not close on its line means no later quote of its kind does either, so the
//! rest of that line is passed, and the bodies between gaps are jumped over.

use super::{Evidence, Finding, Gaps, LineIndex};
use std::collections::HashMap;
use std::ops::Range;

/// How far apart two pieces of one literal may be (`' +\n    '` in a Node inspection,
/// adjacent strings in Python): spaces, line breaks and one `+`.
const JOIN: usize = 32;

/// How deep literals within literals (or within strings of bodies) are followed.
const MAX_DEPTH: usize = 1;

/// The literals of the free text that are to be read again as text: each a list of the
/// ranges of its pieces' insides. Found before the free-text readers run, so that the
/// text inside them is read once, decoded, and never also raw (where `\n` glues two
/// lines into one and an escaped quote ends a word).
pub(super) fn find_literals(text: &str, gaps: &Gaps, depth: usize) -> Vec<Vec<Range<usize>>> {
    if depth > MAX_DEPTH || gaps.is_empty() {
        return Vec::new();
    }
    literals(text, gaps.ranges())
}

/// Reads the text of each literal of [`find_literals`] again, its findings placed on the
/// input lines of its pieces.
pub(super) fn read_literals(
    text: &str,
    lines: &LineIndex,
    found: Vec<Vec<Range<usize>>>,
    depth: usize,
    out: &mut Vec<Evidence>,
) {
    let mut inner = Vec::new();
    for pieces in found {
        let mut decoded = String::new();
        // The first line of the decoded text that each piece writes, and its input line.
        let mut starts: Vec<(usize, usize)> = Vec::with_capacity(pieces.len());
        for p in &pieces {
            let first = 1 + memchr::memchr_iter(b'\n', decoded.as_bytes()).count();
            starts.push((first, lines.line_of(p.start)));
            decoded.push_str(&decode(&text[p.clone()]));
        }
        let place = |line: usize| {
            let k = starts.partition_point(|&(first, _)| first <= line);
            starts[k.saturating_sub(1)].1
        };
        inner.extend(super::read_text_placed(&decoded, depth + 1, place));
        if out.len() + inner.len() >= super::MAX_FINDINGS {
            break;
        }
    }
    replace_read_again(inner, out);
}

/// Puts the findings of the literals' text in place of the same findings that reading the
/// input around them made (a body the input showed whole inside a literal was read there
/// already, and counts once), in the literals' order: their text is the one with its
/// lines. Matched by line and finding, as many times as each was found, in one pass.
fn replace_read_again(inner: Vec<Evidence>, out: &mut Vec<Evidence>) {
    if inner.is_empty() {
        return;
    }
    let mut again: HashMap<(usize, Finding), usize> = HashMap::new();
    for e in &inner {
        *again.entry((e.seen.line, e.finding.clone())).or_default() += 1;
    }
    for e in std::mem::take(out) {
        let key = (e.seen.line, e.finding);
        match again.get_mut(&key) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(Evidence {
                finding: key.1,
                seen: e.seen,
            }),
        }
    }
    out.extend(inner);
}

/// The literals of `text` that hold an escaped line break, or stand as a call's argument
/// (`RuntimeError('...')`): the inside of each of their pieces. A literal opens in free
/// text (`gaps`), never inside a body, and may hold one.
fn literals(text: &str, gaps: &[Range<usize>]) -> Vec<Vec<Range<usize>>> {
    let bytes = text.as_bytes();
    let mut found: Vec<Vec<Range<usize>>> = Vec::new();
    // The pieces of the literal being read, which may go on in a next piece.
    let mut chain: Option<Vec<Range<usize>>> = None;
    let mut flush = |chain: Option<Vec<Range<usize>>>| {
        if let Some(pieces) = chain
            && (pieces.iter().any(|p| has_escaped_break(&bytes[p.clone()]))
                || pieces.len() == 1 && is_argument(bytes, &pieces[0]))
        {
            found.push(pieces);
        }
    };
    // Where the current line has no closing quote of each kind left.
    let mut no_close_until = [0usize; 2];
    let mut joined_to: Option<usize> = None;
    let mut gap = 0;
    let mut i = gaps[0].start;
    while i < bytes.len() {
        let kind = match bytes[i] {
            b'\'' => 0,
            b'"' => 1,
            _ => {
                i = memchr::memchr2(b'\'', b'"', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
        };
        while gaps.get(gap).is_some_and(|g| g.end <= i) {
            gap += 1;
        }
        let continues = joined_to == Some(i);
        if !continues {
            // No literal opens inside a body: on to the next gap, or done.
            match gaps.get(gap) {
                Some(g) if g.start > i => {
                    i = g.start;
                    continue;
                }
                Some(_) => {}
                None => break,
            }
        }
        if i < no_close_until[kind] {
            i += 1;
            continue;
        }
        let Some(close) = closing(bytes, i) else {
            no_close_until[kind] =
                memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            i += 1;
            continue;
        };
        let inside = i + 1..close;
        match chain.as_mut() {
            Some(pieces) if continues => pieces.push(inside),
            _ => flush(chain.replace(vec![inside])),
        }
        joined_to = next_piece(bytes, close + 1);
        i = close + 1;
    }
    flush(chain);
    found
}

/// Whether the literal whose inside is `inside` is the one argument of a call.
fn is_argument(bytes: &[u8], inside: &Range<usize>) -> bool {
    inside.start >= 2
        && bytes[inside.start - 2] == b'('
        && bytes.get(inside.end + 1).is_some_and(|&b| b == b')')
}

/// The offset of the quote that closes the literal opened at `open`, on its line.
fn closing(bytes: &[u8], open: usize) -> Option<usize> {
    let quote = bytes[open];
    let mut j = open + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'\n' => return None,
            b if b == quote => return Some(j),
            _ => j += 1,
        }
    }
    None
}

/// Where the next piece of a split literal opens, if only spaces, line breaks and one `+`
/// (with a line break or the `+` at least) stand between.
fn next_piece(bytes: &[u8], from: usize) -> Option<usize> {
    let limit = bytes.len().min(from + JOIN);
    let mut plus = false;
    let mut broke = false;
    for (j, &b) in bytes.iter().enumerate().take(limit).skip(from) {
        match b {
            b' ' | b'\t' | b'\r' => {}
            b'\n' => broke = true,
            b'+' if !plus => plus = true,
            b'\'' | b'"' if plus || broke => return Some(j),
            _ => return None,
        }
    }
    None
}

fn has_escaped_break(inside: &[u8]) -> bool {
    memchr::memmem::find_iter(inside, b"\\n").any(|at| {
        // `\\n` is a backslash and an `n`: count the backslashes before.
        let run = inside[..at]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        run % 2 == 0
    })
}

/// The text a literal's inside writes, with the escapes of Python, JavaScript and JSON
/// undone. A digit written as an escape (`\x34`, `\u0034`) is no digit of the input: it
/// reads as U+FFFD, which joins no number and makes no word.
fn decode(inside: &str) -> String {
    let mut out = String::with_capacity(inside.len());
    let mut chars = inside.char_indices();
    while let Some((_, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((at, e)) = chars.next() else {
            out.push('\\');
            break;
        };
        let (decoded, used) = match e {
            'n' => (Some('\n'), 0),
            'r' => (Some('\r'), 0),
            't' => (Some('\t'), 0),
            'x' => match super::values::escape::hex(&inside[at + 1..], 2) {
                Some(v) => (char::from_u32(v), 2),
                None => (None, 0),
            },
            'u' => match super::values::escape::unicode(&inside[at + 1..]) {
                Some((c, used)) => (Some(c), used),
                None => (None, 0),
            },
            '\\' | '\'' | '"' | '/' => (Some(e), 0),
            _ => (None, 0),
        };
        match decoded {
            Some(d) => {
                out.push(if d.is_ascii_digit() { '\u{fffd}' } else { d });
                for _ in 0..used {
                    chars.next();
                }
            }
            None => out.push_str(&inside[at - 1..at + e.len_utf8()]),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, statuses};
    use super::*;

    fn pieces(text: &str) -> Vec<String> {
        let whole = std::iter::once(0..text.len()).collect::<Vec<_>>();
        literals(text, &whole)
            .into_iter()
            .map(|p| p.iter().map(|r| decode(&text[r.clone()])).collect())
            .collect()
    }

    #[test]
    fn a_repr_and_a_split_inspection_are_read_as_their_lines() {
        let repr =
            r"RuntimeError('tweepy.errors.Forbidden: 403 Forbidden\n187 - Status is a duplicate.')";
        assert_eq!(codes(repr), [187]);
        let node = "Error: x\n    at f (/a.js:41:13) {\n  detail: 'HTTP/1.1 401\\n' +\n    'x: y\\n' +\n    '\\n' +\n    '{\"errors\":[{\"code\":89}]}'\n}";
        assert_eq!(
            pieces(node),
            ["HTTP/1.1 401\nx: y\n\n{\"errors\":[{\"code\":89}]}"]
        );
        assert_eq!(codes(node), [89]);
        assert_eq!(statuses(node), [401]);
    }

    #[test]
    fn prose_quotes_and_plain_strings_are_not_read_again() {
        assert!(pieces("it's 'a' and \"b\" then it's").is_empty());
        assert!(pieces("'no break here 403'").is_empty());
        assert!(pieces(r"'an escaped backslash \\n is no break'").is_empty());
    }

    #[test]
    fn digits_written_as_escapes_stay_none() {
        assert_eq!(
            decode(r"\x34\u0030\x33 a\tb"),
            "\u{fffd}\u{fffd}\u{fffd} a\tb"
        );
        assert!(codes(r"'\n\x31\x38\x37 - Status is a duplicate.'").is_empty());
    }

    #[test]
    fn an_unclosed_quote_costs_one_pass() {
        let line = "'".repeat(100_000);
        assert!(pieces(&line).is_empty());
        let text = format!("{}\n'a\\nb'", "' x ".repeat(50_000));
        assert_eq!(pieces(&text), ["a\nb"]);
    }
}
