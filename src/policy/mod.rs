//! The retry policy: after a failed call, whether to make it again and how long to wait
//! first. `twerr run` asks it after every attempt; any program built on the library can
//! ask it the same way, so there is one place that decides.
//!
//! Every wait follows a rule that X documents, and [`Rule::source`] names where:
//! - a `retry-after` header is a floor (RFC 9110, section 10.2.3): jitter only adds to it;
//! - a rate limit waits until `x-rate-limit-reset` (or a 24-hour cap's reset), measured
//!   from the response's `date` where it has one (X's rate-limits page);
//! - a 429 with no reset to wait for waits at least 60 seconds, as the rate-limits page's
//!   own example does (`max(reset - now, 60)`); a reset that has already passed gets one
//!   retry at once (the window has rolled over), then that 60-second floor;
//! - HTTP errors back off from 5 seconds, doubling to 320 seconds; a stream's 420 or 429
//!   from one minute, doubling; an operational disconnect reconnects at once (X's
//!   handling-disconnections page);
//! - a write (POST, PUT, PATCH, DELETE) that may have been carried out (a 5xx, a timeout,
//!   a cut connection) is not resent unless the caller allows it: a rate limit refused it
//!   before it was processed, a server error may not have.

use crate::catalog::Verdict;
use crate::diagnosis::Diagnosis;
use crate::diagnosis::ratelimit::human_duration;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Where the policy's rules are documented.
pub mod sources {
    /// X's rate-limits page: the reset headers and the 60-second example.
    pub const RATE_LIMITS: &str = "https://docs.x.com/x-api/fundamentals/rate-limits";
    /// X's handling-disconnections page: backoff for HTTP errors, stream limits and
    /// operational disconnects.
    pub const DISCONNECTIONS: &str =
        "https://docs.x.com/x-api/fundamentals/handling-disconnections";
    /// RFC 9110's Retry-After: the least time to wait.
    pub const RETRY_AFTER: &str = "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3";
}

/// The longest step of the HTTP-error backoff (X: 5 s doubling, up to 320 s).
pub const MAX_HTTP_BACKOFF: Duration = Duration::from_secs(320);
/// The first step of the HTTP-error backoff.
pub const FIRST_HTTP_BACKOFF: Duration = Duration::from_secs(5);
/// The first step of a stream's rate-limit backoff (X: start at one minute, double).
pub const FIRST_STREAM_BACKOFF: Duration = Duration::from_secs(60);
/// The longest step of a stream's rate-limit backoff.
pub const MAX_STREAM_BACKOFF: Duration = Duration::from_secs(960);
/// The least wait for a rate limit whose reset is unknown or has passed.
pub const RATE_LIMIT_FLOOR: Duration = Duration::from_secs(60);

/// The bounds and choices a caller sets.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Further attempts at most.
    pub retries: u32,
    /// The longest single wait.
    pub max_wait: Duration,
    /// The first HTTP-error backoff step, instead of X's 5 seconds.
    pub first_backoff: Option<Duration>,
    /// The verdicts that are retried (of `wait-for-reset` and `backoff`).
    pub retry_on: Vec<Verdict>,
    /// Whether backoff steps get a random addition (never a cut).
    pub jitter: bool,
    /// Whether a write that may have been carried out is resent.
    pub retry_writes: bool,
    /// The longest the whole run may take, waits included.
    pub deadline: Option<Duration>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            retries: 3,
            max_wait: Duration::from_secs(15 * 60),
            first_backoff: None,
            retry_on: vec![Verdict::WaitForReset, Verdict::Backoff],
            jitter: true,
            retry_writes: false,
            deadline: None,
        }
    }
}

/// What is known of the call besides its answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Call {
    /// The request changes something (POST, PUT, PATCH, DELETE).
    pub write: bool,
    /// The request opens a stream (a path ending in `/stream`).
    pub stream: bool,
}

impl Call {
    /// `self` with what the diagnosis shows of the request added.
    pub fn with_request(self, d: &Diagnosis) -> Call {
        let Some(request) = &d.request else {
            return self;
        };
        let method = request.method.as_deref().unwrap_or("");
        let write = ["POST", "PUT", "PATCH", "DELETE"]
            .iter()
            .any(|m| m.eq_ignore_ascii_case(method));
        let stream = request.path.as_deref().is_some_and(is_stream_path);
        Call {
            write: self.write || write,
            stream: self.stream || stream,
        }
    }
}

