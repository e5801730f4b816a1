//! Numbers read by the words beside them, in any language the lexicon (`data/lexicon/`)
//! holds: `blocked (429)` and `403エラーになる` are statuses, `O código 88` and
//! `TweepError: code 32` are codes, `line 403` and `took 429 ms` are neither.
//!
//! Only the nearest word on each side counts, with nothing but punctuation and fillers
//! (`a`, `einen`, `の`) between it and the number, so a word further off cannot give a
//! number a role: this is what keeps line numbers, IDs and counts out. Each side is one
//! anchored search of a few dozen bytes, so the work is linear in the free text. The
//! forms the other readers know are left to them: this reader adds a number no other
//! reader named on its line.

use super::{Evidence, Finding, Gaps, How, LineIndex, Seen};
use crate::catalog::lexicon::{Kind, LEXICON};
use crate::catalog::{self, all_reasons, reasons};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// A number of one to four digits standing alone.
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)[0-9]{1,4}(?-u:\b)").expect("the pattern compiles"));

/// How far from its number a word and its fillers may stand, in bytes.
const WINDOW: usize = 64;
/// How many fillers may stand between a word and its number.
const FILLERS: usize = 3;
/// The registered statuses that are also API error codes of the same number: `error 422`
/// may be either, so only a word of one role decides.
pub(super) const AMBIGUOUS: &[u16] = &[407, 415, 416, 417, 421, 422];

/// The two automatons: the words that count before a number, reversed (an anchored search
/// of the reversed text before the number finds the longest word ending there), and the
/// words that count after it.
struct Index {
    before: AhoCorasick,
    before_kinds: Vec<Kind>,
    after: AhoCorasick,
    after_kinds: Vec<Kind>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let english = all_reasons().map(|(code, p)| (p, Kind::Reason(code), true, true));
    let words = LEXICON
        .iter()
        .map(|w| (w.text, w.kind, w.before, w.after))
        .chain(english);
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for (text, kind, is_before, is_after) in words {
        for spelling in spellings(text) {
            if is_before {
                before.push((spelling.chars().rev().collect::<String>(), kind));
            }
            if is_after {
                after.push((spelling.clone(), kind));
            }
        }
    }
    let build = |patterns: Vec<(String, Kind)>| {
        let (texts, kinds): (Vec<String>, Vec<Kind>) = patterns.into_iter().unzip();
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(texts)
            .expect("the lexicon builds an automaton");
        (automaton, kinds)
    };
    let ((before, before_kinds), (after, after_kinds)) = (build(before), build(after));
    Index {
        before,
        before_kinds,
        after,
        after_kinds,
    }
});

/// A word as written, with `_`, `-` or nothing for each space in it, and for other
/// scripts than ASCII in lower case, upper case and with its first letter upper-cased
/// (`ошибка`, `ОШИБКА`, `Ошибка`): the automaton folds ASCII case only.
fn spellings(text: &str) -> Vec<String> {
    let mut all = vec![text.to_string()];
    // `status code` is also `status_code`, `status-code` and `statuscode`.
    if text.is_ascii() && text.contains(' ') {
        for sep in ["_", "-", ""] {
            all.push(text.replace(' ', sep));
        }
    }
    if !text.is_ascii() {
        let mut chars = text.chars();
        let first: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect();
        all.extend([
            text.to_lowercase(),
            text.to_uppercase(),
            first + chars.as_str(),
        ]);
        all.sort();
        all.dedup();
    }
    all
}

