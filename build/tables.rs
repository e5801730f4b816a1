//! The table checker and code generator, shared by `build.rs` and the tests that
//! prove a broken table fails the build.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusFile {
    status: Vec<StatusRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusRow {
    code: u16,
    message: String,
    #[serde(default)]
    phrases: Vec<String>,
    source: String,
    family: String,
    retry: String,
    description: String,
    advice: String,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeFile {
    code: Vec<CodeRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeRow {
    code: u32,
    message: String,
    #[serde(default)]
    variants: Vec<String>,
    status: Option<u16>,
    source: String,
    family: String,
    retry: String,
    description: String,
    advice: String,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProblemFile {
    problem: Vec<ProblemRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProblemRow {
    name: String,
    title: String,
    #[serde(default)]
    titles: Vec<String>,
    status: Option<u16>,
    source: String,
    family: String,
    retry: String,
    description: String,
    advice: String,
    note: Option<String>,
    #[serde(default)]
    field: Vec<FieldRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldRow {
    name: String,
    meaning: String,
    #[serde(default)]
    values: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EndpointFile {
    endpoint: Vec<EndpointRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EndpointRow {
    method: String,
    path: String,
    what: String,
    auth: Vec<String>,
    #[serde(default)]
    scopes: Vec<String>,
    v2: Option<String>,
    #[serde(default)]
    tweepy: Vec<String>,
    #[serde(default)]
    twitter_api_v2: Vec<String>,
    #[serde(default)]
    twython: Vec<String>,
    #[serde(default)]
    ruby: Vec<String>,
    #[serde(default)]
    twitter4j: Vec<String>,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyFile {
    family: Vec<FamilyRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyRow {
    name: String,
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassFile {
    class: Vec<ClassRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassRow {
    digit: u8,
    name: String,
    retry: String,
    description: String,
    advice: String,
}

/// Collects every problem found so that one build reports all of them at once.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn push(&mut self, file: &str, entry: &str, what: impl std::fmt::Display) {
        self.0.push(format!("{file}: entry {entry}: {what}"));
    }
}

/// The text of each table file.
pub struct Sources<'a> {
    pub statuses: &'a str,
    pub codes: &'a str,
    pub problems: &'a str,
    pub classes: &'a str,
    pub families: &'a str,
    pub endpoints: &'a str,
}

fn parse<T: for<'de> Deserialize<'de>>(path: &str, text: &str) -> Result<T, Vec<String>> {
    toml::from_str(text).map_err(|e| vec![format!("{path}: not a valid table: {e}")])
}

/// Checks the four tables and returns the generated Rust source, or every problem found.
pub fn check(sources: &Sources) -> Result<String, Vec<String>> {
    let mut problems = Problems::default();

    let statuses: StatusFile = parse("data/statuses.toml", sources.statuses)?;
    let codes: CodeFile = parse("data/codes.toml", sources.codes)?;
    let v2: ProblemFile = parse("data/problems.toml", sources.problems)?;
    let classes: ClassFile = parse("data/classes.toml", sources.classes)?;
    let families: FamilyFile = parse("data/families.toml", sources.families)?;
    let endpoints: EndpointFile = parse("data/endpoints.toml", sources.endpoints)?;

    // Advice must be specific to each entry: the same text twice means filler.
    let mut advice_seen: HashMap<String, String> = HashMap::new();
    let mut check_advice = |problems: &mut Problems, file: &str, entry: &str, advice: &str| {
        let key = advice.trim().to_lowercase();
        if let Some(first) = advice_seen.get(&key) {
            problems.push(file, entry, format!("advice is the same text as {first}"));
        } else {
            advice_seen.insert(key, format!("{file} entry {entry}"));
        }
    };

    let mut status_numbers = BTreeMap::new();
    for row in &statuses.status {
        let file = "data/statuses.toml";
        let entry = row.code.to_string();
        if !(100..=599).contains(&row.code) {
            problems.push(file, &entry, "an HTTP status is between 100 and 599");
        }
        if status_numbers.insert(row.code, ()).is_some() {
            problems.push(file, &entry, "duplicate status");
        }
        check_source(
            &mut problems,
            file,
            &entry,
            &row.source,
            &["2015", "later", "v2"],
        );
        check_common(
            &mut problems,
            file,
            &entry,
            &row.family,
            &row.retry,
            &row.description,
        );
        check_text(&mut problems, file, &entry, "message", &row.message);
        check_advice(&mut problems, file, &entry, &row.advice);
    }

    let mut code_numbers = BTreeMap::new();
    for row in &codes.code {
        let file = "data/codes.toml";
        let entry = row.code.to_string();
        if code_numbers.insert(row.code, ()).is_some() {
            problems.push(file, &entry, "duplicate code");
        }
        if row.status.is_some_and(|s| !(100..=599).contains(&s)) {
            problems.push(file, &entry, "`status` is between 100 and 599");
        }
        check_source(
            &mut problems,
            file,
            &entry,
            &row.source,
            &["2015", "later", "wild"],
        );
        if row.source == "wild" && row.note.is_none() {
            problems.push(
                file,
                &entry,
                "an entry seen only in the wild needs a `note` saying what is uncertain",
            );
        }
        check_common(
            &mut problems,
            file,
            &entry,
            &row.family,
            &row.retry,
            &row.description,
        );
        check_text(&mut problems, file, &entry, "message", &row.message);
        for variant in &row.variants {
            check_text(&mut problems, file, &entry, "variant", variant);
            if variant == &row.message {
                problems.push(file, &entry, "a variant repeats `message`");
            }
        }
        check_advice(&mut problems, file, &entry, &row.advice);
    }

    let mut problem_names = BTreeMap::new();
    for row in &v2.problem {
        let file = "data/problems.toml";
        let entry = row.name.clone();
        if row.name.is_empty()
            || !row
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == ':')
        {
            problems.push(
                file,
                &entry,
                "`name` is lower-case letters, digits and dashes (or about:blank)",
            );
        }
        if problem_names.insert(row.name.clone(), ()).is_some() {
            problems.push(file, &entry, "duplicate problem name");
        }
        check_source(&mut problems, file, &entry, &row.source, &["v2", "wild"]);
        check_common(
            &mut problems,
            file,
            &entry,
            &row.family,
            &row.retry,
            &row.description,
        );
        check_text(&mut problems, file, &entry, "title", &row.title);
        check_advice(&mut problems, file, &entry, &row.advice);
        for field in &row.field {
            check_text(&mut problems, file, &entry, "field meaning", &field.meaning);
        }
    }

    let mut class_digits = BTreeMap::new();
    for row in &classes.class {
        let file = "data/classes.toml";
        let entry = format!("{}xx", row.digit);
        if !(1..=5).contains(&row.digit) || class_digits.insert(row.digit, ()).is_some() {
            problems.push(file, &entry, "classes are 1 to 5, once each");
        }
        check_common(
            &mut problems,
            file,
            &entry,
            "class",
            &row.retry,
            &row.description,
        );
        check_advice(&mut problems, file, &entry, &row.advice);
    }
    if class_digits.len() != 5 {
        problems.push(
            "data/classes.toml",
            "-",
            "all five classes 1xx..5xx are needed",
        );
    }

    check_families(&mut problems, &families, &statuses, &codes, &v2);
    check_endpoints(&mut problems, &endpoints);
    if !problems.0.is_empty() {
        return Err(problems.0);
    }

    let mut out = String::new();
    out.push_str("// @generated by build.rs from data/*.toml. Do not edit.\n\n");
    write_statuses(&mut out, statuses.status);
    write_codes(&mut out, codes.code);
    write_problems(&mut out, v2.problem);
    write_classes(&mut out, classes.class);
    write_families(&mut out, families.family);
    write_endpoints(&mut out, &endpoints.endpoint);
    Ok(out)
}

const AUTHS: &[&str] = &["oauth1-user", "oauth2-app", "oauth2-user"];
const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE"];

/// Each endpoint: a known method, a path under /1.1/ or /2/ written once, auth from the
/// three kinds, scopes where OAuth 2.0 user context is accepted (v2 only), a v1.1 row's
/// `v2` naming a v2 row of the table (or "none"), and a source.
fn check_endpoints(problems: &mut Problems, endpoints: &EndpointFile) {
    let file = "data/endpoints.toml";
    let mut seen = BTreeMap::new();
    for row in &endpoints.endpoint {
        let entry = format!("{} {}", row.method, row.path);
        if seen
            .insert(entry.clone(), row.path.starts_with("/2/"))
            .is_some()
        {
            problems.push(file, &entry, "duplicate endpoint");
        }
    }
    for row in &endpoints.endpoint {
        let entry = format!("{} {}", row.method, row.path);
        let v1 = row.path.starts_with("/1.1/");
        if !METHODS.contains(&row.method.as_str()) {
            problems.push(file, &entry, format!("`method` is one of {METHODS:?}"));
        }
        if !(v1 || row.path.starts_with("/2/")) || row.path.contains(".json") {
            problems.push(
                file,
                &entry,
                "`path` starts with /1.1/ or /2/ and has no .json",
            );
        }
        if row.auth.is_empty() || row.auth.iter().any(|a| !AUTHS.contains(&a.as_str())) {
            problems.push(file, &entry, format!("`auth` lists some of {AUTHS:?}"));
        }
        let user2 = row.auth.iter().any(|a| a == "oauth2-user");
        if user2 == row.scopes.is_empty() {
            problems.push(
                file,
                &entry,
                "`scopes` are given exactly when oauth2-user is accepted",
            );
        }
        match (&row.v2, v1) {
            (Some(v2), true) if v2 != "none" && seen.get(v2) != Some(&true) => problems.push(
                file,
                &entry,
                format!("`v2` {v2:?} is no v2 row of this table"),
            ),
            (None, true) => {
                problems.push(file, &entry, "a v1.1 row names its `v2` move (or \"none\")")
            }
            (Some(_), false) => problems.push(file, &entry, "only v1.1 rows have `v2`"),
            _ => {}
        }
        check_text(problems, file, &entry, "what", &row.what);
        if !row.source.starts_with("https://") {
            problems.push(file, &entry, "`source` is a https:// address");
        }
    }
}

fn write_endpoints(out: &mut String, rows: &[EndpointRow]) {
    let entries = rows.iter().map(|r| {
        let methods: Vec<String> = [
            ("tweepy", &r.tweepy),
            ("twitter-api-v2", &r.twitter_api_v2),
            ("twython", &r.twython),
            ("twitter (Ruby)", &r.ruby),
            ("Twitter4J", &r.twitter4j),
        ]
        .iter()
        .filter(|(_, names)| !names.is_empty())
        .map(|(library, names)| format!("({library:?}, &{names:?})"))
        .collect();
        format!(
            "method: {:?}, path: {:?}, what: {:?}, auth: &{:?}, scopes: &{:?}, v2: {:?}, methods: &[{}], source: {:?}",
            r.method,
            r.path,
            r.what,
            r.auth,
            r.scopes,
            r.v2,
            methods.join(", "),
            r.source
        )
    });
    write_static(
        out,
        "The endpoints of `data/endpoints.toml`.",
        "ENDPOINTS",
        "EndpointEntry",
        entries,
    );
}

/// Every entry's family is one of `data/families.toml`, and every family there is used:
/// `list --family`, completion and the man page offer exactly the names that filter.
fn check_families(
    problems: &mut Problems,
    families: &FamilyFile,
    statuses: &StatusFile,
    codes: &CodeFile,
    v2: &ProblemFile,
) {
    let mut used: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &families.family {
        check_text(
            problems,
            "data/families.toml",
            &row.name,
            "description",
            &row.description,
        );
        if used.insert(&row.name, 0).is_some() {
            problems.push("data/families.toml", &row.name, "duplicate family");
        }
    }
    let entries = (statuses
        .status
        .iter()
        .map(|r| ("data/statuses.toml", r.code.to_string(), r.family.as_str())))
    .chain(
        codes
            .code
            .iter()
            .map(|r| ("data/codes.toml", r.code.to_string(), r.family.as_str())),
    )
    .chain(
        v2.problem
            .iter()
            .map(|r| ("data/problems.toml", r.name.clone(), r.family.as_str())),
    );
    for (file, entry, family) in entries {
        match used.get_mut(family) {
            Some(count) => *count += 1,
            None => problems.push(
                file,
                &entry,
                format!("family {family:?} is not in data/families.toml"),
            ),
        }
    }
    for (family, count) in used {
        if count == 0 {
            problems.push("data/families.toml", family, "no entry has this family");
        }
    }
}

fn write_families(out: &mut String, rows: Vec<FamilyRow>) {
    let _ = writeln!(
        out,
        "/// The families of `data/families.toml`: name and what it groups.\npub static FAMILIES: &[(&str, &str)] = &["
    );
    for r in rows {
        let _ = writeln!(out, "    ({:?}, {:?}),", r.name, r.description);
    }
    out.push_str("];\n\n");
}

const VERDICTS: &[&str] = &["not-needed", "do-not-retry", "wait-for-reset", "backoff"];

fn check_source(problems: &mut Problems, file: &str, entry: &str, source: &str, allowed: &[&str]) {
    if !allowed.contains(&source) {
        problems.push(
            file,
            entry,
            format!("`source` is one of {allowed:?}, not {source:?}"),
        );
    }
}

fn check_common(
    problems: &mut Problems,
    file: &str,
    entry: &str,
    family: &str,
    retry: &str,
    description: &str,
) {
    if !VERDICTS.contains(&retry) {
        problems.push(
            file,
            entry,
            format!("`retry` is one of {VERDICTS:?}, not {retry:?}"),
        );
    }
    check_text(problems, file, entry, "family", family);
    check_text(problems, file, entry, "description", description);
}

fn check_text(problems: &mut Problems, file: &str, entry: &str, what: &str, text: &str) {
    if text.trim().is_empty() {
        problems.push(file, entry, format!("`{what}` is empty"));
    }
    if text.chars().any(|c| c.is_control()) {
        problems.push(file, entry, format!("`{what}` holds a control character"));
    }
}

fn source(s: &str) -> &'static str {
    match s {
        "2015" => "Source::Page2015",
        "later" => "Source::LaterDocs",
        "v2" => "Source::V2Docs",
        _ => "Source::Wild",
    }
}

fn verdict(s: &str) -> &'static str {
    match s {
        "not-needed" => "Verdict::NotNeeded",
        "do-not-retry" => "Verdict::DoNotRetry",
        "wait-for-reset" => "Verdict::WaitForReset",
        _ => "Verdict::Backoff",
    }
}

/// `static NAME: &[TYPE] = &[...]` with one entry per line, and a doc comment.
fn write_static(
    out: &mut String,
    doc: &str,
    name: &str,
    ty: &str,
    entries: impl Iterator<Item = String>,
) {
    let _ = writeln!(out, "/// {doc}\npub static {name}: &[{ty}] = &[");
    for entry in entries {
        let _ = writeln!(out, "    {ty} {{ {entry} }},");
    }
    out.push_str("];\n\n");
}

/// The members every kind of entry has, as Rust field initialisers.
fn common(
    source_key: &str,
    family: &str,
    retry: &str,
    description: &str,
    advice: &str,
    note: &Option<String>,
) -> String {
    format!(
        "source: {}, family: {family:?}, retry: {}, description: {description:?}, advice: {advice:?}, note: {note:?}",
        source(source_key),
        verdict(retry)
    )
}

fn write_statuses(out: &mut String, mut rows: Vec<StatusRow>) {
    rows.sort_by_key(|r| r.code);
    let entries = rows.iter().map(|r| {
        let rest = common(
            &r.source,
            &r.family,
            &r.retry,
            &r.description,
            &r.advice,
            &r.note,
        );
        format!(
            "code: {}, message: {:?}, phrases: &{:?}, {rest}",
            r.code, r.message, r.phrases
        )
    });
    write_static(
        out,
        "Every HTTP status of `data/statuses.toml`, sorted by number.",
        "STATUSES",
        "StatusEntry",
        entries,
    );
}

fn write_codes(out: &mut String, mut rows: Vec<CodeRow>) {
    rows.sort_by_key(|r| r.code);
    let entries = rows.iter().map(|r| {
        let rest = common(
            &r.source,
            &r.family,
            &r.retry,
            &r.description,
            &r.advice,
            &r.note,
        );
        format!(
            "code: {}, message: {:?}, variants: &{:?}, status: {:?}, {rest}",
            r.code, r.message, r.variants, r.status
        )
    });
    write_static(
        out,
        "Every API error code of `data/codes.toml`, sorted by number.",
        "CODES",
        "CodeEntry",
        entries,
    );
}

fn write_problems(out: &mut String, mut rows: Vec<ProblemRow>) {
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    let entries = rows.iter().map(|r| {
        let fields: String = r
            .field
            .iter()
            .map(|f| {
                let values: Vec<(&str, &str)> = f
                    .values
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                format!(
                    "FieldEntry {{ name: {:?}, meaning: {:?}, values: &{:?} }}, ",
                    f.name, f.meaning, values
                )
            })
            .collect();
        let rest = common(
            &r.source,
            &r.family,
            &r.retry,
            &r.description,
            &r.advice,
            &r.note,
        );
        format!(
            "name: {:?}, title: {:?}, titles: &{:?}, status: {:?}, {rest}, fields: &[{fields}]",
            r.name, r.title, r.titles, r.status
        )
    });
    write_static(
        out,
        "Every v2 problem type of `data/problems.toml`, sorted by name.",
        "PROBLEMS",
        "ProblemEntry",
        entries,
    );
}

fn write_classes(out: &mut String, mut rows: Vec<ClassRow>) {
    rows.sort_by_key(|r| r.digit);
    let entries = rows.iter().map(|r| {
        format!(
            "digit: {}, name: {:?}, retry: {}, description: {:?}, advice: {:?}",
            r.digit,
            r.name,
            verdict(&r.retry),
            r.description,
            r.advice
        )
    });
    write_static(
        out,
        "The five HTTP status classes of `data/classes.toml`, 1xx to 5xx.",
        "CLASSES",
        "ClassEntry",
        entries,
    );
}
