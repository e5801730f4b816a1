//! The embedded tables: HTTP statuses, API error codes, v2 problem types and status
//! classes, generated from `data/*.toml` by `build.rs` and looked up here.

pub mod endpoints;
pub mod envelopes;
pub mod lexicon;
pub mod listing;
mod names;
mod reasons;
pub mod sets;

pub use names::{class_named, closest, near_problem, problem_named};
pub use reasons::{
    all_reasons, is_reason_phrase, reason_phrase, reasons, status_named, status_of_reason,
};
pub use sets::{Auth, Per, Source, Verdict, WindowKind};

pub struct StatusEntry {
    pub code: u16,
    pub message: &'static str,
    /// Texts servers send with this status and no number (a page's words, a stream's
    /// body), which imply it.
    pub phrases: &'static [&'static str],
    /// Our words for the status in a v2 answer, where `description` (the 2015 page's)
    /// speaks of v1.1.
    pub v2_description: Option<&'static str>,
    pub source: Source,
    pub family: &'static str,
    pub retry: Verdict,
    pub description: &'static str,
    pub advice: &'static str,
    pub note: Option<&'static str>,
}

pub struct CodeEntry {
    pub code: u32,
    pub message: &'static str,
    pub variants: &'static [&'static str],
    pub status: Option<u16>,
    pub source: Source,
    pub family: &'static str,
    pub retry: Verdict,
    pub description: &'static str,
    pub advice: &'static str,
    pub note: Option<&'static str>,
}

pub struct FieldEntry {
    pub name: &'static str,
    pub meaning: &'static str,
    pub values: &'static [(&'static str, &'static str)],
}

pub struct ProblemEntry {
    pub name: &'static str,
    pub title: &'static str,
    pub titles: &'static [&'static str],
    /// The stable start of detail sentences the API sends with this problem: standing in
    /// a text alone, they name it (and imply its status).
    pub details: &'static [&'static str],
    pub status: Option<u16>,
    pub source: Source,
    pub family: &'static str,
    pub retry: Verdict,
    pub description: &'static str,
    pub advice: &'static str,
    pub note: Option<&'static str>,
    pub fields: &'static [FieldEntry],
    /// Dated rules that arrive as this problem, told apart by their detail.
    pub cases: &'static [CaseEntry],
}

/// A rule that arrives as a problem type with a detail of its own (the 2026 reply rule on
/// about:blank): its own meaning, advice and verdict, and when it began.
#[derive(Debug)]
pub struct CaseEntry {
    pub details: &'static [&'static str],
    /// When the rule began, for a dated rule.
    pub since: Option<&'static str>,
    pub source: &'static str,
    pub status: Option<u16>,
    pub retry: Verdict,
    pub description: &'static str,
    pub advice: &'static str,
    /// "A rule of 2026-02-23: <source>" (or "As documented: <source>"), made when the
    /// table is built.
    pub note: &'static str,
}

impl ProblemEntry {
    /// The field one of whose values is `value` (`reason` holds `client-not-enrolled`).
    pub fn field_holding(&self, value: &str) -> Option<&'static FieldEntry> {
        self.fields
            .iter()
            .find(|f| f.values.iter().any(|(v, _)| v.eq_ignore_ascii_case(value)))
    }

    /// The case whose detail `text` is, if any.
    pub fn case_of(&self, text: &str) -> Option<&'static CaseEntry> {
        let wanted = normalize_message(text);
        self.cases.iter().find(|c| {
            c.details
                .iter()
                .any(|d| wanted.starts_with(&normalize_message(d)))
        })
    }
}

pub struct ClassEntry {
    pub digit: u8,
    pub name: &'static str,
    pub retry: Verdict,
    pub description: &'static str,
    pub advice: &'static str,
}

