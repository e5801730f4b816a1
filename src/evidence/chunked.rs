//! Chunked transfer coding, as `curl --raw` prints it: a hex size line before each piece of
//! the body, so that a body split across chunks (`{"errors":[{"code":187,"me` / `1f` /
//! `ssage":...}`) is no JSON until the framing is taken out.
//!
//! Like the rest of the unwrapping, this keeps line numbers: the body's pieces are joined on
//! the line where the first one started, and the lines the framing took stay as empty
//! lines, so everything after the body is still on its own line number.

use regex::Regex;
use std::sync::LazyLock;

/// A `Transfer-Encoding: chunked` header line, as a response or `curl -v` (`< `) shows it.
static CHUNKED_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^(?:< )?transfer-encoding:[ \t]*chunked[ \t]*\r?$")
        .expect("the header pattern compiles")
});

/// A chunk-size line: hex digits, perhaps a chunk extension (`1a;name=value`).
static SIZE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9A-Fa-f]{1,8})[ \t]*(?:;[^\r\n]*)?\r?$").expect("the size pattern compiles")
});

/// How far after the header the end of the headers is looked for.
const MAX_HEADER_LINES: usize = 200;

/// The text with the chunk framing of every chunked response taken out, or `None` when
/// there was none.
pub(super) fn undo(text: &str) -> Option<String> {
    if !super::mentions_chunked(text) {
        return None;
    }
    let mut out = String::new();
    let mut copied = 0;
    for header in CHUNKED_HEADER.find_iter(text) {
        if header.start() < copied {
            continue;
        }
        let Some(body) = body_start(text, header.end()) else {
            continue;
        };
        let Some((data, end)) = exact(&text[body..]).or_else(|| by_lines(&text[body..])) else {
            continue;
        };
        let end = body + end;
        out.push_str(&text[copied..body]);
        out.push_str(&data);
        // The lines the framing took, kept as empty lines.
        let taken = memchr::memchr_iter(b'\n', &text.as_bytes()[body..end]).count();
        let kept = memchr::memchr_iter(b'\n', data.as_bytes()).count();
        out.extend(std::iter::repeat_n('\n', taken.saturating_sub(kept)));
        copied = end;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// Where the body starts: after the empty line that ends the headers.
fn body_start(text: &str, from: usize) -> Option<usize> {
    // The rest of the header line itself.
    let from = from + text[from..].find('\n')? + 1;
    let mut at = from;
    // Headers are a few dozen lines; looking no further keeps many header lines with no
    // body after them linear.
    for line in text[from..].split_inclusive('\n').take(MAX_HEADER_LINES) {
        at += line.len();
        let bare = line.trim_end_matches(['\r', '\n']);
        if bare.is_empty() || bare == "<" {
            return Some(at);
        }
    }
    None
}

/// The chunks read by their sizes, as the coding defines them. `None` when a size does not
/// fit the bytes after it (a paste that lost a `\r`): [`by_lines`] is tried then.
fn exact(body: &str) -> Option<(String, usize)> {
    let mut data = String::new();
    let mut at = 0;
    loop {
        let (size, line_end) = size_line(body, at)?;
        if size == 0 {
            return Some((data, trailer_end(body, line_end)));
        }
        let end = line_end.checked_add(size)?;
        let piece = body.get(line_end..end)?;
        data.push_str(piece);
        at = end + line_break(&body[end..])?;
    }
}

/// The chunks read by their lines: every size line is framing, and so are the line breaks
/// on either side of it. Used when the sizes no longer count the bytes.
fn by_lines(body: &str) -> Option<(String, usize)> {
    let (_, mut at) = size_line(body, 0)?;
    let mut data = String::new();
    let mut piece_start = at;
    while at < body.len() {
        let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i + 1);
        if let Some((size, after)) = size_line(body, at) {
            let piece = &body[piece_start..at];
            data.push_str(
                piece
                    .strip_suffix('\n')
                    .map_or(piece, |p| p.strip_suffix('\r').unwrap_or(p)),
            );
            if size == 0 {
                return Some((data, trailer_end(body, after)));
            }
            piece_start = after;
        }
        at = line_end;
    }
    data.push_str(&body[piece_start..]);
    Some((data, body.len()))
}

/// The size on the line at `at`, and where the line ends.
fn size_line(body: &str, at: usize) -> Option<(usize, usize)> {
    let rest = body.get(at..)?;
    let line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let line = rest[..line_len].trim_end_matches('\n');
    let size = SIZE_LINE.captures(line)?;
    let size = usize::from_str_radix(&size[1], 16).ok()?;
    Some((size, at + line_len))
}

/// After the last chunk: the empty line that ends its (usually absent) trailer.
fn trailer_end(body: &str, at: usize) -> usize {
    at + line_break(&body[at..]).unwrap_or(0)
}

/// The length of the line break `text` starts with (CRLF or LF), if it starts with one.
fn line_break(text: &str) -> Option<usize> {
    if text.starts_with("\r\n") {
        Some(2)
    } else if text.starts_with('\n') {
        Some(1)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "HTTP/1.1 403 Forbidden\r\ntransfer-encoding: chunked\r\n\r\n";

    #[test]
    fn pieces_are_joined_where_the_body_started() {
        let text = format!(
            "{HEAD}1a\r\n{{\"errors\":[{{\"code\":187,\"me\r\n1f\r\nssage\":\"Status is a duplicate.\"}}]}}\r\n0\r\n\r\nnext line\n"
        );
        let out = undo(&text).unwrap();
        let lines: Vec<&str> = out.split('\n').collect();
        assert_eq!(
            lines[3],
            r#"{"errors":[{"code":187,"message":"Status is a duplicate."}]}"#
        );
        assert_eq!(out.matches('\n').count(), text.matches('\n').count());
        assert_eq!(
            lines[lines.len() - 2],
            "next line",
            "later lines keep their numbers"
        );
    }

    #[test]
    fn sizes_that_no_longer_count_fall_back_to_lines() {
        // A paste whose line ends lost their `\r`, and a size that says more than is there.
        let text = "HTTP/1.1 429 x\ntransfer-encoding: chunked\n\n30\n{\"errors\":[{\"code\":\n8\n88}]}\n0\n\n";
        let out = undo(text).unwrap();
        assert!(out.contains(r#"{"errors":[{"code":88}]}"#), "{out:?}");
    }

    #[test]
    fn a_body_that_is_not_chunked_is_left_alone() {
        assert_eq!(undo("HTTP/1.1 403 x\r\n\r\n{\"errors\":[]}\r\n"), None);
        let not_sized = format!("{HEAD}{{\"errors\":[{{\"code\":187}}]}}\r\n");
        assert_eq!(undo(&not_sized), None);
    }

    #[test]
    fn a_huge_size_is_no_panic() {
        let text = format!("{HEAD}ffffffff\r\nshort\r\n");
        assert!(undo(&text).is_some_and(|out| out.contains("short")));
    }
}