/// Whether a path (no host, perhaps a query) is a streaming endpoint's: its last segment
/// is `stream` (`/2/tweets/search/stream`, not `.../stream/rules`).
pub fn is_stream_path(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.trim_end_matches('/').rsplit('/').next() == Some("stream")
}

crate::catalog::sets::named_set! {
    /// How an attempt failed when no HTTP answer explains it.
    pub enum Transport {
        /// No connection was made: nothing was sent.
        Refused = "refused",
        /// The call timed out: it may have been carried out.
        TimedOut = "timed-out",
        /// The connection was cut before the answer ended: it may have been carried out.
        Cut = "cut",
    }
}

impl Transport {
    fn words(self) -> &'static str {
        match self {
            Transport::Refused => "the connection failed",
            Transport::TimedOut => "the call timed out",
            Transport::Cut => "the connection was cut",
        }
    }
}

/// What a failed attempt gave.
#[derive(Debug, Clone, Copy)]
pub enum Failure<'a> {
    /// An answer the diagnosis explains.
    Answer(&'a Diagnosis),
    /// No answer: the connection failed.
    Transport(Transport),
}

impl Failure<'_> {
    /// The verdict it asks for: the diagnosis's, or backoff for no answer.
    pub fn verdict(self) -> Verdict {
        match self {
            Failure::Answer(d) => d.retry.verdict,
            Failure::Transport(_) => Verdict::Backoff,
        }
    }
}

crate::catalog::sets::named_set! {
    /// Which documented rule set a wait.
    pub enum Rule {
        /// The answer's `retry-after`.
        RetryAfter = "retry-after",
        /// Until the rate limit's reset.
        Reset = "reset",
        /// The reset has passed: once at once.
        ResetPassed = "reset-passed",
        /// A rate limit with no reset to wait for: the 60-second floor.
        NoReset = "no-reset",
        /// HTTP errors: 5 s doubling to 320 s.
        HttpError = "http-error",
        /// A stream's 420 or 429: one minute, doubling.
        StreamLimit = "stream-limit",
        /// An operational disconnect: reconnect at once.
        Reconnect = "reconnect",
        /// No answer (a timeout, a cut or refused connection): as HTTP errors.
        Connection = "connection",
    }
}

impl Rule {
    /// Where the rule is documented.
    pub fn source(self) -> &'static str {
        match self {
            Rule::RetryAfter => sources::RETRY_AFTER,
            Rule::Reset | Rule::ResetPassed | Rule::NoReset => sources::RATE_LIMITS,
            Rule::HttpError | Rule::StreamLimit | Rule::Reconnect | Rule::Connection => {
                sources::DISCONNECTIONS
            }
        }
    }
}

/// What was tried so far: the policy's memory between attempts. Serialised, it is what a
/// caller that keeps no memory of its own (`twerr decide`) hands back on the next step.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct History {
    /// Attempts made again so far.
    pub retried: u32,
    /// The whole run so far, waits included (the caller keeps it).
    #[serde(skip)]
    pub elapsed: Duration,
    backoffs: u32,
    stream_limits: u32,
    passed_resets: u32,
    reconnects: u32,
}

impl History {
    fn record(&mut self, rule: Rule) {
        self.retried += 1;
        match rule {
            Rule::HttpError | Rule::Connection | Rule::RetryAfter => self.backoffs += 1,
            Rule::StreamLimit => self.stream_limits += 1,
            Rule::ResetPassed | Rule::NoReset => self.passed_resets += 1,
            Rule::Reconnect => self.reconnects += 1,
            Rule::Reset => {}
        }
    }
}

/// Wait this long, then make the call again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wait {
    pub duration: Duration,
    pub rule: Rule,
    /// Why, for people: `waiting 4m 1s for the rate limit to reset`.
    pub what: String,
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Again(Wait),
    /// Make it no more, for this reason (for people).
    Stop(String),
}

impl Policy {
    /// The step after `failure` of `call`; an [`Decision::Again`] is recorded in `history`.
    /// `random` gives a number in [0, 1) for the jitter.
    pub fn decide(
        &self,
        call: Call,
        failure: Failure,
        history: &mut History,
        random: impl FnOnce() -> f64,
    ) -> Decision {
        if let Some(why) = self.refusal(call, failure, history) {
            return Decision::Stop(why);
        }
        let wait = self.wait(call, failure, history, random);
        if let Some(why) = self.beyond_bounds(&wait, history) {
            return Decision::Stop(why);
        }
        history.record(wait.rule);
        Decision::Again(wait)
    }

