//! Entries named by words: a problem by its name or title in any spelling, a status class
//! by `4xx`, and the nearest name to a misspelt one (for "did you mean").

use super::{ClassEntry, ProblemEntry};

/// A problem named by `text`: its name or type URI, or its title in any case and spacing
/// (CamelCase split: `UsageCapExceeded` is "usage cap exceeded"), whole or before a colon.
pub fn problem_named(text: &str) -> Option<&'static ProblemEntry> {
    let t = text.trim();
    if t.len() > 200 {
        return None;
    }
    if !t.contains(char::is_whitespace)
        && let Some(p) = super::problem(t)
    {
        return Some(p);
    }
    // A title that is also a status's name or a code's message ("Forbidden", "Rate limit
    // exceeded") names those first: the problem is their v2 kin, not what was asked.
    let names_other = |t: &str| {
        super::STATUSES
            .iter()
            .any(|s| s.message.eq_ignore_ascii_case(t.trim()))
            || !super::codes_with_message(t).is_empty()
    };
    let head = t.split_once(':').map(|(head, _)| head);
    [Some(t), head]
        .into_iter()
        .flatten()
        .filter(|t| !t.trim().is_empty() && *t != "about" && !names_other(t))
        .find_map(super::problem_by_title)
}

/// The problem name `text` misspells (`usage-caped`), two edits away at most.
pub fn near_problem(text: &str) -> Option<&'static str> {
    let lower = text.trim().to_ascii_lowercase();
    if lower.len() < 4 || lower.len() > 60 || lower.contains(char::is_whitespace) {
        return None;
    }
    closest(&lower, super::PROBLEMS.iter().map(|p| p.name), 3)
}

/// The candidate `word` is nearest to, two edits away at most and at most a `per`-th of
/// the candidate's length: a near miss, not another word.
pub fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
    per: usize,
) -> Option<&'a str> {
    // Two edits change the length by two at most: a candidate further off in length is no
    // near miss, and is passed over before any distance is computed, so a long word costs
    // a length comparison per candidate, not a distance.
    let length = word.chars().count();
    candidates
        .filter(|c| c.len().abs_diff(length) <= 2)
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d <= 2.min(c.len() / per))
        .min()
        .map(|(_, c)| c)
}

/// The status class `text` names: `4xx`, `5XX`.
pub fn class_named(text: &str) -> Option<&'static ClassEntry> {
    match text.trim().as_bytes() {
        [d @ b'1'..=b'5', x, y]
            if x.eq_ignore_ascii_case(&b'x') && y.eq_ignore_ascii_case(&b'x') =>
        {
            super::class(u16::from(d - b'0') * 100)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_by_name_title_and_title_before_detail() {
        for text in [
            "usage-capped",
            "USAGE-CAPPED",
            "https://api.twitter.com/2/problems/usage-capped",
            "UsageCapExceeded",
            "Usage Capped",
            "Usage cap exceeded: Monthly product cap",
        ] {
            assert_eq!(
                problem_named(text).map(|p| p.name),
                Some("usage-capped"),
                "{text}"
            );
        }
        assert_eq!(
            problem_named("about:blank").map(|p| p.name),
            Some("about:blank")
        );
        assert!(problem_named("usage").is_none());
        assert!(problem_named("Rate limit exceeded").is_none());
    }

    #[test]
    fn only_candidates_within_two_of_the_length_are_near() {
        let names = ["list", "search", "scan", "endpoint"];
        assert_eq!(closest("serch", names.iter().copied(), 2), Some("search"));
        assert_eq!(
            closest("endpoints", names.iter().copied(), 2),
            Some("endpoint")
        );
        assert_eq!(
            closest(&"a".repeat(100_000), names.iter().copied(), 2),
            None
        );
        assert_eq!(closest("scanning", names.iter().copied(), 2), None);
    }

    #[test]
    fn near_misses_are_suggested() {
        assert_eq!(near_problem("usage-caped"), Some("usage-capped"));
        assert_eq!(near_problem("client-forbiden"), Some("client-forbidden"));
        assert_eq!(near_problem("zzzz"), None);
    }

    #[test]
    fn classes() {
        assert_eq!(class_named("4xx").map(|c| c.digit), Some(4));
        assert_eq!(class_named("5XX").map(|c| c.digit), Some(5));
        assert!(class_named("6xx").is_none() && class_named("4x").is_none());
    }
}