pub(super) fn read_roles(text: &str, lines: &LineIndex, gaps: &Gaps, out: &mut Vec<Evidence>) {
    let named: HashSet<(usize, u64)> = out
        .iter()
        .filter_map(|e| match e.finding {
            Finding::Status { code, .. } => Some((e.seen.line, u64::from(code))),
            Finding::Code { code, .. } => Some((e.seen.line, code)),
            _ => None,
        })
        .collect();
    let mut reversed = String::with_capacity(WINDOW);
    for gap in gaps.ranges() {
        let hay = &text[..gap.end];
        let mut at = gap.start;
        while let Some(m) = NUMBER.find_at(hay, at) {
            at = m.end();
            if super::full(out) {
                return;
            }
            let Some(finding) = role(text, gap.start..gap.end, m.range(), &mut reversed) else {
                continue;
            };
            let line = lines.line_of(m.start());
            let key = match finding {
                Finding::Status { code, .. } => u64::from(code),
                Finding::Code { code, .. } => code,
                _ => continue,
            };
            if !named.contains(&(line, key)) {
                let how = How::ClientText;
                out.push(Evidence {
                    finding,
                    seen: Seen { line, how },
                });
            }
        }
    }
}

/// The role of the number at `number` within the gap `gap`, by the words beside it.
fn role(
    text: &str,
    gap: std::ops::Range<usize>,
    number: std::ops::Range<usize>,
    reversed: &mut String,
) -> Option<Finding> {
    let bytes = text.as_bytes();
    if !stands_alone(bytes, number.start, number.end) {
        return None;
    }
    let digits = &text[number.clone()];
    // `088` is padded digits, not the number 88 as a client writes it.
    if digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    let n: u16 = digits.parse().ok()?;
    let from = super::floor_boundary(text, number.start.saturating_sub(WINDOW).max(gap.start));
    let to = super::ceil_boundary(text, (number.end + WINDOW).min(gap.end));
    let (before, after) = (&text[from..number.start], &text[number.end..to]);
    let own_line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    if compared(own_line) {
        return None;
    }
    let mut window = String::with_capacity(2 * WINDOW);
    fold(last_two_lines(before), &mut window);
    let word_before = word_before(&window, reversed);
    window.clear();
    fold(first_two_lines(after), &mut window);
    decide(n, word_before, word_after(&window))
}

/// The end of `before` from the start of the line before the number's: a terminal or an
/// editor that wrapped the line may have broken it right before the number, or inside the
/// word (`status\n= 429`, `HTTP result code:\n401`). The search is anchored at the
/// number, so a word of the other line counts only when nothing but punctuation and
/// fillers stands on the number's own line before it.
fn last_two_lines(before: &str) -> &str {
    let Some(last) = before.rfind('\n') else {
        return before;
    };
    &before[before[..last].rfind('\n').map_or(0, |i| i + 1)..]
}

/// The start of `after` to the end of the line after the number's (`429 (Too Many\n
/// Requests)`).
fn first_two_lines(after: &str) -> &str {
    let Some(first) = after.find('\n') else {
        return after;
    };
    &after[..after[first + 1..]
        .find('\n')
        .map_or(after.len(), |i| first + 1 + i)]
}

/// `text` with each run of spaces and line breaks written as one space, appended to
/// `out`: a word broken across a wrap, or spaced twice, is the same word.
fn fold(text: &str, out: &mut String) {
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    if space {
        out.push(' ');
    }
}

/// What the two nearest words make of `n`: a reason phrase of it, else a status word, a
/// code word (a code the catalog knows, or any after a word that names only codes), an
/// error word, in that order; any word of [`Kind::Not`] makes it nothing.
fn decide(n: u16, before: Option<Kind>, after: Option<Kind>) -> Option<Finding> {
    if before == Some(Kind::Not) || after == Some(Kind::Not) {
        return None;
    }
    let status = |code: u16| Finding::Status { code, reason: None };
    let is_error_status = n >= 400 && reasons(n).is_some();
    let known_code = catalog::code(u64::from(n)).is_some();
    let code = || Finding::Code {
        code: u64::from(n),
        message: None,
    };
    let words = [before, after];
    if words.contains(&Some(Kind::Reason(n))) {
        return Some(status(n));
    }
    if words.contains(&Some(Kind::Status)) {
        return is_error_status.then(|| status(n));
    }
    match (before, after) {
        (Some(Kind::Code), _) => known_code.then(code),
        // `API error: 403` is the status where no code of that number is listed.
        (Some(Kind::AnyCode), _) if is_error_status && !known_code => Some(status(n)),
        // `error_code: 0` is the usual way to say there was none.
        (Some(Kind::AnyCode), _) => (n > 0).then(code),
        // `error 422` may be the status or the code of that number: neither is said.
        (Some(Kind::Error), _) | (_, Some(Kind::Error)) if is_error_status => {
            (!AMBIGUOUS.contains(&n)).then(|| status(n))
        }
        (Some(Kind::Error), _) if known_code => Some(code()),
        _ => None,
    }
}

