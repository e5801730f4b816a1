//! The arguments of `twerr run` and `twerr decide`: the retry policy's bounds, written
//! once for both, and what each adds.

use super::parse_duration;
use clap::{Args, ValueHint};
use std::path::PathBuf;

/// `twerr run --help`: the rules its waits follow, with their sources, and its output.
pub(super) const RUN_HELP: &str = "\
Stdin is read once and given to every attempt; stdout gets only the output of the
attempt twerr returns (held until it ends); twerr's own lines go to stderr.

Waits, as X documents them:
  retry-after header      a floor: at least that long (RFC 9110, section 10.2.3)
  a reset in the output   until x-rate-limit-reset + 1s, from the answer's date
  a reset already passed  once at once, then 60s      (docs.x.com/x-api/fundamentals/rate-limits)
  a 429 with no reset     60s
  an HTTP error (5xx)     5s doubling to 320s, plus up to a quarter at random
  a stream's 420/429      60s doubling; an operational disconnect: at once
                          (docs.x.com/x-api/fundamentals/handling-disconnections)
  do-not-retry            never (187, 401, most 403s, a 409 stream with no rules, ...)
A write (POST, PUT, PATCH, DELETE) is resent after a rate limit, but after a 5xx, a
timeout or a cut connection only with --retry-writes.

--json prints one document on stdout when the run ends:
  {\"attempts\": [{\"started\", \"exit\", \"status\", \"code\", \"type\", \"verdict\",
                 \"rule\", \"waited_seconds\", \"why\"}, ...],
   \"final\": <the last diagnosis, as twerr --json>, \"exit\": N}

Exit status: the command's own; 3, 4, 5 (the verdict) when it exited 0 on an error not
retried away; 124 when --deadline ended it; 126, 127 when it cannot be started; 128 plus
the signal when one ended a wait.

Examples:
  echo \"$json\" | twerr run -- curl -s --data-binary @- URL
  twerr run --json --output answer.json -- curl -si URL
  twerr run --dry-run -- curl -si -X POST https://api.x.com/2/tweets";

/// The retry policy's bounds and choices, shared by `twerr run` and `twerr decide`.
#[derive(Debug, Args)]
pub struct PolicyArgs {
    /// Run the command again at most N times
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub retries: u32,
    /// Wait at most this long before a run (for a reset or a backoff step): 90s, 15m, 1h
    #[arg(long, value_name = "DURATION", default_value = "15m", value_parser = parse_duration)]
    pub max_wait: std::time::Duration,
    /// The first backoff step of an HTTP error (doubling after each failure), instead of
    /// X's 5s; a retry-after header is a floor all the same
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub backoff: Option<std::time::Duration>,
    /// Bound the whole run, waits included: a wait that would pass it is not waited, and
    /// a command still running then is stopped (exit status 124)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub deadline: Option<std::time::Duration>,
    /// Retry only these verdicts: wait-for-reset, backoff (both by default)
    #[arg(long, value_name = "VERDICT,...", value_delimiter = ',', value_parser = parse_retry_verdict, default_value = "wait-for-reset,backoff")]
    pub retry_on: Vec<crate::catalog::Verdict>,
    /// Resend a write (POST, PUT, PATCH, DELETE) after a 5xx, a timeout or a cut
    /// connection, which may have carried it out (a rate limit is always resent)
    #[arg(long)]
    pub retry_writes: bool,
    /// Wait backoff steps exactly, with no random addition
    #[arg(long)]
    pub no_jitter: bool,
}

impl PolicyArgs {
    /// The policy these flags set.
    pub fn policy(&self) -> crate::policy::Policy {
        crate::policy::Policy {
            retries: self.retries,
            max_wait: self.max_wait,
            first_backoff: self.backoff,
            retry_on: self.retry_on.clone(),
            jitter: !self.no_jitter,
            retry_writes: self.retry_writes,
            deadline: self.deadline,
        }
    }
}

/// `twerr run`: the bounds of the retry loop, and the command.
#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Write the diagnosis of a failure that was not retried away to PATH, as JSON
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub report: Option<PathBuf>,
    /// Write the answer (the stdout of the attempt twerr returns) to FILE, not stdout
    #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,
    /// A command still running after this long (a stream consumer) passes its output
    /// through as it comes, and is not run again once it has begun
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    pub live_after: std::time::Duration,
    /// Print what would be retried and how long each wait would be, without running
    /// the command
    #[arg(long)]
    pub dry_run: bool,
    /// Say nothing of twerr's own on stderr (the command's output still passes through)
    #[arg(short, long)]
    pub quiet: bool,
    /// The command and its arguments (after `--` when they start with `-`)
    #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true, value_name = "COMMAND", value_hint = ValueHint::CommandWithArguments)]
    pub command: Vec<std::ffi::OsString>,
}

/// `twerr decide`: one step of the retry policy, for a program that makes its own calls
/// (the Python package's `twerr.retry`).
#[derive(Debug, Args)]
pub struct DecideArgs {
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// What the earlier steps left (the `history` of the last decision's JSON)
    #[arg(long, value_name = "JSON")]
    pub history: Option<String>,
    /// How long the calls and waits so far took (for --deadline)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub elapsed: Option<std::time::Duration>,
    /// The call is a write (POST, PUT, PATCH, DELETE), whatever the text shows
    #[arg(long)]
    pub write: bool,
    /// The call opens a stream, whatever the text shows
    #[arg(long)]
    pub stream: bool,
    /// The call got no answer: the connection was refused, timed out or was cut
    #[arg(long, value_name = "HOW", value_parser = parse_transport)]
    pub no_answer: Option<crate::policy::Transport>,
    /// The failed answer (status line, headers, body, or a traceback); `-` or nothing
    /// reads stdin
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,
}

/// How a call got no answer, by its name in [`crate::policy::Transport`].
pub fn parse_transport(text: &str) -> Result<crate::policy::Transport, String> {
    use crate::policy::Transport;
    Transport::from_key(text.trim()).ok_or_else(|| {
        format!(
            "`{text}` is no way to fail (one of {})",
            Transport::keys().join(", ")
        )
    })
}

/// A verdict `--retry-on` may name: one that asks for a retry.
pub fn parse_retry_verdict(text: &str) -> Result<crate::catalog::Verdict, String> {
    use crate::catalog::Verdict;
    let retried = [Verdict::WaitForReset, Verdict::Backoff];
    Verdict::from_key(text.trim())
        .filter(|v| retried.contains(v))
        .ok_or_else(|| {
            let keys: Vec<&str> = retried.iter().map(|v| v.key()).collect();
            format!(
                "`{text}` is no verdict to retry (one of {})",
                keys.join(", ")
            )
        })
}