/// An endpoint: a v1.1 row of `data/endpoints.toml`, or an operation of X's v2 spec
/// (`data/endpoints_v2.toml`) with what `data/endpoints.toml` adds to it. Serialised as a
/// diagnosis's `request.endpoint`.
#[derive(Debug, serde::Serialize)]
pub struct EndpointEntry {
    pub method: &'static str,
    /// `/1.1/statuses/update`, `/2/users/:id/tweets`: `:name` segments stand for values.
    pub path: &'static str,
    /// What it does, in our words; `None` for a spec operation we have not described.
    pub what: Option<&'static str>,
    /// The spec's operationId (v2 rows), the name X's own SDKs give the call.
    pub operation: Option<&'static str>,
    /// The spec's tag: the part of the API (`Posts`, `Direct Messages`).
    pub tag: Option<&'static str>,
    /// `oauth1-user`, `oauth2-app`, `oauth2-user`; empty for an endpoint that needs none.
    pub auth: &'static [Auth],
    /// The OAuth 2.0 scopes, where `oauth2-user` is accepted.
    pub scopes: &'static [&'static str],
    /// For a v1.1 endpoint: `METHOD /2/path` of its v2 move, or `none`.
    pub v2: Option<&'static str>,
    /// The index in [`ENDPOINTS`] of the row `v2` names, resolved when the table is built.
    #[serde(skip)]
    pub v2_row: Option<usize>,
    /// Per library, the methods that call it, current name first.
    #[serde(skip)]
    pub methods: &'static [(&'static str, &'static [&'static str])],
    /// The documented rate limits; the live `x-rate-limit-*` headers win over these.
    pub limits: &'static [Limit],
    /// The date the limits were read from their page, and the page.
    pub limits_as_of: Option<&'static str>,
    pub limits_source: Option<&'static str>,
    /// Dated facts that change what a user of this endpoint can do, each with its source.
    pub notes: &'static [EndpointNote],
    pub source: &'static str,
}

/// A documented rate limit: `requests` per `window_seconds`, counted per app or per user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Limit {
    pub per: Per,
    pub requests: u32,
    pub window_seconds: u32,
}

#[derive(Debug, serde::Serialize)]
pub struct EndpointNote {
    pub text: &'static str,
    pub source: &'static str,
}

impl EndpointEntry {
    /// How a listing names the row: our words, else the spec's operationId.
    pub fn title(&self) -> &'static str {
        self.what.or(self.operation).unwrap_or("")
    }
}

/// An error with no code and no problem type (`data/conditions.toml`): an OAuth 2.0 token
/// endpoint's `error`, or a client library's own error.
#[derive(Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct ConditionEntry {
    pub name: &'static str,
    /// `oauth2` or `library`.
    pub kind: &'static str,
    /// The descriptions (oauth2) or words (library) that name it; empty: any description.
    pub texts: &'static [&'static str],
    pub library: Option<&'static str>,
    pub status: Option<u16>,
    pub retry: Verdict,
    pub description: &'static str,
    pub advice: &'static str,
    pub source: &'static str,
}

/// The OAuth 2.0 condition of `error` with `description`: the row whose text it is, else
/// the identifier's general row.
pub fn oauth_condition(error: &str, description: &str) -> Option<&'static ConditionEntry> {
    let wanted = normalize_message(description);
    let rows = || {
        CONDITIONS
            .iter()
            .filter(|c| c.kind == "oauth2" && c.name == error)
    };
    rows()
        .find(|c| c.texts.iter().any(|t| normalize_message(t) == wanted))
        .or_else(|| rows().find(|c| c.texts.is_empty()))
}

/// The library condition named `name`.
pub fn library_condition(name: &str) -> Option<&'static ConditionEntry> {
    CONDITIONS
        .iter()
        .find(|c| c.kind == "library" && c.name == name)
}

include!(concat!(env!("OUT_DIR"), "/catalog_data.rs"));

impl Source {
    /// Where the entry comes from, in words.
    pub fn label(self) -> &'static str {
        match self {
            Source::Page2015 => "the 2015 Error Codes & Responses page",
            Source::LaterDocs => "later v1.1 documentation",
            Source::V2Docs => "the API v2 documentation",
            Source::Wild => "seen in real responses, not documented",
        }
    }
}

