//! The prefilter of `scan`: a log record that cannot hold an error is recognised at memory
//! speed and not read at all.
//!
//! A bot's log is mostly records of calls that worked: `{"ts":...,"event":"post.created",
//! "status":201,...}`. Every reader would find in such a line exactly one thing, the
//! status of its `status` member, and nothing that a summary counts. A line is *quiet*
//! when it is a flat JSON object (one pair of braces, no brackets, strings without
//! escapes that the readers undo), holding one `status` member of three digits below 400,
//! and no member whose name the body reader looks at (errors, codes, problems, messages,
//! headers, limits, nested bodies). Because its `status` says something, the body reader
//! never reads its strings as text; so the evidence of a quiet line is known without
//! reading it: that status, seen as a JSON body on its line. The grouper receives it, so
//! it still learns where that response was.

/// Parts of member names that the body reader gives a meaning to (in any case): a record
/// with such a member is read.
const READ_NAMES: &[&str] = &[
    "error",
    "code",
    "status",
    "type",
    "title",
    "detail",
    "message",
    "msg",
    "reason",
    "limit",
    "rate",
    "header",
    "response",
    "body",
    "raw",
    "request",
    "reply",
    "processing",
    "media",
    "retry",
    "reset",
    "remaining",
    "data",
    "include",
    "name",
    "state",
    "fail",
    "problem",
];

/// The status a quiet line holds, when `line` (its line break, if any, included) is quiet.
///
/// Asked of nearly every line of a log, so it is a few passes of memchr over the line and
/// one walk over its members: a line with none of `{}[]\` inside its braces and no curly
/// quote has strings that end at their next quote, so nothing else needs looking at.
pub(super) fn quiet_status(line: &[u8], names: &mut Names) -> Option<u16> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let inner = line.strip_prefix(b"{")?.strip_suffix(b"}")?;
    if memchr::memchr3(b'{', b'}', b'[', inner).is_some() || !plain(inner) {
        return None;
    }
    members(inner, names)
}

/// The status of the members of a [`plain`] object, `inner` its text inside the braces:
/// none unless it has exactly one `status` (three digits below 400) and every other name
/// is inert.
fn members(inner: &[u8], names: &mut Names) -> Option<u16> {
    let mut at = 0;
    let mut status = None;
    loop {
        at = skip_space(inner, at);
        let key_end = string_end(inner, at)?;
        let key = at + 1..key_end - 1;
        at = skip_space(inner, key_end);
        if inner.get(at) != Some(&b':') {
            return None;
        }
        at = skip_space(inner, at + 1);
        let value_end = value_end(inner, at)?;
        if &inner[key.clone()] == b"status" {
            if status.is_some() {
                return None;
            }
            status = Some(small_status(&inner[at..value_end])?);
        } else if !names.inert(inner, key) {
            return None;
        }
        at = skip_space(inner, value_end);
        match inner.get(at) {
            Some(b',') => at += 1,
            None => return status,
            Some(_) => return None,
        }
    }
}

