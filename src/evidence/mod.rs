//! Stage two of the pipeline: find the evidence in a piece of text.
//!
//! First the wrapping a paste carries is undone (`unwrap`: markdown, log prefixes, curly
//! quotes), keeping line numbers. Then every recogniser reports what it saw, in the role it
//! had there (an HTTP status, an API error code, a v2 problem, a header), with the line it
//! was seen on and how: `framing` reads line-shaped HTTP framing, `body` reads bodies
//! and the dumps of languages (`relaxed`, `php`) into one value type, and `prose`
//! reads what libraries say in words, `request` what the request was, and `arguments` the
//! words of the command line. Evidence never decides what an entry means: the one
//! place it reads the tables is `phrases`, which reports where their official wordings
//! stand in the text; joining evidence with the tables is [`crate::diagnosis`]'s job.

pub mod arguments;
mod body;
mod chunked;
mod framing;
mod gaps;
mod literals;
mod phrases;
mod prose;
mod request;
mod roles;
mod unwrap;
mod values;

use gaps::Gaps;
use serde::Serialize;
use std::borrow::Cow;

/// One thing found in the input, and where.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub finding: Finding,
    pub seen: Seen,
}

/// Where a finding was seen: the 1-based line of the input and the shape it came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Seen {
    pub line: usize,
    pub how: How,
}

/// The shapes of input that evidence is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    /// A number or name given on the command line.
    Argument,
    /// An HTTP status line (`HTTP/1.1 429 ...`, `< HTTP/2 403` from `curl -v`).
    StatusLine,
    /// A header line of a response.
    Header,
    /// curl's own failure line: `curl: (22) The requested URL returned error: 403`.
    CurlFail,
    /// Digits printed right after a body by `curl -w '%{http_code}'`.
    TrailingHttpCode,
    /// A status printed alone on the line right above a body (`print(r.status_code)`, then
    /// `print(r.text)`).
    LeadingHttpCode,
    /// A JSON body.
    JsonBody,
    /// A JSON body cut short; the parts before the cut were read.
    TruncatedJson,
    /// The `status` member of a v2 problem object.
    ProblemStatus,
    /// An XML body.
    XmlBody,
    /// The `<title>` of an HTML error page.
    HtmlTitle,
    /// A Python or JavaScript object literal printed by a client library.
    ObjectLiteral,
    /// An exception line printed by a client library (tweepy, twitter-api-v2).
    ClientText,
    /// Not a number in the input: a status implied by the words `implied_by` names (an
    /// error class such as `Twitter::Error::TooManyRequests`, an official message).
    Implied,
    /// An official wording from the tables, found in free text.
    Phrase,
    /// A request line (`curl -v`'s `> POST /1.1/... HTTP/1.1`) or a request header.
    RequestLine,
    /// An API URL.
    Url,
    /// A traceback frame, a library's path, or a line of the caller's code.
    Frame,
    /// A v2 problem type URI (or X's troubleshooting page for a type) standing in free text.
    TypeUri,
}

impl How {
    /// How the shape is named in human output.
    pub fn label(self) -> &'static str {
        match self {
            How::Argument => "argument",
            How::StatusLine => "status line",
            How::Header => "header",
            How::CurlFail => "curl --fail line",
            How::TrailingHttpCode => "curl -w http_code",
            How::LeadingHttpCode => "status printed above the body",
            How::JsonBody => "JSON body",
            How::TruncatedJson => "truncated JSON body",
            How::ProblemStatus => "problem status member",
            How::XmlBody => "XML body",
            How::HtmlTitle => "HTML page title",
            How::ObjectLiteral => "client object dump",
            How::ClientText => "client exception text",
            How::Implied => "implied by words in the input",
            How::Phrase => "official wording in the text",
            How::RequestLine => "request line",
            How::Url => "URL",
            How::Frame => "traceback or code",
            How::TypeUri => "problem type URI in the text",
        }
    }
}

