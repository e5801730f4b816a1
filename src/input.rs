//! Reads what the user piped or named, with memory bounded whatever its size.
//!
//! A response is small; a mistaken `cat` of a log or a binary is not. The first
//! [`HEAD_BYTES`] and the last [`TAIL_BYTES`] are kept (the status line and headers come
//! first, a `-w '%{http_code}'` comes last); what lies between is counted and reported.

use std::io::{self, Read};

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
    /// Whether it was a device read only as far as the head (see [`read_head_of_device`]).
    pub device: bool,
    /// Where the kept tail starts in `text` (a 1-based line), and how many lines of the
    /// input were skipped before it: a line of the tail is line `n + skipped_lines - 1` of
    /// the input. See [`Input::input_line`].
    pub tail_line: Option<usize>,
    pub skipped_lines: u64,
}

impl Input {
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

/// Reads the first [`HEAD_BYTES`] of a device that may never end, and no more.
pub fn read_head_of_device(reader: impl Read) -> io::Result<Input> {
    let mut head = Vec::new();
    reader.take(HEAD_BYTES as u64).read_to_end(&mut head)?;
    let mut input = read_bounded(head.as_slice())?;
    input.device = true;
    Ok(input)
}

/// Reads `reader` to its end, keeping head and tail.
pub fn read_bounded(mut reader: impl Read) -> io::Result<Input> {
    let mut head = Vec::new();
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
        device: false,
        tail_line,
        skipped_lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
