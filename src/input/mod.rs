//! Stage one of the pipeline: read what the user piped or named, with memory bounded
//! whatever its size.
//!
//! A response is small; a mistaken `cat` of a log or a binary is not. The first
//! [`HEAD_BYTES`] and the last [`TAIL_BYTES`] are kept (the status line and headers come
//! first, a `-w '%{http_code}'` comes last); what lies between is counted and reported.

use std::io::{self, Read};

/// What to do about a body curl printed compressed.
pub const GZIP_NOTE: &str = "the body is gzip-compressed (curl prints it as it came unless told otherwise): run curl again with --compressed and pipe that into twerr";

/// Bytes kept from the start of the input.
pub const HEAD_BYTES: usize = 8 << 20;
/// Bytes kept from the end of the input when it is longer than the head.
pub const TAIL_BYTES: usize = 64 << 10;

/// The text to diagnose and what reading it found.
#[derive(Debug, Default)]
pub struct Input {
    pub text: String,
    /// All bytes read.
    pub total_bytes: u64,
    /// Bytes between head and tail that were not examined.
    pub skipped_bytes: u64,
    /// Whether invalid UTF-8 was replaced (U+FFFD) to read the rest.
    pub invalid_utf8: bool,
    /// Whether the input held NUL bytes (binary data).
    pub binary: bool,
    /// Whether it held a gzip stream (`1f 8b 08`): a body curl printed compressed.
    pub gzip: bool,
    /// Whether it was a device read only as far as the head (see `read_head_of_device`).
    pub device: bool,
    /// Whether it came as UTF-16 (a byte-order mark, or ASCII with every other byte NUL)
    /// and was decoded.
    pub utf16: bool,
    /// Where the kept tail starts in `text` (a 1-based line), and how many lines of the
    /// input were skipped before it: a line of the tail is line `n + skipped_lines - 1` of
    /// the input. See [`Input::input_line`].
    pub tail_line: Option<usize>,
    pub skipped_lines: u64,
}

impl Input {
    /// What the reader should know about how an input was read.
    pub fn notes(&self) -> Vec<String> {
        let i = self;
        let mut notes = Vec::new();
        if i.skipped_bytes > 0 {
            notes.push(format!(
                "the input is {} bytes; only the first {} and the last {} were examined ({} bytes in between were skipped)",
                i.total_bytes,
                HEAD_BYTES,
                TAIL_BYTES,
                i.skipped_bytes
            ));
        }
        if i.invalid_utf8 && !i.gzip {
            notes.push(
                "the input is not valid UTF-8; invalid bytes were replaced to read the rest"
                    .to_string(),
            );
        }
        if i.utf16 {
            notes.push("the input is UTF-16 (as PowerShell pipes it); it was decoded".to_string());
        }
        if i.device {
            notes.push(format!(
                "the input is a device that may never end; only its first {} bytes were read",
                HEAD_BYTES
            ));
        }
        if i.gzip {
            notes.push(GZIP_NOTE.to_string());
        } else if i.binary {
            notes.push(
                "the input holds NUL bytes (binary data); only its text parts were read"
                    .to_string(),
            );
        }
        notes
    }

    /// The line of the input that line `line` of `text` is: lines of the kept tail come
    /// after the skipped middle, and the line break added between head and tail is no line
    /// of the input.
    pub fn input_line(&self, line: usize) -> usize {
        match self.tail_line {
            Some(t) if line >= t => {
                let shift = usize::try_from(self.skipped_lines).unwrap_or(usize::MAX);
                (line - 1).saturating_add(shift)
            }
            _ => line,
        }
    }
}

/// Whether `path` (after links: `/dev/stdin` is the standard input) is a character device
/// other than a terminal: `/dev/zero` or `/dev/urandom` never end, so they are read only as
/// far as the head.
pub fn is_endless_device(path: &std::path::Path, terminal: bool) -> bool {
    use std::os::unix::fs::FileTypeExt;
    // /dev/null ends at once: it is an empty input like any other.
    let null = std::fs::canonicalize(path).is_ok_and(|p| p == std::path::Path::new("/dev/null"));
    !terminal && !null && std::fs::metadata(path).is_ok_and(|m| m.file_type().is_char_device())
}

/// Reads a named file; a device that never ends only as far as its head.
pub fn read_file(path: &std::path::Path) -> io::Result<Input> {
    let file = std::fs::File::open(path)?;
    if is_endless_device(path, false) {
        read_head_of_device(file)
    } else {
        read_sized(file, regular_file_size(path))
    }
}

/// Reads the standard input, as [`read_file`] reads a file.
pub fn read_stdin() -> io::Result<Input> {
    use std::io::IsTerminal;
    let stdin = io::stdin();
    let device = is_endless_device(std::path::Path::new("/dev/stdin"), stdin.is_terminal());
    if device {
        read_head_of_device(stdin.lock())
    } else {
        // Redirected from a file (`twerr < resp.txt`): its size, to read it in one buffer.
        read_sized(
            stdin.lock(),
            regular_file_size(std::path::Path::new("/dev/stdin")),
        )
    }
}