/// What was found.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Finding {
    /// An HTTP status.
    Status { code: u16, reason: Option<String> },
    /// An API error code with the message that came with it.
    Code { code: u64, message: Option<String> },
    /// An error whose `code` member was not a whole number in range (`-1`, `1e400`, ...).
    InvalidCode {
        raw: String,
        message: Option<String>,
    },
    /// A v2 problem object (boxed: it is the largest finding, and most are small).
    Problem(Box<Problem>),
    /// An error that carries text but no code: a legacy `{"error": ...}` body, an OAuth 2
    /// token-endpoint error, or an errors entry with only a message.
    Message {
        text: String,
        /// The OAuth 2 error identifier (`invalid_request`, ...), when there is one.
        oauth_error: Option<String>,
        /// The request path a legacy body names.
        request: Option<String>,
        /// Where `text` is a typeless problem's `title: detail`, joined here: the title's
        /// length. The input holds the two as separate strings, so words quoted from the
        /// message as the input's are quoted from one of them (the join is twerr's).
        #[serde(skip)]
        title_len: Option<usize>,
    },
    /// A response header that matters for the diagnosis.
    Header { name: String, value: String },
    /// A number given on the command line, whose role (status or code) the tables decide.
    Number { number: u64 },
    /// A body that starts like JSON but ends before it is complete.
    Truncated,
    /// What the input implies without saying it, for a note: it is never turned into a
    /// status or a code, because every number reported must be in the input.
    Hint { text: String },
    /// An error with no code or problem type, a row of `data/conditions.toml` (a client
    /// library's own error, such as twitter-api-v2's partial response), with its words.
    Condition {
        entry: &'static crate::catalog::ConditionEntry,
        text: String,
    },
    /// A response body was read here; what it holds is reported separately. Lets batch
    /// mode tell where one response ends even when its body holds no error.
    Body,
    /// An HTTP status named by words rather than digits: an error class
    /// (`tweepy.errors.Unauthorized`, `Twitter::Error::TooManyRequests`). Used only when
    /// the input shows no status number.
    ImpliedStatus { code: u16, words: String },
    /// An official wording of the tables (a code's message, a problem's title, a status's
    /// page text) standing in free text, as the input spells it.
    Phrase { text: String },
    /// A request: its method when shown, its path (or the path of its URL), its host.
    Request {
        method: Option<String>,
        target: String,
        host: Option<String>,
    },
    /// The auth scheme a request carried: `oauth1-user`, `oauth2-app` (an app-only bearer
    /// token), `oauth2-user` (another bearer token). Never the credentials.
    Auth { scheme: crate::catalog::Auth },
    /// A client library, with its version (or major version) when the text shows it.
    Library {
        name: &'static str,
        version: Option<String>,
    },
    /// A method called in a library (`update_status`, `v2.tweet`), with the library when
    /// the place it was seen says which.
    Call {
        library: Option<&'static str>,
        method: String,
    },
}

/// A v2 problem object (RFC 7807).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Problem {
    pub type_uri: String,
    pub title: Option<String>,
    pub detail: Option<String>,
    pub status: Option<u16>,
    /// Type-specific members (`reason`, `period`, ...), as text.
    pub fields: Vec<(String, String)>,
    /// The messages of an invalid-request problem's `errors` array.
    pub details: Vec<String>,
}

impl Problem {
    /// A problem known only by its type name (given on the command line, or named by its
    /// title's words).
    pub fn named(name: &str) -> Problem {
        Problem {
            type_uri: name.to_string(),
            title: None,
            detail: None,
            status: None,
            fields: Vec::new(),
            details: Vec::new(),
        }
    }
}

/// An exhausted limit named by its header (`x-rate-limit-remaining: 0`, in a header block,
/// a client's headers object or a Python dict of them): the status 429 it implies when the
/// input shows no status, with the header's name as the words that imply it. It is seen
/// as a header, so that batch mode keeps it with the response it belongs to.
pub(crate) fn exhausted_limit(name: &str, value: &str) -> Option<Finding> {
    let n = name.to_ascii_lowercase();
    let remaining = crate::catalog::WindowKind::ALL
        .iter()
        .any(|w| n.strip_prefix(w.header_prefix()) == Some("remaining"));
    let zero = value.trim().trim_matches(['"', '\'']) == "0";
    (remaining && zero).then(|| Finding::ImpliedStatus {
        code: 429,
        words: name.to_string(),
    })
}

