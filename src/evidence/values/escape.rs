//! The `\uXXXX` escape of JSON and JavaScript strings, shared by the readers that undo
//! escapes: a character beyond the Basic Multilingual Plane (an emoji in a tweet's text) is
//! written as a UTF-16 surrogate pair, `\ud83d\ude00`, and must read as the one character it
//! is, wherever it is read.

/// The character that `s` (the text just after a `\u`) writes, and the bytes of `s` it used:
/// four hex digits, or ten when a high surrogate is followed by `\u` and a low one. A
/// surrogate with no partner reads as U+FFFD, as a lenient decoder shows it. None when `s`
/// does not start with four hex digits: then there is no escape.
pub(in crate::evidence) fn unicode(s: &str) -> Option<(char, usize)> {
    let first = hex(s, 4)?;
    if (0xD800..0xDC00).contains(&first) {
        let low = s
            .get(4..)
            .and_then(|rest| rest.strip_prefix("\\u"))
            .and_then(|rest| hex(rest, 4))
            .filter(|low| (0xDC00..0xE000).contains(low));
        if let Some(low) = low {
            let v = 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00);
            return char::from_u32(v).map(|c| (c, 10));
        }
    }
    Some((char::from_u32(first).unwrap_or('\u{fffd}'), 4))
}

/// The value of the `n` hex digits that start `s`, if they are all hex digits (not a sign,
/// which `from_str_radix` would take).
pub(in crate::evidence) fn hex(s: &str, n: usize) -> Option<u32> {
    let digits = s.get(..n)?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surrogate_pair_is_one_character() {
        assert_eq!(unicode("d83d\\ude00 tail"), Some(('😀', 10)));
        assert_eq!(unicode("D83D\\uDE00"), Some(('😀', 10)));
    }

    #[test]
    fn a_surrogate_alone_is_the_replacement_character() {
        assert_eq!(unicode("dddd"), Some(('\u{fffd}', 4)));
        assert_eq!(unicode("d83d tail"), Some(('\u{fffd}', 4)));
        // A high surrogate followed by another high one: each stands alone.
        assert_eq!(unicode("d83d\\ud83d"), Some(('\u{fffd}', 4)));
    }

    #[test]
    fn four_hex_digits_or_no_escape() {
        assert_eq!(unicode("0041"), Some(('A', 4)));
        assert_eq!(unicode("+041"), None);
        assert_eq!(unicode("04"), None);
        assert_eq!(unicode("é041"), None);
        assert_eq!(hex("+4", 2), None);
        assert_eq!(hex("4f", 2), Some(0x4f));
    }
}
