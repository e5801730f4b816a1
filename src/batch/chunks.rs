//! A log cut into pieces that readers take at once, on as many threads as asked.
//!
//! A piece ends where two quiet lines follow each other: after the first, the block is
//! empty and the grouper holds nothing that the second would not end, so a reader that
//! begins at the second counts what one reader of the whole log would. Whether the first
//! was quiet for the reader before it (inside an open body it would not be) is known only
//! once that reader is done: when it was not, that reader goes on through the next piece
//! itself and the other reader's count of it is dropped. Pieces are read in order and
//! merged in order, so lines, first and last lines and the order of rows are those of one
//! pass; at most [`IN_FLIGHT`] pieces are held at once, from a pipe, a file read or a file
//! mapped into memory alike.

use super::quiet::{Names, quiet_status};
use super::read::{LogReader, Memory};
use super::{LogCounts, MAX_LINE_BYTES, ScanOptions, Tally};
use memmap2::{Mmap, UncheckedAdvice};
use std::collections::BTreeMap;
use std::io::{self, BufRead};
use std::ops::Range;
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};
use std::sync::{Arc, Mutex};

/// A piece is cut once it has [`ScanOptions::piece_bytes`], at the first pair of quiet
/// lines; past this many more, wherever a line ends (the next piece is then read by the
/// same reader, in turn).
const SEARCH_BYTES: usize = 1 << 20;
/// Pieces read but not yet counted, at most.
const IN_FLIGHT: usize = 4;

/// Whole lines of a log, and where they stand in it.
pub(super) struct Chunk {
    /// The lines, when they were read into memory of ours...
    pub(super) data: Vec<u8>,
    /// ...or where they are in a file mapped into memory (`data` is then empty).
    pub(super) mapped: Option<(Arc<Mmap>, Range<usize>)>,
    /// Bytes of the log they stand for (more than `data` holds when a line was cut).
    pub(super) bytes: u64,
    /// Lines longer than [`MAX_LINE_BYTES`], cut to that length.
    pub(super) long_lines: u64,
    /// Whether the piece begins with the second of two quiet lines.
    pub(super) after_quiet_pair: bool,
}

impl Chunk {
    /// The chunk's lines.
    pub(super) fn lines(&self) -> &[u8] {
        match &self.mapped {
            Some((map, range)) => &map[range.clone()],
            None => &self.data,
        }
    }

    /// Done with: a buffer to be filled again, or a mapped range whose pages are let go
    /// (else every page of the file read would stay in the process's memory).
    fn release(self) -> Option<Vec<u8>> {
        let Some((map, range)) = self.mapped else {
            return Some(self.data);
        };
        release_pages(&map, range);
        None
    }
}

/// Where pieces come from: a reader, or a file mapped into memory.
trait Pieces {
    /// The next piece, none at the end.
    fn next_piece(&mut self) -> io::Result<Option<Chunk>>;
    /// A buffer of a piece already counted, to be filled again.
    fn reuse(&mut self, buffer: Vec<u8>);
}

/// Cuts a log into [`Chunk`]s.
struct Cutter<R> {
    reader: R,
    piece_bytes: usize,
    names: Names,
    /// A line read past the end of the last piece: the first of the next.
    carried: Option<(Vec<u8>, u64, bool)>,
    /// Whether the end was read: a terminal's Ctrl-D is said once, and a read after it
    /// would wait for more.
    ended: bool,
    /// Buffers of pieces already read, to be filled again: a new one of several MiB is
    /// a page fault every 4 KiB.
    spare: Vec<Vec<u8>>,
}