/// Headers worth reporting: rate limits, the retry hint, the clock and the access level.
pub fn is_interesting_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("x-rate-limit-")
        || n.starts_with("x-app-limit-")
        || n.starts_with("x-user-limit-")
        || n.starts_with("x-account-rate-limit-")
        || matches!(
            n.as_str(),
            "retry-after"
                | "date"
                | "x-access-level"
                | "content-type"
                | "x-transaction-id"
                | "x-transaction"
                | "api-version"
                | "location"
        )
}

/// `text` with the wrapping of a paste undone (markdown, log prefixes, curly quotes), line
/// for line, and every escape of a digit defused (`defuse_escaped_digits`): what the
/// recognisers read, and so what the words they quote are taken from.
pub fn unwrapped(text: &str) -> std::borrow::Cow<'_, str> {
    defuse_escaped_digits(unwrap::unwrap(text))
}

/// Finds all evidence in `text`, in the order it appears.
pub fn extract(text: &str) -> Vec<Evidence> {
    extract_with(text, true)
}

/// The evidence of what was read from stdin or a file, each finding on the line of the
/// input it stands on (lines after a skipped middle keep their numbers).
pub fn extract_input(input: &crate::input::Input) -> Vec<Evidence> {
    let mut found = extract(&input.text);
    for e in &mut found {
        e.seen.line = input.input_line(e.seen.line);
    }
    found
}

/// [`extract`] without the evidence of the request (its line, URL, auth, library,
/// method): for batch mode, whose summary counts responses only, so that the request
/// readers do not run over every block of a log for findings that would be dropped.
pub fn extract_response(text: &str) -> Vec<Evidence> {
    extract_with(text, false)
}

fn extract_with(text: &str, request: bool) -> Vec<Evidence> {
    let text = unwrapped(text);
    let text = text.as_ref();
    let lines = LineIndex::new(text);
    let mut found = Vec::new();
    let framing = framing::read_framing(text, &mut found);
    if request {
        request::read_requests(text, &lines, &mut found);
    }
    read_regions(text, &lines, &framing, 0, &mut found);
    // Stable: within a line, framing comes before bodies, bodies before prose.
    found.sort_by_key(|e| e.seen.line);
    dedup_same_number(&mut found);
    if full(&found) {
        let line = found.last().map_or(1, |e| e.seen.line);
        found.push(Evidence {
            finding: Finding::Hint {
                text: format!(
                    "the input holds more than {MAX_FINDINGS} findings; reading stopped there (`twerr scan` counts a whole log)"
                ),
            },
            seen: Seen {
                line,
                how: How::ClientText,
            },
        });
    }
    found
}

