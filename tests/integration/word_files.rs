//! The lexicon checker that runs at build time (`build/lexicon.rs`) refuses a broken word
//! file, naming file and line, and the real files hold the languages the issue asks for.

#[allow(dead_code)]
#[path = "../../build/lexicon.rs"]
mod lexicon;

use lexicon::{KINDS, WordFile, check};

fn real(kind: &str) -> String {
    std::fs::read_to_string(format!("data/lexicon/{kind}.toml")).expect("the word file reads")
}

/// Checks the real files with `kind`'s file replaced by `text`.
fn check_with(kind: &str, text: &str) -> Result<String, Vec<String>> {
    let texts: Vec<(String, String)> = KINDS
        .iter()
        .map(|(k, _)| {
            let body = if *k == kind {
                text.to_string()
            } else {
                real(k)
            };
            (format!("data/lexicon/{k}.toml"), body)
        })
        .collect();
    let files: Vec<WordFile> = KINDS
        .iter()
        .zip(&texts)
        .map(|((k, _), (path, text))| WordFile {
            kind: k,
            path,
            text,
        })
        .collect();
    check(&files)
}

/// The real error file with `line` added as its last entry, on line `at` of the result.
fn error_file_with(line: &str) -> (String, usize) {
    let text = real("error");
    let end = text.rfind(']').expect("the file ends its list");
    let with = format!("{}{line}\n{}", &text[..end], &text[end..]);
    let at = with[..with.find(line).expect("added")].lines().count() + 1;
    (with, at)
}

#[test]
fn the_real_lexicon_passes() {
    let generated = check_with("", "").expect("the real word files are valid");
    assert!(generated.contains("Kind::Reason(401)"), "{generated}");
}

#[test]
fn an_empty_text_fails_with_its_file_and_line() {
    let (text, line) = error_file_with(r#"  { text = " ", lang = ["en"], side = "both" },"#);
    let problems = check_with("error", &text).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!("data/lexicon/error.toml:{line}: ")),
        "{problems:?}"
    );
}

#[test]
fn a_duplicate_fails_naming_both_places_even_across_files() {
    let (text, line) = error_file_with(r#"  { text = "Status", lang = ["en"], side = "before" },"#);
    let problems = check_with("error", &text).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert!(
        p.starts_with(&format!("data/lexicon/error.toml:{line}: ")),
        "{p}"
    );
    assert!(
        p.contains("already in the lexicon at data/lexicon/status.toml:"),
        "{p}"
    );
}

#[test]
fn a_word_shadowed_by_a_shorter_one_fails() {
    // `fatal error` ends with `error`, which already counts before a number.
    let (text, line) =
        error_file_with(r#"  { text = "fatal error", lang = ["en"], side = "before" },"#);
    let problems = check_with("error", &text).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert!(
        p.starts_with(&format!("data/lexicon/error.toml:{line}: ")),
        "{p}"
    );
    assert!(p.contains("shadowed by the shorter \"error\""), "{p}");
    // After the number a word is shadowed by one it begins with: `error page` by `error`.
    let (text, _) = error_file_with(r#"  { text = "error page", lang = ["en"], side = "after" },"#);
    assert!(check_with("error", &text).unwrap_err()[0].contains("shadowed"));
    // A longer word that does not end in the shorter one at a word's start is fine.
    let (text, _) = error_file_with(r#"  { text = "suberror", lang = ["en"], side = "before" },"#);
    assert!(check_with("error", &text).is_ok());
}

#[test]
fn a_missing_side_or_status_fails() {
    let (text, _) = error_file_with(r#"  { text = "erreurs", lang = ["fr"] },"#);
    assert!(check_with("error", &text).unwrap_err()[0].contains("`side`"));
    let text = real("reasons").replacen(", status = 401", "", 1);
    assert!(check_with("reasons", &text).unwrap_err()[0].contains("`status`"));
}

#[test]
fn the_lexicon_speaks_fifteen_languages_for_each_role() {
    let langs = |kinds: &[&str]| {
        let mut all = std::collections::BTreeSet::new();
        for kind in kinds {
            let file: toml::Table = toml::from_str(&real(kind)).expect("parses");
            for w in file["words"].as_array().expect("a list") {
                for l in w["lang"].as_array().expect("languages") {
                    all.insert(l.as_str().expect("a code").to_string());
                }
            }
        }
        all
    };
    let status = langs(&["status", "error", "reasons"]);
    let code = langs(&["code", "error"]);
    assert!(status.len() >= 15, "{status:?}");
    assert!(code.len() >= 15, "{code:?}");
}