impl<R: BufRead> Cutter<R> {
    fn next(&mut self) -> io::Result<Option<Chunk>> {
        if self.ended && self.carried.is_none() {
            return Ok(None);
        }
        let data = match self.spare.pop() {
            Some(mut data) => {
                data.clear();
                data
            }
            None => Vec::with_capacity(self.piece_bytes + SEARCH_BYTES / 4),
        };
        let mut chunk = Chunk {
            data,
            mapped: None,
            bytes: 0,
            long_lines: 0,
            after_quiet_pair: false,
        };
        let mut last_quiet = false;
        if let Some((line, n, cut)) = self.carried.take() {
            chunk.after_quiet_pair = true;
            last_quiet = true;
            self.take(&mut chunk, &line, n, cut);
        }
        let mut line = Vec::new();
        loop {
            // Up to the size, whole lines are taken as the reader holds them, a buffer at
            // a time (no line there is longer than the buffer, which is no longer than the
            // cap); the line a buffer ends inside is read on its own, and cut at the cap.
            if chunk.data.len() < self.piece_bytes {
                let available = match self.reader.fill_buf() {
                    Ok(b) => b,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                };
                if available.is_empty() {
                    self.ended = true;
                    break;
                }
                let room = (self.piece_bytes - chunk.data.len()).min(available.len());
                if let Some(last) = memchr::memrchr(b'\n', &available[..room])
                    && available.len() <= MAX_LINE_BYTES
                {
                    let whole = &available[..=last];
                    chunk.data.extend_from_slice(whole);
                    chunk.bytes += whole.len() as u64;
                    self.reader.consume(last + 1);
                    last_quiet = false;
                    continue;
                }
            }
            line.clear();
            let mut cut = 0;
            let n = read_line_capped(&mut self.reader, &mut line, &mut cut)?;
            if n == 0 {
                self.ended = true;
                break;
            }
            let full = chunk.data.len() >= self.piece_bytes;
            let quiet = full && quiet_status(&line, &mut self.names).is_some();
            if full && quiet && last_quiet {
                self.carried = Some((std::mem::take(&mut line), n as u64, cut > 0));
                break;
            }
            last_quiet = quiet;
            self.take(&mut chunk, &line, n as u64, cut > 0);
            if chunk.data.len() >= self.piece_bytes + SEARCH_BYTES {
                break;
            }
        }
        Ok((chunk.bytes > 0).then_some(chunk))
    }

    fn take(&mut self, chunk: &mut Chunk, line: &[u8], n: u64, cut: bool) {
        chunk.data.extend_from_slice(line);
        if !line.ends_with(b"\n") {
            // A line cut at the cap, or the last of a log with no final newline.
            chunk.data.push(b'\n');
        }
        chunk.bytes += n;
        chunk.long_lines += u64::from(cut);
    }
}

impl<R: BufRead> Pieces for Cutter<R> {
    fn next_piece(&mut self) -> io::Result<Option<Chunk>> {
        self.next()
    }

    fn reuse(&mut self, buffer: Vec<u8>) {
        self.spare.push(buffer);
    }
}

/// Reads a whole log from `reader`: in one pass with one thread, else in pieces.
pub(super) fn read(
    reader: impl BufRead,
    progress: impl FnMut(u64),
    options: ScanOptions,
) -> io::Result<(Tally, LogCounts)> {
    let cutter = Cutter {
        reader,
        piece_bytes: options.piece_bytes,
        names: Names::default(),
        carried: None,
        ended: false,
        spare: Vec::new(),
    };
    read_pieces_of(cutter, progress, options)
}

/// Reads a whole log mapped into memory, `map` (none of it copied but the rare piece
/// that holds a line cut at [`MAX_LINE_BYTES`] or ends with no line break).
pub(super) fn read_mapped(
    map: Mmap,
    progress: impl FnMut(u64),
    options: ScanOptions,
) -> io::Result<(Tally, LogCounts)> {
    let cutter = MapCutter {
        map: Arc::new(map),
        at: 0,
        piece_bytes: options.piece_bytes,
        names: Names::default(),
        after_quiet_pair: false,
    };
    read_pieces_of(cutter, progress, options)
}

fn read_pieces_of(
    mut pieces: impl Pieces,
    mut progress: impl FnMut(u64),
    options: ScanOptions,
) -> io::Result<(Tally, LogCounts)> {
    if options.threads <= 1 {
        let mut reader = LogReader::new(options, Memory::default());
        let mut read = 0u64;
        while let Some(chunk) = pieces.next_piece()? {
            reader.feed(&chunk);
            read += chunk.bytes;
            progress(read);
            if let Some(buffer) = chunk.release() {
                pieces.reuse(buffer);
            }
        }
        let (tally, counts, _) = reader.finish();
        return Ok((tally, counts));
    }
    in_pieces(&mut pieces, &mut progress, options)
}

/// A piece, numbered, and what a reader of its own made of it.
type Done = (usize, Arc<Chunk>, LogReader);

/// What the readers of pieces learnt, for the readers of later pieces.
type Memories = Mutex<Vec<Memory>>;

