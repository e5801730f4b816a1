//! The text a person reads: one block per status and error, then limits and the verdict.

use crate::catalog::Verdict;
use crate::diagnosis::{Diagnosis, ErrorReport, StatusReport};
use crate::ratelimit::{RateLimit, human_duration};
use colored::{ColoredString, Colorize};
use std::io::{self, Write};

/// Writes `d`. `codes_first` puts errors before the status, as for `twerr 422` where a
/// number given alone is shown as a code first.
pub fn diagnosis(out: &mut dyn Write, d: &Diagnosis, codes_first: bool) -> io::Result<()> {
    enum Block<'a> {
        Status(&'a StatusReport),
        Error(&'a ErrorReport),
    }
    let statuses = d.status.iter().chain(&d.other_statuses).map(Block::Status);
    let errors = d.errors.iter().map(Block::Error);
    let blocks: Vec<Block> = if codes_first {
        errors.chain(statuses).collect()
    } else {
        statuses.chain(errors).collect()
    };
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        match block {
            Block::Status(s) => status(out, s)?,
            Block::Error(e) => error(out, e)?,
        }
    }
    if let Some(rl) = &d.rate_limit {
        writeln!(out)?;
        rate_limit(out, rl)?;
    }
    if !d.notes.is_empty() {
        writeln!(out)?;
        for n in &d.notes {
            writeln!(out, "{} {n}", "note:".yellow().bold())?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "{} {} — {}",
        "retry:".bold(),
        verdict(d.retry.verdict),
        d.retry.advice
    )?;
    Ok(())
}

fn verdict(v: Verdict) -> ColoredString {
    match v {
        Verdict::NotNeeded => v.key().green().bold(),
        Verdict::DoNotRetry => v.key().red().bold(),
        Verdict::WaitForReset | Verdict::Backoff => v.key().yellow().bold(),
    }
}

fn field(out: &mut dyn Write, label: &str, value: &str) -> io::Result<()> {
    writeln!(out, "  {:<12} {value}", format!("{label}:").dimmed())
}

fn seen(out: &mut dyn Write, s: Option<crate::evidence::Seen>) -> io::Result<()> {
    match s {
        Some(s) if s.how != crate::evidence::How::Argument => {
            field(out, "seen", &format!("line {}, {}", s.line, s.how.label()))
        }
        _ => Ok(()),
    }
}

fn status(out: &mut dyn Write, s: &StatusReport) -> io::Result<()> {
    let head = format!("HTTP {} {}", s.code, s.message);
    writeln!(
        out,
        "{}",
        if s.code < 400 {
            head.green().bold()
        } else {
            head.red().bold()
        }
    )?;
    if let Some(r) = s
        .reason_seen
        .as_deref()
        .filter(|r| !r.eq_ignore_ascii_case(&s.message))
    {
        field(out, "reason", r)?;
    }
    match (s.source, s.fallback) {
        (Some(src), _) => field(out, "source", src.label())?,
        (None, Some(_)) => field(
            out,
            "unknown",
            &format!(
                "{} is not in the tables; explained through its class {}",
                s.code,
                s.class.as_deref().unwrap_or("?")
            ),
        )?,
        _ => {}
    }
    field(out, "meaning", &s.description)?;
    field(out, "what to do", &s.advice)?;
    seen(out, s.seen)
}

fn error(out: &mut dyn Write, e: &ErrorReport) -> io::Result<()> {
    let title = match (&e.code, &e.problem, &e.oauth_error) {
        (Some(c), _, _) => format!("API error code {c}"),
        (None, Some(p), _) => format!("v2 problem {}", p.name),
        (None, None, Some(o)) => format!("OAuth 2 error {o}"),
        _ => "error".to_string(),
    };
    writeln!(
        out,
        "{} {}",
        title.red().bold(),
        format!("— {}", e.message).bold()
    )?;
    if let Some(official) = e.official_message.filter(|o| {
        crate::catalog::normalize_message(o) != crate::catalog::normalize_message(&e.message)
    }) {
        field(out, "official", official)?;
    }
    if let Some(doc) = e.documented_status {
        let fit = match e.consistent {
            Some(true) => " (matches this response)",
            Some(false) => " (this response had another status)",
            None => "",
        };
        let name = crate::catalog::status(doc).map_or("", |s| s.message);
        field(out, "comes with", &format!("HTTP {doc} {name}{fit}"))?;
    }
    match (e.source, e.fallback) {
        (Some(src), _) => field(out, "source", src.label())?,
        (None, Some(how)) => field(
            out,
            "unknown",
            &format!("not in the tables; explained through the response's {how}"),
        )?,
        (None, None) => field(
            out,
            "unknown",
            "not in the tables, and no HTTP status to fall back to",
        )?,
    }
    if let Some(p) = &e.problem {
        if let Some(t) = &p.title {
            field(out, "title", t)?;
        }
        for f in &p.fields {
            let mut text = f.value.clone();
            if let Some(m) = f.value_meaning.or(f.meaning) {
                text = format!("{text} — {m}");
            }
            field(out, &f.name, &text)?;
        }
        for d in &p.details {
            field(out, "detail", d)?;
        }
    }
    if let Some(d) = &e.description {
        field(out, "meaning", d)?;
    }
    field(out, "what to do", &e.advice)?;
    if let Some(n) = e.note {
        field(out, "caveat", n)?;
    }
    if e.occurrences > 1 {
        field(
            out,
            "seen",
            &format!("{} times, first on line {}", e.occurrences, e.seen.line),
        )?;
    } else {
        seen(out, Some(e.seen))?;
    }
    Ok(())
}

fn rate_limit(out: &mut dyn Write, rl: &RateLimit) -> io::Result<()> {
    writeln!(out, "{}", "Rate limit".bold())?;
    for w in &rl.windows {
        let label = match w.window {
            "endpoint" => "window",
            "app-24hour" => "app 24h",
            _ => "user 24h",
        };
        let used = match (w.remaining, w.limit) {
            (Some(r), Some(l)) => format!("{r} of {l} left"),
            (Some(r), None) => format!("{r} left"),
            (None, Some(l)) => format!("limit {l}"),
            (None, None) => String::new(),
        };
        let reset = match (&w.reset_utc, &w.reset_local, w.reset_in_seconds) {
            (Some(u), Some(l), Some(s)) if u != l => {
                format!("; resets {u} ({l}), in {}", human_duration(s))
            }
            (Some(u), _, Some(s)) => format!("; resets {u}, in {}", human_duration(s)),
            _ => String::new(),
        };
        field(out, label, &format!("{used}{reset}"))?;
    }
    if let Some(r) = rl.retry_after {
        field(out, "retry-after", &format!("{r} s"))?;
    }
    field(
        out,
        "now",
        &format!("measured from {}", rl.now.from.label()),
    )
}