/// The text with every JSON escape of a digit (`\u0034`, also escaped again: `\\u0034`)
/// written as the escape of U+FFFD instead, and the digits that touch it as spaces; both
/// keep the length, so every offset and line stays as it was. Strings are decoded and read
/// again as text (a log record's message, a body kept in a string), and a digit that exists
/// only as an escape must not become a digit of a status or a code there. The digits beside
/// it (`\u003888`, which reads `888`) are part of that number, so they go too: left beside
/// U+FFFD, a non-word character, `88` stood as a number of its own. The replacement is no
/// letter, so no word (an official wording, a class name) is made where the input has an
/// escape (a `q`, used before, made `\u00388Error::Forbidden` read `q8Error::Forbidden`).
fn defuse_escaped_digits(text: Cow<'_, str>) -> Cow<'_, str> {
    let finder = memchr::memmem::Finder::new(b"\\u003");
    let is_digit_escape =
        |bytes: &[u8], at: usize| bytes.get(at + 5).is_some_and(u8::is_ascii_digit);
    let bytes = text.as_bytes();
    if !finder.find_iter(bytes).any(|at| is_digit_escape(bytes, at)) {
        return text;
    }
    let mut owned = text.into_owned().into_bytes();
    let at: Vec<usize> = finder.find_iter(&owned).collect();
    for at in at {
        if is_digit_escape(&owned, at) {
            owned[at + 2..at + 6].copy_from_slice(b"fffd");
            blank_touching_digits(&mut owned, at, at + 6);
        }
    }
    Cow::Owned(String::from_utf8(owned).expect("ASCII replaced by ASCII"))
}

/// Writes as spaces the digits right before `start` and right after `end`, but not the hex
/// digits of an escape just before (`\u0041` then `8`, then an escaped digit). Each run is
/// walked once: a run between two escapes is blank when the second one looks at it.
fn blank_touching_digits(bytes: &mut [u8], start: usize, end: usize) {
    let mut from = start;
    while from > 0 && bytes[from - 1].is_ascii_digit() {
        from -= 1;
    }
    let escape_before = (from.saturating_sub(5)..from.saturating_sub(1)).find(|&p| {
        bytes.get(p..p + 2) == Some(b"\\u")
            && bytes
                .get(p + 2..p + 6)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if let Some(p) = escape_before {
        from = from.max(p + 6);
    }
    let mut to = end;
    while to < bytes.len() && bytes[to].is_ascii_digit() {
        to += 1;
    }
    bytes[from..start].fill(b' ');
    bytes[end..to].fill(b' ');
}

/// The most findings one extraction keeps: far more than any response holds, and a bound
/// on memory whatever the input (an 8 MiB paste of one error repeated on every line).
pub const MAX_FINDINGS: usize = 100_000;

/// Whether the readers should stop: more than [`MAX_FINDINGS`] found, so that input with
/// exactly that many is read whole and said to be.
fn full(found: &[Evidence]) -> bool {
    found.len() > MAX_FINDINGS
}

/// Bodies, then prose and official wordings in the free text: what neither a body nor the
/// HTTP framing (`framing`, already read) claimed.
fn read_regions(
    text: &str,
    lines: &LineIndex,
    framing: &[(usize, usize)],
    depth: usize,
    found: &mut Vec<Evidence>,
) {
    let mut claimed = body::find_bodies(text, lines, depth, found);
    if !framing.is_empty() {
        claimed.extend_from_slice(framing);
        claimed.sort_unstable();
    }
    let gaps = Gaps::between(text, &claimed);
    if gaps.is_empty() {
        return;
    }
    // The literals read again as text are free text no other reader sees raw.
    let held = literals::find_literals(text, &gaps, depth);
    let gaps = if held.is_empty() {
        gaps
    } else {
        claimed.extend(held.iter().flatten().map(|p| (p.start, p.end)));
        claimed.sort_unstable();
        Gaps::between(text, &claimed)
    };
    if !gaps.is_empty() {
        prose::read_prose(text, lines, &gaps, found);
        phrases::find_wordings(text, lines, &gaps, found);
        roles::read_roles(text, lines, &gaps, found);
    }
    literals::read_literals(text, lines, held, depth, found);
}

/// Text held in a string of a body (a structured log record's message, an exception's
/// text), read like the input itself, its HTTP framing included; everything found is
/// placed on `line`, the line of the body. `depth` bounds how far bodies within strings
/// within bodies are followed.
fn read_text(text: &str, line: usize, depth: usize) -> Vec<Evidence> {
    read_text_placed(text, depth, |_| line)
}

/// [`read_text`] with each finding placed on the input line `place` gives for its line
/// of `text`.
fn read_text_placed(text: &str, depth: usize, place: impl Fn(usize) -> usize) -> Vec<Evidence> {
    let lines = LineIndex::new(text);
    let mut found = Vec::new();
    let framing = framing::read_framing(text, &mut found);
    read_regions(text, &lines, &framing, depth, &mut found);
    // In the order of the text, as the input's own findings are: placed on fewer lines,
    // the findings of one line keep it.
    found.sort_by_key(|e| e.seen.line);
    for e in &mut found {
        e.seen.line = place(e.seen.line);
    }
    found
}

/// Two readers may name the same number on one line (tweepy's exception line is both a
/// client line and a status with its reason phrase), or imply the same status by the same
/// words (a pasted header read as a header line and as a member of an object): it is one
/// sighting.
fn dedup_same_number(found: &mut Vec<Evidence>) {
    let mut seen = std::collections::HashSet::new();
    let mut implied = std::collections::HashSet::new();
    found.retain(|e| {
        let key = match &e.finding {
            Finding::Status { code, .. } => (0u8, u64::from(*code)),
            Finding::Code { code, .. } => (1, *code),
            Finding::ImpliedStatus { code, words } => {
                return implied.insert((e.seen.line, *code, words.clone()));
            }
            _ => return true,
        };
        seen.insert((e.seen.line, key)) || e.seen.how != How::ClientText
    });
}

/// Maps byte offsets to 1-based line numbers. It keeps the line at the start of every
/// [`LINE_INDEX_STEP`] bytes, not every line's start: memory is the text's size over that
/// step whatever the number of lines (8 million blank lines took 8 bytes each), and a
/// lookup counts the line breaks of at most one step.
pub(crate) struct LineIndex<'a> {
    text: &'a [u8],
    /// The 1-based line at offset `i * LINE_INDEX_STEP`.
    line_at_step: Vec<usize>,
}

const LINE_INDEX_STEP: usize = 4 << 10;

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let text = text.as_bytes();
        let mut line_at_step = Vec::with_capacity(text.len() / LINE_INDEX_STEP + 1);
        let mut line = 1;
        for chunk in text.chunks(LINE_INDEX_STEP) {
            line_at_step.push(line);
            line += memchr::memchr_iter(b'\n', chunk).count();
        }
        LineIndex { text, line_at_step }
    }

    pub(crate) fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let step = offset / LINE_INDEX_STEP;
        let Some(&line) = self.line_at_step.get(step) else {
            // The end of a text whose length is a whole number of steps.
            let last = self.line_at_step.last().copied().unwrap_or(1);
            let from = self.line_at_step.len().saturating_sub(1) * LINE_INDEX_STEP;
            return last + memchr::memchr_iter(b'\n', &self.text[from..offset]).count();
        };
        let from = step * LINE_INDEX_STEP;
        line + memchr::memchr_iter(b'\n', &self.text[from..offset]).count()
    }
}

