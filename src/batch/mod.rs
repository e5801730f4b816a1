//! Stage four of the pipeline, batch mode: every error in a log of many responses, counted.
//!
//! The log is read line by line and cut into blocks that never split a response; each
//! block goes through the same [`crate::evidence::extract`] and [`crate::diagnosis::diagnose`] as a
//! single response. A grouper then splits the evidence into occurrences, one per response:
//! a status line (or curl's failure line, or a client's exception line) opens one, its
//! headers and its body belong to it, and a body with nothing before it stands alone.
//! Memory is bounded by the block size, whatever the log's size.

use crate::catalog::Verdict;
use crate::diagnosis::{self, Diagnosis};
use crate::evidence::{Evidence, Finding, How};
use crate::util::overflow::{self, Overflow};
use memchr::memmem::Finder;
use serde::Serialize;
// A log's texts are hashed once a block and once an occurrence: foldhash, seeded per
// process, at a fraction of SipHash's cost.
use foldhash::HashMap;
use std::sync::LazyLock;

mod chunks;
mod quiet;
mod read;
mod silent;

pub use read::{ScanOptions, tally_log, tally_log_with, tally_mapped};

/// Lines longer than this are cut (and counted): a log line is not a megabyte of text.
pub const MAX_LINE_BYTES: usize = 1 << 20;
/// A block is cut once it has this many bytes and its brackets are balanced...
const BLOCK_BYTES: usize = 256 << 10;
/// ...and in any case at this size.
const MAX_BLOCK_BYTES: usize = 4 << 20;
/// An occurrence spans at most this many lines: a response's headers and body fit many
/// times over, and a log with no boundaries cannot grow one without bound.
const MAX_GROUP_LINES: usize = 256;

/// One kind of error in the summary: a status with a code or problem type, counted.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub status: Option<u16>,
    /// Whether the status was implied by words (an error class, an official text), not
    /// shown as digits: such rows are counted apart from those whose status was shown.
    pub status_implied: bool,
    pub code: Option<u64>,
    #[serde(rename = "type")]
    pub type_uri: Option<String>,
    pub count: u64,
    /// Lines of one file: in the all-files summary, of `first_file` (never a range across
    /// files).
    pub first_line: u64,
    pub last_line: u64,
    /// In the all-files summary: the file the entry was first seen in, and in how many
    /// files it was seen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files: Option<u64>,
    pub verdict: Verdict,
    pub message: String,
    pub advice: String,
    pub known: bool,
    /// When the row was first counted: rows as frequent as each other, first seen on the
    /// same line (two errors of one response), keep the order they were found in.
    #[serde(skip)]
    seq: u64,
}

/// The summary of one log, or of all logs together.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Error occurrences found: each response counts once, whatever it holds.
    pub total: u64,
    /// Most frequent first.
    pub entries: Vec<Entry>,
    pub lines: u64,
    pub bytes: u64,
    /// Lines longer than [`MAX_LINE_BYTES`], cut to that length.
    pub long_lines: u64,
    /// Rows past the first [`overflow::MAX_ROWS`] distinct ones, counted together.
    pub other: Option<Overflow>,
}

/// How much of a log was read: its lines, its bytes, and the lines cut at
/// [`MAX_LINE_BYTES`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LogCounts {
    pub lines: u64,
    pub bytes: u64,
    pub long_lines: u64,
}

impl LogCounts {
    /// Adds another log's counts, for the total of several.
    pub fn add(&mut self, other: LogCounts) {
        self.lines += other.lines;
        self.bytes += other.bytes;
        self.long_lines += other.long_lines;
    }
}

/// One log's summary, for `scan` with several files.
#[derive(Debug, Serialize)]
pub struct FileSummary {
    pub path: String,
    #[serde(flatten)]
    pub summary: Summary,
}

/// What `scan` reports: the total of all logs, each log's summary, and the logs that
/// could not be read. Serialised, this is `scan --json`'s contract.
#[derive(Debug, Serialize)]
pub struct ScanReport {
    #[serde(flatten)]
    pub total: Summary,
    pub files: Vec<FileSummary>,
    /// Files that could not be read, each with why (also said on stderr).
    pub unreadable: Vec<Unreadable>,
}

#[derive(Debug, Serialize)]
pub struct Unreadable {
    pub path: String,
    pub error: String,
}

