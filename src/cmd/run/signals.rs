//! SIGINT, SIGTERM, SIGHUP and SIGQUIT while `twerr run` waits or the command runs: a
//! wait ends at once, and the signal is passed on to the running command, as a wrapper
//! such as `timeout` does.
//!
//! A command in a process group of its own (stdin not a terminal) gets every such signal
//! in its whole group, so a shell script's children hear it too. A command that shares
//! twerr's group (stdin is the terminal, so it can read it) already hears what the
//! terminal sends to the group (Ctrl-C); only a signal a process sent to twerr alone is
//! passed on, so it never gets one twice.

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

/// The last signal received (0: none).
static RECEIVED: AtomicI32 = AtomicI32::new(0);
/// The pid of the running command (0: none).
static CHILD: AtomicI32 = AtomicI32::new(0);
/// Whether the running command leads a process group of its own.
static OWN_GROUP: AtomicBool = AtomicBool::new(false);

/// The signals passed on.
const PASSED: [libc::c_int; 4] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT];

extern "C" fn on_signal(signal: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    RECEIVED.store(signal, Ordering::SeqCst);
    // SAFETY: the kernel passes a valid siginfo_t to an SA_SIGINFO handler.
    let from_a_process = info.is_null() || unsafe { (*info).si_code } <= 0;
    if OWN_GROUP.load(Ordering::SeqCst) || from_a_process {
        send(signal);
    }
}

/// Sends `signal` to the running command (its group when it has one of its own).
fn send(signal: libc::c_int) {
    let child = CHILD.load(Ordering::SeqCst);
    if child <= 0 {
        return;
    }
    let target = if OWN_GROUP.load(Ordering::SeqCst) {
        -child
    } else {
        child
    };
    // SAFETY: kill is async-signal-safe; the pid is our own child's (or its group).
    unsafe {
        libc::kill(target, signal);
    }
}

/// Installs the handlers.
pub(super) fn install() {
    // SAFETY: a zeroed sigaction with a handler that only stores to atomics and calls
    // kill, both async-signal-safe; its mask is emptied before use.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_signal as *const () as libc::sighandler_t;
        action.sa_flags = libc::SA_SIGINFO | libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        for signal in PASSED {
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

/// The command now running, or none (0), and whether it leads its own group.
pub(super) fn set_child(pid: u32, own_group: bool) {
    OWN_GROUP.store(own_group, Ordering::SeqCst);
    CHILD.store(i32::try_from(pid).unwrap_or(0), Ordering::SeqCst);
}

/// Asks the running command to stop (at the deadline).
pub(super) fn stop_child(signal: libc::c_int) {
    send(signal);
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
