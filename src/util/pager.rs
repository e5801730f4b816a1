//! Long output on a terminal goes through a pager, as git does: `$TWERR_PAGER`, else
//! `$PAGER`, else `less`, run by the shell, with `LESS=FRX` when LESS is unset, so that
//! colour passes, the screen is not cleared, and output that fits on one screen is printed
//! as if no pager ran. `--no-pager`, an empty value or `cat` print straight to the
//! terminal. A pager that cannot run or fails never loses the output: it is then printed
//! directly, with a note saying why.

use std::io::{self, IsTerminal, Write};
use std::process::{Command, Stdio};

/// The pager to run, when stdout is a terminal and one is wanted.
pub fn wanted(no_pager: bool) -> Option<String> {
    if no_pager || !io::stdout().is_terminal() {
        return None;
    }
    let pager = std::env::var("TWERR_PAGER")
        .or_else(|_| std::env::var("PAGER"))
        .unwrap_or_else(|_| "less".to_string());
    let pager = pager.trim();
    (!pager.is_empty() && pager != "cat").then(|| pager.to_string())
}

/// What became of the pager, when it did not show the text: the reason, for a note.
pub type Failure = Option<String>;

/// Shows `text` through `pager` when it is longer than the terminal is high; else writes it
/// to `out`. When the pager cannot be started or exits with a failure (a command not found:
/// the shell's 127), the text is written to `out` as well, and the reason returned.
pub fn show(pager: &str, text: &[u8], out: &mut dyn Write) -> io::Result<Failure> {
    // A terminal that gives no size (0 rows) is not paged: its height is unknown.
    let height = terminal_size::terminal_size()
        .map(|(_, h)| usize::from(h.0))
        .filter(|&h| h > 0)
        .unwrap_or(usize::MAX);
    let lines = memchr::memchr_iter(b'\n', text).count();
    if lines < height {
        return out.write_all(text).map(|()| None);
    }
    if let Some(program) = missing_program(pager) {
        out.write_all(text)?;
        return Ok(Some(format!(
            "the pager `{}` was not found; the output is printed here instead",
            crate::util::sanitize::clean(program)
        )));
    }
    let mut command = Command::new("sh");
    command.args(["-c", pager]).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            out.write_all(text)?;
            return Ok(Some(format!("the pager could not be started ({e})")));
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit before the end (`q` in less): that is no error.
        match stdin.write_all(text) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e),
            _ => {}
        }
    }
    let status = child.wait()?;
    if status.success() {
        return Ok(None);
    }
    out.write_all(text)?;
    let how = match status.code() {
        Some(127) => "was not found (exit 127)".to_string(),
        Some(code) => format!("failed (exit {code})"),
        None => "was stopped by a signal".to_string(),
    };
    Ok(Some(format!(
        "the pager {how}; the output is printed here instead"
    )))
}

/// The program a pager command names, when it is neither a file nor on `PATH`: the shell
/// would only say `sh: 1: NAME: not found` beside twerr's own note. A command whose first
/// word is an assignment, a path the shell resolves or a shell word is left to the shell.
fn missing_program(pager: &str) -> Option<&str> {
    let program = pager.split_whitespace().next()?;
    if program.contains('=') || program.contains(['$', '`', '(', '\'', '"']) {
        return None;
    }
    if program.contains('/') {
        return (!std::path::Path::new(program).exists()).then_some(program);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = std::env::split_paths(&path).any(|dir| dir.join(program).is_file());
    let builtin = ["exec", "command", "env", "eval"].contains(&program);
    (!found && !builtin).then_some(program)
}

#[cfg(test)]
mod tests {
    use super::missing_program;

    #[test]
    fn a_pager_not_on_path_is_told_before_the_shell_runs() {
        assert_eq!(missing_program("nopager-here -R"), Some("nopager-here"));
        assert_eq!(missing_program("/no/such/pager"), Some("/no/such/pager"));
        assert_eq!(missing_program("sh -c cat"), None);
        assert_eq!(missing_program("LESS=R less"), None);
        assert_eq!(missing_program("$HOME/bin/pager"), None);
    }
}
