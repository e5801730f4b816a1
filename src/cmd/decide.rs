//! `twerr decide`: one step of the retry policy for a program that makes its own calls.
//! It reads the failure as `twerr` reads a piped response, puts it to
//! [`crate::policy`] with the history the last step returned, and prints the decision:
//! the same rules as `twerr run`, so a wrapper in another language (the Python package's
//! `twerr.retry`) keeps no second copy of them.

use super::{Ctx, Error, Exit, Outcome};
use crate::cli::DecideArgs;
use crate::diagnosis::{self, Diagnosis};
use crate::evidence;
use crate::input;
use crate::policy::{Call, Decision, Failure, History, human, random};
use crate::util::sanitize::clean;
use serde::Serialize;

/// The decision, as `--json` prints it.
#[derive(Serialize)]
struct Decided<'a> {
    /// `again` or `stop`.
    decision: &'static str,
    /// How long to wait before the next call, for `again`.
    wait_seconds: Option<f64>,
    /// The documented rule that set the wait.
    rule: Option<&'static str>,
    /// Where that rule is documented.
    source: Option<&'static str>,
    /// Why, for people.
    why: String,
    /// What to pass as `--history` on the next step.
    history: &'a History,
    /// The exit status `twerr run` would give a command that exited 0 on this failure.
    exit: u8,
    /// The failure's diagnosis, as `twerr --json` gives it.
    diagnosis: &'a Diagnosis,
}

pub(super) fn run(ctx: &mut Ctx, args: &DecideArgs) -> Outcome {
    let mut history: History = match &args.history {
        Some(json) => serde_json::from_str(json)
            .map_err(|e| Error::Usage(format!("--history is not a history: {e}")))?,
        None => History::default(),
    };
    history.elapsed = args.elapsed.unwrap_or_default();
    let text = read(args)?;
    let options = diagnosis::Options {
        now: ctx.plan.now,
        summary_only: false,
    };
    let d = diagnosis::diagnose(&evidence::extract(&text), options);
    let given = Call {
        write: args.write,
        stream: args.stream,
    };
    let call = given.with_request(&d);
    let failure = match args.no_answer {
        Some(t) => Failure::Transport(t),
        None => Failure::Answer(&d),
    };
    let policy = args.policy.policy();
    let decision = policy.decide(call, failure, &mut history, random);
    let (decision_name, wait, why) = match &decision {
        Decision::Again(w) => ("again", Some(w), w.what.clone()),
        Decision::Stop(why) => ("stop", None, why.clone()),
    };
    let decided = Decided {
        decision: decision_name,
        wait_seconds: wait.map(|w| w.duration.as_secs_f64()),
        rule: wait.map(|w| w.rule.key()),
        source: wait.map(|w| w.rule.source()),
        why,
        history: &history,
        exit: Exit::of_verdict(failure.verdict()).code(),
        diagnosis: &d,
    };
    if ctx.plan.json() {
        crate::render::json::write(ctx.out, &decided)?;
    } else {
        match &decision {
            Decision::Again(w) => writeln!(ctx.out, "again {}: {}", human(w.duration), w.what)?,
            Decision::Stop(why) => writeln!(ctx.out, "stop: {why}")?,
        }
    }
    Ok(Exit::Ok)
}

/// The failure's text: the file named, or stdin.
fn read(args: &DecideArgs) -> Result<String, Error> {
    let read = match args.file.as_ref().filter(|p| p.as_os_str() != "-") {
        Some(path) => input::read_file(path).map_err(|e| {
            Error::Usage(format!(
                "cannot read {}: {e}",
                clean(&path.display().to_string())
            ))
        })?,
        None => input::read_stdin().map_err(|e| Error::Usage(format!("cannot read stdin: {e}")))?,
    };
    Ok(read.text)
}
