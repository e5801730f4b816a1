//! The command's stdin, read once and given to every attempt: `echo "$json" | twerr run
//! -- curl --data-binary @- URL` sends the same body on a retry as on the first call.
//!
//! One thread reads twerr's stdin into a buffer as it comes; each attempt has a feeder that
//! writes the buffer to the command from its start, then what arrives after, until the end.
//! Nothing waits for the end of stdin before the command starts (a pipe that never closes
//! does not hang the run), and every attempt gets the same bytes in the same order. Past
//! [`MAX_REPLAY`] the buffer keeps only what the running attempt has not yet taken, so
//! memory stays bounded, and no attempt can follow ([`Input::replayable`]).

use std::io::{Read, Write};
use std::process::ChildStdin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;

/// The most stdin kept to give a retry.
pub(super) const MAX_REPLAY: usize = 64 << 20;
const CHUNK: usize = 64 << 10;

#[derive(Default)]
struct State {
    /// What was read and is still kept; `bytes[0]` is byte `base` of stdin.
    bytes: Vec<u8>,
    base: u64,
    /// Stdin has ended (or failed).
    ended: bool,
    /// More than [`MAX_REPLAY`] came: the start is no longer kept.
    overflowed: bool,
    /// How far the running attempt's feeder has written.
    taken: u64,
    /// The running attempt; a feeder of another one stops.
    attempt: u64,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn wait<'a>(&self, guard: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        self.changed.wait(guard).unwrap_or_else(|e| e.into_inner())
    }
}

/// Stdin as every attempt gets it.
pub(super) struct Input {
    shared: Arc<Shared>,
}

impl Input {
    /// Starts reading `from` on a thread of its own.
    pub(super) fn start(from: impl Read + Send + 'static) -> Input {
        let shared = Arc::new(Shared::default());
        let reader = Arc::clone(&shared);
        thread::spawn(move || read_all(from, &reader));
        Input { shared }
    }

    /// Gives the next attempt its stdin: everything from the first byte.
    pub(super) fn feed(&self, to: ChildStdin) {
        let attempt = {
            let mut state = self.shared.lock();
            state.attempt += 1;
            state.taken = state.base;
            state.attempt
        };
        self.shared.changed.notify_all();
        let shared = Arc::clone(&self.shared);
        thread::spawn(move || feed(&shared, attempt, to));
    }

    /// Ends the running attempt's feeder (its command has ended).
    pub(super) fn done(&self) {
        self.shared.lock().attempt += 1;
        self.shared.changed.notify_all();
    }

    /// Whether a further attempt can get the whole of stdin again.
    pub(super) fn replayable(&self) -> bool {
        !self.shared.lock().overflowed
    }
}

fn read_all(mut from: impl Read, shared: &Shared) {
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let mut state = shared.lock();
        if state.bytes.len() + n > MAX_REPLAY {
            state.overflowed = true;
        }
        if state.overflowed {
            // Keep only what the running attempt has yet to take, waiting for it to take
            // enough: that bounds the memory.
            loop {
                let taken = usize::try_from(state.taken - state.base).unwrap_or(0);
                let taken = taken.min(state.bytes.len());
                state.bytes.drain(..taken);
                state.base += taken as u64;
                if state.bytes.len() + n <= MAX_REPLAY {
                    break;
                }
                state = shared.wait(state);
            }
        }
        grow(&mut state.bytes, n);
        state.bytes.extend_from_slice(&buf[..n]);
        drop(state);
        shared.changed.notify_all();
    }
    shared.lock().ended = true;
    shared.changed.notify_all();
}

/// Makes room for `more` bytes, doubling as a Vec does but never past [`MAX_REPLAY`] of
/// capacity: the doubling alone would reserve up to twice that.
fn grow(bytes: &mut Vec<u8>, more: usize) {
    let need = bytes.len() + more;
    if need <= bytes.capacity() {
        return;
    }
    let want = (bytes.capacity() * 2).clamp(1 << 20, MAX_REPLAY).max(need);
    bytes.reserve_exact(want - bytes.len());
}

/// Writes stdin to attempt `attempt`'s command from the start, then as it arrives; closes
/// the command's stdin at the end, or when the attempt is over.
fn feed(shared: &Shared, attempt: u64, mut to: ChildStdin) {
    let mut at = 0u64;
    loop {
        let chunk = {
            let mut state = shared.lock();
            loop {
                if state.attempt != attempt || at < state.base {
                    return;
                }
                let from = usize::try_from(at - state.base).unwrap_or(usize::MAX);
                if from < state.bytes.len() {
                    let end = state.bytes.len().min(from + CHUNK);
                    break state.bytes[from..end].to_vec();
                }
                if state.ended {
                    return;
                }
                state = shared.wait(state);
            }
        };
        if to.write_all(&chunk).is_err() {
            return;
        }
        at += chunk.len() as u64;
        let mut state = shared.lock();
        if state.attempt == attempt {
            state.taken = at;
        }
        drop(state);
        shared.changed.notify_all();
    }
}