/// The size of `path` (after links) when it is a regular file: what [`read_sized`]
/// expects. Pipes, devices and terminals have none.
fn regular_file_size(path: &std::path::Path) -> Option<u64> {
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len())
}

/// Reads the first [`HEAD_BYTES`] of a device that may never end, and no more.
fn read_head_of_device(reader: impl Read) -> io::Result<Input> {
    let mut head = Vec::new();
    reader.take(HEAD_BYTES as u64).read_to_end(&mut head)?;
    let mut input = read_bounded(head.as_slice())?;
    input.device = true;
    Ok(input)
}

/// The order of the two bytes of a UTF-16 code unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteOrder {
    Little,
    Big,
}

/// The byte order of UTF-16 text, if `bytes` begin UTF-16 text. A byte-order mark says so; without one, ASCII text in UTF-16 has a NUL in every other
/// byte, which is looked for in the first 64 bytes.
pub fn utf16_order(bytes: &[u8]) -> Option<ByteOrder> {
    // A mark alone could be two bytes of anything: the text after it must also read as
    // UTF-16, mostly ASCII code units, as a pasted response is.
    let ascii_units = |rest: &[u8], order: ByteOrder| {
        let units = rest[..rest.len().min(64) & !1].chunks_exact(2);
        let (n, ascii) = units.fold((0, 0), |(n, a), p| {
            let high = if order == ByteOrder::Little {
                p[1]
            } else {
                p[0]
            };
            (n + 1, a + usize::from(high == 0))
        });
        n >= 4 && ascii * 2 >= n
    };
    match bytes {
        [0xff, 0xfe, rest @ ..] if ascii_units(rest, ByteOrder::Little) => {
            return Some(ByteOrder::Little);
        }
        [0xfe, 0xff, rest @ ..] if ascii_units(rest, ByteOrder::Big) => {
            return Some(ByteOrder::Big);
        }
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(64) & !1];
    if sample.len() < 8 {
        return None;
    }
    // Text in UTF-16 is mostly ASCII code units (a zero byte beside a printable one), with
    // room for a few others (`é`, `—`, an emoji), and never the unit 0: binary data has
    // runs of zero bytes, UTF-8 text has none.
    let units = sample.len() / 2;
    let looks = |order: ByteOrder| {
        let (mut ascii, mut nul) = (0, false);
        for p in sample.chunks_exact(2) {
            let (low, high) = match order {
                ByteOrder::Little => (p[0], p[1]),
                ByteOrder::Big => (p[1], p[0]),
            };
            nul |= low == 0 && high == 0;
            ascii +=
                usize::from(high == 0 && (low.is_ascii_graphic() || low.is_ascii_whitespace()));
        }
        !nul && ascii * 4 >= units * 3
    };
    if looks(ByteOrder::Little) {
        Some(ByteOrder::Little)
    } else if looks(ByteOrder::Big) {
        Some(ByteOrder::Big)
    } else {
        None
    }
}