/// Whether `inner` holds no `]`, no backslash and no typographic quote (U+2018-U+201D):
/// escapes and curly quotes are what the readers rewrite before they read, so a line
/// with one is left to them.
fn plain(inner: &[u8]) -> bool {
    let mut from = 0;
    while let Some(found) = memchr::memchr3(b']', b'\\', 0xE2, &inner[from..]) {
        let at = from + found;
        if inner[at] != 0xE2 {
            return false;
        }
        // 0xE2 begins the curly quotes as it does many other characters (an en dash);
        // emoji begin with 0xF0 and are not looked at.
        let curly = inner.get(at + 1) == Some(&0x80)
            && inner.get(at + 2).is_some_and(|b| (0x98..=0x9D).contains(b));
        if curly {
            return false;
        }
        from = at + 1;
    }
    true
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|b| matches!(b, b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// The end (one past the closing quote) of the string starting at `at`, in a line that
/// is [`plain`] (so the string has no escape and ends at the next quote).
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    next_quote(bytes, at + 1).map(|close| close + 1)
}

/// The place of the first quote at or after `from`. Most strings of a record are short,
/// so their first 32 bytes are looked at eight at a time before a search is started.
fn next_quote(bytes: &[u8], from: usize) -> Option<usize> {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const QUOTES: u64 = 0x2222_2222_2222_2222;
    let mut at = from;
    while at - from < 32
        && let Some(word) = bytes.get(at..at + 8)
    {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        // A byte's top bit is set where it is a quote (exact: no carry between bytes).
        let v = word ^ QUOTES;
        let quote = !(((v & LOW) + LOW) | v) & !LOW;
        if quote != 0 {
            return Some(at + quote.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    memchr::memchr(b'"', bytes.get(at..)?).map(|i| at + i)
}

/// The end of a member's value: a string, a number, `true`, `false` or `null`.
fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => string_end(bytes, at),
        b'-' | b'0'..=b'9' => {
            let len = bytes[at..]
                .iter()
                .take_while(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                .count();
            Some(at + len)
        }
        _ => ["true", "false", "null"].iter().find_map(|word| {
            bytes[at..]
                .starts_with(word.as_bytes())
                .then_some(at + word.len())
        }),
    }
}

/// A status of three digits below 400 written as a JSON number.
fn small_status(value: &[u8]) -> Option<u16> {
    match value {
        [a @ b'1'..=b'3', b, c] if b.is_ascii_digit() && c.is_ascii_digit() => {
            Some(u16::from(a - b'0') * 100 + u16::from(b - b'0') * 10 + u16::from(c - b'0'))
        }
        _ => None,
    }
}

/// The member names already decided, in a direct-mapped table: asked of every member of
/// every record, and a log has few names, so each is decided once; a name that collides
/// with another is decided again, which costs time, never a wrong answer. A name of up to
/// [`WORD`] bytes is held as one number, so finding it is one comparison.
pub(super) struct Names {
    short: Vec<Option<(u128, bool)>>,
    long: Vec<Option<(Box<[u8]>, bool)>>,
}

const NAME_SLOTS: usize = 1024;
/// The longest name held as a number.
const WORD: usize = 15;

impl Default for Names {
    fn default() -> Self {
        Names {
            short: vec![None; NAME_SLOTS],
            long: vec![None; NAME_SLOTS],
        }
    }
}

impl Names {
    /// Whether the body reader gives no meaning to a member named `text[name]`.
    fn inert(&mut self, text: &[u8], name: std::ops::Range<usize>) -> bool {
        let len = name.len();
        if len <= WORD {
            // The name's bytes and its length in one number, read at once where the text
            // goes on far enough (it does but near the line's end).
            let mut word = [0u8; 16];
            match text.get(name.start..name.start + 16) {
                Some(bytes) => word.copy_from_slice(bytes),
                None => word[..len].copy_from_slice(&text[name.clone()]),
            }
            let bits =
                u128::from_le_bytes(word) & ((1u128 << (8 * len)) - 1) | (len as u128) << 120;
            let mix = (bits as u64 ^ (bits >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let slot = &mut self.short[(mix >> 54) as usize];
            if let Some((held, inert)) = *slot
                && held == bits
            {
                return inert;
            }
            let inert = decide_inert(&text[name]);
            *slot = Some((bits, inert));
            return inert;
        }
        let key = &text[name];
        let mix = len * 131 + usize::from(key[0]) * 31 + usize::from(key[len - 1]) * 7;
        let slot = &mut self.long[mix % NAME_SLOTS];
        if let Some((held, inert)) = slot
            && **held == *key
        {
            return *inert;
        }
        let inert = decide_inert(key);
        *slot = Some((key.into(), inert));
        inert
    }
}

fn decide_inert(key: &[u8]) -> bool {
    if key.len() > 64 || key == b"ok" {
        return false;
    }
    let mut lower = [0u8; 64];
    let lower = &mut lower[..key.len()];
    lower.copy_from_slice(key);
    lower.make_ascii_lowercase();
    !READ_NAMES
        .iter()
        .any(|part| memchr::memmem::find(lower, part.as_bytes()).is_some())
}

#[cfg(test)]
mod tests {
    use super::{Names, next_quote, quiet_status};

    #[test]
    fn a_flat_record_of_a_call_that_worked_is_quiet() {
        let line = r#"{"ts":"2026-11-25T10:00:01Z","event":"post.created","status":201,"ms":143,"ok_count":2,"text":"Good morning 🚀 – “"}"#;
        assert_eq!(
            quiet_status(line.as_bytes(), &mut Names::default()),
            None,
            "a curly quote"
        );
        let line = line.replace('“', "");
        assert_eq!(
            quiet_status(line.as_bytes(), &mut Names::default()),
            Some(201)
        );
        assert_eq!(
            quiet_status(br#"{ "status" : 200 }"#, &mut Names::default()),
            Some(200)
        );
    }

    #[test]
    fn a_name_is_decided_alike_however_long_it_is_and_however_often_it_comes() {
        let mut names = Names::default();
        let cases = [
            ("ms", true),
            ("", true),
            ("fifteen_chars_x", true),
            ("sixteen_chars_xx", true),
            ("a_key_of_more_than_sixteen_bytes", true),
            ("errors", false),
            ("x_error_code_is", false),
            ("a_long_name_with_an_error_in_it", false),
        ];
        for _ in 0..2 {
            for (name, inert) in cases {
                for line in [
                    format!(r#"{{"{name}":1,"status":200}}"#),
                    format!(r#"{{"status":200,"{name}":"a long value after the name"}}"#),
                ] {
                    let got = quiet_status(line.as_bytes(), &mut names);
                    assert_eq!(got, inert.then_some(200), "{line}");
                }
            }
        }
    }

    #[test]
    fn a_quote_is_found_wherever_it_stands() {
        for len in 0..80 {
            for quote in 0..len {
                for from in 0..=quote {
                    let mut bytes = vec![b'x'; len];
                    bytes[quote] = b'"';
                    assert_eq!(
                        next_quote(&bytes, from),
                        Some(quote),
                        "{len} {quote} {from}"
                    );
                }
            }
            assert_eq!(next_quote(&vec![b'!'; len], 0), None);
        }
        // Bytes one away from a quote's value are no quote (no carry between bytes).
        assert_eq!(
            next_quote(&[b'!', b'#', 0xA2, 0, 0xFF, b'"', 1, 2, 3], 0),
            Some(5)
        );
    }

    #[test]
    fn anything_a_reader_could_take_is_not_quiet() {
        for line in [
            r#"{"status":429}"#,
            r#"{"status":"200"}"#,
            r#"{"status":200.0}"#,
            r#"{"event":"x"}"#,
            r#"{"status":200,"status":201}"#,
            r#"{"status":200,"errors":[]}"#,
            r#"{"status":200,"body":"{}"}"#,
            r#"{"status":200,"user":{"id":1}}"#,
            r#"{"status":200,"error_code":88}"#,
            r#"{"status":200,"Message":"x"}"#,
            r#"{"status":200,"ok":false}"#,
            r#"{"status":200,"text":"say \"hi\""}"#,
            "{\"status\":200,\"text\":\"\u{201C}hi\u{201D}\"}",
            r#"{"status":200,"text":"a"} 429"#,
            r#"{"status":200 "a":1}"#,
            r#"{"status":200,"a":nope}"#,
            r#"{"status":200,"#,
            r#" {"status":200}"#,
        ] {
            assert_eq!(
                quiet_status(line.as_bytes(), &mut Names::default()),
                None,
                "{line}"
            );
        }
    }
}
