use super::*;
use crate::diagnosis::{Options, diagnose};
use crate::evidence::extract;

const NOW: i64 = 1_800_000_000;

fn diagnosis(text: &str) -> Diagnosis {
    let options = Options {
        now: Some(NOW),
        summary_only: false,
    };
    diagnose(&extract(text), options)
}

fn no_jitter() -> Policy {
    Policy {
        jitter: false,
        ..Policy::default()
    }
}

/// The decision for `text` after `history`, with the jitter at its top.
fn decide(policy: &Policy, call: Call, text: &str, history: &mut History) -> Decision {
    let d = diagnosis(text);
    policy.decide(call, Failure::Answer(&d), history, || 0.999_999)
}

fn waited(decision: Decision) -> (Duration, Rule) {
    match decision {
        Decision::Again(w) => (w.duration, w.rule),
        Decision::Stop(why) => panic!("stopped: {why}"),
    }
}

fn stopped(decision: Decision) -> String {
    match decision {
        Decision::Stop(why) => why,
        Decision::Again(w) => panic!("would wait {w:?}"),
    }
}

/// The wait `policy` asks for after `text`, a first failure, with the jitter at `r`.
fn first_wait(policy: &Policy, text: &str, r: f64) -> Duration {
    let d = diagnosis(text);
    let mut h = History::default();
    waited(policy.decide(Call::default(), Failure::Answer(&d), &mut h, || r)).0
}

/// Why `policy` stops after `text`, a first failure of a read.
fn why_stopped(policy: &Policy, text: &str) -> String {
    stopped(decide(
        policy,
        Call::default(),
        text,
        &mut History::default(),
    ))
}

const SERVER_ERROR: &str = "HTTP/1.1 503 Service Unavailable\n\n";

#[test]
fn http_errors_back_off_from_five_seconds_doubling_to_320() {
    let policy = Policy {
        retries: 8,
        max_wait: Duration::from_secs(3600),
        ..no_jitter()
    };
    let mut h = History::default();
    let steps: Vec<u64> = (0..8)
        .map(|_| {
            waited(decide(&policy, Call::default(), SERVER_ERROR, &mut h))
                .0
                .as_secs()
        })
        .collect();
    assert_eq!(&steps[..], &[5, 10, 20, 40, 80, 160, 320, 320]);
    let why = stopped(decide(&policy, Call::default(), SERVER_ERROR, &mut h));
    assert!(why.contains("still failing after 8 retries"), "{why}");
}

#[test]
fn jitter_only_adds_and_stays_within_a_quarter() {
    let policy = Policy {
        retries: 10,
        ..Policy::default()
    };
    for r in [0.0, 0.5, 0.999] {
        let wait = first_wait(&policy, SERVER_ERROR, r);
        assert!(wait >= Duration::from_secs(5), "{wait:?}");
        assert!(wait <= Duration::from_millis(6250), "{wait:?}");
    }
}

#[test]
fn retry_after_is_a_floor_never_cut_by_jitter() {
    let text = "HTTP/1.1 503 Service Unavailable\nretry-after: 7\n\n";
    for r in [0.0, 0.999] {
        let wait = first_wait(&Policy::default(), text, r);
        assert!(wait >= Duration::from_secs(7), "{wait:?}");
    }
}

#[test]
fn a_reset_is_waited_for_plus_a_second() {
    let text = "HTTP/2 429\nx-rate-limit-remaining: 0\nx-rate-limit-reset: 1800000090\n\n";
    let mut h = History::default();
    assert_eq!(
        waited(decide(&no_jitter(), Call::default(), text, &mut h)),
        (Duration::from_secs(91), Rule::Reset)
    );
}

#[test]
fn a_passed_reset_is_retried_once_at_once_then_after_a_minute() {
    let text = "HTTP/2 429\nx-rate-limit-remaining: 0\nx-rate-limit-reset: 1799999000\n\n";
    let (policy, mut h) = (no_jitter(), History::default());
    assert_eq!(
        waited(decide(&policy, Call::default(), text, &mut h)),
        (Duration::ZERO, Rule::ResetPassed)
    );
    assert_eq!(
        waited(decide(&policy, Call::default(), text, &mut h)),
        (RATE_LIMIT_FLOOR, Rule::NoReset)
    );
}

#[test]
fn a_rate_limit_with_no_headers_waits_a_minute() {
    for text in [
        "HTTP/2 429\n\n",
        r#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#,
    ] {
        assert_eq!(
            waited(decide(
                &no_jitter(),
                Call::default(),
                text,
                &mut History::default()
            )),
            (RATE_LIMIT_FLOOR, Rule::NoReset),
            "{text}"
        );
    }
}