/// What one summary row counts: the response's status with one error's code or type.
type Key = (Option<u16>, bool, Option<u64>, Option<String>);

/// Counts occurrences as they are found.
#[derive(Default)]
pub struct Tally {
    entries: HashMap<Key, Entry>,
    /// Rows counted so far, for [`Entry::seq`].
    rows: u64,
    total: u64,
    other: Overflow,
}

/// One row an occurrence counts in: its key, and what the row says when it is new.
#[derive(Clone)]
struct Counted {
    key: Key,
    verdict: Verdict,
    message: String,
    advice: String,
    known: bool,
}

/// The rows a diagnosis counts in: one per error (or one for the status when there is no
/// error); none for a response that did not fail.
fn counted(d: &Diagnosis) -> Vec<Counted> {
    let status = d.status.as_ref().map(|s| s.code);
    let implied = d.status.as_ref().is_some_and(|s| s.implied_by.is_some());
    if d.errors.is_empty() && status.is_none_or(|s| s < 400) {
        return Vec::new(); // no error, or a 2xx/3xx response: not a failure
    }
    match (&d.status, d.errors.as_slice()) {
        (Some(s), []) => vec![Counted {
            key: (status, implied, None, None),
            verdict: s.verdict,
            message: s.message.clone(),
            advice: first_sentence(&s.advice),
            known: s.known,
        }],
        (_, errors) => errors
            .iter()
            .map(|e| Counted {
                key: (status, implied, e.code, e.type_uri.clone()),
                verdict: e.verdict,
                message: e.message.clone(),
                advice: first_sentence(&e.advice),
                known: e.known,
            })
            .collect(),
    }
}

impl Tally {
    /// Counts one occurrence, seen from `first_line` to `last_line`, in its rows.
    fn add(&mut self, rows: &[Counted], first_line: u64, last_line: u64) {
        if rows.is_empty() {
            return;
        }
        self.total += 1;
        for row in rows {
            if self.entries.len() >= overflow::MAX_ROWS && !self.entries.contains_key(&row.key) {
                self.other.add(&row.key, 1);
                continue;
            }
            let next = self.rows + 1;
            let entry = self.entries.entry(row.key.clone()).or_insert_with(|| {
                let (status, implied, code, type_uri) = row.key.clone();
                Entry {
                    status,
                    status_implied: implied,
                    code,
                    type_uri,
                    count: 0,
                    first_line,
                    last_line,
                    first_file: None,
                    files: None,
                    verdict: row.verdict,
                    message: row.message.clone(),
                    advice: row.advice.clone(),
                    known: row.known,
                    seq: next,
                }
            });
            if entry.seq == next {
                self.rows = next;
            }
            entry.count += 1;
            entry.first_line = entry.first_line.min(first_line);
            entry.last_line = entry.last_line.max(last_line);
        }
    }

    /// Adds the tally of the next pieces of the same log, whose lines were numbered from
    /// the first of them, after `lines_before` lines: rows new to this tally keep the
    /// order they were found in there, after this tally's own.
    fn absorb(&mut self, other: &Tally, lines_before: u64) {
        self.take_rows(
            other,
            |mine, e| {
                mine.first_line = mine.first_line.min(e.first_line + lines_before);
                mine.last_line = mine.last_line.max(e.last_line + lines_before);
            },
            |new| {
                new.first_line += lines_before;
                new.last_line += lines_before;
            },
        );
    }

    /// Adds the tally of the file `file` into this total of several files. An entry's lines
    /// stay those of the first file it was seen in, which it names.
    pub fn merge(&mut self, other: &Tally, file: &str) {
        self.take_rows(
            other,
            |mine, _| mine.files = Some(mine.files.unwrap_or(1) + 1),
            |first| {
                first.first_file = Some(file.to_string());
                first.files = Some(1);
            },
        );
    }