/// The entry of an HTTP status, if the table has it.
pub fn status(code: u16) -> Option<&'static StatusEntry> {
    STATUSES
        .binary_search_by_key(&code, |e| e.code)
        .ok()
        .map(|i| &STATUSES[i])
}

/// The entry of an API error code, if the table has it.
pub fn code(code: u64) -> Option<&'static CodeEntry> {
    let code = u32::try_from(code).ok()?;
    CODES
        .binary_search_by_key(&code, |e| e.code)
        .ok()
        .map(|i| &CODES[i])
}

/// The class (1xx..5xx) of a status, if it is a plausible HTTP status.
pub fn class(status: u16) -> Option<&'static ClassEntry> {
    if !(100..=599).contains(&status) {
        return None;
    }
    let digit = (status / 100) as u8;
    CLASSES.iter().find(|c| c.digit == digit)
}

/// An entry of the tables that an official wording names.
#[derive(Clone, Copy)]
pub enum Wording {
    Code(&'static CodeEntry),
    Problem(&'static ProblemEntry),
    Status(&'static StatusEntry),
}

impl Wording {
    /// The HTTP status the entry is documented with.
    pub fn status(self) -> Option<u16> {
        match self {
            Wording::Code(e) => e.status,
            Wording::Problem(e) => e.status,
            Wording::Status(e) => Some(e.code),
        }
    }
}

/// Every official wording distinctive enough to be looked for in free text: the messages
/// of codes (all eras), the titles of problem types, and the phrases of statuses. Short or
/// generic ones ("Internal error", "Invalid Request", a bare reason phrase) and messages
/// with placeholders would match text that is no error of this API, so they are left out.
pub fn distinctive_wordings() -> impl Iterator<Item = (&'static str, Wording)> {
    let codes = CODES.iter().flat_map(|e| {
        std::iter::once(e.message)
            .chain(e.variants.iter().copied())
            .map(move |w| (w, Wording::Code(e)))
    });
    let problems = PROBLEMS
        .iter()
        .filter(|p| p.name != "about:blank")
        .flat_map(|e| {
            std::iter::once(e.title)
                .chain(e.titles.iter().copied())
                .chain(e.details.iter().copied())
                .map(move |w| (w, Wording::Problem(e)))
        });
    let statuses = STATUSES
        .iter()
        .flat_map(|e| e.phrases.iter().map(move |w| (*w, Wording::Status(e))));
    codes.chain(problems).chain(statuses).filter(|(w, _)| {
        let words = w.split_whitespace().count();
        !w.contains('{')
            && (words >= 3 || w.len() >= 16)
            && !STATUSES.iter().any(|s| s.message.eq_ignore_ascii_case(w))
    })
}

/// The entries whose official wording `text` is: codes by message, problems by title,
/// statuses by phrase. Also tries the part before a `: ` (`Client Forbidden: When ...`).
/// Returns the entries and the part of `text` that matched.
pub fn wordings_of(text: &str) -> (Vec<Wording>, &str) {
    let found = wordings_exact(text);
    if found.is_empty()
        && let Some((head, _)) = text.split_once(": ")
    {
        return (wordings_exact(head), head);
    }
    (found, text)
}

fn wordings_exact(text: &str) -> Vec<Wording> {
    let wanted = normalize_message(text);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut found = WORDING_INDEX
        .exact
        .get(&wanted)
        .cloned()
        .unwrap_or_default();
    found.extend(
        WORDING_INDEX
            .patterns
            .iter()
            .filter(|(pattern, _)| fits(pattern, &wanted))
            .map(|(_, e)| Wording::Code(e)),
    );
    found
}

/// Every official wording, normalised once: a lookup is a hash probe, whatever the number
/// of entries (a log with a message on every line looks one up per line).
struct WordingIndex {
    exact: std::collections::HashMap<String, Vec<Wording>>,
    /// Messages with placeholders (`{parameter} parameter is missing.`), fitted one by one.
    patterns: Vec<(String, &'static CodeEntry)>,
}

static WORDING_INDEX: std::sync::LazyLock<WordingIndex> = std::sync::LazyLock::new(|| {
    let mut index = WordingIndex {
        exact: std::collections::HashMap::new(),
        patterns: Vec::new(),
    };
    let mut add = |text: &str, w: Wording| {
        let n = normalize_message(text);
        let entries = index.exact.entry(n).or_default();
        let same = |a: &Wording| match (a, &w) {
            (Wording::Code(x), Wording::Code(y)) => x.code == y.code,
            (Wording::Problem(x), Wording::Problem(y)) => x.name == y.name,
            (Wording::Status(x), Wording::Status(y)) => x.code == y.code,
            _ => false,
        };
        if !entries.iter().any(same) {
            entries.push(w);
        }
    };
    for e in CODES {
        for m in std::iter::once(e.message).chain(e.variants.iter().copied()) {
            if m.contains('{') {
                index.patterns.push((normalize_message(m), e));
            } else {
                add(m, Wording::Code(e));
            }
        }
    }
    for p in PROBLEMS.iter() {
        let cases = p.cases.iter().flat_map(|c| c.details.iter().copied());
        if p.name != "about:blank" {
            let words = std::iter::once(p.title).chain(p.titles.iter().copied());
            for t in words.chain(p.details.iter().copied()) {
                add(t, Wording::Problem(p));
            }
        }
        // A case's detail names its problem even on about:blank, whose titles name none.
        for t in cases {
            add(t, Wording::Problem(p));
        }
    }
    for s in STATUSES {
        for phrase in s.phrases {
            add(phrase, Wording::Status(s));
        }
    }
    index
});

/// The problem type named by `name`: a bare name (`usage-capped`), or a type URI on any
/// host (`https://api.x.com/2/problems/usage-capped`), or `about:blank`.
pub fn problem(name: &str) -> Option<&'static ProblemEntry> {
    let name = problem_name(name);
    PROBLEMS
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        // A troubleshooting anchor may name a value of a type's field rather than the type
        // (`client-not-enrolled` is a `reason` of client-forbidden).
        .or_else(|| PROBLEMS.iter().find(|p| p.field_holding(name).is_some()))
}

/// The problem whose title (or a title it is also sent with) is `text`, compared by words:
/// case, spacing, punctuation and CamelCase do not matter (`UsageCapExceeded` is "Usage
/// cap exceeded"), nor does the name's dash (`usage capped`).
pub fn problem_by_title(text: &str) -> Option<&'static ProblemEntry> {
    let key = title_words(text);
    if key.is_empty() {
        return None;
    }
    PROBLEMS.iter().find(|p| {
        std::iter::once(p.title)
            .chain(p.titles.iter().copied())
            .chain(std::iter::once(p.name))
            .any(|t| title_words(t) == key)
    })
}

/// The lowercase words of a title, CamelCase split.
fn title_words(text: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            prev_lower = false;
        }
    }
    out.trim_end().to_string()
}

