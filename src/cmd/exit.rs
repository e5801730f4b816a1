//! Exit statuses and the errors that end a run, each written once: the statuses are a
//! contract scripts rely on (README's "Exit status"), and every error is said through one
//! `twerr:` prefix.

use crate::catalog::Verdict;
use std::fmt;
use std::io;

/// How the binary exits (see `twerr --help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Something was recognised, or a listing found entries.
    Ok,
    /// Nothing in the input could be recognised, or a listing found nothing.
    NothingRecognised,
    /// A usage error: a bad flag or value, an unreadable input, nothing to read.
    Usage,
    /// With `--exit-verdict`: do not resend the request unchanged.
    DoNotRetry,
    /// With `--exit-verdict`: wait for the rate-limit window to reset.
    WaitForReset,
    /// With `--exit-verdict`: retry with exponential backoff.
    Backoff,
    /// The output could not be written (a full disk, `/dev/full`); a closed pipe is not
    /// an error.
    OutputFailed,
    /// `twerr run`: the command's own status, or what a shell says for it (126 and 127
    /// when it cannot be started, 128 plus the signal that ended it or the wait).
    Passed(u8),
}

impl Exit {
    /// The status `--exit-verdict` gives a verdict (not-needed is success).
    pub fn of_verdict(verdict: Verdict) -> Exit {
        match verdict {
            Verdict::NotNeeded => Exit::Ok,
            Verdict::DoNotRetry => Exit::DoNotRetry,
            Verdict::WaitForReset => Exit::WaitForReset,
            Verdict::Backoff => Exit::Backoff,
        }
    }

    pub fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::NothingRecognised => 1,
            Exit::Usage => 2,
            Exit::DoNotRetry => 3,
            Exit::WaitForReset => 4,
            Exit::Backoff => 5,
            Exit::OutputFailed => 6,
            Exit::Passed(code) => code,
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}

/// Why a run stopped early. The message of a [`Error::Usage`] is said on stderr once, by
/// [`Error::exit`]'s caller, with the `twerr:` prefix; its text is already safe to print.
#[derive(Debug)]
pub enum Error {
    /// The output (or stderr) could not be written.
    Output(io::Error),
    /// The command line asks for what cannot be done, or an input cannot be read.
    Usage(String),
}

impl Error {
    pub fn exit(&self) -> Exit {
        match self {
            Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Ok,
            Error::Output(_) => Exit::OutputFailed,
            Error::Usage(_) => Exit::Usage,
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Output(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Output(e) => write!(f, "cannot write the output: {e}"),
            Error::Usage(message) => f.write_str(message),
        }
    }
}

/// What a handler gives back: how to exit, or why it stopped.
pub type Outcome = Result<Exit, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_the_documented_numbers() {
        let all = [
            (Exit::Ok, 0),
            (Exit::NothingRecognised, 1),
            (Exit::Usage, 2),
            (Exit::DoNotRetry, 3),
            (Exit::WaitForReset, 4),
            (Exit::Backoff, 5),
            (Exit::OutputFailed, 6),
        ];
        for (exit, code) in all {
            assert_eq!(exit.code(), code, "{exit:?}");
        }
    }

    #[test]
    fn verdicts_map_to_their_statuses() {
        assert_eq!(Exit::of_verdict(Verdict::NotNeeded), Exit::Ok);
        assert_eq!(Exit::of_verdict(Verdict::DoNotRetry), Exit::DoNotRetry);
        assert_eq!(Exit::of_verdict(Verdict::WaitForReset), Exit::WaitForReset);
        assert_eq!(Exit::of_verdict(Verdict::Backoff), Exit::Backoff);
    }

    #[test]
    fn a_closed_pipe_is_no_failure() {
        let closed = Error::Output(io::Error::from(io::ErrorKind::BrokenPipe));
        assert_eq!(closed.exit(), Exit::Ok);
        let full = Error::Output(io::Error::other("No space left on device"));
        assert_eq!(full.exit(), Exit::OutputFailed);
        assert_eq!(Error::Usage("x".into()).exit(), Exit::Usage);
    }
}
