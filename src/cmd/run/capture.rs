//! One attempt: the command run with its stdin from [`Input`], its stdout held until it
//! ends (only the attempt twerr returns reaches stdout, so `> out.json` holds one answer),
//! its stderr passed through as it comes, and a bounded copy of both kept for the
//! diagnosis. A command still running after `--live-after` (a stream consumer) goes live:
//! what it held is written out and the rest passes through as it comes.

use super::input::Input;
use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Read, Seek, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

/// How long the output may go on after the command ended: a background process it
/// started may hold its pipes open long after; the diagnosis does not wait for it.
const GRACE: Duration = Duration::from_millis(500);
/// How long a command ended at the deadline has to stop before it is killed.
const STOP_GRACE: Duration = Duration::from_secs(2);
/// Bytes kept from the start of each stream: a response's status line, headers and body
/// come first.
const HEAD_BYTES: usize = 1 << 20;
/// Bytes kept from the end of each stream: a traceback's last lines, curl's `-w` code.
const TAIL_BYTES: usize = 64 << 10;
/// Held stdout past this goes to a temporary file.
const SPILL_BYTES: usize = 4 << 20;

/// Whether the last byte that reached stderr (the command's, or the answer's on the same
/// terminal) left a line open: twerr's own lines start on a line of their own.
static MID_LINE: AtomicBool = AtomicBool::new(false);

/// Whether twerr must end an open line before it says something.
pub(super) fn mid_line() -> bool {
    MID_LINE.swap(false, Ordering::SeqCst)
}

/// Where the answer goes: stdout, `--output FILE`, or nowhere (`--json` alone).
pub(super) struct Output {
    to: Mutex<Box<dyn Write + Send>>,
    /// Stdout and stderr are one terminal: the answer's open line is stderr's too.
    shared_terminal: bool,
}