#[test]
fn a_stream_limit_starts_at_a_minute_and_doubles() {
    let call = Call {
        stream: true,
        write: false,
    };
    let (policy, mut h) = (no_jitter(), History::default());
    let first = waited(decide(&policy, call, "HTTP/2 429\n\n", &mut h));
    let second = waited(decide(&policy, call, "HTTP/2 429\n\n", &mut h));
    assert_eq!(first, (Duration::from_secs(60), Rule::StreamLimit));
    assert_eq!(second, (Duration::from_secs(120), Rule::StreamLimit));
}

#[test]
fn an_operational_disconnect_reconnects_at_once_then_backs_off() {
    let text = r#"{"errors":[{"title":"operational-disconnect","disconnect_type":"OperationalDisconnect","detail":"This stream has been disconnected upstream for operational reasons.","type":"https://api.twitter.com/2/problems/operational-disconnect"}]}"#;
    let call = Call {
        stream: true,
        write: false,
    };
    let (policy, mut h) = (no_jitter(), History::default());
    assert_eq!(
        waited(decide(&policy, call, text, &mut h)),
        (Duration::ZERO, Rule::Reconnect)
    );
    assert_eq!(
        waited(decide(&policy, call, text, &mut h)),
        (Duration::from_secs(5), Rule::HttpError)
    );
}

#[test]
fn a_write_is_resent_after_a_rate_limit_but_not_after_a_server_error() {
    let write = Call {
        write: true,
        stream: false,
    };
    let limited = "HTTP/2 429\nx-rate-limit-remaining: 0\nx-rate-limit-reset: 1800000002\n\n";
    waited(decide(
        &no_jitter(),
        write,
        limited,
        &mut History::default(),
    ));
    let why = stopped(decide(
        &no_jitter(),
        write,
        SERVER_ERROR,
        &mut History::default(),
    ));
    assert!(
        why.contains("--retry-writes") && why.contains("503"),
        "{why}"
    );
    let allowed = Policy {
        retry_writes: true,
        ..no_jitter()
    };
    waited(decide(
        &allowed,
        write,
        SERVER_ERROR,
        &mut History::default(),
    ));
}

#[test]
fn a_connection_never_made_is_retried_for_a_write_and_a_timeout_is_not() {
    let write = Call {
        write: true,
        stream: false,
    };
    let policy = no_jitter();
    let refused = policy.decide(
        write,
        Failure::Transport(Transport::Refused),
        &mut History::default(),
        || 0.0,
    );
    assert_eq!(waited(refused), (Duration::from_secs(5), Rule::Connection));
    let timed_out = policy.decide(
        write,
        Failure::Transport(Transport::TimedOut),
        &mut History::default(),
        || 0.0,
    );
    assert!(stopped(timed_out).contains("timed out"));
}

#[test]
fn do_not_retry_and_verdicts_left_out_stop_at_once() {
    let duplicate = r#"HTTP/1.1 403 Forbidden

{"errors":[{"code":187,"message":"Status is a duplicate."}]}"#;
    let why = why_stopped(&Policy::default(), duplicate);
    assert!(why.contains("fail the same way"), "{why}");
    let only_resets = Policy {
        retry_on: vec![Verdict::WaitForReset],
        ..Policy::default()
    };
    let why = why_stopped(&only_resets, SERVER_ERROR);
    assert!(why.contains("--retry-on"), "{why}");
}

#[test]
fn a_wait_past_the_deadline_or_max_wait_stops() {
    let policy = Policy {
        deadline: Some(Duration::from_secs(30)),
        ..no_jitter()
    };
    let mut h = History {
        elapsed: Duration::from_secs(28),
        ..History::default()
    };
    assert!(stopped(decide(&policy, Call::default(), SERVER_ERROR, &mut h)).contains("--deadline"));
    let short = Policy {
        max_wait: Duration::from_secs(4),
        ..no_jitter()
    };
    let why = why_stopped(&short, SERVER_ERROR);
    assert!(why.contains("beyond --max-wait 4s"), "{why}");
}

#[test]
fn stream_paths_are_told_by_their_last_segment() {
    assert!(is_stream_path("/2/tweets/search/stream"));
    assert!(is_stream_path("/2/tweets/sample/stream?tweet.fields=id"));
    assert!(!is_stream_path("/2/tweets/search/stream/rules"));
    assert!(!is_stream_path("/2/tweets"));
}
