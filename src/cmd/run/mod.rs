//! `twerr run -- COMMAND`: make the call, read its failure as `twerr` reads a pasted one,
//! and act on the verdict through the library's [`crate::policy`]: wait out the reset the
//! API names, back off, or stop at once and say why.
//!
//! Pipelines keep working around it: stdin is read once and given to every attempt
//! ([`input`]); stdout gets exactly the output of the attempt twerr returns, held until it
//! ends ([`capture`]); twerr's own lines go to stderr on lines of their own; signals reach
//! the command ([`signals`]). Every wait is bounded (`--max-wait`, `--deadline`), and so are
//! the attempts (`--retries`).

mod call;
mod capture;
mod input;
mod record;
mod signals;

use super::{Ctx, Exit, Outcome};
use crate::catalog::Verdict;
use crate::cli::RunArgs;
use crate::diagnosis::{self, Diagnosis};
use crate::evidence;
use crate::policy::{Call, Decision, Failure, History, Policy, human, random};
use crate::render;
use capture::{NotStarted, Options, Output, Ran};
use input::Input;
use record::{Attempt, Record};
use std::io::IsTerminal;
use std::process::ExitStatus;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The exit status of a command that `--deadline` ended, as `timeout(1)` gives it.
const DEADLINE_EXIT: u8 = 124;

pub(super) fn run(ctx: &mut Ctx, args: &RunArgs) -> Outcome {
    let policy = args.policy.policy();
    let from_command = call::of_command(&args.command);
    if args.dry_run {
        return record::dry_run(ctx, args, &policy, from_command);
    }
    let output = match output_of(ctx, args) {
        Ok(output) => Arc::new(output),
        Err(message) => return Err(super::Error::Usage(message)),
    };
    signals::install();
    let stdin_is_terminal = std::io::stdin().is_terminal();
    let input = (!stdin_is_terminal).then(|| Input::start(std::io::stdin()));
    let began = Instant::now();
    let options = Options {
        input: input.as_ref(),
        own_group: !stdin_is_terminal,
        live_after: args.live_after,
        deadline: args.policy.deadline.map(|d| began + d),
        output: &output,
    };
    let mut runner = Runner {
        args,
        policy,
        from_command,
        history: History::default(),
        record: Record::default(),
        began,
    };
    let exit = runner.attempts(ctx, &options, input.as_ref())?;
    if ctx.plan.json() {
        render::json::write(ctx.out, &runner.record.document(exit))?;
    }
    Ok(Exit::Passed(exit))
}

/// Where the answer goes: `--output FILE`, nowhere with `--json` alone, else stdout.
fn output_of(ctx: &Ctx, args: &RunArgs) -> Result<Output, String> {
    if let Some(path) = &args.output {
        let file = std::fs::File::create(path).map_err(|e| {
            let path = crate::util::sanitize::clean(&path.display().to_string());
            format!("cannot write {path}: {e}")
        })?;
        return Ok(Output::new(Box::new(file), false));
    }
    if ctx.plan.json() {
        return Ok(Output::new(Box::new(std::io::sink()), false));
    }
    let shared = std::io::stdout().is_terminal() && std::io::stderr().is_terminal();
    Ok(Output::new(Box::new(std::io::stdout()), shared))
}

/// The retry loop's state.
struct Runner<'a> {
    args: &'a RunArgs,
    policy: Policy,
    from_command: Call,
    history: History,
    record: Record,
    began: Instant,
}

