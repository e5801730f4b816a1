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
pub(super) fn quiet_status(line: &[u8], names: &mut Names) -> Option<u16> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.first() != Some(&b'{') || line.last() != Some(&b'}') || line.len() < 2 {
        return None;
    }
    let inner = &line[1..line.len() - 1];
    if memchr::memchr3(b'{', b'}', b'[', inner).is_some() || memchr::memchr(b']', inner).is_some() {
        return None;
    }
    let mut at = 0;
    let mut status = None;
    loop {
        at = skip_space(inner, at);
        let key_end = string_end(inner, at)?;
        let key = &inner[at + 1..key_end - 1];
        at = skip_space(inner, key_end);
        if inner.get(at) != Some(&b':') {
            return None;
        }
        at = skip_space(inner, at + 1);
        let value_end = value_end(inner, at)?;
        if key == b"status" {
            if status.is_some() {
                return None;
            }
            status = Some(small_status(&inner[at..value_end])?);
        } else if !names.inert(key) {
            return None;
        }
        at = skip_space(inner, value_end);
        match inner.get(at) {
            None => break,
            Some(b',') => at += 1,
            Some(_) => return None,
        }
    }
    status
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|b| matches!(b, b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// The end (one past the closing quote) of the string starting at `at`. A string with a
/// backslash or a typographic quote is not taken: escapes and curly quotes are what the
/// readers rewrite before they read, so such a line is left to them.
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let mut from = at + 1;
    loop {
        let rest = bytes.get(from..)?;
        let close = memchr::memchr3(b'"', b'\\', 0xE2, rest)?;
        match rest[close] {
            b'"' => return Some(from + close + 1),
            b'\\' => return None,
            // 0xE2 begins U+2018-U+201D as it does many other characters; emoji begin
            // with 0xF0 and are not looked at.
            _ => {
                let curly = rest.get(close + 1) == Some(&0x80)
                    && rest
                        .get(close + 2)
                        .is_some_and(|b| (0x98..=0x9D).contains(b));
                if curly {
                    return None;
                }
                from += close + 1;
            }
        }
    }
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
/// with another is decided again, which costs time, never a wrong answer.
pub(super) struct Names {
    slots: Vec<Option<(Box<[u8]>, bool)>>,
}

const NAME_SLOTS: usize = 1024;

impl Default for Names {
    fn default() -> Self {
        Names {
            slots: vec![None; NAME_SLOTS],
        }
    }
}

impl Names {
    /// Whether the body reader gives no meaning to a member of this name.
    fn inert(&mut self, key: &[u8]) -> bool {
        let (Some(&first), Some(&last)) = (key.first(), key.last()) else {
            return decide_inert(key);
        };
        let mix = key.len() * 131
            + usize::from(first) * 31
            + usize::from(last) * 7
            + usize::from(key[key.len() / 2]);
        let slot = &mut self.slots[mix % NAME_SLOTS];
        if let Some((name, inert)) = slot
            && **name == *key
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
    use super::{Names, quiet_status};

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