impl Output {
    pub(super) fn new(to: Box<dyn Write + Send>, shared_terminal: bool) -> Output {
        Output {
            to: Mutex::new(to),
            shared_terminal,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Box<dyn Write + Send>> {
        self.to.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn wrote(&self, bytes: &[u8]) {
        if self.shared_terminal
            && let Some(&last) = bytes.last()
        {
            MID_LINE.store(last != b'\n', Ordering::SeqCst);
        }
    }
}

/// An attempt's stdout until it is known to be the answer: in memory, then in a
/// temporary file past [`SPILL_BYTES`].
#[derive(Default)]
struct Held {
    bytes: Vec<u8>,
    file: Option<File>,
    /// Bytes held in all.
    len: u64,
}

impl Held {
    fn push(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.len += bytes.len() as u64;
        if let Some(file) = &mut self.file {
            return file.write_all(bytes);
        }
        if self.bytes.len() + bytes.len() > SPILL_BYTES {
            let mut file = tempfile::tempfile()?;
            file.write_all(&self.bytes)?;
            file.write_all(bytes)?;
            self.bytes = Vec::new();
            self.file = Some(file);
            return Ok(());
        }
        self.bytes.extend_from_slice(bytes);
        Ok(())
    }

    fn release(&mut self, output: &Output) -> io::Result<()> {
        let mut to = output.lock();
        if let Some(mut file) = self.file.take() {
            file.rewind()?;
            let mut buf = vec![0u8; 64 << 10];
            loop {
                let n = file.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                to.write_all(&buf[..n])?;
                output.wrote(&buf[..n]);
            }
        } else {
            to.write_all(&self.bytes)?;
            output.wrote(&self.bytes);
        }
        self.bytes = Vec::new();
        self.len = 0;
        to.flush()
    }
}

/// An attempt's stdout: held, or passing through once live.
#[derive(Default)]
struct Answer {
    held: Held,
    live: bool,
    /// Bytes that reached the output while live.
    passed: u64,
    /// Holding failed (no temporary file): what could not be held passed through.
    failed: Option<String>,
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

/// How an attempt is run.
pub(super) struct Options<'a> {
    pub input: Option<&'a Input>,
    /// The command gets a process group of its own (signals reach all of it).
    pub own_group: bool,
    pub live_after: Duration,
    /// When the whole run must end.
    pub deadline: Option<Instant>,
    pub output: &'a Arc<Output>,
}

/// What one attempt printed, bounded, and how it ended.
pub(super) struct Ran {
    pub status: ExitStatus,
    pub started: SystemTime,
    /// The kept head and tail of stdout.
    pub stdout: String,
    /// The kept head and tail of stderr.
    pub stderr: String,
    /// Its output had begun reaching the output live.
    pub went_live: bool,
    /// It was ended at the deadline.
    pub ended_at_deadline: bool,
    /// Why its output could not be held, if it could not.
    pub hold_failed: Option<String>,
    answer: Arc<Mutex<Answer>>,
}

impl Ran {
    /// The kept stdout, then stderr, as the diagnosis reads them.
    pub(super) fn text(&self) -> String {
        let mut text = self.stdout.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&self.stderr);
        text
    }

    /// This attempt is the answer: what it held goes to the output.
    pub(super) fn release(&self, output: &Output) -> io::Result<()> {
        lock(&self.answer).held.release(output)
    }
}

/// Why the command could not be started, with the status a shell gives that case.
pub(super) struct NotStarted {
    pub message: String,
    pub exit: u8,
}

/// Runs `command` once; `started` gets the child's pid once it runs.
pub(super) fn run(
    command: &[OsString],
    options: &Options,
    started: impl FnOnce(u32),
) -> Result<Ran, NotStarted> {
    let (program, args) = command.split_first().expect("clap requires a command");
    let mut cmd = Command::new(program);
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if options.input.is_some() {
        Stdio::piped()
    } else {
        Stdio::inherit()
    });
    if options.own_group {
        cmd.process_group(0);
    }
    let began = (Instant::now(), SystemTime::now());
    let mut child = cmd.spawn().map_err(|e| not_started(program, &e))?;
    started(child.id());
    if let (Some(input), Some(stdin)) = (options.input, child.stdin.take()) {
        input.feed(stdin);
    }
    let answer = Arc::new(Mutex::new(Answer::default()));
    let (out_copy, err_copy) = (Arc::default(), Arc::default());
    let readers = [
        stdout_pump(&mut child, &answer, options.output, &out_copy),
        stderr_pump(&mut child, &err_copy),
    ];
    let (status, ended_at_deadline) =
        watch(&mut child, options, began.0, &answer).map_err(|e| not_started(program, &e))?;
    if let Some(input) = options.input {
        input.done();
    }
    let until = Instant::now() + GRACE;
    while readers.iter().any(|r| !r.is_finished()) && Instant::now() < until {
        thread::sleep(Duration::from_millis(5));
    }
    let text_of = |c: &Arc<Mutex<StreamCopy>>| lock(c).text();
    let (went_live, hold_failed) = {
        let a = lock(&answer);
        (a.live && a.passed > 0, a.failed.clone())
    };
    Ok(Ran {
        status,
        started: began.1,
        stdout: text_of(&out_copy),
        stderr: text_of(&err_copy),
        went_live,
        ended_at_deadline,
        hold_failed,
        answer,
    })
}

/// Waits for the command to end, sending its output live after `--live-after` and ending
/// it at the deadline. Returns how it ended, and whether the deadline ended it.
fn watch(
    child: &mut Child,
    options: &Options,
    began: Instant,
    answer: &Mutex<Answer>,
) -> io::Result<(ExitStatus, bool)> {
    let live_at = began + options.live_after;
    let mut stopping: Option<Instant> = None;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok((status, stopping.is_some()));
        }
        let now = Instant::now();
        if now >= live_at {
            go_live(answer, options.output);
        }
        match stopping {
            None if options.deadline.is_some_and(|at| now >= at) => {
                super::signals::stop_child(libc::SIGTERM);
                stopping = Some(now);
            }
            Some(at) if now >= at + STOP_GRACE => super::signals::stop_child(libc::SIGKILL),
            _ => {}
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// From now on the attempt's stdout passes through: what it held goes first.
fn go_live(answer: &Mutex<Answer>, output: &Output) {
    let mut a = lock(answer);
    if !a.live {
        go_live_locked(&mut a, output);
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn stdout_pump(
    child: &mut Child,
    answer: &Arc<Mutex<Answer>>,
    output: &Arc<Output>,
    copy: &Arc<Mutex<StreamCopy>>,
) -> thread::JoinHandle<()> {
    let from = child.stdout.take().expect("piped");
    let (answer, output, copy) = (Arc::clone(answer), Arc::clone(output), Arc::clone(copy));
    thread::spawn(move || {
        pump(from, &copy, |bytes| {
            let mut a = lock(&answer);
            if !a.live
                && let Err(e) = a.held.push(bytes)
            {
                a.failed = Some(format!("its output could not be held ({e})"));
                go_live_locked(&mut a, &output);
            }
            if a.live {
                let mut to = output.lock();
                if to.write_all(bytes).and_then(|()| to.flush()).is_ok() {
                    output.wrote(bytes);
                }
                a.passed += bytes.len() as u64;
            }
        });
    })
}

/// [`go_live`] with the answer already locked.
fn go_live_locked(a: &mut Answer, output: &Output) {
    a.live = true;
    let held = a.held.len;
    if a.held.release(output).is_ok() {
        a.passed += held;
    }
}

fn stderr_pump(child: &mut Child, copy: &Arc<Mutex<StreamCopy>>) -> thread::JoinHandle<()> {
    let from = child.stderr.take().expect("piped");
    let copy = Arc::clone(copy);
    thread::spawn(move || {
        let mut to = Some(io::stderr());
        pump(from, &copy, |bytes| {
            // A closed stderr stops the passing, never the reading.
            if let Some(w) = to.as_mut() {
                if w.write_all(bytes).and_then(|()| w.flush()).is_err() {
                    to = None;
                } else if let Some(&last) = bytes.last() {
                    MID_LINE.store(last != b'\n', Ordering::SeqCst);
                }
            }
        });
    })
}

/// Reads `from` to its end, keeping a bounded copy and handing each chunk to `pass`: the
/// child is never blocked on a full pipe.
fn pump(mut from: impl Read, copy: &Mutex<StreamCopy>, mut pass: impl FnMut(&[u8])) {
    let mut buf = vec![0u8; 64 << 10];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        lock(copy).keep(&buf[..n]);
        pass(&buf[..n]);
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

    /// A writer whose bytes the test can read back.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            lock(&self.0).extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn held_output_spills_to_a_file_and_comes_back_whole() {
        let sink = Shared::default();
        let output = Output::new(Box::new(sink.clone()), false);
        let mut held = Held::default();
        let piece: Vec<u8> = (0..=255u8).cycle().take(1 << 20).collect();
        for _ in 0..6 {
            held.push(&piece).unwrap();
        }
        assert!(held.file.is_some() && held.bytes.is_empty(), "spilled");
        held.release(&output).unwrap();
        let got = lock(&sink.0);
        assert_eq!(got.len(), 6 << 20);
        assert!(got.chunks(1 << 20).all(|c| c == piece.as_slice()));
    }
}