/// Digits of something larger: a version or decimal (`1.403`), a time (`12:207`), a date
/// or range (`2024-04-03`), a path or fraction (`/2/403`), a price (`$100`), a percentage,
/// an issue number (`#403`), or a number glued to a letter on either side.
fn stands_alone(bytes: &[u8], start: usize, end: usize) -> bool {
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let prev = start.checked_sub(1).map(|i| bytes[i]);
    let next = bytes.get(end).copied();
    let joined_before =
        start >= 2 && matches!(prev, Some(b'.' | b':' | b',' | b'-' | b'/')) && digit_at(start - 2);
    let joined_after = matches!(next, Some(b'.' | b',' | b':' | b'-' | b'/')) && digit_at(end + 1);
    let marked = matches!(prev, Some(b'$' | b'#' | b'/' | b'+' | b'_' | b'@' | b'\\'))
        || matches!(next, Some(b'%' | b'/' | b'_'));
    !(joined_before || joined_after || marked)
}

/// A number compared in code (`if r.status_code == 200`, `status < 500`): a test, not an
/// answer.
pub(super) fn compared(before: &str) -> bool {
    let t = before.trim_end();
    ["==", "!=", "<", "<=", ">="]
        .iter()
        .any(|op| t.ends_with(op))
        || t.ends_with('>') && !t.ends_with("=>") && !t.ends_with("->")
}

/// Punctuation that may stand between a word and its number: `code: 32`, `blocked (429)`,
/// `["http_code"]=> int(403)`, `\'code\' => 32`.
const BETWEEN: &[char] = &[
    ' ', '\t', ':', '=', '(', '[', ']', ')', '{', '}', '\'', '"', ',', '>', '#', '\\', '-', '*',
    '`', '“', '”', '‘', '’',
];
const AFTER_BETWEEN: &[char] = &[
    ' ', '\t', ':', ')', ']', '}', '\'', '"', ',', '-', '.', '*', '`', '|', '(', '“', '”', '‘', '’',
];

/// The nearest word before a number, fillers skipped.
fn word_before(before: &str, reversed: &mut String) -> Option<Kind> {
    let index = &*INDEX;
    let mut rest = before;
    for _ in 0..=FILLERS {
        rest = rest.trim_end_matches(BETWEEN);
        reversed.clear();
        reversed.extend(rest.chars().rev());
        let m = index
            .before
            .find(Input::new(reversed.as_str()).anchored(Anchored::Yes))?;
        let start = rest.len() - m.end();
        if !starts_word(rest, start) {
            return None;
        }
        match index.before_kinds[m.pattern().as_usize()] {
            Kind::Filler => rest = &rest[..start],
            kind => return Some(kind),
        }
    }
    None
}

/// The nearest word after a number, fillers skipped.
fn word_after(after: &str) -> Option<Kind> {
    let index = &*INDEX;
    let mut rest = after;
    for _ in 0..=FILLERS {
        rest = rest.trim_start_matches(AFTER_BETWEEN);
        let m = index.after.find(Input::new(rest).anchored(Anchored::Yes))?;
        let ends = rest[m.end()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_ascii_alphanumeric())
            || !rest[..m.end()].ends_with(|c: char| c.is_ascii_alphanumeric());
        if !ends {
            return None;
        }
        match index.after_kinds[m.pattern().as_usize()] {
            Kind::Filler => rest = &rest[m.end()..],
            kind => return Some(kind),
        }
    }
    None
}

