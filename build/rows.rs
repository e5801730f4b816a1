//! The rows of the tables under `data/`, as TOML gives them: every field named, none
//! unknown (a misspelt key fails the build).

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StatusFile {
    pub(super) status: Vec<StatusRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StatusRow {
    pub(super) code: u16,
    pub(super) message: String,
    #[serde(default)]
    pub(super) phrases: Vec<String>,
    pub(super) source: String,
    pub(super) family: String,
    pub(super) retry: String,
    pub(super) description: String,
    /// Where `description` is the 2015 page's and speaks of v1.1: our words for the same
    /// status in a v2 answer.
    pub(super) v2_description: Option<String>,
    pub(super) advice: String,
    pub(super) note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CodeFile {
    pub(super) code: Vec<CodeRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CodeRow {
    pub(super) code: u32,
    pub(super) message: String,
    #[serde(default)]
    pub(super) variants: Vec<String>,
    pub(super) status: Option<u16>,
    pub(super) source: String,
    pub(super) family: String,
    pub(super) retry: String,
    pub(super) description: String,
    pub(super) advice: String,
    pub(super) note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ProblemFile {
    pub(super) problem: Vec<ProblemRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ProblemRow {
    pub(super) name: String,
    pub(super) title: String,
    #[serde(default)]
    pub(super) titles: Vec<String>,
    /// Official detail sentences that name the problem when they stand alone.
    #[serde(default)]
    pub(super) details: Vec<String>,
    pub(super) status: Option<u16>,
    pub(super) source: String,
    pub(super) family: String,
    pub(super) retry: String,
    pub(super) description: String,
    pub(super) advice: String,
    pub(super) note: Option<String>,
    #[serde(default)]
    pub(super) field: Vec<FieldRow>,
    /// Dated rules that arrive as this problem with a detail of their own, and need advice
    /// of their own (the reply rule of 2026 on about:blank).
    #[serde(default)]
    pub(super) case: Vec<CaseRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CaseRow {
    /// The detail sentences that name the case (normalised like every official wording).
    pub(super) details: Vec<String>,
    /// When the rule began (YYYY-MM-DD), for a dated rule; none for a case the docs
    /// describe with no date (which auth an endpoint takes). And the page that says so.
    pub(super) since: Option<String>,
    pub(super) source: String,
    pub(super) status: Option<u16>,
    pub(super) retry: String,
    pub(super) description: String,
    pub(super) advice: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FieldRow {
    pub(super) name: String,
    pub(super) meaning: String,
    #[serde(default)]
    pub(super) values: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EndpointFile {
    pub(super) endpoint: Vec<EndpointRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EndpointRow {
    pub(super) method: String,
    pub(super) path: String,
    pub(super) what: String,
    /// v1.1 rows only: a v2 row's auth and scopes are the spec's (`data/endpoints_v2.toml`).
    #[serde(default)]
    pub(super) auth: Vec<String>,
    #[serde(default)]
    pub(super) scopes: Vec<String>,
    pub(super) v2: Option<String>,
    #[serde(default)]
    pub(super) tweepy: Vec<String>,
    #[serde(default)]
    pub(super) twitter_api_v2: Vec<String>,
    #[serde(default)]
    pub(super) twython: Vec<String>,
    #[serde(default)]
    pub(super) ruby: Vec<String>,
    #[serde(default)]
    pub(super) twitter4j: Vec<String>,
    /// Dated facts a user of this endpoint should know (a tier change), each sourced.
    #[serde(default)]
    pub(super) notes: Vec<NoteRow>,
    pub(super) source: String,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct NoteRow {
    pub(super) text: String,
    pub(super) source: String,
}

/// `data/endpoints_v2.toml`, written by `scripts/import-endpoints` from X's spec.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SpecFile {
    pub(super) spec_version: String,
    pub(super) spec_source: String,
    pub(super) limits_source: String,
    pub(super) limits_as_of: String,
    pub(super) endpoint: Vec<SpecRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SpecRow {
    pub(super) method: String,
    pub(super) path: String,
    /// The spec's operationId and tag; none for a row only the rate-limit page documents.
    pub(super) operation: Option<String>,
    pub(super) tag: Option<String>,
    /// Where the row comes from, when not the spec of `spec_version` (a newer spec's
    /// excerpt, or the rate-limit page alone).
    pub(super) source: Option<String>,
    /// Facts the import found about the row (the page and the spec disagreeing), sourced.
    #[serde(default)]
    pub(super) notes: Vec<NoteRow>,
    #[serde(default)]
    pub(super) auth: Vec<String>,
    #[serde(default)]
    pub(super) scopes: Vec<String>,
    #[serde(default)]
    pub(super) limits: Vec<LimitRow>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct LimitRow {
    pub(super) per: String,
    pub(super) requests: u32,
    pub(super) window_seconds: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FamilyFile {
    pub(super) family: Vec<FamilyRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FamilyRow {
    pub(super) name: String,
    pub(super) description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClassFile {
    pub(super) class: Vec<ClassRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClassRow {
    pub(super) digit: u8,
    pub(super) name: String,
    pub(super) retry: String,
    pub(super) description: String,
    pub(super) advice: String,
}

/// `data/conditions.toml`: errors with no code or problem type.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConditionFile {
    pub(super) condition: Vec<ConditionRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConditionRow {
    /// The OAuth 2.0 error identifier (`invalid_request`), or our name for a library's
    /// own error (`partial-response`).
    pub(super) name: String,
    /// `oauth2` (a token endpoint's `error`) or `library` (a client's own error).
    pub(super) kind: String,
    /// What tells it apart: the `error_description` texts (any, when empty), or the
    /// library's words.
    #[serde(default)]
    pub(super) texts: Vec<String>,
    pub(super) library: Option<String>,
    pub(super) status: Option<u16>,
    pub(super) retry: String,
    pub(super) description: String,
    pub(super) advice: String,
    pub(super) source: String,
}