/// Whether `text` names chunked framing (`Transfer-Encoding`), which unwrapping takes out
/// of the whole text it is in: batch mode keeps such a block together.
pub fn mentions_chunked(text: &str) -> bool {
    mentions(text, "transfer-encoding")
}

/// Whether `text` holds `word` in any ASCII case (`word` given in lower case). The readers
/// ask it before their patterns: a pattern is built and run only when the text holds a word
/// that every match of it must hold, so that a paste of one body pays for none of the
/// readers it does not need. Linear: the search runs on the word's rarest byte (`memchr`),
/// and each candidate compares at most `word`'s length.
pub(crate) fn mentions(text: &str, word: &str) -> bool {
    let (bytes, word) = (text.as_bytes(), word.as_bytes());
    let Some(anchor) = (0..word.len()).min_by_key(|&i| commonness(word[i])) else {
        return true;
    };
    let b = word[anchor];
    memchr::memchr2_iter(b, b.to_ascii_uppercase(), bytes).any(|at| {
        at.checked_sub(anchor)
            .and_then(|start| bytes.get(start..start + word.len()))
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    })
}

/// How common a byte is in English text and code, roughly: letters by their frequency,
/// everything else rare.
fn commonness(b: u8) -> usize {
    const BY_FREQUENCY: &[u8] = b"zqxjkvbpygfwmucldrhsnioate";
    BY_FREQUENCY
        .iter()
        .position(|&c| c == b.to_ascii_lowercase())
        .map_or(0, |rank| rank + 1)
}

/// A fixed set of words, found in one pass over a text: the words that decide which of a
/// stage's readers a text needs. Each word (given in lower case) is looked for as it is,
/// in upper case and capitalized, the ways names and headers are written; those spellings
/// are plain literals, which the automaton searches with SIMD. The search does not
/// overlap, so a word that starts inside another's match is not seen there: a set is
/// written so that words which can overlap gate the same readers.
pub(crate) struct WordSet {
    automaton: aho_corasick::AhoCorasick,
    /// The word of each spelling.
    word_of: Vec<usize>,
    count: usize,
}

