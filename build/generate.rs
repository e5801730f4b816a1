//! The Rust source generated from the checked tables: one `static` per table, included by
//! `src/catalog/mod.rs`.

use super::endpoints::Endpoint;
use super::rows::{ClassRow, CodeRow, ConditionRow, FamilyRow, ProblemRow, StatusRow};
use super::sets::{Auth, Per, Source, Verdict};
use std::fmt::Write as _;

pub(super) fn write_endpoints(out: &mut String, rows: &[Endpoint]) {
    let index_of = |key: &str| {
        rows.iter()
            .position(|r| format!("{} {}", r.method, r.path) == key)
    };
    let entries = rows.iter().map(|r| {
        let v2_row = r.v2.as_deref().and_then(index_of);
        let methods: Vec<String> = r
            .libraries
            .iter()
            .map(|(library, names)| format!("({library:?}, &{names:?})"))
            .collect();
        let auth: Vec<String> = r
            .auth
            .iter()
            .map(|a| format!("Auth::{:?}", Auth::from_key(a).expect("checked by endpoints::join")))
            .collect();
        let limits: Vec<String> = r
            .limits
            .iter()
            .map(|l| {
                let per = Per::from_key(&l.per).expect("checked by endpoints::join");
                format!(
                    "Limit {{ per: Per::{per:?}, requests: {}, window_seconds: {} }}",
                    l.requests, l.window_seconds
                )
            })
            .collect();
        let notes: Vec<String> = r
            .notes
            .iter()
            .map(|n| format!("EndpointNote {{ text: {:?}, source: {:?} }}", n.text, n.source))
            .collect();
        format!(
            "method: {:?}, path: {:?}, what: {:?}, operation: {:?}, tag: {:?}, auth: &[{}], scopes: &{:?}, v2: {:?}, v2_row: {v2_row:?}, methods: &[{}], limits: &[{}], limits_as_of: {:?}, limits_source: {:?}, notes: &[{}], source: {:?}",
            r.method,
            r.path,
            r.what,
            r.operation,
            r.tag,
            auth.join(", "),
            r.scopes,
            r.v2,
            methods.join(", "),
            limits.join(", "),
            r.limits_as_of,
            r.limits_source,
            notes.join(", "),
            r.source
        )
    });
    write_static(
        out,
        "The endpoints: the v1.1 rows of `data/endpoints.toml`, then every operation of `data/endpoints_v2.toml`.",
        "ENDPOINTS",
        "EndpointEntry",
        entries,
    );
}

pub(super) fn write_conditions(out: &mut String, rows: &[ConditionRow]) {
    let entries = rows.iter().map(|r| {
        format!(
            "name: {:?}, kind: {:?}, texts: &{:?}, library: {:?}, status: {:?}, retry: {}, description: {:?}, advice: {:?}, source: {:?}",
            r.name,
            r.kind,
            r.texts,
            r.library,
            r.status,
            verdict(&r.retry),
            r.description,
            r.advice,
            r.source
        )
    });
    write_static(
        out,
        "The conditions of `data/conditions.toml`: errors with no code or problem type.",
        "CONDITIONS",
        "ConditionEntry",
        entries,
    );
}

pub(super) fn write_families(out: &mut String, rows: Vec<FamilyRow>) {
    let _ = writeln!(
        out,
        "/// The families of `data/families.toml`: name and what it groups.\npub static FAMILIES: &[(&str, &str)] = &["
    );
    for r in rows {
        let _ = writeln!(out, "    ({:?}, {:?}),", r.name, r.description);
    }
    out.push_str("];\n\n");
}

/// The Rust path of a source the checks accepted.
fn source(key: &str) -> String {
    let source = Source::from_key(key).expect("checked by check_source");
    format!("Source::{source:?}")
}

/// The Rust path of a verdict the checks accepted.
fn verdict(key: &str) -> String {
    let verdict = Verdict::from_key(key).expect("checked by check_common");
    format!("Verdict::{verdict:?}")
}

/// `static NAME: &[TYPE] = &[...]` with one entry per line, and a doc comment.
pub(super) fn write_static(
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

pub(super) fn write_statuses(out: &mut String, mut rows: Vec<StatusRow>) {
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
            "code: {}, message: {:?}, phrases: &{:?}, v2_description: {:?}, {rest}",
            r.code, r.message, r.phrases, r.v2_description
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

pub(super) fn write_codes(out: &mut String, mut rows: Vec<CodeRow>) {
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

pub(super) fn write_problems(out: &mut String, mut rows: Vec<ProblemRow>) {
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
        let cases: String = r
            .case
            .iter()
            .map(|c| {
                format!(
                    "CaseEntry {{ details: &{:?}, since: {:?}, source: {:?}, status: {:?}, retry: {}, description: {:?}, advice: {:?}, note: {:?} }}, ",
                    c.details,
                    c.since,
                    c.source,
                    c.status,
                    verdict(&c.retry),
                    c.description,
                    c.advice,
                    match &c.since {
                        Some(since) => format!("A rule of {since}: {}", c.source),
                        None => format!("As documented: {}", c.source),
                    }
                )
            })
            .collect();
        format!(
            "name: {:?}, title: {:?}, titles: &{:?}, details: &{:?}, status: {:?}, {rest}, fields: &[{fields}], cases: &[{cases}]",
            r.name, r.title, r.titles, r.details, r.status
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

pub(super) fn write_classes(out: &mut String, mut rows: Vec<ClassRow>) {
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
