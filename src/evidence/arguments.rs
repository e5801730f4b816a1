//! What the words on the command line name: numbers as copied from logs (`187,` `#187`
//! `code=187`), a status class (`4xx`), a problem by its name or title in any spelling
//! (`usage-capped`, `UsageCapExceeded`, "Usage cap exceeded: Monthly product cap"), an
//! exact official message, a file that exists. This is the argument evidence: like the
//! other readers it says what was given and in which role; the diagnosis joins it with the
//! tables.

use crate::catalog::{self, ClassEntry};
use crate::cli::Cli;
use crate::evidence::{Evidence, Finding, How, Problem, Seen};

/// What the command line itself says: numbers, flags, and the texts to diagnose.
pub(crate) struct Arguments {
    pub evidence: Vec<Evidence>,
    pub texts: Vec<String>,
    pub notes: Vec<String>,
    /// `-` was given.
    pub stdin: bool,
}

pub(crate) fn arguments(cli: &Cli) -> Arguments {
    let mut a = Arguments {
        evidence: Vec::new(),
        texts: Vec::new(),
        notes: Vec::new(),
        stdin: false,
    };
    let arg = |i: usize| Seen {
        line: i + 1,
        how: How::Argument,
    };
    for (i, token) in cli.inputs.iter().enumerate() {
        let t = bare_number(token.trim());
        if t == "-" {
            a.stdin = true;
        } else if !t.is_empty() && t.len() <= 40 && t.bytes().all(|b| b.is_ascii_digit()) {
            match t.parse::<u64>() {
                Ok(n) => a.evidence.extend(number_evidence(n, arg(i))),
                Err(_) => a.notes.push(format!(
                    "{t} is too large to be an HTTP status or an API error code"
                )),
            }
        } else {
            a.texts.push(token.clone());
        }
    }
    let base = cli.inputs.len();
    let flags = cli
        .statuses
        .iter()
        .map(|&code| Finding::Status { code, reason: None });
    let flags = flags.chain(cli.codes.iter().map(|&code| Finding::Code {
        code,
        message: None,
    }));
    let flags = flags.chain(cli.types.iter().map(|name| {
        let name = problem_named(name).map_or(name.as_str(), |p| p.name);
        Finding::Problem(Box::new(Problem::named(name)))
    }));
    a.evidence
        .extend(flags.enumerate().map(|(i, finding)| Evidence {
            finding,
            seen: arg(base + i),
        }));
    for name in &cli.types {
        if problem_named(name).is_none()
            && let Some(meant) = near_problem(name)
        {
            a.notes.push(format!(
                "`{}` is no problem type in the tables; did you mean `{meant}`?",
                crate::util::sanitize::clean(name)
            ));
        }
    }
    a
}

/// A number as copied from a log, with its punctuation (`187,` `#187` `[88]` `88:` `E187`
/// `code=187` `(403)`): the digits, when that is all there is besides; else the token.
fn bare_number(token: &str) -> &str {
    let t = token.trim_matches(|c: char| {
        matches!(
            c,
            ',' | ':' | ';' | '.' | '#' | '[' | ']' | '(' | ')' | '"' | '\''
        )
    });
    let t = t
        .strip_prefix("code=")
        .or_else(|| t.strip_prefix("code:"))
        .or_else(|| t.strip_prefix('E'))
        .unwrap_or(t);
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        t
    } else {
        token
    }
}

/// A bare number becomes a status, a code, or both, as the tables say.
fn number_evidence(n: u64, seen: Seen) -> Vec<Evidence> {
    let in_codes = catalog::code(n).is_some();
    let status = u16::try_from(n).ok().filter(|s| (100..=599).contains(s));
    let mut ev = Vec::new();
    if in_codes || status.is_none() {
        ev.push(Evidence {
            finding: Finding::Number { number: n },
            seen,
        });
    }
    if let Some(s) = status.filter(|s| catalog::status(*s).is_some() || !in_codes) {
        ev.push(Evidence {
            finding: Finding::Status {
                code: s,
                reason: None,
            },
            seen,
        });
    }
    ev
}