    /// Why no attempt may follow, whatever it would wait.
    fn refusal(&self, call: Call, failure: Failure, history: &History) -> Option<String> {
        let verdict = failure.verdict();
        match verdict {
            Verdict::DoNotRetry => {
                return Some(
                    "not run again: it would fail the same way (fix the cause first)".into(),
                );
            }
            Verdict::NotNeeded => return Some("nothing to run again for".into()),
            _ => {}
        }
        if !self.retry_on.contains(&verdict) {
            return Some(format!(
                "not run again: {} is not among --retry-on's verdicts",
                verdict.key()
            ));
        }
        if call.write && !self.retry_writes && may_have_landed(failure) {
            return Some(format!(
                "not resent: it is a write and {}, so it may have been carried out; check whether it took effect (did the post land?) before running it again, or pass --retry-writes",
                what_happened(failure)
            ));
        }
        if history.retried >= self.retries {
            let retries = if history.retried == 1 {
                "retry"
            } else {
                "retries"
            };
            return Some(format!(
                "still failing after {} {retries}: not run again (--retries {})",
                history.retried, self.retries
            ));
        }
        None
    }

    /// Why `wait` is not waited: past `--max-wait` or the deadline.
    fn beyond_bounds(&self, wait: &Wait, history: &History) -> Option<String> {
        if wait.duration > self.max_wait {
            let (what, then) = match wait.rule {
                Rule::Reset => ("the limit resets in", "not waiting"),
                Rule::HttpError | Rule::StreamLimit | Rule::Connection => {
                    ("the next backoff step is", "not run again")
                }
                _ => ("the next wait is", "not run again"),
            };
            return Some(format!(
                "{what} {}, beyond --max-wait {}: {then}",
                human(wait.duration),
                human(self.max_wait)
            ));
        }
        let deadline = self.deadline?;
        (history.elapsed + wait.duration > deadline).then(|| {
            format!(
                "waiting {} would pass --deadline {} ({} gone): not run again",
                human(wait.duration),
                human(deadline),
                human(history.elapsed)
            )
        })
    }

    /// The wait the rules ask for after `failure`.
    fn wait(
        &self,
        call: Call,
        failure: Failure,
        history: &History,
        random: impl FnOnce() -> f64,
    ) -> Wait {
        let d = match failure {
            Failure::Answer(d) => d,
            Failure::Transport(t) => {
                let step = self.http_step(history, random);
                return Wait {
                    duration: step,
                    rule: Rule::Connection,
                    what: format!("{}: backing off {}", t.words(), human(step)),
                };
            }
        };
        let status = d.status.as_ref().map(|s| s.code);
        let retry_after = d.rate_limit.as_ref().and_then(|r| r.retry_after).map(secs);
        let wait = if call.stream && matches!(status, Some(420 | 429)) {
            let step = doubled(
                FIRST_STREAM_BACKOFF,
                history.stream_limits,
                MAX_STREAM_BACKOFF,
            );
            let step = step.max(reset_wait(d).unwrap_or_default()) + self.jitter(step, random);
            Wait {
                duration: step,
                rule: Rule::StreamLimit,
                what: format!("the stream is rate limited: backing off {}", human(step)),
            }
        } else if d.retry.verdict == Verdict::WaitForReset {
            self.rate_limit_wait(d, history)
        } else if is_operational_disconnect(d) && history.reconnects == 0 {
            Wait {
                duration: Duration::ZERO,
                rule: Rule::Reconnect,
                what: "the stream was disconnected for maintenance: reconnecting at once".into(),
            }
        } else {
            let step = self.http_step(history, random);
            Wait {
                duration: step,
                rule: Rule::HttpError,
                what: format!("backing off {}", human(step)),
            }
        };
        floored(wait, retry_after)
    }

