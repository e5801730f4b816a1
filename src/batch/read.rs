//! Reading a log for `scan`: lines, cut into blocks that never split a response, each
//! block's evidence extracted and grouped into occurrences.
//!
//! A quiet line (see [`super::quiet`]) is not read: its one finding is known, and it ends
//! the block before it, so the blocks are the runs of lines between quiet records. Such a
//! run is usually one error record or one captured response, and the same ones recur all
//! night: the evidence of a short block is kept, by its text, and found again.

use super::chunks::Chunk;
use super::quiet::{Names, quiet_status};
use super::silent::is_silent;
use super::{
    BLOCK_BYTES, Diagnosed, Grouper, LogCounts, MAX_BLOCK_BYTES, Tally, brackets,
    reaches_past_itself, record, starts_response, three_digits,
};
use crate::evidence::{self, Evidence, Finding, How, Seen};
// A log's texts are hashed once a block and once an occurrence: foldhash, seeded per
// process, at a fraction of SipHash's cost.
use foldhash::HashMap;
use std::io::{self, BufRead};

/// How a log is read; [`ScanOptions::default`] is what `scan` does.
#[derive(Debug, Clone, Copy)]
pub struct ScanOptions {
    /// Skip quiet lines (their finding is known without reading them). Off, every line is
    /// read: the reference the prefilter is tested against.
    pub prefilter: bool,
    /// Threads that read pieces of the log at once; 1 reads it in one pass.
    pub threads: usize,
    /// The size past which a piece is cut (at the next pair of quiet lines).
    pub piece_bytes: usize,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            prefilter: true,
            threads: 1,
            piece_bytes: 2 << 20,
        }
    }
}

/// Blocks up to this size have their evidence remembered by their text...
const REMEMBERED_BYTES: usize = 4 << 10;
/// ...this many at most (then the memory is emptied and filled again): 4 MiB of text
/// in the worst case, for each reader.
const REMEMBERED_BLOCKS: usize = 1024;

/// Reads a whole log from `reader`, calling `progress` with the bytes read so far now and
/// then, and returns its tally and counts.
pub fn tally_log(
    reader: impl BufRead,
    progress: impl FnMut(u64),
) -> io::Result<(Tally, LogCounts)> {
    tally_log_with(reader, progress, ScanOptions::default())
}

/// [`tally_log`] with `options`.
pub fn tally_log_with(
    mut reader: impl BufRead,
    progress: impl FnMut(u64),
    options: ScanOptions,
) -> io::Result<(Tally, LogCounts)> {
    // A log piped from PowerShell is UTF-16: read it through a decoder.
    if let Some(order) = crate::input::utf16_order(reader.fill_buf()?) {
        let decoded =
            io::BufReader::with_capacity(1 << 20, crate::input::Utf16Reader::new(reader, order));
        return super::chunks::read(decoded, progress, options);
    }
    super::chunks::read(reader, progress, options)
}

/// [`tally_log_with`] for a log mapped into memory (`scan` of a regular file): no copy of it
/// is made, and each piece's pages are let go once it is counted. A log in UTF-16 is read
/// through its decoder instead.
pub fn tally_mapped(
    map: memmap2::Mmap,
    progress: impl FnMut(u64),
    options: ScanOptions,
) -> io::Result<(Tally, LogCounts)> {
    if crate::input::utf16_order(&map).is_some() {
        return tally_log_with(&map[..], progress, options);
    }
    let _ = map.advise(memmap2::Advice::Sequential);
    super::chunks::read_mapped(map, progress, options)
}

/// A quiet record or a silent line, not yet settled.
struct Pending {
    line: u64,
    /// The status of a quiet record; none for a silent line of text.
    status: Option<u16>,
    /// Where its bytes are in the chunk being fed; none once they were copied to
    /// `pending_raw` (the next line is in the next chunk). Most quiet lines are settled
    /// within their chunk, so they are never copied.
    at: Option<std::ops::Range<usize>>,
}

