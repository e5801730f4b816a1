//! The lexicon checker and code generator: the word files of `data/lexicon/`, checked and
//! written as one static table. Shared by `build.rs` and the tests that prove a broken
//! file fails the build.

use serde::Deserialize;
use std::collections::HashMap;
use std::fmt::Write as _;

/// One word file: its kind (the file's stem), its path, and its text.
pub struct WordFile<'a> {
    pub kind: &'a str,
    pub path: &'a str,
    pub text: &'a str,
}

/// The kinds of word, in the order of their files; each names the Rust variant it becomes.
pub const KINDS: &[(&str, &str)] = &[
    ("status", "Status"),
    ("code", "Code"),
    ("error", "Error"),
    ("reasons", "Reason"),
    ("not", "Not"),
    ("filler", "Filler"),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    words: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    text: toml::Spanned<String>,
    lang: Vec<String>,
    side: Option<String>,
    status: Option<u16>,
    /// Whether the word also names a container's key (`"http_code": 403`).
    #[serde(default)]
    key: bool,
    /// Whether a number after the word is a code even where the catalog lists none
    /// (`API error: 306`): the word names an API error code and nothing else.
    #[serde(default)]
    unlisted: bool,
}

/// A checked entry, and where it stands for messages.
struct Word {
    text: String,
    lang: Vec<String>,
    before: bool,
    after: bool,
    status: Option<u16>,
    key: bool,
    unlisted: bool,
    file: usize,
    line: usize,
}

/// Checks every word file and returns the generated Rust source, or every problem found,
/// each naming its file and line.
pub fn check(files: &[WordFile]) -> Result<String, Vec<String>> {
    let mut problems = Vec::new();
    let mut words = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let Some(&(_, variant)) = KINDS.iter().find(|(k, _)| *k == f.kind) else {
            problems.push(format!(
                "{}: no kind of word is called {:?}",
                f.path, f.kind
            ));
            continue;
        };
        match toml::from_str::<File>(f.text) {
            Ok(file) => read_entries(f, i, variant, file, &mut words, &mut problems),
            Err(e) => problems.push(format!("{}: not a valid word file: {e}", f.path)),
        }
    }
    check_overlaps(files, &words, &mut problems);
    if problems.is_empty() {
        Ok(generate(files, &words))
    } else {
        Err(problems)
    }
}

fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Checks each entry on its own (text, languages, side, status) and keeps the good ones.
fn read_entries(
    f: &WordFile,
    index: usize,
    variant: &str,
    file: File,
    words: &mut Vec<Word>,
    problems: &mut Vec<String>,
) {
    let sided = !matches!(variant, "Reason" | "Filler");
    for e in file.words {
        let line = line_at(f.text, e.text.span().start);
        let mut say = |what: String| problems.push(format!("{}:{line}: {what}", f.path));
        let text = e.text.into_inner();
        if text.trim().is_empty() || text.trim() != text {
            say(format!(
                "the text {text:?} is empty or has spaces at an end"
            ));
            continue;
        }
        let lang_ok =
            |l: &String| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase());
        if e.lang.is_empty() || !e.lang.iter().all(lang_ok) {
            say(format!(
                "{text:?}: `lang` must name one or more languages by their ISO 639 code"
            ));
        }
        let (before, after) = match (sided, e.side.as_deref()) {
            (true, Some("before")) => (true, false),
            (true, Some("after")) => (false, true),
            (true, Some("both")) | (false, None) => (true, true),
            (true, _) => {
                say(format!(
                    "{text:?}: `side` must be \"before\", \"after\" or \"both\""
                ));
                continue;
            }
            (false, Some(_)) => {
                say(format!(
                    "{text:?}: a word of this file counts on both sides; it takes no `side`"
                ));
                continue;
            }
        };
        match (variant == "Reason", e.status) {
            (true, Some(s)) if (400..=599).contains(&s) => {}
            (true, _) => say(format!(
                "{text:?}: a reason phrase needs the 4xx or 5xx `status` it names"
            )),
            (false, Some(_)) => say(format!("{text:?}: only a reason phrase takes a `status`")),
            (false, None) => {}
        }
        if e.key && variant != "Status" {
            say(format!(
                "{text:?}: only a status word names a key (`key = true`)"
            ));
        }
        if e.unlisted && variant != "Code" {
            say(format!("{text:?}: only a code word takes `unlisted`"));
        }
        words.push(Word {
            text,
            lang: e.lang,
            before,
            after,
            status: e.status,
            key: e.key,
            unlisted: e.unlisted,
            file: index,
            line,
        });
    }
}

/// Whether the character before `at` in `text` lets a word start there: it is no ASCII
/// letter or digit, as the matcher requires at run time.
fn starts_word(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

fn ends_word(text: &str, at: usize) -> bool {
    !text[at..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

/// A word as the matcher sees it: lower case, and `_` or `-` between words the same as a
/// space (`status_code` is `status code`).
fn folded(text: &str) -> String {
    text.to_lowercase().replace(['_', '-'], " ")
}

/// Duplicates anywhere in the lexicon, and entries shadowed by a shorter one of their file.
fn check_overlaps(files: &[WordFile], words: &[Word], problems: &mut Vec<String>) {
    let at = |w: &Word| format!("{}:{}", files[w.file].path, w.line);
    let mut seen: HashMap<String, Vec<&Word>> = HashMap::new();
    for w in words {
        let key = folded(&w.text);
        for other in seen.get(&key).into_iter().flatten() {
            if other.before && w.before || other.after && w.after {
                problems.push(format!(
                    "{}: {:?} is already in the lexicon at {}",
                    at(w),
                    w.text,
                    at(other)
                ));
            }
        }
        seen.entry(key).or_default().push(w);
    }
    for long in words {
        let l = folded(&long.text);
        // A shorter word with other flags gives the number another role: no shadow.
        let same_role =
            |s: &&Word| s.file == long.file && s.key == long.key && s.unlisted == long.unlisted;
        for short in words
            .iter()
            .filter(same_role)
            .filter(|s| s.text.len() < long.text.len())
        {
            let s = folded(&short.text);
            let by_end = long.before
                && short.before
                && l.ends_with(&s)
                && starts_word(&l, l.len() - s.len());
            let by_start = long.after && short.after && l.starts_with(&s) && ends_word(&l, s.len());
            if by_end || by_start {
                problems.push(format!(
                    "{}: {:?} is shadowed by the shorter {:?} at {}, which matches wherever it would",
                    at(long), long.text, short.text, at(short)
                ));
            }
        }
    }
}

fn generate(files: &[WordFile], words: &[Word]) -> String {
    let mut out = String::from(
        "/// Every word of `data/lexicon/`, checked by `build.rs`.\npub static LEXICON: &[Word] = &[\n",
    );
    for w in words {
        let variant = KINDS
            .iter()
            .find(|(k, _)| *k == files[w.file].kind)
            .map(|(_, v)| *v)
            .expect("checked");
        let kind = match w.status {
            Some(s) => format!("Kind::{variant}({s})"),
            None if w.unlisted => "Kind::AnyCode".to_string(),
            None => format!("Kind::{variant}"),
        };
        writeln!(
            out,
            "    Word {{ text: {:?}, lang: &{:?}, kind: {kind}, before: {}, after: {}, key: {} }},",
            w.text, w.lang, w.before, w.after, w.key
        )
        .expect("writing to a String");
    }
    out.push_str("];\n");
    out
}