impl WordSet {
    /// At most 64 words.
    pub(crate) fn new(words: &[&str]) -> WordSet {
        assert!(words.len() <= 64, "a word set is a 64-bit mask");
        let mut spellings: Vec<String> = Vec::new();
        let mut word_of = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let mut capital = word.to_string();
            capital[..1].make_ascii_uppercase();
            for spelling in [word.to_string(), word.to_ascii_uppercase(), capital] {
                if !spellings.contains(&spelling) {
                    spellings.push(spelling);
                    word_of.push(i);
                }
            }
        }
        let automaton = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(&spellings)
            .expect("a few short words build an automaton");
        WordSet {
            automaton,
            word_of,
            count: words.len(),
        }
    }

    /// Which of the words `text` holds: bit `i` for the `i`th word given. The pass ends as
    /// soon as every word has been seen.
    pub(crate) fn present(&self, text: &str) -> u64 {
        let all = u64::MAX >> (64 - self.count);
        let mut found = 0;
        for m in self.automaton.find_iter(text) {
            found |= 1 << self.word_of[m.pattern().as_usize()];
            if found == all {
                break;
            }
        }
        found
    }
}

/// The largest char boundary of `text` at or before `at` (`str::floor_char_boundary`, which
/// needs Rust 1.91; the crate keeps to 1.88).
pub(crate) fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary of `text` at or after `at`, at most its length.
pub(crate) fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::{WordSet, mentions};

    #[test]
    fn mentions_in_any_case() {
        assert!(mentions(
            "> Transfer-Encoding: chunked",
            "transfer-encoding"
        ));
        assert!(mentions("AUTHORIZATION: x", "authorization"));
        assert!(mentions("tw", "tw"));
        assert!(!mentions("authorisation", "authorization"));
        // The anchor byte near the start of the text, the word not all there.
        assert!(!mentions("-encoding", "transfer-encoding"));
        assert!(!mentions("transfer-encodin", "transfer-encoding"));
    }

    #[test]
    fn word_sets_say_which_words_are_there() {
        let set = WordSet::new(&["twython", "tweepy", "tw", ".v2."]);
        assert_eq!(
            set.present("a TWEEPY frame"),
            0b0010,
            "the first word listed wins"
        );
        assert_eq!(set.present("tweepy tw"), 0b0110);
        assert_eq!(set.present("client.v2.tweet"), 0b1100);
        assert_eq!(set.present("nothing"), 0);
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::{Finding, extract};

    /// The text of every file in `tests/fixtures`: real shapes that a reader's shortcut
    /// (a gate before its pattern) is held to.
    pub(crate) fn fixture_texts() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        std::fs::read_dir(dir)
            .expect("the fixtures")
            .map(|f| std::fs::read_to_string(f.expect("a fixture").path()).unwrap_or_default())
            .collect()
    }

    pub(crate) fn statuses(text: &str) -> Vec<u16> {
        extract(text)
            .into_iter()
            .filter_map(|e| match e.finding {
                Finding::Status { code, .. } => Some(code),
                _ => None,
            })
            .collect()
    }

    pub(crate) fn codes(text: &str) -> Vec<u64> {
        extract(text)
            .into_iter()
            .filter_map(|e| match e.finding {
                Finding::Code { code, .. } => Some(code),
                _ => None,
            })
            .collect()
    }

    pub(crate) fn implied(text: &str) -> Vec<u16> {
        extract(text)
            .into_iter()
            .filter_map(|e| match e.finding {
                Finding::ImpliedStatus { code, .. } => Some(code),
                _ => None,
            })
            .collect()
    }

    pub(crate) fn phrases(text: &str) -> Vec<String> {
        extract(text)
            .into_iter()
            .filter_map(|e| match e.finding {
                Finding::Phrase { text } => Some(text),
                _ => None,
            })
            .collect()
    }
}
