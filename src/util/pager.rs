//! Long output on a terminal goes through a pager, as git does: `$PAGER` (else `less`),
//! with `LESS=FRX` when LESS is unset, so that colour passes, the screen is not cleared,
//! and output that fits on one screen is printed as if no pager ran. `--no-pager`, an
//! empty `PAGER` or `PAGER=cat` print straight to the terminal.

use std::io::{self, IsTerminal, Write};
use std::process::{Command, Stdio};

/// The pager to run, when stdout is a terminal and one is wanted.
pub fn wanted(no_pager: bool) -> Option<String> {
    if no_pager || !io::stdout().is_terminal() {
        return None;
    }
    let pager = std::env::var("PAGER").unwrap_or_else(|_| "less".to_string());
    let pager = pager.trim();
    (!pager.is_empty() && pager != "cat").then(|| pager.to_string())
}

/// Shows `text` through `pager` when it is longer than the terminal is high; else, or when
/// the pager cannot be started, writes it to `out`.
pub fn show(pager: &str, text: &[u8], out: &mut dyn Write) -> io::Result<()> {
    // A terminal that gives no size (0 rows) is not paged: its height is unknown.
    let height = terminal_size::terminal_size()
        .map(|(_, h)| usize::from(h.0))
        .filter(|&h| h > 0)
        .unwrap_or(usize::MAX);
    let lines = memchr::memchr_iter(b'\n', text).count();
    if lines < height {
        return out.write_all(text);
    }
    let mut command = Command::new("sh");
    command.args(["-c", pager]).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    let Ok(mut child) = command.spawn() else {
        return out.write_all(text);
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit before the end (`q` in less): that is no error.
        match stdin.write_all(text) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e),
            _ => {}
        }
    }
    child.wait()?;
    Ok(())
}
