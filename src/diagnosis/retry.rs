//! One retry verdict for the whole response: the most cautious of its errors' verdicts,
//! else the status's, with the wait from the headers or the backoff schedule.

use super::ratelimit::{self, RateLimit, WindowKind};
use super::{ErrorReport, Retry, StatusReport};
use crate::catalog::Verdict;

/// Streaming-API reconnect rule for 420/429: start at one minute, double each attempt.
pub const RATE_LIMIT_BACKOFF: &[i64] = &[60, 120, 240, 480, 960];

/// Reconnect rule for HTTP errors (5xx): start at 5 s, double each attempt, up to 320 s.
pub const SERVER_BACKOFF: &[i64] = &[5, 10, 20, 40, 80, 160, 320];

/// A usage cap is no 15-minute window: a Monthly cap is do-not-retry (its table verdict),
/// and a Daily one waits for the 24-hour window that its headers give, never for
/// x-rate-limit-reset. Returns that wait, after making the error's verdict wait-for-reset.
pub(super) fn daily_cap_wait(
    errors: &mut [ErrorReport],
    rate_limit: Option<&RateLimit>,
) -> Option<i64> {
    let daily = |e: &ErrorReport| {
        e.problem.as_ref().is_some_and(|p| {
            p.name == "usage-capped"
                && p.fields
                    .iter()
                    .any(|f| f.name == "period" && f.value.eq_ignore_ascii_case("daily"))
        })
    };
    let wait = rate_limit?
        .windows
        .iter()
        .filter(|w| w.window != WindowKind::Endpoint)
        .filter_map(|w| w.reset_in_seconds)
        .max()?;
    let mut found = false;
    for e in errors.iter_mut().filter(|e| daily(e)) {
        e.verdict = Verdict::WaitForReset;
        found = true;
    }
    found.then_some(wait.max(0))
}

pub(super) fn verdict(
    status: Option<&StatusReport>,
    errors: &[ErrorReport],
    rate_limit: Option<&RateLimit>,
    cap_wait: Option<i64>,
) -> Retry {
    let success = status.is_some_and(|s| (200..300).contains(&s.code));
    let verdict = if errors.is_empty() {
        status.map_or(Verdict::NotNeeded, |s| s.verdict)
    } else {
        errors
            .iter()
            .map(|e| match e.verdict {
                // Partial errors of a successful response: there is nothing to resend.
                Verdict::DoNotRetry if success => Verdict::NotNeeded,
                v => v,
            })
            .max()
            .unwrap_or(Verdict::NotNeeded)
    };
    let retry_after = rate_limit.and_then(|r| r.retry_after);
    match verdict {
        Verdict::WaitForReset => {
            let wait = cap_wait.or_else(|| rate_limit.and_then(RateLimit::wait_seconds));
            let advice = match wait {
                Some(s) if s < 60 => format!("Wait {s} s for the limit to reset, then retry."),
                Some(s) => format!("Wait {s} s ({}) for the limit to reset, then retry.", ratelimit::human_duration(s)),
                None if rate_limit.is_some_and(|r| r.implausible().is_some()) => "Wait for the rate-limit window to reset; the reset time in the headers is not plausible (see the note), so take the endpoint's window (15 minutes for most) and retry.".to_string(),
                None => "Wait for the rate-limit window to reset (the x-rate-limit-reset header says when; it was not in the input), then retry.".to_string(),
            };
            Retry { verdict, wait_seconds: wait, schedule: Vec::new(), advice }
        }
        Verdict::Backoff => {
            let stream_limit = status.is_some_and(|s| s.code == 420 || s.code == 429)
                || errors.iter().any(|e| e.problem.as_ref().is_some_and(|p| p.name == "streaming-connection"));
            let schedule = if stream_limit { RATE_LIMIT_BACKOFF } else { SERVER_BACKOFF };
            let first = retry_after.map_or(schedule[0], |r| r.max(schedule[0]));
            let steps: Vec<String> = schedule.iter().map(|s| s.to_string()).collect();
            Retry {
                verdict,
                wait_seconds: Some(first),
                schedule: schedule.to_vec(),
                advice: format!(
                    "Retry with exponential backoff: wait {} s, doubling after each failure ({} s).",
                    first,
                    steps.join(", ")
                ),
            }
        }
        Verdict::DoNotRetry => Retry {
            verdict,
            wait_seconds: None,
            schedule: Vec::new(),
            advice: "Do not resend this request unchanged: it will fail the same way. Fix the cause first.".to_string(),
        },
        Verdict::NotNeeded => Retry {
            verdict,
            wait_seconds: None,
            schedule: Vec::new(),
            advice: "No retry needed.".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Options, diagnose};
    use crate::catalog::Verdict;
    use crate::evidence::extract;

    fn retry_of(text: &str) -> super::Retry {
        let options = Options {
            now: Some(1_800_000_000),
            summary_only: false,
        };
        diagnose(&extract(text), options).retry
    }

    #[test]
    fn the_most_cautious_verdict_of_the_errors_wins() {
        let body = r#"{"errors":[{"code":130,"message":"Over capacity"},{"code":187,"message":"Status is a duplicate."}]}"#;
        assert_eq!(retry_of(body).verdict, Verdict::DoNotRetry);
    }

    #[test]
    fn partial_errors_of_a_success_need_no_retry() {
        let text = "HTTP/2 200\n\n{\"data\":[],\"errors\":[{\"code\":187,\"message\":\"Status is a duplicate.\"}]}";
        assert_eq!(retry_of(text).verdict, Verdict::NotNeeded);
    }

    #[test]
    fn a_server_error_backs_off_from_five_seconds_and_a_stream_limit_from_a_minute() {
        let server = retry_of("HTTP/1.1 503 Service Unavailable\n\n");
        assert_eq!(server.verdict, Verdict::Backoff);
        assert_eq!(server.schedule, super::SERVER_BACKOFF);
        assert_eq!(server.wait_seconds, Some(5));
        let stream = retry_of("HTTP/1.1 420 Enhance Your Calm\n\n");
        assert_eq!(stream.schedule, super::RATE_LIMIT_BACKOFF);
        assert_eq!(stream.wait_seconds, Some(60));
    }

    #[test]
    fn a_problems_verdict_yields_to_a_more_cautious_status() {
        let body = r#"{"title":"ConnectionException","detail":"This stream has no rules.","type":"https://api.twitter.com/2/problems/streaming-connection"}"#;
        let no_rules = retry_of(&format!("HTTP/2 409\n\n{body}"));
        assert_eq!(no_rules.verdict, Verdict::DoNotRetry);
        let too_many = retry_of(&format!("HTTP/2 429\n\n{body}"));
        assert_eq!(too_many.verdict, Verdict::Backoff);
    }

    #[test]
    fn an_exhausted_window_is_waited_for_until_its_reset() {
        let text = "HTTP/2 429\nx-rate-limit-remaining: 0\nx-rate-limit-reset: 1800000090\n\n";
        let retry = retry_of(text);
        assert_eq!(retry.verdict, Verdict::WaitForReset);
        assert_eq!(retry.wait_seconds, Some(90));
    }
}