/// The last path segment of a problem type URI, which is what identifies the type
/// whatever the host (api.twitter.com, api.x.com).
pub fn problem_name(type_uri: &str) -> &str {
    let t = type_uri.trim().trim_end_matches('/');
    if t.eq_ignore_ascii_case("about:blank") {
        return t;
    }
    // X's troubleshooting page names a type by its anchor: `...#usage-capped`.
    if let Some((page, anchor)) = t.rsplit_once('#')
        && page.ends_with("error-troubleshooting")
    {
        return anchor;
    }
    t.rsplit('/').next().unwrap_or(t)
}

/// Normalises a message for comparison: case, curly quotes, spacing and a final period
/// differ between eras and clients, not the meaning.
pub fn normalize_message(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    while out.ends_with('.') {
        out.pop();
    }
    out
}

/// The codes whose official message or one of its variants is `text`. Several codes share
/// a message (32 and 135 both say "Could not authenticate you"), so this is a list.
pub fn codes_with_message(text: &str) -> Vec<&'static CodeEntry> {
    let mut codes: Vec<&'static CodeEntry> = wordings_exact(text)
        .into_iter()
        .filter_map(|w| match w {
            Wording::Code(e) => Some(e),
            _ => None,
        })
        .collect();
    codes.sort_by_key(|e| e.code);
    codes.dedup_by_key(|e| e.code);
    codes
}