    /// The wait for a rate limit: until its reset, at once when the reset has passed (the
    /// first time), at least a minute when no reset is known.
    fn rate_limit_wait(&self, d: &Diagnosis, history: &History) -> Wait {
        match d.retry.wait_seconds {
            Some(s) if s > 0 => Wait {
                // A reset is a whole second: one more, so the call is not a moment early.
                duration: secs(s + 1),
                rule: Rule::Reset,
                what: format!(
                    "waiting {} for the rate limit to reset",
                    human_duration(s + 1)
                ),
            },
            Some(_) if history.passed_resets == 0 => Wait {
                duration: Duration::ZERO,
                rule: Rule::ResetPassed,
                what: "the rate limit's reset has passed: running it again at once".into(),
            },
            Some(_) => Wait {
                duration: RATE_LIMIT_FLOOR,
                rule: Rule::NoReset,
                what: format!(
                    "the reset has passed but the limit still holds: waiting {}",
                    human(RATE_LIMIT_FLOOR)
                ),
            },
            None => Wait {
                duration: RATE_LIMIT_FLOOR,
                rule: Rule::NoReset,
                what: format!(
                    "rate limited with no reset time in the answer: waiting {}",
                    human(RATE_LIMIT_FLOOR)
                ),
            },
        }
    }

    /// The next HTTP-error backoff step, with its jitter.
    fn http_step(&self, history: &History, random: impl FnOnce() -> f64) -> Duration {
        let first = self.first_backoff.unwrap_or(FIRST_HTTP_BACKOFF);
        let step = doubled(first, history.backoffs, MAX_HTTP_BACKOFF.max(first));
        step + self.jitter(step, random)
    }

    /// A random addition of up to a quarter of `step`, so that many clients failing at
    /// once do not come back at once; never more than `--max-wait` leaves.
    fn jitter(&self, step: Duration, random: impl FnOnce() -> f64) -> Duration {
        if !self.jitter {
            return Duration::ZERO;
        }
        let room = self.max_wait.saturating_sub(step).min(step / 4);
        room.mul_f64(random().clamp(0.0, 1.0))
    }
}

/// Whether the failed call may have been carried out: anything but a rate limit (refused
/// before processing) or a connection never made.
fn may_have_landed(failure: Failure) -> bool {
    match failure {
        Failure::Transport(t) => t != Transport::Refused,
        Failure::Answer(d) => {
            let limited = d
                .status
                .as_ref()
                .is_some_and(|s| matches!(s.code, 420 | 429));
            !limited && d.retry.verdict != Verdict::WaitForReset
        }
    }
}

/// What happened, in a few words: `it was answered 503`.
fn what_happened(failure: Failure) -> String {
    match failure {
        Failure::Transport(t) => t.words().to_string(),
        Failure::Answer(d) => match &d.status {
            Some(s) => format!("it was answered {}", s.code),
            None => "it failed with a server error".to_string(),
        },
    }
}

fn is_operational_disconnect(d: &Diagnosis) -> bool {
    d.errors.iter().any(|e| {
        e.problem
            .as_ref()
            .is_some_and(|p| p.name == "operational-disconnect")
    })
}

/// The wait until the rate limit's reset, when the diagnosis knows one in the future.
fn reset_wait(d: &Diagnosis) -> Option<Duration> {
    let s = d.rate_limit.as_ref()?.wait_seconds()?;
    (s > 0).then(|| secs(s + 1))
}

/// `wait`, made at least `floor` (the answer's retry-after) long.
fn floored(wait: Wait, floor: Option<Duration>) -> Wait {
    match floor {
        Some(floor) if floor > wait.duration => Wait {
            duration: floor,
            rule: Rule::RetryAfter,
            what: format!(
                "the answer says retry after {}: waiting that long",
                human(floor)
            ),
        },
        _ => wait,
    }
}

/// `first` doubled `times` times, at most `cap`.
fn doubled(first: Duration, times: u32, cap: Duration) -> Duration {
    first.saturating_mul(1u32 << times.min(16)).min(cap)
}

fn secs(s: i64) -> Duration {
    Duration::from_secs(u64::try_from(s).unwrap_or(0))
}

/// A number in [0, 1) that differs from run to run (no seed to share between processes):
/// the jitter source [`Policy::decide`] is given outside tests.
pub fn random() -> f64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut x = u64::from(nanos) ^ (u64::from(std::process::id()) << 32) | 1;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    (x % 1_000_000) as f64 / 1_000_000.0
}

/// A duration for people: `2s`, `1m 30s`, `250ms`.
pub fn human(d: Duration) -> String {
    if d < Duration::from_secs(1) && !d.is_zero() {
        format!("{}ms", d.as_millis())
    } else {
        human_duration(i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    }
}

#[cfg(test)]
mod tests;