/// The state of one pass over a log, or over pieces of one: lines are numbered from the
/// first this reader takes, and the tally's lines moved by the lines before it when it is
/// counted in (so no piece waits for the lines before it to be counted).
pub(super) struct LogReader {
    options: ScanOptions,
    tally: Tally,
    grouper: Grouper,
    block: String,
    block_first_line: u64,
    /// Brackets opened minus closed in the block so far (where the block may be cut).
    depth: i64,
    /// Brackets still open in the block, a closer before its opener not counted: a quiet
    /// line where one is open could be part of that body, and is read.
    open: u64,
    counts: LogCounts,
    /// A quiet line waiting for the next: three digits there (`curl -w '%{http_code}'`)
    /// make it a body that the next line belongs to, to be read after all.
    pending: Option<Pending>,
    /// The bytes of the pending line, once the chunk that held them is gone.
    pending_raw: Vec<u8>,
    /// Whether the block holds a line whose meaning reaches past its own: a fence, curl's
    /// `-v` markers, chunked framing (taken out of the whole block). Until it ends, quiet
    /// lines are read with it.
    contextual: bool,
    /// Whether the last line that was not blank was three digits.
    after_digits: bool,
    /// Whether the last line that was not blank was read: the line after it may continue
    /// it whatever it says (a client's exception line and its message, a line wrapped by a
    /// terminal or a logcat), so a silent line there is read with it.
    last_read: bool,
    memory: Memory,
}

/// What a reader learns that does not depend on where in the log it is: the member names
/// decided, the blocks and occurrences already read. Pieces hand it on, so that the reader
/// of each starts with what the readers before it learnt (exact: every entry is a pure
/// function of its key).
#[derive(Default)]
pub(super) struct Memory {
    names: Names,
    remembered: HashMap<String, Vec<Evidence>>,
    diagnosed: Diagnosed,
}

impl LogReader {
    pub(super) fn new(options: ScanOptions, memory: Memory) -> Self {
        LogReader {
            options,
            tally: Tally::default(),
            grouper: Grouper::default(),
            block: String::new(),
            block_first_line: 1,
            depth: 0,
            open: 0,
            counts: LogCounts::default(),
            pending: None,
            pending_raw: Vec::new(),
            after_digits: false,
            last_read: false,
            contextual: false,
            memory,
        }
    }