impl Runner<'_> {
    /// Runs the attempts; returns the exit status.
    fn attempts(
        &mut self,
        ctx: &mut Ctx,
        options: &Options,
        input: Option<&Input>,
    ) -> std::io::Result<u8> {
        loop {
            let ran = match capture::run(&self.args.command, options, |pid| {
                signals::set_child(pid, options.own_group)
            }) {
                Ok(ran) => ran,
                Err(NotStarted { message, exit }) => {
                    say(ctx, self.args.quiet, &message);
                    return Ok(exit);
                }
            };
            signals::set_child(0, false);
            match self.after(ctx, &ran, input)? {
                Some(exit) => {
                    if let Err(e) = ran.release(options.output) {
                        say(
                            ctx,
                            self.args.quiet,
                            &format!("cannot write the answer: {e}"),
                        );
                    }
                    self.finish(ctx)?;
                    return Ok(exit);
                }
                None => continue,
            }
        }
    }

    /// What follows attempt `ran`: the exit status when it is the last, or `None` after
    /// waiting for the next.
    fn after(
        &mut self,
        ctx: &mut Ctx,
        ran: &Ran,
        input: Option<&Input>,
    ) -> std::io::Result<Option<u8>> {
        let own = status_code(ran.status);
        let d = diagnose(ctx, ran);
        let mut attempt = Attempt::of(ran, own, &d);
        if ran.ended_at_deadline {
            attempt.why = Some(self.deadline_words());
            return Ok(Some(self.last(ctx, attempt, d, DEADLINE_EXIT)));
        }
        if let Some(signal) = signals::interrupted() {
            let exit = if own != 0 { own } else { signal };
            return Ok(Some(self.last(ctx, attempt, d, exit)));
        }
        let failure = match call::transport_failure(&self.args.command, own) {
            _ if d.explained() && d.retry.verdict != Verdict::NotNeeded => Failure::Answer(&d),
            Some(t) => Failure::Transport(t),
            None => {
                self.record.push(attempt, d.clone());
                return Ok(Some(own));
            }
        };
        let call = self.from_command.with_request(&d);
        self.history.elapsed = self.began.elapsed();
        let decision = match refusal(ran, input) {
            Some(why) => Decision::Stop(why),
            None => self.policy.decide(call, failure, &mut self.history, random),
        };
        match decision {
            Decision::Again(wait) => {
                let line = format!(
                    "{}: {}, then running it again (retry {} of {})",
                    record::what_failed(failure),
                    wait.what,
                    self.history.retried,
                    self.args.policy.retries
                );
                attempt.rule = Some(wait.rule);
                attempt.why = Some(wait.what.clone());
                let waiting = Instant::now();
                let signal = wait_for(ctx, self.args.quiet, &line, wait.duration);
                attempt.waited = waiting.elapsed();
                self.record.push(attempt, d.clone());
                Ok(signal)
            }
            Decision::Stop(why) => {
                let exit = if own != 0 {
                    own
                } else {
                    Exit::of_verdict(failure.verdict()).code()
                };
                self.stop(ctx, &d, failure, &why)?;
                attempt.why = Some(why);
                self.record.push_failed(attempt, d.clone());
                Ok(Some(exit))
            }
        }
    }

    /// The last attempt, ended by the deadline or a signal.
    fn last(&mut self, ctx: &mut Ctx, attempt: Attempt, d: Diagnosis, exit: u8) -> u8 {
        if let Some(why) = &attempt.why {
            say(ctx, self.args.quiet, why);
        }
        self.record.push(attempt, d);
        exit
    }

    fn deadline_words(&self) -> String {
        let deadline = self.args.policy.deadline.unwrap_or_default();
        format!(
            "the command was still running at --deadline {}: stopped",
            human(deadline)
        )
    }

    /// After the last attempt: the report file, when asked for.
    fn finish(&mut self, ctx: &mut Ctx) -> std::io::Result<()> {
        let (Some(path), Some(d)) = (&self.args.report, self.record.failure()) else {
            return Ok(());
        };
        let mut doc = Vec::new();
        render::json::write(&mut doc, d)?;
        if let Err(e) = std::fs::write(path, doc) {
            let path = crate::util::sanitize::clean(&path.display().to_string());
            say(
                ctx,
                false,
                &format!("cannot write the report to {path}: {e}"),
            );
        }
        Ok(())
    }

    /// No more attempts: the diagnosis in its short form on stderr, and why.
    fn stop(
        &self,
        ctx: &mut Ctx,
        d: &Diagnosis,
        failure: Failure,
        why: &str,
    ) -> std::io::Result<()> {
        if self.args.quiet {
            return Ok(());
        }
        if d.explained() {
            let mut short = Vec::new();
            render::human::short(&mut short, d)?;
            for line in String::from_utf8_lossy(&short).lines() {
                say(ctx, false, line);
            }
        }
        say(
            ctx,
            false,
            &format!("{}: {why}", record::what_failed(failure)),
        );
        Ok(())
    }
}