    /// Adds `other`'s total and rows, in the order they were counted there: a row this
    /// tally has adds the count and is updated by `same`; a new one is `other`'s, updated
    /// by `new`, counted after this tally's own; past [`overflow::MAX_ROWS`], in OTHER.
    fn take_rows(
        &mut self,
        other: &Tally,
        same: impl Fn(&mut Entry, &Entry),
        new: impl Fn(&mut Entry),
    ) {
        self.total += other.total;
        self.other.merge(&other.other);
        let mut theirs: Vec<(&Key, &Entry)> = other.entries.iter().collect();
        theirs.sort_by_key(|(_, e)| e.seq);
        for (key, e) in theirs {
            let full = self.entries.len() >= overflow::MAX_ROWS;
            match self.entries.get_mut(key) {
                Some(mine) => {
                    mine.count += e.count;
                    same(mine, e);
                }
                None if full => self.other.add(key, e.count),
                None => {
                    let mut first = e.clone();
                    new(&mut first);
                    self.rows += 1;
                    first.seq = self.rows;
                    self.entries.insert(key.clone(), first);
                }
            }
        }
    }

    pub fn summary(&self, counts: LogCounts) -> Summary {
        let mut entries: Vec<Entry> = self.entries.values().cloned().collect();
        entries.sort_by(|a, b| {
            (b.count.cmp(&a.count))
                .then(a.first_line.cmp(&b.first_line))
                .then(a.seq.cmp(&b.seq))
        });
        Summary {
            total: self.total,
            entries,
            lines: counts.lines,
            bytes: counts.bytes,
            long_lines: counts.long_lines,
            other: (!self.other.is_empty()).then(|| self.other.clone()),
        }
    }
}

fn first_sentence(text: &str) -> String {
    match text.find(". ") {
        Some(i) => text[..=i].to_string(),
        None => text.to_string(),
    }
}

/// Splits evidence into responses, across block boundaries.
#[derive(Default)]
struct Grouper {
    current: Vec<Evidence>,
    /// The line of the body the current occurrence already has, if any.
    body_line: Option<usize>,
    /// How the current occurrence was opened: a curl `--fail` line or a tweepy line has no
    /// body after it, so a body that follows is a response of its own.
    opened_by: Option<How>,
    /// A finished occurrence's list, given back empty once it was counted: nearly every
    /// record of a log ends one, and its list is filled again rather than made anew.
    spare: Vec<Evidence>,
}

impl Grouper {
    /// Takes one piece of evidence (lines absolute); returns a finished occurrence, if any.
    fn push(&mut self, e: Evidence) -> Option<Vec<Evidence>> {
        let line = e.seen.line;
        let body = is_body(&e);
        let mut finished = None;
        if opens_occurrence(&e) && !self.repeats_status(&e) {
            // What was already read on the opener's own line belongs with it (the Ruby
            // gem's message comes before the class that implies its status). When all of
            // it is on that line nothing moves: openers repeated along one line must not
            // move the same findings again each time.
            let split = self.current.partition_point(|x| x.seen.line < line);
            if split > 0 && !self.interim() {
                let same_line = self.current.split_off(split);
                finished = self.take();
                self.body_line = same_line.iter().find(|x| is_body(x)).map(|x| x.seen.line);
                self.current = same_line;
            }
            self.opened_by = Some(e.seen.how);
        } else {
            // Another body: on a later line, of a shape this occurrence does not take, or
            // marked as the next on the same line.
            // A body on the opener's own line is part of that record, whatever its shape
            // (a log record holding the client's message and the response's body).
            let marked = e.finding == Finding::Body && self.body_line.is_some();
            let another_body = body
                && (self.body_line.is_some_and(|l| l != line)
                    || (!self.takes_body(e.seen.how) && !self.opened_on(line))
                    || marked);
            let left_behind =
                self.current.last().is_some_and(|x| x.seen.line != line) && !self.belongs(&e);
            if another_body || left_behind {
                finished = self.take();
            }
        }
        if body {
            self.body_line = Some(line);
        }
        self.current.push(e);
        finished
    }

    /// Whether `e` says again the status the current occurrence already has, within that
    /// response: on a line the occurrence already holds (one record naming its status
    /// twice), or in the page of a captured response (an HTML `<title>` repeating its
    /// status line). A log line on a line of its own that states the same failure is
    /// another failure, however often it repeats.
    fn repeats_status(&self, e: &Evidence) -> bool {
        let Finding::Status { code, .. } = e.finding else {
            return false;
        };
        let same = |x: &Evidence| matches!(x.finding, Finding::Status { code: c, .. } if c == code);
        let in_capture = self.opened_by == Some(How::StatusLine) && e.seen.how == How::HtmlTitle;
        e.seen.how != How::StatusLine
            && self.current.iter().any(same)
            && (in_capture || self.opened_on(e.seen.line))
    }

