//! `twerr run -- COMMAND`: run the call, read its failure as `twerr` reads a pasted one,
//! and act on the verdict: wait out the reset the API names, back off with jitter, or stop
//! at once and say why. Every wait is bounded (`--max-wait`), and so are the runs
//! (`--retries`); twerr's own lines go to stderr, the command's output passes through.

mod capture;
mod signals;

use super::{Ctx, Exit, Outcome};
use crate::catalog::Verdict;
use crate::cli::RunArgs;
use crate::diagnosis::{self, Diagnosis, ratelimit::human_duration};
use crate::evidence;
use crate::render;
use std::io::IsTerminal;
use std::process::ExitStatus;
use std::time::{Duration, Instant};

/// The longest backoff step, whatever `--backoff` and the doubling say.
const MAX_BACKOFF: Duration = Duration::from_secs(320);

pub(super) fn run(ctx: &mut Ctx, args: &RunArgs) -> Outcome {
    signals::install();
    let mut retried = 0u32;
    loop {
        let ran = match capture::run(&args.command, signals::set_child) {
            Ok(ran) => ran,
            Err(not_started) => {
                ctx.say(not_started.message)?;
                return Ok(Exit::Passed(not_started.exit));
            }
        };
        signals::set_child(0);
        let own = status_code(ran.status);
        if let Some(signal) = signals::interrupted() {
            return Ok(Exit::Passed(if own != 0 { own } else { signal }));
        }
        let options = diagnosis::Options {
            now: ctx.plan.now,
            summary_only: false,
        };
        let d = diagnosis::diagnose(&evidence::extract(&ran.text), options);
        if !d.explained() || d.retry.verdict == Verdict::NotNeeded {
            return Ok(Exit::Passed(own));
        }
        match next_step(&d, args, retried) {
            Next::Again { wait, what } => {
                retried += 1;
                let line = format!(
                    "{}: {what}, then running it again (retry {retried} of {})",
                    what_failed(&d),
                    args.retries
                );
                if let Some(signal) = wait_for(ctx, args.quiet, &line, wait)? {
                    return Ok(Exit::Passed(signal));
                }
            }
            Next::Stop(why) => {
                stop(ctx, args, &d, &why)?;
                return Ok(if own != 0 {
                    Exit::Passed(own)
                } else {
                    Exit::of_verdict(d.retry.verdict)
                });
            }
        }
    }
}

/// What to do after a failed run.
enum Next {
    /// Wait this long, then run again; `what` says why, for people.
    Again { wait: Duration, what: String },
    /// Run no more, because of this.
    Stop(String),
}

/// The step the verdict asks for, within the bounds: `retried` runs have been retried.
fn next_step(d: &Diagnosis, args: &RunArgs, retried: u32) -> Next {
    let verdict = d.retry.verdict;
    if verdict == Verdict::DoNotRetry {
        return Next::Stop(
            "not run again: it would fail the same way (fix the cause first)".into(),
        );
    }
    if retried >= args.retries {
        return Next::Stop(format!(
            "still failing after {retried} {}: not run again (--retries {})",
            if retried == 1 { "retry" } else { "retries" },
            args.retries
        ));
    }
    let max = args.max_wait;
    match verdict {
        Verdict::WaitForReset => match d.retry.wait_seconds {
            None => Next::Stop("the output does not say when the limit resets: not waiting".into()),
            Some(s) if Duration::from_secs(s.max(0) as u64) > max => Next::Stop(format!(
                "the limit resets in {}, beyond --max-wait {}: not waiting",
                human_duration(s),
                human(max)
            )),
            // A reset is a whole second: one more, so the next call is not a moment early.
            Some(s) => Next::Again {
                wait: Duration::from_secs(s.max(0) as u64 + 1),
                what: format!(
                    "waiting {} for the rate limit to reset",
                    human_duration(s + 1)
                ),
            },
        },
        _ => {
            let base = args.backoff.unwrap_or_else(|| {
                Duration::from_secs(d.retry.wait_seconds.unwrap_or(5).max(1) as u64)
            });
            let step = backoff_step(base, retried);
            if step > max {
                return Next::Stop(format!(
                    "the next backoff step ({}) is beyond --max-wait {}: not run again",
                    human(step),
                    human(max)
                ));
            }
            Next::Again {
                wait: step,
                what: format!("backing off {}", human(step)),
            }
        }
    }
}