    /// Reads the lines of `chunk`, which ends with a whole line.
    pub(super) fn feed(&mut self, chunk: &Chunk) {
        self.counts.bytes += chunk.bytes;
        self.counts.long_lines += chunk.long_lines;
        let data = chunk.lines();
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', data) {
            self.counts.lines += 1;
            self.line(data, start..end + 1);
            start = end + 1;
        }
        if let Some(at) = self.pending.as_mut().and_then(|p| p.at.take()) {
            self.pending_raw.clear();
            self.pending_raw.extend_from_slice(&data[at]);
        }
    }

    /// Whether the last line taken was quiet: a piece of the log read from the next line
    /// on by a reader of its own then counts what this reader would have.
    pub(super) fn ends_quiet(&self) -> bool {
        self.pending.is_some()
    }

    /// The tally, counts and what was learnt, once every line has been fed.
    pub(super) fn finish(mut self) -> (Tally, LogCounts, Memory) {
        self.settle_pending(&[], false);
        self.flush();
        if let Some(group) = self.grouper.take() {
            record(&group, &mut self.tally, &mut self.memory.diagnosed);
        }
        (self.tally, self.counts, self.memory)
    }

    /// What was learnt, the rest dropped (a reader whose count is not taken).
    pub(super) fn into_memory(self) -> Memory {
        self.memory
    }

    /// The number in the log of the line last taken.
    fn number(&self) -> u64 {
        self.counts.lines
    }

    /// Takes the line numbered [`Self::number`], its bytes `data[at]`.
    fn line(&mut self, data: &[u8], at: std::ops::Range<usize>) {
        let raw = &data[at.clone()];
        let trimmed = raw.trim_ascii();
        // `curl -w '\n%{http_code}'` prints three digits on a line of their own.
        let digits = three_digits(trimmed);
        self.settle_pending(data, digits);
        let after_digits = self.after_digits;
        if !trimmed.is_empty() {
            self.after_digits = digits;
        }
        // After such digits (read as a status only when nothing but space follows them in
        // the block) a quiet line is read too, so that the block goes on as it would.
        if self.options.prefilter
            && self.open == 0
            && !after_digits
            && !self.contextual
            && let Some(status) = quiet_status(raw, &mut self.memory.names)
                .map(Some)
                .or_else(|| (!self.last_read && is_silent(raw)).then_some(None))
        {
            self.last_read = false;
            self.pending = Some(Pending {
                line: self.number(),
                status,
                at: Some(at),
            });
            return;
        }
        if !trimmed.is_empty() {
            self.last_read = true;
        }
        self.add(self.number(), &String::from_utf8_lossy(raw));
    }

    /// Decides on the quiet line waiting, if any: read after all when the line after it
    /// is three digits (`digits_next`), else its finding goes to the grouper as read.
    /// `data` is the chunk being fed, which holds the pending line unless it was copied.
    fn settle_pending(&mut self, data: &[u8], digits_next: bool) {
        let Some(Pending { line, status, at }) = self.pending.take() else {
            return;
        };
        if digits_next {
            let raw = std::mem::take(&mut self.pending_raw);
            let bytes = at.map_or(raw.as_slice(), |at| &data[at]);
            self.add(line, &String::from_utf8_lossy(bytes));
            self.pending_raw = raw;
            return;
        }
        self.flush();
        let Some(status) = status else {
            return;
        };
        let seen = Evidence {
            finding: Finding::Status {
                code: status,
                reason: None,
            },
            seen: Seen {
                line: line as usize,
                how: How::JsonBody,
            },
        };
        self.group(seen);
    }

    /// Passes `e` to the grouper, and counts the occurrence it ends, if any.
    fn group(&mut self, e: Evidence) {
        if let Some(group) = self.grouper.push(e) {
            record(&group, &mut self.tally, &mut self.memory.diagnosed);
            self.grouper.recycle(group);
        }
    }

    /// Adds line `number` to the block, cutting the block before a line that starts a
    /// response and once it is large and its brackets are closed.
    fn add(&mut self, number: u64, line: &str) {
        if starts_response(line) && !self.block.is_empty() {
            self.flush();
        }
        if self.block.is_empty() {
            self.block_first_line = number;
        }
        self.block.push_str(line);
        if !line.ends_with('\n') {
            self.block.push('\n');
        }
        let (balance, open) = brackets(line.as_bytes(), self.open);
        self.depth += balance;
        self.open = open;
        self.contextual |= reaches_past_itself(line);
        if (self.block.len() >= BLOCK_BYTES && self.depth <= 0)
            || self.block.len() >= MAX_BLOCK_BYTES
        {
            self.flush();
        }
    }

    /// Reads the block and passes its evidence, in order, to the grouper.
    fn flush(&mut self) {
        if self.block.is_empty() {
            return;
        }
        let found = self.evidence_of_block();
        let offset = self.block_first_line as usize - 1;
        // What the request was does not enter a summary, nor stretch an occurrence's lines.
        for mut e in found {
            e.seen.line += offset;
            self.group(e);
        }
        self.block.clear();
        self.depth = 0;
        self.open = 0;
        self.contextual = false;
    }

    /// The evidence of the block, lines counted from its first: remembered for a short
    /// block, whose text is likely to come again.
    fn evidence_of_block(&mut self) -> Vec<Evidence> {
        if self.block.len() > REMEMBERED_BYTES {
            return evidence::extract_response(&self.block);
        }
        let remembered = &mut self.memory.remembered;
        if let Some(found) = remembered.get(self.block.as_str()) {
            return found.clone();
        }
        let found = evidence::extract_response(&self.block);
        if remembered.len() >= REMEMBERED_BLOCKS {
            remembered.clear();
        }
        remembered.insert(self.block.clone(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::{ScanOptions, tally_log_with, tally_mapped};
    use proptest::prelude::*;
    use std::io::Write;

    /// The summary of `log` as `scan --json` would write it, read with or without the
    /// prefilter.
    fn summary(log: &[u8], prefilter: bool) -> String {
        let options = ScanOptions {
            prefilter,
            ..ScanOptions::default()
        };
        read(log, options)
    }

    fn read(log: &[u8], options: ScanOptions) -> String {
        let (tally, counts) = tally_log_with(log, |_| {}, options).unwrap();
        serde_json::to_string(&tally.summary(counts)).unwrap()
    }

    /// The summary read in pieces of about `piece_bytes` on two threads.
    fn in_pieces(log: &[u8], piece_bytes: usize) -> String {
        let options = ScanOptions {
            threads: 2,
            piece_bytes,
            ..ScanOptions::default()
        };
        read(log, options)
    }

    /// The summary of `log` written to a file and read mapped into memory, in pieces of
    /// about `piece_bytes` on `threads` threads.
    fn mapped(log: &[u8], piece_bytes: usize, threads: usize) -> String {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(log).unwrap();
        // SAFETY: the file is this test's own and is not changed while it is mapped.
        let map = unsafe { memmap2::Mmap::map(&file) }.unwrap();
        let options = ScanOptions {
            threads,
            piece_bytes,
            ..ScanOptions::default()
        };
        let (tally, counts) = tally_mapped(map, |_| {}, options).unwrap();
        serde_json::to_string(&tally.summary(counts)).unwrap()
    }

    #[test]
    fn a_mapped_log_is_counted_as_a_read_one_long_lines_and_a_last_line_unended_too() {
        let long = "y".repeat(super::super::MAX_LINE_BYTES + 10);
        let edge = "z".repeat(super::super::MAX_LINE_BYTES - 1);
        let log = format!(
            "{{\"status\":200}}\n{{\"status\":201}}\nHTTP/2 429\n{long}\n{{\"status\":200}}\n\
             {{\"status\":200}}\n{edge}\n{{\"errors\":[{{\"code\":88}}]}}\n{{\"status\":200}}\n{long}"
        );
        let one_pass = summary(log.as_bytes(), true);
        assert!(one_pass.contains("\"long_lines\":2"), "{one_pass}");
        for (piece_bytes, threads) in [(1, 1), (1, 2), (64, 2), (4 << 20, 2)] {
            assert_eq!(mapped(log.as_bytes(), piece_bytes, threads), one_pass);
        }
    }

    #[test]
    fn the_prefilter_changes_nothing_in_any_fixture() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut read = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read(entry.unwrap().path()).unwrap();
            assert_eq!(summary(&text, true), summary(&text, false));
            assert_eq!(in_pieces(&text, 64), summary(&text, true));
            if !text.is_empty() {
                assert_eq!(mapped(&text, 64, 2), summary(&text, true));
            }
            read += 1;
        }
        assert!(read >= 20, "the fixtures were found: {read}");
    }

    /// Lines of the shapes a log interleaves: quiet records, and every neighbour that could
    /// read one differently (a status line and headers before it, digits after it, an open
    /// body around it, a fence, an exception line, a record with an error).
    const LINES: &[&str] = &[
        r#"{"ts":"2026-11-25T10:00:01Z","event":"post.created","status":201,"id":"1"}"#,
        r#"{"event":"timeline.fetched","status":200,"count":20}"#,
        r#"{"errors":[{"code":187,"message":"Status is a duplicate."}]}"#,
        r#"{"event":"post.failed","status":403,"body":"{\"errors\":[{\"code\":187,\"message\":\"Status is a duplicate.\"}]}"}"#,
        r#"{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}"#,
        "HTTP/1.1 200 OK",
        "HTTP/2 429",
        "HTTP/1.1 100 Continue",
        "x-rate-limit-remaining: 0",
        "content-type: application/json",
        "",
        "429",
        "200",
        "  503 ",
        "4290",
        "88",
        "{",
        "}",
        r#"  "errors": [{"code": 88, "message": "Rate limit exceeded"}],"#,
        "```",
        "tweepy.errors.Forbidden: 403 Forbidden",
        "187 - Status is a duplicate.",
        "curl: (22) The requested URL returned error: 503",
        "2026-11-25 ERROR Request failed with status code 429",
        "< HTTP/1.1 401 Unauthorized",
        "transfer-encoding: chunked",
        "3a",
        "2026-11-25T10:00:25Z INFO worker 83 processed batch 50631 in 74 ms",
        "took 503 ms",
        "Traceback (most recent call last):",
        "  File \"/srv/bot/post.py\", line 41, in <module>",
        "retrying in 5s",
        "GET /2/tweets failed: HTTP 503 Service Unavailable",
        "date: Wed, 25 Nov 2026 10:00:03 GMT",
        "ts=2026-11-25T10:00:04Z level=error msg=\"post failed\" status=503",
        "10.0.0.1 - - [25/Nov/2026:10:00:04 +0000] \"POST /2/tweets HTTP/1.1\" 429 97",
        "    raise TooManyRequests(resp)",
        "queue drained",
    ];

    proptest! {
        #[test]
        fn the_prefilter_changes_nothing_in_any_mix_of_lines(
            picks in proptest::collection::vec(0..LINES.len(), 1..40),
            crlf in any::<bool>(),
        ) {
            let end = if crlf { "\r\n" } else { "\n" };
            let log: String = picks.iter().map(|&i| format!("{}{end}", LINES[i])).collect();
            let one_pass = summary(log.as_bytes(), true);
            prop_assert_eq!(&one_pass, &summary(log.as_bytes(), false), "{}", log);
            // Cut after every line that can be cut after: every piece's reader, and every
            // reader that has to go on through the next piece, counts as one pass does.
            prop_assert_eq!(&one_pass, &in_pieces(log.as_bytes(), 1), "{}", log);
            prop_assert_eq!(&one_pass, &mapped(log.as_bytes(), 1, 2), "{}", log);
        }
    }
}