/// Text with no structure in it that names an entry: a problem by name or title
/// (`usage-capped`, `UsageCapExceeded`, `Usage Capped`, or a title before its detail:
/// "Usage cap exceeded: Monthly product cap"), or an exact official message ("Status is
/// a duplicate"). `None` when it names none.
pub(crate) fn named_entry(text: &str, seen: Seen) -> Option<Vec<Evidence>> {
    let t = text.trim();
    if let Some(p) = problem_named(t) {
        return Some(vec![Evidence {
            finding: Finding::Problem(Box::new(Problem::named(p.name))),
            seen,
        }]);
    }
    let codes = catalog::codes_with_message(t);
    if codes.is_empty() {
        return None;
    }
    Some(
        codes
            .into_iter()
            .map(|c| Evidence {
                finding: Finding::Code {
                    code: u64::from(c.code),
                    message: None,
                },
                seen,
            })
            .collect(),
    )
}

/// A problem named by `text`: its name or type URI, or its title in any case and spacing
/// (CamelCase split: `UsageCapExceeded` is "usage cap exceeded"), whole or before a colon.
fn problem_named(text: &str) -> Option<&'static catalog::ProblemEntry> {
    let t = text.trim();
    if t.len() > 200 {
        return None;
    }
    if !t.contains(char::is_whitespace)
        && let Some(p) = catalog::problem(t)
    {
        return Some(p);
    }
    // A title that is also a status's name or a code's message ("Forbidden", "Rate limit
    // exceeded") names those first: the problem is their v2 kin, not what was asked.
    let names_other = |t: &str| {
        catalog::STATUSES
            .iter()
            .any(|s| s.message.eq_ignore_ascii_case(t.trim()))
            || !catalog::codes_with_message(t).is_empty()
    };
    let head = t.split_once(':').map(|(head, _)| head);
    [Some(t), head]
        .into_iter()
        .flatten()
        .filter(|t| !t.trim().is_empty() && *t != "about" && !names_other(t))
        .find_map(catalog::problem_by_title)
}

/// The problem name `text` misspells (`usage-caped`), two edits away at most.
pub(crate) fn near_problem(text: &str) -> Option<&'static str> {
    let lower = text.trim().to_ascii_lowercase();
    if lower.len() < 4 || lower.len() > 60 || lower.contains(char::is_whitespace) {
        return None;
    }
    closest(&lower, catalog::PROBLEMS.iter().map(|p| p.name), 3)
}

/// The candidate `word` is nearest to, two edits away at most and at most a `per`-th of
/// the candidate's length: a near miss, not another word.
fn closest(
    word: &str,
    candidates: impl Iterator<Item = &'static str>,
    per: usize,
) -> Option<&'static str> {
    candidates
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d <= 2.min(c.len() / per))
        .min()
        .map(|(_, c)| c)
}

/// The status class `text` names: `4xx`, `5XX`.
pub(crate) fn class_named(text: &str) -> Option<&'static ClassEntry> {
    match text.trim().as_bytes() {
        [d @ b'1'..=b'5', x, y]
            if x.eq_ignore_ascii_case(&b'x') && y.eq_ignore_ascii_case(&b'x') =>
        {
            catalog::class(u16::from(d - b'0') * 100)
        }
        _ => None,
    }
}

/// The subcommand that the first word of `text` misspells (`lst`, `scna`, `serach`,
/// `completion`), if it is one edit or two away from it and not a subcommand itself.
pub(crate) fn near_subcommand(text: &str) -> Option<(&str, &'static str)> {
    const COMMANDS: &[&str] = &["list", "search", "scan", "endpoint", "completions", "man"];
    let word = text.split_whitespace().next()?;
    let lower = word.to_ascii_lowercase();
    if word.len() < 2 || COMMANDS.contains(&lower.as_str()) || lower == "ls" {
        return None;
    }
    closest(&lower, COMMANDS.iter().copied(), 2).map(|c| (word, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_digits_only() {
        for (token, bare) in [
            ("187,", "187"),
            ("#187", "187"),
            ("[88]", "88"),
            ("E187", "187"),
            ("code=187", "187"),
            ("(403)", "403"),
            ("4xx", "4xx"),
            ("E", "E"),
        ] {
            assert_eq!(bare_number(token), bare, "{token}");
        }
    }

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
    fn near_misses_are_suggested() {
        assert_eq!(near_problem("usage-caped"), Some("usage-capped"));
        assert_eq!(near_problem("client-forbiden"), Some("client-forbidden"));
        assert_eq!(near_problem("zzzz"), None);
        assert_eq!(near_subcommand("lst"), Some(("lst", "list")));
        assert_eq!(near_subcommand("list"), None);
    }

    #[test]
    fn classes() {
        assert_eq!(class_named("4xx").map(|c| c.digit), Some(4));
        assert_eq!(class_named("5XX").map(|c| c.digit), Some(5));
        assert!(class_named("6xx").is_none() && class_named("4x").is_none());
    }
}