    /// Whether the current occurrence was opened on `line`.
    fn opened_on(&self, line: usize) -> bool {
        self.opened_by.is_some() && self.current.first().is_some_and(|x| x.seen.line == line)
    }

    /// Whether `e`, on a later line than the current occurrence's last, is still part of
    /// it: an occurrence opened by a status line (or a client's error line) takes the lines
    /// that follow (headers, a body, tweepy's code lines) up to [`MAX_GROUP_LINES`]; one
    /// with no opener holds its own line only, but for curl's `-w` status after a body.
    fn belongs(&self, e: &Evidence) -> bool {
        let first = self.current.first().map_or(e.seen.line, |x| x.seen.line);
        let near = e.seen.line - first <= MAX_GROUP_LINES;
        near && (self.opened_by.is_some() || e.seen.how == How::TrailingHttpCode)
    }

    /// Whether the current occurrence is only an interim or redirect answer so far
    /// (`100 Continue`, a 3xx followed with -L): the next status line belongs to it.
    fn interim(&self) -> bool {
        let mut statuses = self.current.iter().filter_map(|e| match &e.finding {
            Finding::Status { code, .. } => Some(*code),
            _ => None,
        });
        self.body_line.is_none()
            && statuses.next().is_some_and(diagnosis::is_interim)
            && statuses.all(diagnosis::is_interim)
    }

    /// Whether a body of shape `how` can belong to the current occurrence.
    fn takes_body(&self, how: How) -> bool {
        match self.opened_by {
            None | Some(How::StatusLine) => true,
            // twitter-api-v2 prints its error line, then the error object.
            Some(How::ClientText) => how == How::ObjectLiteral,
            Some(_) => false,
        }
    }

    fn take(&mut self) -> Option<Vec<Evidence>> {
        self.body_line = None;
        self.opened_by = None;
        let group = std::mem::replace(&mut self.current, std::mem::take(&mut self.spare));
        (!group.is_empty()).then_some(group)
    }

    /// Takes back the list of an occurrence [`Self::push`] or [`Self::take`] gave.
    fn recycle(&mut self, mut group: Vec<Evidence>) {
        group.clear();
        self.spare = group;
    }
}

/// A status line, curl's failure line, a client's error line, an HTML title, or a status
/// implied by an error class: each begins an occurrence.
fn opens_occurrence(e: &Evidence) -> bool {
    match e.finding {
        Finding::Status { .. } => matches!(
            e.seen.how,
            How::StatusLine | How::CurlFail | How::ClientText | How::HtmlTitle
        ),
        // A limit header at 0 implies 429 inside the response it is a header of.
        Finding::ImpliedStatus { .. } => e.seen.how != How::Header,
        _ => false,
    }
}

fn is_body(e: &Evidence) -> bool {
    matches!(
        e.seen.how,
        How::JsonBody | How::ObjectLiteral | How::XmlBody | How::TruncatedJson
    )
}

/// The rows of occurrences already diagnosed, by what was found in them (their lines
/// counted from the first): a bot's log repeats a few kinds of failure all night, and
/// the diagnosis of one depends on nothing else.
#[derive(Default)]
struct Diagnosed {
    rows: HashMap<Vec<(Finding, How, usize)>, Vec<Counted>>,
}

/// Kinds of occurrences remembered at most (then the memory is emptied and filled again).
const DIAGNOSED: usize = 4096;

fn record(group: &[Evidence], tally: &mut Tally, diagnosed: &mut Diagnosed) {
    // A response that showed only statuses below 400 (a log's record of a call that
    // worked) is no failure: the tally would drop its diagnosis, so none is made.
    let worked = group.iter().all(|e| match e.finding {
        Finding::Status { code, .. } => code < 400,
        Finding::Body => true,
        _ => false,
    });
    if worked {
        return;
    }
    let first = group.iter().map(|e| e.seen.line).min().unwrap_or(0);
    let last = group.iter().map(|e| e.seen.line).max().unwrap_or(0);
    let key: Vec<(Finding, How, usize)> = group
        .iter()
        .map(|e| (e.finding.clone(), e.seen.how, e.seen.line - first))
        .collect();
    if let Some(rows) = diagnosed.rows.get(&key) {
        tally.add(rows, first as u64, last as u64);
        return;
    }
    let d = diagnosis::diagnose(
        group,
        diagnosis::Options {
            now: None,
            summary_only: true,
        },
    );
    let rows = counted(&d);
    tally.add(&rows, first as u64, last as u64);
    if diagnosed.rows.len() >= DIAGNOSED {
        diagnosed.rows.clear();
    }
    diagnosed.rows.insert(key, rows);
}

