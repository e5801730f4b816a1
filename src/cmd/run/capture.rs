//! Running the command: its output passed through as it comes, while a bounded copy of
//! each stream (the head and the tail, as stdin is read) is kept for the diagnosis.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long the output may go on after the command ended: a background process it
/// started may hold its pipes open long after; the diagnosis does not wait for it.
const GRACE: Duration = Duration::from_millis(500);

/// Bytes kept from the start of each stream: a response's status line, headers and body
/// come first.
const HEAD_BYTES: usize = 1 << 20;
/// Bytes kept from the end of each stream: a traceback's last lines, curl's `-w` code.
const TAIL_BYTES: usize = 64 << 10;

/// What one run of the command printed, bounded, and how it ended.
pub(super) struct Ran {
    pub status: ExitStatus,
    /// The kept head and tail of stdout, then of stderr.
    pub text: String,
}

/// Why the command could not be started, with the status a shell gives that case.
pub(super) struct NotStarted {
    pub message: String,
    pub exit: u8,
}

/// A bounded copy of a stream: its first [`HEAD_BYTES`] and its last [`TAIL_BYTES`].
#[derive(Default, Clone)]
struct StreamCopy {
    head: Vec<u8>,
    tail: std::collections::VecDeque<u8>,
    skipped: u64,
}

impl StreamCopy {
    fn keep(&mut self, mut bytes: &[u8]) {
        let room = HEAD_BYTES.saturating_sub(self.head.len());
        let (into_head, rest) = bytes.split_at(room.min(bytes.len()));
        self.head.extend_from_slice(into_head);
        bytes = rest;
        self.tail.extend(bytes);
        let over = self.tail.len().saturating_sub(TAIL_BYTES);
        self.tail.drain(..over);
        self.skipped += over as u64;
    }

    fn text(&self) -> String {
        let mut bytes = self.head.clone();
        if self.skipped > 0 {
            bytes.push(b'\n');
        }
        bytes.extend(&self.tail);
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// Runs `command` with the user's stdin; `started` gets the child's pid once it runs.
pub(super) fn run(command: &[OsString], started: impl FnOnce(u32)) -> Result<Ran, NotStarted> {
    let (program, args) = command.split_first().expect("clap requires a command");
    let spawned = Command::new(program)
        .args(args)
        .stdin(Stdio::inherit())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = spawned.map_err(|e| not_started(program, &e))?;
    started(child.id());
    let (out, err) = (Arc::new(Mutex::new(StreamCopy::default())), Arc::default());
    let readers = [
        passing(child.stdout.take().expect("piped"), io::stdout(), &out),
        passing(child.stderr.take().expect("piped"), io::stderr(), &err),
    ];
    let status = child.wait().map_err(|e| not_started(program, &e))?;
    let until = Instant::now() + GRACE;
    while readers.iter().any(|r| !r.is_finished()) && Instant::now() < until {
        thread::sleep(Duration::from_millis(5));
    }
    let text_of = |copy: &Arc<Mutex<StreamCopy>>| copy.lock().map_or(String::new(), |c| c.text());
    let mut text = text_of(&out);
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&text_of(&err));
    Ok(Ran { status, text })
}

/// A thread that passes `from` through to `to`, keeping its copy in `copy`.
fn passing(
    from: impl Read + Send + 'static,
    to: impl Write + Send + 'static,
    copy: &Arc<Mutex<StreamCopy>>,
) -> thread::JoinHandle<()> {
    let copy = Arc::clone(copy);
    thread::spawn(move || pass_through(from, to, &copy))
}

/// Copies `from` to `to` as it comes, keeping a bounded copy. A closed `to` (the reader of
/// twerr's output went away) stops the passing, not the reading: the child is never
/// blocked on a full pipe.
fn pass_through(mut from: impl Read, to: impl Write, copy: &Mutex<StreamCopy>) {
    let mut to = Some(to);
    let mut buf = vec![0u8; 64 << 10];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        if let Ok(mut copy) = copy.lock() {
            copy.keep(&buf[..n]);
        }
        if let Some(w) = to.as_mut()
            && w.write_all(&buf[..n]).and_then(|()| w.flush()).is_err()
        {
            to = None;
        }
    }
}

fn not_started(program: &std::ffi::OsStr, e: &io::Error) -> NotStarted {
    let name = crate::util::sanitize::clean(&program.to_string_lossy());
    // As a shell says: 127 for a command not found, 126 for one that cannot be executed.
    let exit = if e.kind() == io::ErrorKind::NotFound {
        127
    } else {
        126
    };
    NotStarted {
        message: format!("cannot run `{name}`: {e}"),
        exit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_keeps_the_head_and_the_tail() {
        let mut copy = StreamCopy::default();
        copy.keep(&vec![b'h'; HEAD_BYTES]);
        copy.keep(&vec![b'm'; 3 * TAIL_BYTES]);
        copy.keep(b"the end");
        assert_eq!(copy.skipped, (3 * TAIL_BYTES + 7 - TAIL_BYTES) as u64);
        let text = copy.text();
        assert_eq!(text.len(), HEAD_BYTES + 1 + TAIL_BYTES);
        assert!(text.starts_with('h') && text.ends_with("the end"));
    }

    #[test]
    fn a_short_stream_is_kept_whole() {
        let mut copy = StreamCopy::default();
        copy.keep(b"HTTP/2 429\n");
        assert_eq!(copy.text(), "HTTP/2 429\n");
    }
}
