//! Rate-limit headers → when the window resets, measured from the response's own clock.
//!
//! A pasted response may be hours or years old, so "now" is the response's `date` header
//! when it has one (or `--now`), and the machine's clock only as a last resort.

use serde::Serialize;

/// What the clock said and where that came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Now {
    pub epoch: i64,
    pub from: NowSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NowSource {
    /// `--now EPOCH` on the command line.
    Flag,
    /// The response's `date` header.
    DateHeader,
    /// This machine's clock.
    Clock,
}

impl NowSource {
    pub fn label(self) -> &'static str {
        match self {
            NowSource::Flag => "--now",
            NowSource::DateHeader => "the response's date header",
            NowSource::Clock => "this machine's clock",
        }
    }
}

pub use crate::catalog::WindowKind;

/// One rate-limit window: the 15-minute endpoint window or a 24-hour cap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Window {
    pub window: WindowKind,
    pub limit: Option<i64>,
    pub remaining: Option<i64>,
    pub reset: Option<i64>,
    pub reset_utc: Option<String>,
    pub reset_local: Option<String>,
    pub reset_in_seconds: Option<i64>,
}

/// Everything the headers say about limits. Serialised as the JSON contract's `rate_limit`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateLimit {
    pub limit: Option<i64>,
    pub remaining: Option<i64>,
    pub reset: Option<i64>,
    pub reset_utc: Option<String>,
    pub reset_local: Option<String>,
    pub reset_in_seconds: Option<i64>,
    /// `retry-after` in seconds from now (an HTTP-date value is converted).
    pub retry_after: Option<i64>,
    pub now: Now,
    /// Every window the headers describe, the endpoint window first.
    pub windows: Vec<Window>,
}

/// Reads the headers (lower-case names, last value wins). `None` when none is about limits.
pub fn from_headers(headers: &[(String, String)], now_flag: Option<i64>) -> Option<RateLimit> {
    let get = |name: &str| {
        headers
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
    };
    let now = match (now_flag, get("date").and_then(parse_http_date)) {
        (Some(epoch), _) => Now {
            epoch,
            from: NowSource::Flag,
        },
        (None, Some(epoch)) => Now {
            epoch,
            from: NowSource::DateHeader,
        },
        (None, None) => Now {
            epoch: jiff::Timestamp::now().as_second(),
            from: NowSource::Clock,
        },
    };
    let int = |name: String| get(&name).and_then(|v| v.parse::<i64>().ok());
    let windows: Vec<Window> = WindowKind::ALL
        .iter()
        .filter_map(|&window| {
            let prefix = window.header_prefix();
            let limit = int(format!("{prefix}limit"));
            let remaining = int(format!("{prefix}remaining"));
            let reset = int(format!("{prefix}reset"));
            if limit.is_none() && remaining.is_none() && reset.is_none() {
                return None;
            }
            let (reset_utc, reset_local) = reset.map(format_times).unwrap_or((None, None));
            Some(Window {
                window,
                limit,
                remaining,
                reset,
                reset_utc,
                reset_local,
                reset_in_seconds: reset.map(|r| r.saturating_sub(now.epoch).max(0)),
            })
        })
        .collect();
    let retry_after = get("retry-after").and_then(|v| match v.parse::<i64>() {
        Ok(secs) => Some(secs.max(0)),
        Err(_) => parse_http_date(v).map(|at| at.saturating_sub(now.epoch).max(0)),
    });
    if windows.is_empty() && retry_after.is_none() {
        return None;
    }
    let endpoint = windows.iter().find(|w| w.window == WindowKind::Endpoint);
    Some(RateLimit {
        limit: endpoint.and_then(|w| w.limit),
        remaining: endpoint.and_then(|w| w.remaining),
        reset: endpoint.and_then(|w| w.reset),
        reset_utc: endpoint.and_then(|w| w.reset_utc.clone()),
        reset_local: endpoint.and_then(|w| w.reset_local.clone()),
        reset_in_seconds: endpoint.and_then(|w| w.reset_in_seconds),
        retry_after,
        now,
        windows,
    })
}

impl RateLimit {
    /// Seconds until the limit that stopped this response is lifted: `retry-after` first,
    /// then an exhausted window (24-hour caps included), then the endpoint window.
    /// Waits past what a window can last are not waited for (see [`RateLimit::implausible`]).
    pub fn wait_seconds(&self) -> Option<i64> {
        if let Some(s) = self.retry_after.filter(|s| *s <= MAX_PLAUSIBLE_WAIT) {
            return Some(s);
        }
        let window = |s: &i64| *s <= MAX_WINDOW;
        let exhausted = self
            .windows
            .iter()
            .filter(|w| w.remaining == Some(0))
            .filter_map(|w| w.reset_in_seconds)
            .filter(window)
            .max();
        exhausted.or(self.reset_in_seconds.filter(window))
    }

    /// The longest wait the headers ask for that no window can last: a reset written in
    /// milliseconds, decades away, or days away when "now" is an old response's `date`.
    pub fn implausible(&self) -> Option<i64> {
        let windows = self.windows.iter().filter_map(|w| w.reset_in_seconds);
        let windows = windows.filter(|s| *s > MAX_WINDOW);
        let retry = self.retry_after.filter(|s| *s > MAX_PLAUSIBLE_WAIT);
        windows.chain(retry).max()
    }
}