/// Whether `line` changes how the lines around it in its block are read: a markdown
/// fence, curl `-v`'s markers (`> ` is then a request line, not a quote), chunked framing.
pub(super) fn reaches_past_itself(line: &str) -> bool {
    let t = line.trim_start();
    ["```", "~~~", "* ", "> ", "< "]
        .iter()
        .any(|m| t.starts_with(m))
        || crate::evidence::mentions_chunked(line)
}

/// Whether `trimmed`, a line without its spaces, is three digits alone: `curl -w
/// '\n%{http_code}'` prints the status so, after the body.
fn three_digits(trimmed: &[u8]) -> bool {
    trimmed.len() == 3 && trimmed.iter().all(u8::is_ascii_digit)
}

/// Lines that begin a new response, where a block may be cut without splitting one.
fn starts_response(line: &str) -> bool {
    static TWEEPY: LazyLock<Finder> = LazyLock::new(|| Finder::new("tweepy.errors."));
    static NODE: LazyLock<Finder> = LazyLock::new(|| Finder::new("ApiResponseError"));
    let l = line.strip_prefix("< ").unwrap_or(line);
    l.starts_with("HTTP/")
        || l.starts_with("curl: (22)")
        || TWEEPY.find(l.as_bytes()).is_some()
        || NODE.find(l.as_bytes()).is_some()
}

/// The brackets of `bytes`, outside double-quoted strings: opening minus closing ones (a
/// block is cut only where a multi-line body has closed), and how many are still open
/// after them when `open` were before, a closer with none open not counted (a quiet line
/// where one is open could be part of that body).
fn brackets(bytes: &[u8], mut open: u64) -> (i64, u64) {
    let mut balance = 0i64;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        at += 1;
        match b {
            // A string is passed at once, to its closing quote (none: to the end).
            b'"' => at = string_end(bytes, at),
            b'{' | b'[' => {
                balance += 1;
                open += 1;
            }
            b'}' | b']' => {
                balance -= 1;
                open = open.saturating_sub(1);
            }
            _ => {}
        }
    }
    (balance, open)
}

