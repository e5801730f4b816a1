//! Makes text that came from the input safe to print on a terminal.
//!
//! Server messages, titles, details and header values are untrusted: a body can carry
//! escape sequences that recolour, retitle or rewrite a terminal. Control characters
//! (C0, DEL, C1) and the invisible bidirectional-override marks are shown visibly as
//! `\u{..}` instead of being passed through, and very long values are cut.

/// The longest stretch of untrusted text printed for one value, in characters.
pub const MAX_CHARS: usize = 2000;

/// Returns `text` with every control character and bidi override written as `\u{XX}`,
/// cut to [`MAX_CHARS`] characters with a note of how much was left out.
pub fn clean(text: &str) -> String {
    if text.len() <= MAX_CHARS && text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return text.to_string(); // printable ASCII: nothing to escape, nothing to cut
    }
    let mut out = String::with_capacity(text.len().min(MAX_CHARS + 32));
    for (count, (i, c)) in text.char_indices().enumerate() {
        if count == MAX_CHARS {
            let rest = text[i..].chars().count();
            out.push_str(&format!("… ({rest} more characters)"));
            break;
        }
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Returns `text` with every control character and bidi override written as `\u{XX}`, as
/// [`clean`] does, but uncut: what a printed value is a part of.
pub fn escape_controls(text: &str) -> String {
    text.chars()
        .fold(String::with_capacity(text.len()), |mut out, c| {
            if needs_escape(c) {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            } else {
                out.push(c);
            }
            out
        })
}

/// Whether `text` holds anything [`clean`] would escape, line ends aside.
pub fn has_unsafe(text: &str) -> bool {
    text.chars().any(|c| c != '\n' && needs_escape(c))
}

#[cfg(test)]
#[test]
fn line_ends_alone_are_safe() {
    assert!(!has_unsafe("two\nlines") && has_unsafe("a\u{1b}[31m") && has_unsafe("x\u{200b}"));
}

/// What is never printed as it came: controls (C0, DEL, C1), the bidirectional marks and
/// overrides (LRM, RLM, ALM, LRE..RLO, LRI..PDI), zero-width characters and the word
/// joiner's kin, the byte-order mark, the line and paragraph separators, and the tag
/// characters, each of which can hide or reorder what a terminal shows.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        assert_eq!(clean("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(clean("bell\u{7}"), "bell\\u{7}");
        assert_eq!(clean("c1\u{9b}x"), "c1\\u{9b}x");
        assert_eq!(clean("rtl\u{202e}x"), "rtl\\u{202e}x");
        assert_eq!(clean("two\nlines"), "two\\u{a}lines");
        assert_eq!(escape_controls("two\nlines"), "two\\u{a}lines");
    }

    #[test]
    fn invisible_and_reordering_characters_are_shown() {
        for c in [
            '\u{61c}',
            '\u{200b}',
            '\u{200d}',
            '\u{2028}',
            '\u{2029}',
            '\u{2060}',
            '\u{feff}',
            '\u{e0041}',
        ] {
            let text = format!("a{c}b");
            assert_eq!(
                clean(&text),
                format!("a\\u{{{:x}}}b", c as u32),
                "{:x}",
                c as u32
            );
        }
        assert_eq!(
            clean("caf\u{e9} \u{1f600}"),
            "caf\u{e9} \u{1f600}",
            "letters and emoji stay"
        );
    }

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(
            clean("Status is a duplicate. ünïcode ✓"),
            "Status is a duplicate. ünïcode ✓"
        );
    }

    #[test]
    fn long_text_is_cut_with_a_count() {
        let long = "x".repeat(MAX_CHARS + 5);
        let out = clean(&long);
        assert!(out.ends_with("… (5 more characters)"), "{out}");
    }
}