fn decode_utf16(bytes: &[u8], order: ByteOrder) -> String {
    let units = bytes.chunks_exact(2).map(|p| {
        if order == ByteOrder::Little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{fffd}'))
        .collect::<String>()
        .trim_start_matches('\u{feff}')
        .to_string()
}

/// Reads UTF-16 from `inner` and gives UTF-8, for readers that stream (`scan`).
pub struct Utf16Reader<R> {
    inner: R,
    order: ByteOrder,
    /// Bytes read but not yet decoded: an odd byte, or a high surrogate waiting for its pair.
    carry: Vec<u8>,
    /// Decoded UTF-8 not yet handed out.
    ready: Vec<u8>,
    done: usize,
}

impl<R: Read> Utf16Reader<R> {
    pub fn new(inner: R, order: ByteOrder) -> Self {
        Utf16Reader {
            inner,
            order,
            carry: Vec::new(),
            ready: Vec::new(),
            done: 0,
        }
    }
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.done == self.ready.len() {
            let mut chunk = vec![0u8; 64 << 10];
            let n = self.inner.read(&mut chunk)?;
            if n == 0 {
                if self.carry.is_empty() {
                    return Ok(0);
                }
                let rest = std::mem::take(&mut self.carry);
                self.ready = decode_utf16(&rest, self.order).into_bytes();
                self.done = 0;
                break;
            }
            self.carry.extend_from_slice(&chunk[..n]);
            let mut whole = self.carry.len() & !1;
            // A high surrogate at the end waits for the unit that completes it.
            if whole >= 2 {
                let last = &self.carry[whole - 2..whole];
                let unit = if self.order == ByteOrder::Little {
                    u16::from_le_bytes([last[0], last[1]])
                } else {
                    u16::from_be_bytes([last[0], last[1]])
                };
                if (0xd800..0xdc00).contains(&unit) {
                    whole -= 2;
                }
            }
            let rest = self.carry.split_off(whole);
            self.ready = decode_utf16(&self.carry, self.order).into_bytes();
            self.carry = rest;
            self.done = 0;
        }
        let n = buf.len().min(self.ready.len() - self.done);
        buf[..n].copy_from_slice(&self.ready[self.done..self.done + n]);
        self.done += n;
        Ok(n)
    }
}

/// Reads `reader` to its end, keeping head and tail.
pub fn read_bounded(reader: impl Read) -> io::Result<Input> {
    read_sized(reader, None)
}

/// [`read_bounded`], told the size to expect when the input is a file: the head is read
/// into one buffer of that size, not grown by doubling (a 1 MiB response was copied four
/// times over and faulted in twice its size).
fn read_sized(mut reader: impl Read, size: Option<u64>) -> io::Result<Input> {
    let expected = size.map_or(0, |n| n.min(HEAD_BYTES as u64) as usize);
    let mut head = Vec::with_capacity(expected);
    (&mut reader)
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)?;
    let mut total = head.len() as u64;
    let mut tail: Vec<u8> = Vec::new();
    let mut skipped = 0u64;
    let mut skipped_lines = 0u64;
    if head.len() == HEAD_BYTES {
        let mut buf = vec![0u8; 64 << 10];
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            total += n as u64;
            tail.extend_from_slice(&buf[..n]);
            if tail.len() > 2 * TAIL_BYTES {
                let cut = tail.len() - TAIL_BYTES;
                skipped += cut as u64;
                skipped_lines += memchr::memchr_iter(b'\n', &tail[..cut]).count() as u64;
                tail.drain(..cut);
            }
        }
        if tail.len() > TAIL_BYTES {
            let cut = tail.len() - TAIL_BYTES;
            skipped += cut as u64;
            skipped_lines += memchr::memchr_iter(b'\n', &tail[..cut]).count() as u64;
            tail.drain(..cut);
        }
    }
    // PowerShell pipes text as UTF-16: decode it, head and tail alike.
    let utf16 = utf16_order(&head);
    if let Some(order) = utf16 {
        head = decode_utf16(&head, order).into_bytes();
        if !tail.is_empty() {
            let even = tail.len() - tail.len() % 2;
            // The cut may fall inside a code unit: start the tail on a whole one.
            let start = usize::from(skipped % 2 == 1);
            tail = decode_utf16(&tail[start..even.max(start)], order).into_bytes();
        }
    }
    let binary = memchr::memchr(0, &head).is_some() || memchr::memchr(0, &tail).is_some();
    let gzip = memchr::memmem::find(&head, b"\x1f\x8b\x08").is_some();
    // Valid UTF-8 (the usual case) becomes the text without a copy.
    let mut text = match String::from_utf8(head) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    let mut invalid_utf8 = text.contains('\u{fffd}');
    let mut tail_line = None;
    if !tail.is_empty() {
        // The head's lines, plus the one break added below.
        tail_line = Some(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 2);
        let tail_text = String::from_utf8_lossy(&tail);
        invalid_utf8 |= tail_text.contains('\u{fffd}');
        // The cut may split a line: start the tail on a line of its own.
        text.reserve_exact(tail_text.len() + 1);
        text.push('\n');
        text.push_str(&tail_text);
    }
    Ok(Input {
        text,
        total_bytes: total,
        skipped_bytes: skipped,
        invalid_utf8,
        binary,
        gzip,
        utf16: utf16.is_some(),
        device: false,
        tail_line,
        skipped_lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_without_a_mark_is_found_with_some_non_ascii_in_it() {
        let le: Vec<u8> = "HTTP/1.1 403 Forbidden — ça va\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(utf16_order(&le), Some(ByteOrder::Little));
        let be: Vec<u8> = "HTTP/1.1 429 Too Many Requests 😀\r\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(utf16_order(&be), Some(ByteOrder::Big));
        assert_eq!(utf16_order("plain UTF-8 text — here".as_bytes()), None);
        assert_eq!(
            utf16_order(&[0x89, b'P', b'N', b'G', 0, 0, 0, 13, b'I', b'H', b'D', b'R']),
            None
        );
    }

    #[test]
    fn small_input_is_kept_whole() {
        let input = read_bounded(&b"HTTP/2 429\r\n\r\n{}"[..]).unwrap();
        assert_eq!(input.text, "HTTP/2 429\r\n\r\n{}");
        assert_eq!((input.total_bytes, input.skipped_bytes), (16, 0));
    }

    #[test]
    fn large_input_keeps_head_and_tail_and_counts_the_rest() {
        let size = HEAD_BYTES + 3 * TAIL_BYTES;
        let mut data = vec![b'x'; size];
        data[..4].copy_from_slice(b"HEAD");
        let n = data.len();
        data[n - 4..].copy_from_slice(b"TAIL");
        let input = read_bounded(&data[..]).unwrap();
        assert!(input.text.starts_with("HEAD") && input.text.ends_with("TAIL"));
        assert_eq!(input.total_bytes, size as u64);
        assert_eq!(input.skipped_bytes, 2 * TAIL_BYTES as u64);
    }

    #[test]
    fn invalid_utf8_and_nul_are_flagged() {
        let input = read_bounded(&b"\xff\xfe{\"a\":1}\0"[..]).unwrap();
        assert!(input.invalid_utf8 && input.binary);
    }
}
