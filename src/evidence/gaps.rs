//! The free text of a piece of input: what lies between the bodies.
//!
//! Bodies are found once, first; the free-text readers (prose, official wordings) are then
//! handed the gaps between them and nothing else. A reader cannot search a body's bytes,
//! because the only searches it is given stop at the end of a gap: its work is bounded by
//! the length of the free text, not of the input, and a status inside a body can never be
//! read a second time as prose.

use regex::{Captures, Match, Regex};
use std::ops::Range;

/// The ranges of `text` that no body claimed, in order.
pub(crate) struct Gaps<'t> {
    text: &'t str,
    ranges: Vec<Range<usize>>,
}

impl<'t> Gaps<'t> {
    /// The complement of `bodies` in `text`. The body ranges come sorted by start, and may
    /// nest or overlap (a fragment inside a larger dump): both are fine. A gap of nothing
    /// but spaces and line breaks holds no words, and is left out: a body alone on its
    /// line leaves the readers nothing to do (and their patterns unbuilt).
    pub(crate) fn between(text: &'t str, bodies: &[(usize, usize)]) -> Gaps<'t> {
        let mut ranges = Vec::with_capacity(bodies.len() + 1);
        let mut push = |gap: Range<usize>| {
            if !text.as_bytes()[gap.clone()]
                .iter()
                .all(u8::is_ascii_whitespace)
            {
                ranges.push(gap);
            }
        };
        let mut at = 0;
        for &(start, end) in bodies {
            if start > at {
                push(at..start);
            }
            at = at.max(end);
        }
        if at < text.len() {
            push(at..text.len());
        }
        Gaps { text, ranges }
    }

    /// Whether there is no free text at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Every match of `re` that lies within one gap. The text before a gap is the match's
    /// context (a word boundary or an anchor sees it), but no match reaches past the gap.
    pub(crate) fn find_iter<'r>(&self, re: &'r Regex) -> impl Iterator<Item = Match<'t>> + 'r
    where
        't: 'r,
    {
        self.search(move |hay, at| re.find_at(hay, at).map(|m| (m, m.range())))
    }

    /// [`Gaps::find_iter`] with the groups of each match.
    pub(crate) fn captures_iter<'r>(&self, re: &'r Regex) -> impl Iterator<Item = Captures<'t>> + 'r
    where
        't: 'r,
    {
        self.search(move |hay, at| {
            let c = re.captures_at(hay, at)?;
            let whole = c.get(0).expect("group 0 is the match").range();
            Some((c, whole))
        })
    }

    /// The results of `find` (a search of the haystack from an offset, giving a result and
    /// the range it covers), gap by gap, each haystack ending where its gap ends.
    fn search<'r, T: 'r>(
        &self,
        find: impl Fn(&'t str, usize) -> Option<(T, Range<usize>)> + Copy + 'r,
    ) -> impl Iterator<Item = T> + 'r
    where
        't: 'r,
    {
        let text = self.text;
        self.ranges.clone().into_iter().flat_map(move |gap| {
            let hay = &text[..gap.end];
            let mut at = gap.start;
            std::iter::from_fn(move || {
                if at > hay.len() {
                    return None;
                }
                let (found, range) = find(hay, at)?;
                at = next_start(hay, range.start, range.end);
                Some(found)
            })
        })
    }

    /// The gaps' ranges, for a reader that searches with another automaton.
    pub(crate) fn ranges(&self) -> &[Range<usize>] {
        &self.ranges
    }

    /// The lines of free text that start a line of the input, each cut where its gap ends
    /// (a body in the middle of a line ends what the line readers see of it), with the
    /// 1-based line number and the offset of its start. Line numbers are counted as the
    /// gaps go, so the whole walk is linear in the text.
    pub(crate) fn lines(&self) -> impl Iterator<Item = GapLine<'t>> + '_ {
        let text = self.text;
        let mut counted = (0usize, 1usize);
        self.ranges.iter().flat_map(move |gap| {
            let (from, line) = counted;
            let first =
                line + memchr::memchr_iter(b'\n', &text.as_bytes()[from..gap.start]).count();
            counted = (
                gap.end,
                first + memchr::memchr_iter(b'\n', &text.as_bytes()[gap.start..gap.end]).count(),
            );
            let at_line_start = gap.start == 0 || text.as_bytes()[gap.start - 1] == b'\n';
            let mut offset = gap.start;
            text[gap.clone()]
                .split('\n')
                .enumerate()
                .map(move |(i, raw)| {
                    let start = offset;
                    offset += raw.len() + 1;
                    GapLine {
                        number: first + i,
                        start,
                        text: raw.strip_suffix('\r').unwrap_or(raw),
                    }
                })
                .filter(move |line| line.start > gap.start || at_line_start)
        })
    }
}

