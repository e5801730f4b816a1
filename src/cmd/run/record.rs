//! What `twerr run` tells of its attempts: the `--json` document (`attempts`, `final`,
//! `exit`), the few words that name a failure, and `--dry-run`, which puts sample answers
//! to the same policy the run asks, so what it prints is what a run would do.

use super::super::{Ctx, Exit, Outcome};
use super::capture::Ran;
use crate::catalog::Verdict;
use crate::cli::RunArgs;
use crate::diagnosis::{self, Diagnosis};
use crate::policy::{Call, Decision, Failure, History, Policy, Rule, human};
use crate::util::sanitize::clean;
use serde::Serialize;
use std::time::Duration;

/// One attempt, as `--json` lists it.
#[derive(Debug, Serialize)]
pub(super) struct Attempt {
    /// When it started (RFC 3339, UTC).
    started: String,
    /// The command's exit status.
    exit: u8,
    /// The HTTP status of its answer, if it showed one.
    status: Option<u16>,
    /// The first error's code or problem type.
    code: Option<u64>,
    #[serde(rename = "type")]
    type_uri: Option<String>,
    verdict: Verdict,
    /// The documented rule that set the wait after it.
    pub rule: Option<Rule>,
    /// Seconds waited after it.
    #[serde(rename = "waited_seconds", serialize_with = "seconds")]
    pub waited: Duration,
    /// Why it was run again, or why not.
    pub why: Option<String>,
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1000.0).round() / 1000.0)
}

impl Attempt {
    pub(super) fn of(ran: &Ran, exit: u8, d: &Diagnosis) -> Attempt {
        let started = jiff::Timestamp::try_from(ran.started)
            .map(|t| t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
            .unwrap_or_default();
        let first = d.errors.first();
        Attempt {
            started,
            exit,
            status: d.status.as_ref().map(|s| s.code),
            code: first.and_then(|e| e.code),
            type_uri: first.and_then(|e| e.type_uri.clone()),
            verdict: d.retry.verdict,
            rule: None,
            waited: Duration::ZERO,
            why: None,
        }
    }
}

/// Every attempt so far, and the last one's diagnosis.
#[derive(Default)]
pub(super) struct Record {
    attempts: Vec<Attempt>,
    last: Option<Diagnosis>,
    /// The run stopped on a failure that was not retried away.
    failed: bool,
}

impl Record {
    pub(super) fn push(&mut self, attempt: Attempt, d: Diagnosis) {
        self.attempts.push(attempt);
        self.last = Some(d);
    }

    /// The last attempt of a run that ends on a failure.
    pub(super) fn push_failed(&mut self, attempt: Attempt, d: Diagnosis) {
        self.push(attempt, d);
        self.failed = true;
    }

    /// The diagnosis of the failure the run ended on, if it ended on one.
    pub(super) fn failure(&self) -> Option<&Diagnosis> {
        self.last.as_ref().filter(|_| self.failed)
    }