/// Where a string whose text begins at `at` ends: past its closing quote, escapes passed.
fn string_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(found) = memchr::memchr2(b'"', b'\\', &bytes[at..]) {
        at += found + 1;
        if bytes[at - 1] == b'"' {
            return at;
        }
        // The escaped byte.
        at += 1;
        if at >= bytes.len() {
            break;
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(log: &str) -> Summary {
        let (tally, counts) = tally_log(log.as_bytes(), |_| {}).unwrap();
        tally.summary(counts)
    }

    #[test]
    fn curl_i_output_is_one_occurrence() {
        let log = "HTTP/1.1 100 Continue\n\nHTTP/2 429\nx-rate-limit-reset: 1\n\n{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}\n";
        let s = summary(log);
        assert_eq!(s.total, 1);
        assert_eq!(s.entries.len(), 1);
        assert_eq!(
            (s.entries[0].status, s.entries[0].code),
            (Some(429), Some(88))
        );
        assert_eq!(
            (s.entries[0].first_line, s.entries[0].last_line),
            (1, 6),
            "from the interim status line to the body"
        );
    }

    #[test]
    fn rows_are_capped_and_the_rest_counted_as_other() {
        let log: String = (0..3000)
            .map(|i| {
                format!(
                    "{{\"errors\":[{{\"code\":{},\"message\":\"x\"}}]}}\n",
                    10_000 + i % 2500
                )
            })
            .collect();
        let s = summary(&log);
        assert_eq!(s.total, 3000);
        assert_eq!(s.entries.len(), overflow::MAX_ROWS);
        let counted: u64 = s.entries.iter().map(|e| e.count).sum();
        let other = s.other.expect("an other row");
        assert_eq!(other.distinct, 2500 - overflow::MAX_ROWS as u64);
        assert!(!other.distinct_at_least);
        assert_eq!(
            counted + other.occurrences,
            3000,
            "every occurrence counted once"
        );
    }

    #[test]
    fn lines_with_no_boundary_are_occurrences_of_their_own() {
        let s = summary(&"Twitter::Error::Forbidden: Status is a duplicate.\n".repeat(300));
        assert_eq!(s.total, 300);
        let s = summary(&"ERROR bot: Rate limit exceeded\n".repeat(300));
        assert_eq!(s.total, 300);
    }

    #[test]
    fn an_occurrence_spans_a_bounded_number_of_lines() {
        let mut log = String::from("HTTP/2 503\n");
        log.push_str(&"x-rate-limit-remaining: 0\n".repeat(MAX_GROUP_LINES * 3));
        log.push_str("{\"errors\":[{\"code\":130,\"message\":\"Over capacity\"}]}\n");
        let s = summary(&log);
        let lines: Vec<(u64, u64)> = s
            .entries
            .iter()
            .map(|e| (e.first_line, e.last_line))
            .collect();
        assert!(
            lines.iter().all(|(a, b)| b - a <= MAX_GROUP_LINES as u64),
            "{lines:?}"
        );
    }

    #[test]
    fn several_bodies_on_one_line_each_count() {
        let body = |code: u32| format!("{{\"errors\":[{{\"code\":{code},\"message\":\"x\"}}]}}");
        let s = summary(&format!("{}{}{}\n", body(187), body(187), body(88)));
        assert_eq!(s.total, 3);
        let count = |code| {
            s.entries
                .iter()
                .find(|e| e.code == Some(code))
                .map(|e| e.count)
        };
        assert_eq!((count(187), count(88)), (Some(2), Some(1)));
    }

    #[test]
    fn json_lines_each_count() {
        let line = "{\"errors\":[{\"code\":187,\"message\":\"Status is a duplicate.\"}]}\n";
        let s = summary(&line.repeat(5));
        assert_eq!(s.total, 5);
        assert_eq!(
            (
                s.entries[0].count,
                s.entries[0].first_line,
                s.entries[0].last_line
            ),
            (5, 1, 5)
        );
    }

    #[test]
    fn success_and_noise_are_not_errors() {
        let s = summary(
            "INFO starting\nHTTP/2 200\ncontent-type: application/json\n\n{\"data\":{\"id\":\"1\"}}\nINFO done\n",
        );
        assert_eq!(s.total, 0);
        assert!(s.entries.is_empty());
    }

    #[test]
    fn long_lines_are_cut_and_counted() {
        let log = format!(
            "{}\n{{\"errors\":[{{\"code\":88,\"message\":\"x\"}}]}}\n",
            "y".repeat(MAX_LINE_BYTES + 10)
        );
        let s = summary(&log);
        assert_eq!((s.long_lines, s.total, s.lines), (1, 1, 2));
    }

    #[test]
    fn bracket_balance_skips_strings() {
        assert_eq!(brackets(br#"{"a":"}}}","b":["#, 0).0, 2);
        assert_eq!(brackets(br#"]}"#, 0).0, -2);
    }

    #[test]
    fn a_closer_with_none_open_does_not_hide_a_later_opener() {
        assert_eq!(brackets(b"}\n{", 0), (0, 1));
        assert_eq!(brackets(br#"]"\"{""#, 2), (-1, 1));
    }

    /// The brackets counted a byte at a time, strings and escapes followed as they come:
    /// what [`brackets`] must agree with, though it passes strings at once.
    fn brackets_bytewise(bytes: &[u8], mut open: u64) -> (i64, u64) {
        let (mut balance, mut in_string, mut escaped) = (0i64, false, false);
        for &b in bytes {
            match (in_string, escaped, b) {
                (true, true, _) => escaped = false,
                (true, false, b'\\') => escaped = true,
                (true, false, b'"') | (false, _, b'"') => in_string = !in_string,
                (false, _, b'{' | b'[') => (balance, open) = (balance + 1, open + 1),
                (false, _, b'}' | b']') => (balance, open) = (balance - 1, open.saturating_sub(1)),
                _ => {}
            }
        }
        (balance, open)
    }

    proptest::proptest! {
        #[test]
        fn brackets_agree_with_a_count_byte_by_byte(
            text in proptest::collection::vec(proptest::sample::select(b"{}[]\"\\ax".to_vec()), 0..40),
            open in 0u64..3,
        ) {
            proptest::prop_assert_eq!(brackets(&text, open), brackets_bytewise(&text, open));
        }
    }
}