/// The API's rate-limit windows last 15 minutes or a day (the 24-hour caps): a reset
/// further away than a day and some slack is no reset of a window.
pub const MAX_WINDOW: i64 = 26 * 3600;
/// `retry-after` may ask for longer, but never more than a billing month; 40 days leaves
/// room for clock skew.
pub const MAX_PLAUSIBLE_WAIT: i64 = 40 * 24 * 3600;

/// Parses an HTTP date (`Wed, 25 Nov 2026 12:00:00 GMT`) to epoch seconds.
/// RFC 9110 has recipients accept three forms: IMF-fixdate (as RFC 2822), the obsolete
/// RFC 850 form (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`).
pub fn parse_http_date(value: &str) -> Option<i64> {
    let value = value.trim();
    if let Ok(t) = jiff::fmt::rfc2822::DateTimeParser::new().parse_timestamp(value) {
        return Some(t.as_second());
    }
    let squeezed = value.split_whitespace().collect::<Vec<_>>().join(" ");
    ["%A, %d-%b-%y %H:%M:%S GMT", "%a %b %d %H:%M:%S %Y"]
        .iter()
        .find_map(|format| jiff::civil::DateTime::strptime(format, &squeezed).ok())
        .and_then(|dt| jiff::tz::TimeZone::UTC.to_timestamp(dt).ok())
        .map(|t| t.as_second())
}

/// The local time zone. Without `TZ` it is `/etc/localtime`'s, read directly: asking for
/// the system's zone first lists every file of the time zone database (most of a
/// millisecond, for one abbreviation). With `TZ`, or without that file, jiff decides.
static LOCAL_ZONE: std::sync::LazyLock<jiff::tz::TimeZone> = std::sync::LazyLock::new(|| {
    let from_file = || {
        let data = std::fs::read("/etc/localtime").ok()?;
        jiff::tz::TimeZone::tzif("localtime", &data).ok()
    };
    std::env::var_os("TZ")
        .is_none()
        .then(from_file)
        .flatten()
        .unwrap_or_else(jiff::tz::TimeZone::system)
});

fn format_times(epoch: i64) -> (Option<String>, Option<String>) {
    let Ok(ts) = jiff::Timestamp::from_second(epoch) else {
        return (None, None);
    };
    let utc = ts.strftime("%Y-%m-%d %H:%M:%S UTC").to_string();
    let local = ts
        .to_zoned_datetime(LOCAL_ZONE.clone())
        .strftime("%Y-%m-%d %H:%M:%S %Z")
        .to_string();
    (Some(utc), Some(local))
}

#[cfg(test)]
mod date_forms {
    use super::parse_http_date;

    #[test]
    fn the_three_forms_of_rfc_9110() {
        let want = Some(784_111_777);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), want);
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), want);
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), want);
        assert_eq!(parse_http_date("yesterday"), None);
    }
}

/// `875` → `14m 35s`.
pub fn human_duration(seconds: i64) -> String {
    let s = seconds.max(0);
    match (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60) {
        (0, 0, 0, sec) => format!("{sec}s"),
        (0, 0, m, sec) => format!("{m}m {sec}s"),
        (0, h, m, _) => format!("{h}h {m}m"),
        (d, h, _, _) => format!("{d}d {h}h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn reset_is_measured_from_the_date_header() {
        let rl = from_headers(
            &h(&[
                ("date", "Wed, 25 Nov 2026 12:00:00 GMT"),
                ("x-rate-limit-limit", "900"),
                ("x-rate-limit-remaining", "0"),
                ("x-rate-limit-reset", "1795608600"),
            ]),
            None,
        )
        .unwrap();
        assert_eq!(
            rl.now,
            Now {
                epoch: 1795608000,
                from: NowSource::DateHeader
            }
        );
        assert_eq!(rl.reset_in_seconds, Some(600));
        assert_eq!(rl.reset_utc.as_deref(), Some("2026-11-25 12:10:00 UTC"));
        assert_eq!(rl.wait_seconds(), Some(600));
        assert_eq!(rl.implausible(), None);
    }

    #[test]
    fn flag_beats_date_and_retry_after_wins() {
        let rl = from_headers(
            &h(&[
                ("date", "Wed, 25 Nov 2026 12:00:00 GMT"),
                ("x-rate-limit-reset", "1000"),
                ("retry-after", "30"),
            ]),
            Some(400),
        )
        .unwrap();
        assert_eq!(rl.now.from, NowSource::Flag);
        assert_eq!(rl.reset_in_seconds, Some(600));
        assert_eq!(rl.wait_seconds(), Some(30));
    }

    #[test]
    fn exhausted_daily_cap_is_the_wait() {
        let rl = from_headers(
            &h(&[
                ("x-rate-limit-remaining", "10"),
                ("x-rate-limit-reset", "1100"),
                ("x-app-limit-24hour-remaining", "0"),
                ("x-app-limit-24hour-reset", "5000"),
            ]),
            Some(1000),
        )
        .unwrap();
        assert_eq!(rl.wait_seconds(), Some(4000));
        assert_eq!(rl.windows.len(), 2);
    }

    #[test]
    fn no_limit_headers_no_rate_limit() {
        assert!(from_headers(&h(&[("date", "Wed, 25 Nov 2026 12:00:00 GMT")]), None).is_none());
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(human_duration(875), "14m 35s");
        assert_eq!(human_duration(7322), "2h 2m");
        assert_eq!(human_duration(-5), "0s");
    }
}