    /// The `--json` document.
    pub(super) fn document(&self, exit: u8) -> serde_json::Value {
        serde_json::json!({
            "attempts": self.attempts,
            "final": self.last,
            "exit": exit,
        })
    }
}

/// What failed, in a few words: `HTTP 429, code 88 (Rate limit exceeded)`.
pub(super) fn what_failed(failure: Failure) -> String {
    let d = match failure {
        Failure::Answer(d) => d,
        Failure::Transport(_) => return "no answer".into(),
    };
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

/// Sample answers put to the policy by `--dry-run`: what they are, and their text.
const SAMPLES: &[(&str, &str)] = &[
    (
        "a 503 (an HTTP error)",
        "HTTP/1.1 503 Service Unavailable\n\n",
    ),
    (
        "a 503 with retry-after: 30",
        "HTTP/1.1 503 Service Unavailable\nretry-after: 30\n\n",
    ),
    (
        "a 429 whose reset is 90 s away",
        "HTTP/1.1 429 Too Many Requests\ndate: Wed, 25 Nov 2026 12:00:00 GMT\nx-rate-limit-remaining: 0\nx-rate-limit-reset: 1795608090\n\n",
    ),
    (
        "a 429 whose reset has passed",
        "HTTP/1.1 429 Too Many Requests\ndate: Wed, 25 Nov 2026 12:00:00 GMT\nx-rate-limit-remaining: 0\nx-rate-limit-reset: 1795607000\n\n",
    ),
    (
        "a 429 with no reset header",
        "HTTP/1.1 429 Too Many Requests\n\n",
    ),
    (
        "a 403 code 187 (do-not-retry)",
        "HTTP/1.1 403 Forbidden\n\n{\"errors\":[{\"code\":187,\"message\":\"Status is a duplicate.\"}]}",
    ),
];

/// `--dry-run`: the call as the command line shows it, the bounds, and what each sample
/// answer would lead to, attempt by attempt; nothing is run.
pub(super) fn dry_run(ctx: &mut Ctx, args: &RunArgs, policy: &Policy, call: Call) -> Outcome {
    let command: Vec<String> = args
        .command
        .iter()
        .map(|w| clean(&w.to_string_lossy()))
        .collect();
    let plans: Vec<(&str, Vec<String>)> = SAMPLES
        .iter()
        .map(|(what, text)| (*what, plan_for(policy, call, text)))
        .collect();
    if ctx.plan.json() {
        let samples: Vec<serde_json::Value> = plans
            .iter()
            .map(|(what, steps)| serde_json::json!({ "answer": what, "steps": steps }))
            .collect();
        let doc = serde_json::json!({
            "command": command,
            "write": call.write,
            "stream": call.stream,
            "retries": policy.retries,
            "max_wait_seconds": policy.max_wait.as_secs_f64(),
            "deadline_seconds": policy.deadline.map(|d| d.as_secs_f64()),
            "retry_on": policy.retry_on,
            "retry_writes": policy.retry_writes,
            "jitter": policy.jitter,
            "samples": samples,
        });
        crate::render::json::write(ctx.out, &doc)?;
        return Ok(Exit::Ok);
    }
    let out = &mut *ctx.out;
    writeln!(out, "A dry run of `{}`: nothing is run.", command.join(" "))?;
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    writeln!(
        out,
        "The call, as the command line shows it: a write {}, a stream {}.",
        yes_no(call.write),
        yes_no(call.stream)
    )?;
    let retried: Vec<&str> = policy.retry_on.iter().map(|v| v.key()).collect();
    let deadline = policy.deadline.map_or("none".to_string(), human);
    writeln!(
        out,
        "Bounds: {} retries, each wait at most {}, deadline {}; retried verdicts: {}.",
        policy.retries,
        human(policy.max_wait),
        deadline,
        retried.join(", ")
    )?;
    for (what, steps) in &plans {
        writeln!(out, "After {what}:")?;
        for step in steps {
            writeln!(out, "  {step}")?;
        }
    }
    if policy.jitter {
        writeln!(
            out,
            "Backoff steps get up to a quarter more at random (--no-jitter: none)."
        )?;
    }
    Ok(Exit::Ok)
}

/// The steps `policy` takes when every attempt of `call` is answered with `text`.
fn plan_for(policy: &Policy, call: Call, text: &str) -> Vec<String> {
    let options = diagnosis::Options {
        now: None,
        summary_only: false,
    };
    let d = diagnosis::diagnose(&crate::evidence::extract(text), options);
    let call = call.with_request(&d);
    let mut history = History::default();
    let mut steps = Vec::new();
    loop {
        match policy.decide(call, Failure::Answer(&d), &mut history, || 0.0) {
            Decision::Again(wait) => {
                history.elapsed += wait.duration;
                steps.push(format!(
                    "retry {}: {} [{}: {}]",
                    history.retried,
                    wait.what,
                    wait.rule.key(),
                    wait.rule.source()
                ));
            }
            Decision::Stop(why) => {
                steps.push(why);
                return steps;
            }
        }
    }
}
