//! What the words on the command line name: numbers as copied from logs (`187,` `#187`
//! `code=187`), a status class (`4xx`), a problem by its name or title in any spelling
//! (`usage-capped`, `UsageCapExceeded`, "Usage cap exceeded: Monthly product cap"), an
//! exact official message, a file that exists. This is the argument evidence: like the
//! other readers it says what was given and in which role; the diagnosis joins it with the
//! tables.

use crate::catalog;
use crate::evidence::{Evidence, Finding, How, Problem, Seen};

/// What the command line itself says: numbers, flags, and the texts to diagnose.
pub(crate) struct Arguments {
    pub evidence: Vec<Evidence>,
    pub texts: Vec<String>,
    pub notes: Vec<String>,
    /// `-` was given.
    pub stdin: bool,
}

/// The words and flags of a command line that name things to explain: positional inputs,
/// then `--status`, `--code` and `--type` values, numbered in that order.
#[derive(Debug, Clone, Copy, Default)]
pub struct Given<'a> {
    pub inputs: &'a [String],
    pub codes: &'a [u64],
    pub statuses: &'a [u16],
    pub types: &'a [String],
}

pub(crate) fn arguments(given: Given) -> Arguments {
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
    for (i, token) in given.inputs.iter().enumerate() {
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
    let base = given.inputs.len();
    let flags = given
        .statuses
        .iter()
        .map(|&code| Finding::Status { code, reason: None });
    let flags = flags.chain(given.codes.iter().map(|&code| Finding::Code {
        code,
        message: None,
    }));
    let flags = flags.chain(given.types.iter().map(|name| {
        let name = catalog::problem_named(name).map_or(name.as_str(), |p| p.name);
        Finding::Problem(Box::new(Problem::named(name)))
    }));
    a.evidence
        .extend(flags.enumerate().map(|(i, finding)| Evidence {
            finding,
            seen: arg(base + i),
        }));
    for name in given.types {
        if catalog::problem_named(name).is_none()
            && let Some(meant) = catalog::near_problem(name)
        {
            a.notes.push(format!(
                "`{}` is no problem type in the tables; did you mean `{meant}`?",
                crate::util::sanitize::clean(name)
            ));
        }
    }
    a
}

/// A status's reason phrase as written, in any case (`Unauthorized`, "too many requests"):
/// that status. Asked after problem names and official messages, which come first when the
/// words are both (`conflict` is a problem type, `Forbidden` code 200's message).
fn status_by_reason(t: &str, seen: Seen) -> Option<Vec<Evidence>> {
    let code = catalog::status_of_reason(t).filter(|&code| code >= 400)?;
    let reason = Some(t.to_string());
    Some(vec![Evidence {
        finding: Finding::Status { code, reason },
        seen,
    }])
}

/// Piped text that is nothing but a few numbers as copied (`echo 187 | twerr`, `403 187`):
/// the words to look up, as if they had been given as arguments. `None` for anything else,
/// which is read as a response.
pub(crate) fn piped_lookup(text: &str) -> Option<Vec<String>> {
    // Five words at most are looked at: a response of any size is told apart at once.
    let words: Vec<&str> = text.split_whitespace().take(5).collect();
    let numbers = (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            let t = bare_number(w);
            !t.is_empty() && t.len() <= 20 && t.bytes().all(|b| b.is_ascii_digit())
        });
    numbers.then(|| words.into_iter().map(str::to_string).collect())
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
    if let Some(p) = catalog::problem_named(t) {
        return Some(vec![Evidence {
            finding: Finding::Problem(Box::new(Problem::named(p.name))),
            seen,
        }]);
    }
    let codes = catalog::codes_with_message(t);
    if codes.is_empty() {
        return status_by_reason(t, seen);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn piped_numbers_alone_are_lookups() {
        assert_eq!(piped_lookup("187\n"), Some(vec!["187".to_string()]));
        assert_eq!(
            piped_lookup(" 403 #187\n"),
            Some(vec!["403".into(), "#187".into()])
        );
        assert_eq!(piped_lookup("HTTP/2 403\n"), None);
        assert_eq!(piped_lookup("1 2 3 4 5"), None, "a list of numbers is data");
        assert_eq!(piped_lookup(""), None);
    }

    #[test]
    fn a_reason_phrase_names_its_status() {
        let seen = Seen {
            line: 1,
            how: How::Argument,
        };
        let found = named_entry("Too Many Requests", seen).unwrap();
        assert!(matches!(
            found[0].finding,
            Finding::Status { code: 429, .. }
        ));
        let found = named_entry("unauthorized", seen).unwrap();
        assert!(matches!(
            found[0].finding,
            Finding::Status { code: 401, .. }
        ));
        assert!(
            named_entry("TooManyRequests", seen)
                .is_none_or(|f| !matches!(f[0].finding, Finding::Status { .. }))
        );
    }

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
}
