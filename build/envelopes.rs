//! The checker and generator of `data/envelopes.toml`, the error bodies of other APIs:
//! shared by `build.rs` and the tests that prove a broken entry fails the build.

use serde::Deserialize;
use std::fmt::Write as _;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    envelope: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    api: String,
    when: Vec<Vec<String>>,
    status: Option<String>,
    source: String,
}

/// One condition of a sign, as the generated table writes it.
fn condition(text: &str) -> Result<String, String> {
    let (path, test) = match text.find(['=', '>']) {
        Some(at) => (&text[..at], &text[at..]),
        None => (text, ""),
    };
    let path = split_path(path)?;
    let test = match test {
        "" => "Test::Present".to_string(),
        "=false" => "Test::False".to_string(),
        "=UPPER_SNAKE" => "Test::UpperSnake".to_string(),
        "=CamelWord" => "Test::CamelWord".to_string(),
        t if t.starts_with("=*") && t.len() > 2 => format!("Test::EndsWith({:?})", &t[2..]),
        t if t.starts_with(">=") => {
            let n: u64 = t[2..]
                .parse()
                .map_err(|_| format!("{t:?} is no whole number"))?;
            format!("Test::AtLeast({n})")
        }
        t => {
            return Err(format!(
                "the test {t:?} is none of =false, =*Suffix, =UPPER_SNAKE, =CamelWord, >=N"
            ));
        }
    };
    Ok(format!("Cond {{ path: &{path:?}, test: {test} }}"))
}

fn split_path(path: &str) -> Result<Vec<&str>, String> {
    let parts: Vec<&str> = path.split('.').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || p.contains(char::is_whitespace))
    {
        return Err(format!("the path {path:?} has an empty or spaced member"));
    }
    Ok(parts)
}

/// Checks the file and returns the generated Rust source, or every problem found, each
/// naming the entry.
pub fn check(path: &str, text: &str) -> Result<String, Vec<String>> {
    let file: File =
        toml::from_str(text).map_err(|e| vec![format!("{path}: not a valid table: {e}")])?;
    let mut problems = Vec::new();
    let mut out = String::from(
        "/// The other APIs' error bodies of `data/envelopes.toml`, checked by `build.rs`.\npub static ENVELOPES: &[Envelope] = &[\n",
    );
    for e in &file.envelope {
        let mut say = |what: String| problems.push(format!("{path}: entry {:?}: {what}", e.api));
        if e.api.trim().is_empty() || !e.source.starts_with("https://") {
            say("needs an `api` name and an https `source`".to_string());
        }
        if e.when.is_empty() || e.when.iter().any(Vec::is_empty) {
            say("needs at least one sign, each with a condition".to_string());
        }
        let mut signs = Vec::new();
        for sign in &e.when {
            let conds: Result<Vec<String>, String> = sign.iter().map(|c| condition(c)).collect();
            match conds {
                Ok(c) => signs.push(format!("&[{}]", c.join(", "))),
                Err(why) => say(why),
            }
        }
        let status = match e.status.as_deref().map(split_path) {
            Some(Ok(path)) => format!("Some(&{path:?})"),
            Some(Err(why)) => {
                say(why);
                "None".to_string()
            }
            None => "None".to_string(),
        };
        writeln!(
            out,
            "    Envelope {{ api: {:?}, when: &[{}], status: {status}, source: {:?} }},",
            e.api,
            signs.join(", "),
            e.source
        )
        .expect("writing to a String");
    }
    out.push_str("];\n");
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
