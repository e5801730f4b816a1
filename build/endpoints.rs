//! The endpoint table: the v1.1 rows of `data/endpoints.toml`, and every operation of X's
//! v2 spec (`data/endpoints_v2.toml`, imported by `scripts/import-endpoints`) joined with
//! what `data/endpoints.toml` adds to it (our words, library methods, dated notes). The spec
//! is the only source of a v2 row's auth and scopes, so the two cannot disagree.

use super::rows::{EndpointFile, EndpointRow, LimitRow, NoteRow, SpecFile, SpecRow};
use super::sets::{Auth, Per};
use super::{Problems, check_text};
use std::collections::BTreeMap;

const HAND: &str = "data/endpoints.toml";
const SPEC: &str = "data/endpoints_v2.toml";
const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE"];
/// The windows the rate-limit page uses: a second, 15 minutes, 24 hours.
const WINDOWS: &[u32] = &[1, 900, 86400];

/// One row of the joined table, as the generator writes it.
pub(super) struct Endpoint {
    pub(super) method: String,
    pub(super) path: String,
    pub(super) what: Option<String>,
    pub(super) operation: Option<String>,
    pub(super) tag: Option<String>,
    pub(super) auth: Vec<String>,
    pub(super) scopes: Vec<String>,
    pub(super) v2: Option<String>,
    pub(super) libraries: Vec<(&'static str, Vec<String>)>,
    pub(super) limits: Vec<LimitRow>,
    pub(super) limits_as_of: Option<String>,
    pub(super) limits_source: Option<String>,
    pub(super) notes: Vec<NoteRow>,
    pub(super) source: String,
}

fn key(method: &str, path: &str) -> String {
    format!("{method} {path}")
}

/// The joined table, v1.1 rows first, or every problem found in either file.
pub(super) fn join(problems: &mut Problems, hand: &EndpointFile, spec: &SpecFile) -> Vec<Endpoint> {
    let mut spec_rows = BTreeMap::new();
    for row in &spec.endpoint {
        check_spec_row(problems, row);
        if spec_rows.insert(key(&row.method, &row.path), row).is_some() {
            problems.push(SPEC, &key(&row.method, &row.path), "duplicate endpoint");
        }
    }
    let mut added = BTreeMap::new();
    let mut out = Vec::new();
    for row in &hand.endpoint {
        let entry = key(&row.method, &row.path);
        if added.insert(entry.clone(), row).is_some() {
            problems.push(HAND, &entry, "duplicate endpoint");
        }
        if row.path.starts_with("/2/") {
            check_addition(problems, row, spec_rows.contains_key(&entry));
        } else {
            out.push(from_hand(row));
        }
    }
    out.extend(
        spec.endpoint
            .iter()
            .map(|row| from_spec(row, spec, added.get(&key(&row.method, &row.path)).copied())),
    );
    for row in &hand.endpoint {
        check_hand_row(problems, row, &out);
    }
    out
}

fn libraries(row: &EndpointRow) -> Vec<(&'static str, Vec<String>)> {
    [
        ("tweepy", &row.tweepy),
        ("twitter-api-v2", &row.twitter_api_v2),
        ("twython", &row.twython),
        ("twitter (Ruby)", &row.ruby),
        ("Twitter4J", &row.twitter4j),
    ]
    .into_iter()
    .filter(|(_, names)| !names.is_empty())
    .map(|(library, names)| (library, names.clone()))
    .collect()
}

fn from_hand(row: &EndpointRow) -> Endpoint {
    Endpoint {
        method: row.method.clone(),
        path: row.path.clone(),
        what: Some(row.what.clone()),
        operation: None,
        tag: None,
        auth: row.auth.clone(),
        scopes: row.scopes.clone(),
        v2: row.v2.clone(),
        libraries: libraries(row),
        limits: Vec::new(),
        limits_as_of: None,
        limits_source: None,
        notes: row.notes.clone(),
        source: row.source.clone(),
    }
}

/// A spec operation, with our words and library methods where `data/endpoints.toml` has
/// them.
fn from_spec(row: &SpecRow, spec: &SpecFile, added: Option<&EndpointRow>) -> Endpoint {
    let has_limits = !row.limits.is_empty();
    Endpoint {
        method: row.method.clone(),
        path: row.path.clone(),
        what: added.map(|a| a.what.clone()),
        operation: row.operation.clone(),
        tag: row.tag.clone(),
        auth: row.auth.clone(),
        scopes: row.scopes.clone(),
        v2: None,
        libraries: added.map(libraries).unwrap_or_default(),
        limits: row.limits.clone(),
        limits_as_of: has_limits.then(|| spec.limits_as_of.clone()),
        limits_source: has_limits.then(|| spec.limits_source.clone()),
        notes: row
            .notes
            .iter()
            .chain(added.map(|a| a.notes.as_slice()).unwrap_or_default())
            .cloned()
            .collect(),
        // A row of a newer spec, or of the page alone, names where its facts come from;
        // any other names our page for it, else the spec.
        source: row.source.clone().unwrap_or_else(|| {
            added.map_or_else(
                || format!("{} (version {})", spec.spec_source, spec.spec_version),
                |a| a.source.clone(),
            )
        }),
    }
}

/// A spec row: a known method and auth, a /2/ path, scopes only with OAuth 2.0 user
/// context, and limits the page's kind (per app or user, over 1 s, 15 min or 24 h).
fn check_spec_row(problems: &mut Problems, row: &SpecRow) {
    let entry = key(&row.method, &row.path);
    if !METHODS.contains(&row.method.as_str()) {
        problems.push(SPEC, &entry, format!("`method` is one of {METHODS:?}"));
    }
    if !row.path.starts_with("/2/") {
        problems.push(SPEC, &entry, "`path` starts with /2/");
    }
    if row.auth.iter().any(|a| Auth::from_key(a).is_none()) {
        problems.push(
            SPEC,
            &entry,
            format!("`auth` lists some of {:?}", Auth::keys()),
        );
    }
    if !row.scopes.is_empty() && !row.auth.iter().any(|a| a == "oauth2-user") {
        problems.push(SPEC, &entry, "`scopes` come only with oauth2-user");
    }
    let sourced = |s: &str| s.starts_with("https://");
    if row.operation.is_none() != row.tag.is_none()
        || row.operation.is_none() && row.source.is_none()
        || row.source.as_deref().is_some_and(|s| !sourced(s))
        || row.notes.iter().any(|n| !sourced(&n.source))
    {
        problems.push(
            SPEC,
            &entry,
            "a row has an operation and tag, or neither and a https:// `source`; notes are sourced",
        );
    }
    for limit in &row.limits {
        if Per::from_key(&limit.per).is_none()
            || limit.requests == 0
            || !WINDOWS.contains(&limit.window_seconds)
        {
            problems.push(
                SPEC,
                &entry,
                format!(
                    "a limit is per {:?}, of 1 or more requests over {WINDOWS:?} seconds",
                    Per::keys()
                ),
            );
        }
    }
}

/// What `data/endpoints.toml` adds to a v2 row: the row is the spec's, and the auth is
/// the spec's alone.
fn check_addition(problems: &mut Problems, row: &EndpointRow, in_spec: bool) {
    let entry = key(&row.method, &row.path);
    if !in_spec {
        problems.push(
            HAND,
            &entry,
            format!("no operation of X's spec ({SPEC}) has this method and path"),
        );
    }
    if !row.auth.is_empty() || !row.scopes.is_empty() {
        problems.push(
            HAND,
            &entry,
            format!("a v2 row's `auth` and `scopes` are the spec's ({SPEC})"),
        );
    }
}

/// A row of `data/endpoints.toml`: a known method, a path under /1.1/ or /2/ with no
/// .json, a v1.1 row's auth from the three kinds with scopes only for OAuth 2.0 user
/// context, its `v2` naming a v2 row of the joined table (or "none"), sourced notes.
fn check_hand_row(problems: &mut Problems, row: &EndpointRow, joined: &[Endpoint]) {
    let entry = key(&row.method, &row.path);
    let v1 = row.path.starts_with("/1.1/");
    if !METHODS.contains(&row.method.as_str()) {
        problems.push(HAND, &entry, format!("`method` is one of {METHODS:?}"));
    }
    if !(v1 || row.path.starts_with("/2/")) || row.path.contains(".json") {
        problems.push(
            HAND,
            &entry,
            "`path` starts with /1.1/ or /2/ and has no .json",
        );
    }
    if v1 && (row.auth.is_empty() || row.auth.iter().any(|a| Auth::from_key(a).is_none())) {
        problems.push(
            HAND,
            &entry,
            format!("`auth` lists some of {:?}", Auth::keys()),
        );
    }
    if v1 && row.auth.iter().any(|a| a == "oauth2-user") == row.scopes.is_empty() {
        problems.push(
            HAND,
            &entry,
            "`scopes` are given exactly when oauth2-user is accepted",
        );
    }
    let is_v2_row = |named: &str| {
        joined
            .iter()
            .any(|e| e.path.starts_with("/2/") && key(&e.method, &e.path) == named)
    };
    match (&row.v2, v1) {
        (Some(v2), true) if v2 != "none" && !is_v2_row(v2) => problems.push(
            HAND,
            &entry,
            format!("`v2` {v2:?} is no v2 row of this table"),
        ),
        (None, true) => problems.push(HAND, &entry, "a v1.1 row names its `v2` move (or \"none\")"),
        (Some(_), false) => problems.push(HAND, &entry, "only v1.1 rows have `v2`"),
        _ => {}
    }
    check_text(problems, HAND, &entry, "what", &row.what);
    for note in &row.notes {
        check_text(problems, HAND, &entry, "notes.text", &note.text);
        if !note.source.starts_with("https://") {
            problems.push(HAND, &entry, "a note's `source` is a https:// address");
        }
    }
    if !row.source.starts_with("https://") {
        problems.push(HAND, &entry, "`source` is a https:// address");
    }
}