/// Whether a word may start at `at` in `text`: after no ASCII letter or digit, or at a
/// camel-case seam (`SimpleAuthErrorStatusCode`), or where the word itself begins with
/// another script than ASCII.
fn starts_word(text: &str, at: usize) -> bool {
    let Some(prev) = text[..at].chars().next_back() else {
        return true;
    };
    let first = text[at..].chars().next();
    !prev.is_ascii_alphanumeric()
        || first.is_some_and(|c| !c.is_ascii())
        || prev.is_ascii_lowercase() && first.is_some_and(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use crate::evidence::testing::{codes, statuses};

    #[test]
    fn words_of_many_languages_make_statuses() {
        for text in [
            "the call returns 401 http error",
            "keeps failing with a 429",
            "blocked (429)",
            "403エラーになる",
            "429 오류가 납니다",
            "j'ai un code d'erreur 403",
            "ich bekomme einen 401 Fehler",
            "Nicht autorisiert (401)",
            "ошибка 403 при запросе",
            "返回403错误",
            "API'den 429 hatası alıyorum",
            "[httpstatus] => 401",
            "UserInfo={SimpleAuthErrorStatusCode=429}",
        ] {
            let found: Vec<u16> = statuses(text).into_iter().filter(|&s| s >= 400).collect();
            assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
        }
    }

    #[test]
    fn words_of_many_languages_make_codes() {
        for (text, code) in [
            ("error (187)", 187),
            ("code: 326", 326),
            ("the API returns Error 326", 326),
            ("TweepError: code 32", 32),
            ("O código 88 aparece", 88),
            ("エラーコード 88", 88),
            ("错误码 89", 89),
            (r"      \'code\' => 32,", 32),
        ] {
            assert_eq!(codes(text), [code], "{text:?}");
            assert!(statuses(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn a_word_and_its_number_split_by_a_wrap_still_meet() {
        for (text, status) in [
            ("Twitter error response: status code\n= 429", 429),
            ("Status posted. HTTP result code:\n401", 401),
            ("POST https://x/api 429 (Too Many\nRequests)", 429),
            ("we got status\n429 with message", 429),
        ] {
            assert_eq!(statuses(text), [status], "{text:?}");
        }
        assert_eq!(
            codes("HTTP Error: 403 Forbidden, API\nError: 306, User"),
            [306]
        );
        // A word on the line before counts only when nothing else stands between.
        assert!(statuses("status\nlisted 429").is_empty());
    }

    #[test]
    fn words_that_name_only_codes_take_unlisted_ones() {
        assert_eq!(codes("API Error: 306"), [306]);
        assert_eq!(codes("api_error_code: 999"), [999]);
        assert_eq!(codes("errorCode: 88"), [88]);
        assert_eq!(statuses("API error: 403"), [403], "no code 403 is listed");
        // A bare `code` takes only the codes the catalog lists.
        assert!(codes("code 999").is_empty());
    }

    #[test]
    fn positions_durations_counts_and_tests_stay_numbers() {
        for text in [
            "a 404 or a 500 from your server",
            "error at line 187",
            "listening on port 443",
            "took 429 ms to answer",
            "retry after 503 seconds",
            "got 500 tweets back",
            "if r.status_code == 403:",
            "while status < 500",
            "see issue #403",
            "version 4.0.3",
            "2024-04-03 error",
            "error 999 is made up",
            "error 422",
            "3 errors",
            "code 999",
            "sub_error_code: 0",
        ] {
            assert!(
                statuses(text).is_empty(),
                "{text:?} gave {:?}",
                statuses(text)
            );
            assert!(codes(text).is_empty(), "{text:?} gave {:?}", codes(text));
        }
    }
}