/// Whether normalised `text` fits normalised `pattern`, where `{name}` in the pattern
/// stands for any text (messages such as "{parameter} parameter is missing.").
fn fits(pattern: &str, text: &str) -> bool {
    if !pattern.contains('{') {
        return pattern == text;
    }
    let mut literals = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        literals.push(&rest[..open]);
        rest = rest[open..]
            .find('}')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    literals.push(rest);
    let (first, last) = (literals[0], literals[literals.len() - 1]);
    if !text.starts_with(first) || !text.ends_with(last) || text.len() < first.len() + last.len() {
        return false;
    }
    let mut pos = first.len();
    let end = text.len() - last.len();
    for lit in &literals[1..literals.len() - 1] {
        match text[pos..end].find(lit) {
            Some(i) => pos += i + lit.len(),
            None => return false,
        }
    }
    true
}

impl CodeEntry {
    /// Whether `text` is this code's message in any of its known wordings.
    pub fn has_message(&self, text: &str) -> bool {
        self.has_normalized_message(&normalize_message(text))
    }

    fn has_normalized_message(&self, wanted: &str) -> bool {
        !wanted.is_empty()
            && std::iter::once(self.message)
                .chain(self.variants.iter().copied())
                .any(|m| fits(&normalize_message(m), wanted))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn troubleshooting_anchors_and_oauth_descriptions_name_their_entries() {
        let page = "https://developer.x.com/en/support/x-api/error-troubleshooting";
        assert_eq!(
            problem_name(&format!("{page}#usage-capped")),
            "usage-capped"
        );
        assert_eq!(
            problem(&format!("{page}#usage-capped")).map(|p| p.name),
            Some("usage-capped")
        );
        assert_eq!(
            problem(&format!("{page}#client-not-enrolled")).map(|p| p.name),
            Some("client-forbidden"),
            "a reason of client-forbidden"
        );
        let specific =
            oauth_condition("invalid_request", "Value passed for the token was invalid.");
        assert!(specific.is_some_and(|c| c.advice.contains("offline.access")));
        let general = oauth_condition("invalid_request", "something else");
        assert!(
            general.is_some_and(|c| c.texts.is_empty()),
            "the identifier's general row"
        );
        assert!(oauth_condition("no_such_error", "x").is_none());
        assert_eq!(
            library_condition("partial-response").and_then(|c| c.library),
            Some("twitter-api-v2")
        );
    }

    #[test]
    fn placeholders_match_any_text() {
        assert!(fits(
            "{parameter} parameter is missing",
            "media parameter is missing"
        ));
        assert!(fits(
            "there was an error sending your message: {reason}",
            "there was an error sending your message: blocked"
        ));
        assert!(fits("a {x} b {y} c", "a 1 b 2 c"));
        assert!(!fits("{parameter} parameter is missing", "parameter is"));
        assert!(!fits("a {x} b {y} c", "a 1 c"));
        assert!(fits("exact", "exact") && !fits("exact", "exactly"));
    }

    #[test]
    fn messages_compare_without_case_quotes_or_final_period() {
        assert_eq!(
            normalize_message("  You can\u{2019}t  mute yourself. "),
            "you can't mute yourself"
        );
        assert_eq!(
            codes_with_message("status is a duplicate.")
                .iter()
                .map(|c| c.code)
                .collect::<Vec<_>>(),
            vec![187]
        );
        assert_eq!(
            codes_with_message("status parameter is missing.")[0].code,
            38
        );
    }

    #[test]
    fn problem_names_match_on_any_host() {
        assert_eq!(
            problem("https://api.x.com/2/problems/usage-capped")
                .unwrap()
                .name,
            "usage-capped"
        );
        assert_eq!(
            problem("https://api.twitter.com/2/problems/client-forbidden/")
                .unwrap()
                .name,
            "client-forbidden"
        );
        assert_eq!(problem("About:Blank").unwrap().name, "about:blank");
        assert!(problem("nope").is_none());
    }
}
