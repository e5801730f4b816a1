//! Ctrl-C and SIGTERM while `twerr run` waits or the command runs: a wait ends at once,
//! and SIGTERM is passed on to the running command, as a wrapper should.

use std::sync::atomic::{AtomicI32, Ordering};

/// The last signal received (0: none).
static RECEIVED: AtomicI32 = AtomicI32::new(0);
/// The pid of the running command (0: none).
static CHILD: AtomicI32 = AtomicI32::new(0);

extern "C" fn on_signal(signal: libc::c_int) {
    RECEIVED.store(signal, Ordering::SeqCst);
    let child = CHILD.load(Ordering::SeqCst);
    if signal == libc::SIGTERM && child > 0 {
        // SAFETY: kill is async-signal-safe; the pid is our own child's.
        unsafe {
            libc::kill(child, libc::SIGTERM);
        }
    }
}

/// Installs the handlers for SIGINT and SIGTERM.
pub(super) fn install() {
    let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
    // SAFETY: the handler only stores to atomics and calls kill, both async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
}

/// The command now running, or none (0).
pub(super) fn set_child(pid: u32) {
    CHILD.store(i32::try_from(pid).unwrap_or(0), Ordering::SeqCst);
}

/// The exit status for a signal received, as a shell gives it (130 for Ctrl-C), if any.
pub(super) fn interrupted() -> Option<u8> {
    match RECEIVED.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(status_of_signal(signal)),
    }
}

/// What a shell says for a process a signal ended: 128 plus the signal.
pub(super) fn status_of_signal(signal: i32) -> u8 {
    128u8.saturating_add(u8::try_from(signal).unwrap_or(0))
}