/// Why no attempt may follow `ran`, whatever the answer: its output has begun reaching
/// stdout, or its stdin was too long to give again.
fn refusal(ran: &Ran, input: Option<&Input>) -> Option<String> {
    if let Some(why) = &ran.hold_failed {
        return Some(format!("{why}, so it passed through: not run again"));
    }
    if ran.went_live {
        return Some("its output had begun (it ran past --live-after): not run again".into());
    }
    if input.is_some_and(|i| !i.replayable()) {
        let mib = input::MAX_REPLAY >> 20;
        return Some(format!(
            "its input is over {mib} MiB, too long to give it again: not run again"
        ));
    }
    None
}

/// The diagnosis of what the attempt printed. Output that is only a status (curl's
/// `-w '%{http_code}'` with the body sent elsewhere) is read as that status.
fn diagnose(ctx: &Ctx, ran: &Ran) -> Diagnosis {
    let options = diagnosis::Options {
        now: ctx.plan.now,
        summary_only: false,
    };
    let text = match status_alone(&ran.stdout) {
        Some(code) => format!("HTTP/1.1 {code}\n\n{}", ran.stderr),
        None => ran.text(),
    };
    diagnosis::diagnose(&evidence::extract(&text), options)
}

/// The status, when `stdout` is a status code alone.
fn status_alone(stdout: &str) -> Option<u16> {
    let t = stdout.trim();
    let code: u16 = t
        .parse()
        .ok()
        .filter(|_| t.len() == 3 && t.bytes().all(|b| b.is_ascii_digit()))?;
    (100..600).contains(&code).then_some(code)
}

/// Says `line` on stderr, on a line of its own, unless quiet.
fn say(ctx: &mut Ctx, quiet: bool, line: &str) {
    if quiet {
        return;
    }
    if capture::mid_line() {
        let _ = writeln!(ctx.err);
    }
    let _ = ctx.say(line);
}

/// Waits `wait`, saying why first; on a terminal a countdown, else a line a minute. Returns
/// the exit status for a signal that ended the wait.
fn wait_for(ctx: &mut Ctx, quiet: bool, line: &str, wait: Duration) -> Option<u8> {
    say(ctx, quiet, line);
    let countdown = !quiet && std::io::stderr().is_terminal();
    let end = Instant::now() + wait;
    let mut shown = None;
    let mut ended = None;
    while let Some(left) = end.checked_duration_since(Instant::now()) {
        if let Some(signal) = signals::interrupted() {
            ended = Some(signal);
            break;
        }
        let secs = left.as_secs();
        if shown != Some(secs) {
            shown = Some(secs);
            if countdown {
                let _ = write!(ctx.err, "\r\x1b[Ktwerr: {} left", human(left));
            } else if secs > 0 && secs % 60 == 0 && left < wait {
                say(ctx, quiet, &format!("{} left", human(left)));
            }
        }
        std::thread::sleep(left.min(Duration::from_millis(50)));
    }
    if countdown {
        let _ = write!(ctx.err, "\r\x1b[K");
    }
    ended.or_else(signals::interrupted)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_alone_is_three_digits_of_a_status() {
        assert_eq!(status_alone("503"), Some(503));
        assert_eq!(status_alone("429\n"), Some(429));
        assert_eq!(status_alone("200"), Some(200));
        assert_eq!(status_alone("0503"), None);
        assert_eq!(status_alone("999"), None);
        assert_eq!(status_alone("503 503"), None);
        assert_eq!(status_alone("{\"a\":503}"), None);
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