fn in_pieces(
    cutter: &mut impl Pieces,
    progress: &mut impl FnMut(u64),
    options: ScanOptions,
) -> io::Result<(Tally, LogCounts)> {
    let (work, pieces) = sync_channel::<(usize, Arc<Chunk>)>(options.threads);
    let pieces = Arc::new(Mutex::new(pieces));
    let (done, finished) = channel::<Done>();
    // A token for each piece in flight, given back with the piece's buffer once it is
    // counted.
    let (give_back, tokens) = sync_channel::<Option<Vec<u8>>>(IN_FLIGHT);
    for _ in 0..IN_FLIGHT {
        give_back.send(None).expect("room for every token");
    }
    let memories = Memories::default();
    std::thread::scope(|scope| {
        for _ in 0..options.threads {
            let (pieces, done, memories) = (Arc::clone(&pieces), done.clone(), &memories);
            scope.spawn(move || read_pieces(&pieces, &done, memories, options));
        }
        drop(done);
        let memories = &memories;
        let merged = scope.spawn(move || merge_in_order(&finished, &give_back, memories));
        let mut read = 0u64;
        let mut n = 0;
        let cut = loop {
            let Ok(spare) = tokens.recv() else {
                break Ok(());
            };
            if let Some(buffer) = spare {
                cutter.reuse(buffer);
            }
            match cutter.next_piece() {
                Ok(Some(chunk)) => {
                    read += chunk.bytes;
                    progress(read);
                    if work.send((n, Arc::new(chunk))).is_err() {
                        break Ok(());
                    }
                    n += 1;
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        drop(work);
        let counted = merged.join().expect("the merging thread does not panic");
        cut.map(|()| counted)
    })
}

/// A reader's thread: each piece it is given, read by a reader of its own, which starts
/// with what an earlier one learnt.
fn read_pieces(
    pieces: &Mutex<Receiver<(usize, Arc<Chunk>)>>,
    done: &std::sync::mpsc::Sender<Done>,
    memories: &Memories,
    options: ScanOptions,
) {
    loop {
        let next = pieces.lock().map(|p| p.recv());
        let Ok(Ok((n, chunk))) = next else {
            return;
        };
        let memory = memories
            .lock()
            .ok()
            .and_then(|mut m| m.pop())
            .unwrap_or_default();
        let mut reader = LogReader::new(options, memory);
        reader.feed(&chunk);
        if done.send((n, chunk, reader)).is_err() {
            return;
        }
    }
}

/// Takes the pieces in their order as they are done: a piece that begins after a pair of
/// quiet lines, which the reader before it ended on, is counted as its own reader read it;
/// any other is read on by the reader before it.
fn merge_in_order(
    finished: &Receiver<Done>,
    give_back: &SyncSender<Option<Vec<u8>>>,
    memories: &Memories,
) -> (Tally, LogCounts) {
    let mut waiting: BTreeMap<usize, (Arc<Chunk>, LogReader)> = BTreeMap::new();
    let mut total = Tally::default();
    let mut counts = LogCounts::default();
    let mut current: Option<LogReader> = None;
    let mut next = 0;
    let keep = |memory: Memory| {
        if let Ok(mut m) = memories.lock() {
            m.push(memory);
        }
    };
    for (n, chunk, reader) in finished {
        waiting.insert(n, (chunk, reader));
        while let Some((chunk, reader)) = waiting.remove(&next) {
            current = Some(match current.take() {
                Some(before) if chunk.after_quiet_pair && before.ends_quiet() => {
                    let (tally, c, memory) = before.finish();
                    keep(memory);
                    total.absorb(&tally, counts.lines);
                    counts.add(c);
                    reader
                }
                Some(mut before) => {
                    before.feed(&chunk);
                    keep(reader.into_memory());
                    before
                }
                None => reader,
            });
            next += 1;
            let _ = give_back.send(Arc::try_unwrap(chunk).ok().and_then(Chunk::release));
        }
    }
    if let Some(last) = current {
        let (tally, c, _) = last.finish();
        total.absorb(&tally, counts.lines);
        counts.add(c);
    }
    (total, counts)
}

/// Cuts a log mapped into memory into [`Chunk`]s as [`Cutter`] cuts one it reads: at the
/// first pair of quiet lines past the piece's size, else at a line's end past
/// [`SEARCH_BYTES`] more. Nothing is copied: a piece is a range of the map.
struct MapCutter {
    map: Arc<Mmap>,
    /// Where the next piece begins.
    at: usize,
    piece_bytes: usize,
    names: Names,
    /// Whether the next piece begins with the second of two quiet lines.
    after_quiet_pair: bool,
}

impl MapCutter {
    /// Where the piece that begins at `self.at` ends, and whether the next one begins
    /// with the second of two quiet lines.
    fn end_of_piece(&mut self) -> (usize, bool) {
        let bytes = &self.map[..];
        let full = self.at + self.piece_bytes;
        // The first line that begins at or past the size.
        let Some(mut start) = next_newline(&self.map, full.saturating_sub(1)).map(|nl| nl + 1)
        else {
            return (bytes.len(), false);
        };
        let mut last_quiet = false;
        while start < bytes.len() {
            if start - full >= SEARCH_BYTES {
                return (start, false);
            }
            let end = next_newline(&self.map, start).map_or(bytes.len(), |nl| nl + 1);
            // A line past the cap is not read whole, so it is no quiet line.
            let quiet = end - start <= MAX_LINE_BYTES
                && quiet_status(&bytes[start..end], &mut self.names).is_some();
            if quiet && last_quiet {
                return (start, true);
            }
            last_quiet = quiet;
            start = end;
        }
        (bytes.len(), false)
    }
}

impl Pieces for MapCutter {
    fn next_piece(&mut self) -> io::Result<Option<Chunk>> {
        let start = self.at;
        if start >= self.map.len() {
            return Ok(None);
        }
        let (end, pair) = self.end_of_piece();
        let bytes = &self.map[start..end];
        let unterminated = bytes.last() != Some(&b'\n');
        let long = has_long_line(bytes);
        // What a reader of the file would hold: lines cut at the cap, a last line given
        // its line break; else the range itself.
        let (data, long_lines, mapped) = if long || unterminated {
            let (data, long_lines) = capped(&self.map, start..end);
            release_pages(&self.map, start..end);
            (data, long_lines, None)
        } else {
            (Vec::new(), 0, Some((Arc::clone(&self.map), start..end)))
        };
        let chunk = Chunk {
            data,
            mapped,
            bytes: bytes.len() as u64,
            long_lines,
            after_quiet_pair: self.after_quiet_pair,
        };
        self.at = end;
        self.after_quiet_pair = pair;
        Ok(Some(chunk))
    }

    fn reuse(&mut self, _: Vec<u8>) {}
}

/// Whether a line of `bytes` (its line break included) is longer than [`MAX_LINE_BYTES`]:
/// looked for a window of that size at a time, from the last line break in each, so a
/// piece of a few MiB takes a few short searches.
fn has_long_line(bytes: &[u8]) -> bool {
    let mut from = 0;
    while bytes.len() - from > MAX_LINE_BYTES {
        match memchr::memrchr(b'\n', &bytes[from..from + MAX_LINE_BYTES]) {
            Some(nl) => from += nl + 1,
            None => return true,
        }
    }
    false
}

/// The lines of `map[range]`, each cut to its first [`MAX_LINE_BYTES`] and ended with a
/// line break, and how many were cut.
fn capped(map: &Mmap, range: Range<usize>) -> (Vec<u8>, u64) {
    let mut data = Vec::with_capacity(range.len().min(MAX_LINE_BYTES * 4));
    let mut long_lines = 0;
    let mut start = range.start;
    while start < range.end {
        let end = next_newline(map, start)
            .map_or(range.end, |nl| nl + 1)
            .min(range.end);
        let cut = end - start > MAX_LINE_BYTES;
        long_lines += u64::from(cut);
        let kept = &map[start..end.min(start + MAX_LINE_BYTES)];
        data.extend_from_slice(kept);
        if !kept.ends_with(b"\n") {
            data.push(b'\n');
        }
        start = end;
    }
    (data, long_lines)
}

/// The next line break at or after `from` in `map`, looked for [`MAX_LINE_BYTES`] at a
/// time. Past the first window, the pages of a window with no line break (inside a line
/// longer than the cap, which no reader sees) are let go at once: a line of many MiB would
/// otherwise hold every page of it in the process's memory until its piece is counted.
fn next_newline(map: &Mmap, from: usize) -> Option<usize> {
    let mut at = from;
    while at < map.len() {
        let end = (at + MAX_LINE_BYTES).min(map.len());
        if let Some(i) = memchr::memchr(b'\n', &map[at..end]) {
            return Some(at + i);
        }
        if at > from {
            release_pages(map, at..end);
        }
        at = end;
    }
    None
}

/// Lets go of the pages of `map[range]`: a later read faults them in from the file again.
fn release_pages(map: &Mmap, range: Range<usize>) {
    // SAFETY: the map is of a file opened read-only and is never written; dropping its
    // pages only makes a later read of them fault them in from the file again.
    let _ =
        unsafe { map.unchecked_advise_range(UncheckedAdvice::DontNeed, range.start, range.len()) };
}

/// Reads one line into `buf`, keeping at most [`MAX_LINE_BYTES`] of it; returns the bytes
/// consumed from the reader (0 at the end), and counts in `long_lines` a line that was cut.
pub(super) fn read_line_capped(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    long_lines: &mut u64,
) -> io::Result<usize> {
    let mut consumed = 0;
    let mut cut = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        let (piece, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let room = MAX_LINE_BYTES.saturating_sub(buf.len());
        if piece.len() > room {
            cut = true;
        }
        buf.extend_from_slice(&piece[..piece.len().min(room)]);
        let used = piece.len();
        reader.consume(used);
        consumed += used;
        if done {
            break;
        }
    }
    if cut {
        *long_lines += 1;
    }
    Ok(consumed)
}