/// One line of free text, as [`Gaps::lines`] gives it.
pub(crate) struct GapLine<'t> {
    pub(crate) number: usize,
    pub(crate) start: usize,
    pub(crate) text: &'t str,
}

/// Where the search after a match from `start` to `end` goes on: its end, or past the next
/// character when the match was empty (so that an empty match cannot repeat forever).
fn next_start(hay: &str, start: usize, end: usize) -> usize {
    if end > start {
        return end;
    }
    hay[end..]
        .chars()
        .next()
        .map_or(hay.len() + 1, |c| end + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::Gaps;
    use regex::Regex;

    #[test]
    fn gaps_are_the_text_between_bodies() {
        let text = "ab{x}cd[y]";
        let gaps = Gaps::between(text, &[(2, 5), (7, 10)]);
        assert_eq!(gaps.ranges(), &[0..2, 5..7]);
        let nested = Gaps::between(text, &[(2, 9), (3, 5)]);
        assert_eq!(nested.ranges(), &[0..2, 9..10]);
        let blank = Gaps::between("{x}\n  \r\n[y] z", &[(0, 3), (8, 11)]);
        assert_eq!(blank.ranges(), vec![11..13], "blank gaps are no free text");
    }

    #[test]
    fn no_match_reaches_into_a_body() {
        let text = "error 42{error 43}error 44";
        let gaps = Gaps::between(text, &[(8, 18)]);
        let re = Regex::new(r"error [0-9]+").unwrap();
        let found: Vec<&str> = gaps.find_iter(&re).map(|m| m.as_str()).collect();
        assert_eq!(found, ["error 42", "error 44"]);
        // A match that would run on into the body is cut at the gap's end, as if the text
        // ended there.
        let re = Regex::new(r"error [0-9]+\{?e?").unwrap();
        let found: Vec<&str> = gaps.find_iter(&re).map(|m| m.as_str()).collect();
        assert_eq!(found, ["error 42", "error 44"]);
    }

    #[test]
    fn the_text_before_a_gap_is_context() {
        // `x` just before the gap: `\b` sees it, so `x99` is no whole number.
        let text = "{}x99 77";
        let gaps = Gaps::between(text, &[(0, 3)]);
        let re = Regex::new(r"(?-u:\b)[0-9]+(?-u:\b)").unwrap();
        let found: Vec<&str> = gaps.find_iter(&re).map(|m| m.as_str()).collect();
        assert_eq!(found, ["77"]);
        let caps: Vec<String> = gaps.captures_iter(&re).map(|c| c[0].to_string()).collect();
        assert_eq!(caps, ["77"]);
    }

    #[test]
    fn empty_matches_advance() {
        let gaps = Gaps::between("aé", &[]);
        let re = Regex::new(r"x*").unwrap();
        assert_eq!(gaps.find_iter(&re).count(), 3);
    }

    #[test]
    fn lines_are_numbered_and_cut_at_bodies() {
        let text = "one\ntwo {b}\nthree\n{c\nd}\nfour {e} five";
        let c = text.find("{c").unwrap();
        let bodies = [(8, 11), (c, c + 5), (text.len() - 8, text.len() - 5)];
        let gaps = Gaps::between(text, &bodies);
        let lines: Vec<(usize, &str)> = gaps.lines().map(|l| (l.number, l.text)).collect();
        assert_eq!(
            lines,
            [(1, "one"), (2, "two "), (3, "three"), (4, ""), (6, "four ")]
        );
        for l in gaps.lines() {
            assert!(text[l.start..].starts_with(l.text));
        }
    }
}