/// The wait before retry `retried + 1`: `base` doubled for each retry so far, capped at
/// [`MAX_BACKOFF`], then jittered into its upper half so that many clients failing at once
/// do not come back at once.
fn backoff_step(base: Duration, retried: u32) -> Duration {
    let doubled = base
        .saturating_mul(1u32 << retried.min(16))
        .min(MAX_BACKOFF);
    let half = doubled / 2;
    half + half.mul_f64(jitter())
}

/// A number in [0, 1) that differs from run to run (no seed to share between processes).
fn jitter() -> f64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut x = u64::from(nanos) ^ (u64::from(std::process::id()) << 32) | 1;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    (x % 1_000_000) as f64 / 1_000_000.0
}

/// Waits `wait`, saying why first; on a terminal a countdown, else a line a minute. Returns
/// the exit status for a signal that ended the wait.
fn wait_for(ctx: &mut Ctx, quiet: bool, line: &str, wait: Duration) -> std::io::Result<Option<u8>> {
    if !quiet {
        ctx.say(line)?;
    }
    let countdown = !quiet && std::io::stderr().is_terminal();
    let end = Instant::now() + wait;
    let mut shown = None;
    while let Some(left) = end.checked_duration_since(Instant::now()) {
        if let Some(signal) = signals::interrupted() {
            if countdown {
                write!(ctx.err, "\r\x1b[K")?;
            }
            return Ok(Some(signal));
        }
        let secs = left.as_secs();
        if shown != Some(secs) {
            shown = Some(secs);
            if countdown {
                write!(ctx.err, "\r\x1b[Ktwerr: {} left", human(left))?;
            } else if !quiet && secs > 0 && secs % 60 == 0 && left < wait {
                ctx.say(format_args!("{} left", human(left)))?;
            }
        }
        std::thread::sleep(left.min(Duration::from_millis(100)));
    }
    if countdown {
        write!(ctx.err, "\r\x1b[K")?;
    }
    Ok(None)
}

/// No more runs: the diagnosis in its short form on stderr (the JSON document with
/// `--json`), the report file when asked for, and why.
fn stop(ctx: &mut Ctx, args: &RunArgs, d: &Diagnosis, why: &str) -> std::io::Result<()> {
    if let Some(path) = &args.report {
        let mut doc = Vec::new();
        render::json::write(&mut doc, d)?;
        if let Err(e) = std::fs::write(path, doc) {
            let path = crate::util::sanitize::clean(&path.display().to_string());
            ctx.say(format_args!("cannot write the report to {path}: {e}"))?;
        }
    }
    if args.quiet {
        return Ok(());
    }
    if ctx.plan.json() && args.report.is_none() {
        render::json::write(ctx.err, d)?;
    } else {
        let mut short = Vec::new();
        render::human::short(&mut short, d)?;
        for line in String::from_utf8_lossy(&short).lines() {
            ctx.say(line)?;
        }
    }
    ctx.say(format_args!("{}: {why}", what_failed(d)))
}

/// What failed, in a few words: `HTTP 429, code 88 (Rate limit exceeded)`.
fn what_failed(d: &Diagnosis) -> String {
    let mut parts = Vec::new();
    if let Some(s) = &d.status {
        parts.push(format!("HTTP {}", s.code));
    }
    if let Some(e) = d.errors.first() {
        let id = match (e.code, &e.problem) {
            (Some(c), _) => format!("code {c}"),
            (None, Some(p)) => format!("problem {}", p.name),
            _ => "error".to_string(),
        };
        parts.push(format!("{id} ({})", e.message));
    }
    parts.join(", ")
}

/// The status a shell would give the command's end: its code, or 128 plus the signal.
fn status_code(status: ExitStatus) -> u8 {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => u8::try_from(code).unwrap_or(1),
        (None, Some(signal)) => signals::status_of_signal(signal),
        (None, None) => 1,
    }
}

/// A duration for people: `2s`, `1m 30s`, `250ms`.
fn human(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{}ms", d.as_millis())
    } else {
        human_duration(i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_within_its_jitter_and_its_cap() {
        let base = Duration::from_secs(4);
        for retried in 0..3 {
            let step = backoff_step(base, retried);
            let full = base * (1 << retried);
            assert!(step >= full / 2 && step <= full, "{step:?} for {full:?}");
        }
        assert!(backoff_step(base, 30) <= MAX_BACKOFF);
    }

    #[test]
    fn durations_read_as_people_write_them() {
        let parse = crate::cli::parse_duration;
        assert_eq!(parse("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse("1h30m"), Ok(Duration::from_secs(5400)));
        assert!(parse("soon").is_err() && parse("").is_err() && parse("5x").is_err());
    }
}
