//! The text a person reads: one block per status and error, then limits and the verdict.

use crate::catalog::Verdict;
use crate::diagnosis::ratelimit::{RateLimit, WindowKind, human_duration};
use crate::diagnosis::{Diagnosis, ErrorReport, Fallback, ProblemReport, StatusReport};
use colored::{ColoredString, Colorize};
use std::io::{self, Write};

/// Writes `d`. `codes_first` puts errors before the status, as for `twerr 422` where a
/// number given alone is shown as a code first.
pub fn diagnosis(
    out: &mut dyn Write,
    d: &Diagnosis,
    codes_first: bool,
    w: Width,
) -> io::Result<()> {
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
            Block::Status(s) => status(out, w, s)?,
            Block::Error(e) => error(out, w, e)?,
        }
    }
    if let Some(r) = &d.request {
        writeln!(out)?;
        request(out, w, r)?;
    }
    if let Some(rl) = &d.rate_limit {
        writeln!(out)?;
        rate_limit(out, w, rl)?;
    }
    if !d.notes.is_empty() {
        writeln!(out)?;
        for n in &d.notes {
            paragraph(out, w, "note:", "note:".yellow().bold(), n)?;
        }
    }
    writeln!(out)?;
    let verdict_text = format!("{} —", d.retry.verdict.key());
    let prefix = format!("retry: {verdict_text}");
    let styled = format!("{} {} —", "retry:".bold(), verdict(d.retry.verdict));
    paragraph(out, w, &prefix, styled, &d.retry.advice)?;
    Ok(())
}

pub(super) fn verdict(v: Verdict) -> ColoredString {
    match v {
        Verdict::NotNeeded => v.key().green().bold(),
        Verdict::DoNotRetry => v.key().red().bold(),
        Verdict::WaitForReset | Verdict::Backoff => v.key().yellow().bold(),
    }
}

/// The terminal's width when wrapping, or `None` (in a pipe each field stays on one line,
/// easy to grep).
pub type Width = Option<usize>;

/// `prefix text`, wrapped on a terminal with the following lines indented; `styled` is the
/// prefix as printed (coloured), `prefix` the same text plain, for measuring.
fn paragraph(
    out: &mut dyn Write,
    w: Width,
    prefix: &str,
    styled: impl std::fmt::Display,
    text: &str,
) -> io::Result<()> {
    let Some(width) = w else {
        return writeln!(out, "{styled} {text}");
    };
    let plain = format!("{prefix} {text}");
    let options = textwrap::Options::new(width)
        .subsequent_indent("  ")
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for (i, line) in textwrap::wrap(&plain, options).iter().enumerate() {
        match line.strip_prefix(prefix) {
            Some(rest) if i == 0 => writeln!(out, "{styled}{rest}")?,
            _ => writeln!(out, "{line}")?,
        }
    }
    Ok(())
}

/// `  label:       value`, with the value wrapped under itself on a terminal.
fn field(out: &mut dyn Write, w: Width, label: &str, value: &str) -> io::Result<()> {
    const INDENT: usize = 15;
    let lines = match w.filter(|w| *w > INDENT + 20) {
        Some(width) => {
            let options = textwrap::Options::new(width - INDENT)
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            textwrap::wrap(value, options)
        }
        None => vec![value.into()],
    };
    let label = format!("{label}:");
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            writeln!(out, "  {:<12} {line}", label.dimmed())?;
        } else {
            writeln!(out, "{:INDENT$}{line}", "")?;
        }
    }
    Ok(())
}

fn seen(out: &mut dyn Write, w: Width, s: Option<crate::evidence::Seen>) -> io::Result<()> {
    match s {
        Some(s) if s.how != crate::evidence::How::Argument => field(
            out,
            w,
            "seen",
            &format!("line {}, {}", s.line, s.how.label()),
        ),
        _ => Ok(()),
    }
}

fn status(out: &mut dyn Write, w: Width, s: &StatusReport) -> io::Result<()> {
    let implied = if s.implied_by.is_some() {
        " (implied)"
    } else {
        ""
    };
    let head = format!(
        "HTTP {} {}{implied}",
        s.code,
        status_name(s.code, &s.message)
    );
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
        field(out, w, "reason", r)?;
    }
    // The page's own wording, quoted as it is where our heading uses the standard phrase.
    if s.source.is_some() && status_name(s.code, &s.message) != s.message {
        field(out, w, "official", &s.message)?;
    }
    match (s.source, s.fallback) {
        (Some(src), _) => field(out, w, "source", src.label())?,
        (None, Some(_)) => field(
            out,
            w,
            "unknown",
            &format!(
                "{} is not in the tables; explained through its class {}",
                s.code,
                s.class.as_deref().unwrap_or("?")
            ),
        )?,
        _ => {}
    }
    field(out, w, "meaning", &s.description)?;
    field(out, w, "what to do", &s.advice)?;
    if let Some(words) = &s.implied_by {
        let line = s.seen.map_or(0, |seen| seen.line);
        let text = format!("no status number in the input; implied by \"{words}\" on line {line}");
        return field(out, w, "implied", &text);
    }
    seen(out, w, s.seen)
}

fn error(out: &mut dyn Write, w: Width, e: &ErrorReport) -> io::Result<()> {
    error_heading(out, w, e)?;
    if let Some(official) = e.official_message.filter(|o| {
        crate::catalog::normalize_message(o) != crate::catalog::normalize_message(&e.message)
    }) {
        field(out, w, "official", official)?;
    }
    if let Some(doc) = e.documented_status {
        let fit = match e.consistent {
            Some(true) => " (matches this response)",
            Some(false) => " (this response had another status)",
            None => "",
        };
        let name = crate::catalog::status(doc).map_or("", |s| status_name(doc, s.message));
        field(out, w, "comes with", &format!("HTTP {doc} {name}{fit}"))?;
    }
    error_source(out, w, e)?;
    if let (Some(_), Some(c)) = (&e.problem, e.matched_code) {
        let message = crate::catalog::code(c).map_or("", |entry| entry.message);
        let kin = format!("API error code {c} — {message}");
        field(out, w, "v1.1 kin", &kin)?;
    }
    if let Some(p) = &e.problem {
        problem_fields(out, w, p)?;
    }
    match (e.fallback, e.response_status) {
        // Explained through a status shown in its own block: say so, do not repeat it.
        (Some(Fallback::Status), Some(code)) => {
            let see = format!("HTTP {code}, whose meaning and advice apply");
            field(out, w, "see", &see)?;
        }
        _ => {
            if let Some(d) = &e.description {
                field(out, w, "meaning", d)?;
            }
            field(out, w, "what to do", &e.advice)?;
        }
    }
    if let Some(n) = e.note {
        field(out, w, "caveat", n)?;
    }
    if e.occurrences > 1 {
        let times = format!("{} times, first on line {}", e.occurrences, e.seen.line);
        field(out, w, "seen", &times)
    } else {
        seen(out, w, Some(e.seen))
    }
}

/// `API error code 187 — Status is a duplicate`, wrapped on a terminal.
fn error_heading(out: &mut dyn Write, w: Width, e: &ErrorReport) -> io::Result<()> {
    let title = match (&e.code, &e.problem, &e.oauth_error) {
        (Some(c), _, _) => format!("API error code {c}"),
        (None, Some(p), _) => format!("v2 problem {}", p.name),
        (None, None, Some(o)) => format!("OAuth 2 error {o}"),
        _ if e.condition.is_some_and(|c| c.library.is_some()) => {
            let c = e.condition.expect("matched just above");
            format!("{} {}", c.library.unwrap_or(""), c.name)
        }
        _ => match (e.matched_code, e.matched_type) {
            (Some(c), _) => format!("the message of API error code {c}"),
            (None, Some(t)) => format!("the title of v2 problem {t}"),
            _ => "error".to_string(),
        },
    };
    let headline = format!("{title} — {}", e.message);
    match w {
        Some(width) => {
            let options = textwrap::Options::new(width).subsequent_indent("    ");
            for line in textwrap::wrap(&headline, options) {
                writeln!(out, "{}", line.red().bold())?;
            }
            Ok(())
        }
        None => writeln!(
            out,
            "{} {}",
            title.red().bold(),
            format!("— {}", e.message).bold()
        ),
    }
}

/// Where the entry comes from, or what it was explained through when it is in no table.
fn error_source(out: &mut dyn Write, w: Width, e: &ErrorReport) -> io::Result<()> {
    if let Some(c) = e.condition {
        return field(out, w, "source", c.source);
    }
    match (e.source, e.fallback) {
        (Some(src), _) => field(out, w, "source", src.label()),
        (None, Some(how)) => {
            let how = how.key();
            let text = format!(
                "not in the tables; explained through the HTTP {how}, by the page's fallback rule"
            );
            field(out, w, "unknown", &text)
        }
        (None, None) => field(
            out,
            w,
            "unknown",
            "not in the tables, and no HTTP status to fall back to",
        ),
    }
}

/// A problem's title, its type-specific fields with what they mean, and its details.
fn problem_fields(out: &mut dyn Write, w: Width, p: &ProblemReport) -> io::Result<()> {
    if let Some(t) = &p.title {
        field(out, w, "title", t)?;
    }
    for f in &p.fields {
        let mut text = f.value.clone();
        if let Some(m) = f.value_meaning.or(f.meaning) {
            text = format!("{text} — {m}");
        }
        field(out, w, &f.name, &text)?;
    }
    for d in &p.details {
        field(out, w, "detail", d)?;
    }
    Ok(())
}

fn rate_limit(out: &mut dyn Write, w: Width, rl: &RateLimit) -> io::Result<()> {
    writeln!(out, "{}", "Rate limit".bold())?;
    for window in &rl.windows {
        let label = match window.window {
            WindowKind::Endpoint => "window",
            WindowKind::App24Hour => "app 24h",
            WindowKind::AdsAccount => "ads account",
            WindowKind::User24Hour => "user 24h",
        };
        let used = match (window.remaining, window.limit) {
            (Some(r), Some(l)) => format!("{r} of {l} left"),
            (Some(r), None) => format!("{r} left"),
            (None, Some(l)) => format!("limit {l}"),
            (None, None) => String::new(),
        };
        let reset = match (
            &window.reset_utc,
            &window.reset_local,
            window.reset_in_seconds,
        ) {
            (Some(u), Some(l), Some(s)) if u != l => {
                format!("; resets {u} ({l}), in {}", human_duration(s))
            }
            (Some(u), _, Some(s)) => format!("; resets {u}, in {}", human_duration(s)),
            _ => String::new(),
        };
        field(out, w, label, &format!("{used}{reset}"))?;
    }
    if let Some(r) = rl.retry_after {
        field(out, w, "retry-after", &format!("{r} s"))?;
    }
    field(
        out,
        w,
        "now",
        &format!("measured from {}", rl.now.from.label()),
    )
}

/// A status as our own text names it: its standard reason phrase (RFC 9110, "Gateway
/// Timeout"), or the tables' message for a status with none (420 Enhance Your Calm). The
/// page's wording ("Gateway timeout") is shown where it is quoted.
fn status_name(code: u16, message: &str) -> &str {
    crate::catalog::reason_phrase(code)
        .filter(|phrase| phrase.eq_ignore_ascii_case(message))
        .unwrap_or(message)
}

/// `--short`: one line per error, and one for the status when no error came with it:
/// `403 187 do-not-retry Status is a duplicate`. Fields are separated by single spaces; the
/// message, last, may hold spaces; `-` stands for a field with no value.
pub fn short(out: &mut dyn Write, d: &Diagnosis) -> io::Result<()> {
    // The status column holds only a status the input shows as digits: not the table's
    // documented status, nor one implied by words.
    let shown = |s: &StatusReport| s.implied_by.is_none().then_some(s.code);
    let response = d.status.as_ref().and_then(shown);
    let wait = match d.retry.wait_seconds {
        Some(s) => format!(" (wait {})", human_duration(s)),
        None => String::new(),
    };
    for e in &d.errors {
        let status = e.response_status.or(response);
        let id = match (&e.code, &e.problem, &e.oauth_error) {
            (Some(c), _, _) => c.to_string(),
            (None, Some(p), _) => p.name.clone(),
            (None, None, Some(o)) => o.clone(),
            _ => "-".to_string(),
        };
        writeln!(
            out,
            "{} {id} {} {}{wait}",
            status.map_or("-".to_string(), |s| s.to_string()),
            e.verdict.key(),
            e.official_message.unwrap_or(&e.message)
        )?;
    }
    if d.errors.is_empty() {
        for s in d.status.iter().chain(&d.other_statuses) {
            let verdict = s.verdict.key();
            writeln!(
                out,
                "{} - {verdict} {}{wait}",
                shown(s).map_or("-".to_string(), |c| c.to_string()),
                status_name(s.code, &s.message)
            )?;
        }
    }
    Ok(())
}

/// `twerr 4xx`: the class's name, meaning, advice and verdict.
pub fn class(out: &mut dyn Write, c: &crate::catalog::ClassEntry, w: Width) -> io::Result<()> {
    writeln!(out, "{}", format!("HTTP {}xx {}", c.digit, c.name).bold())?;
    field(out, w, "meaning", c.description)?;
    field(out, w, "what to do", c.advice)?;
    field(out, w, "retry", c.retry.key())
}

/// The request block: the call, the library, the auth it carried, advice that names them.
fn request(
    out: &mut dyn Write,
    w: Width,
    r: &crate::diagnosis::request::RequestReport,
) -> io::Result<()> {
    writeln!(out, "{}", "Request".bold())?;
    let call = match (&r.endpoint, &r.method, &r.path) {
        (Some(e), _, _) => format!("{} {} — {}", e.method, e.path, e.title()),
        (None, method, Some(path)) => format!(
            "{}{path} (not in the endpoint table)",
            method
                .as_deref()
                .map(|m| format!("{m} "))
                .unwrap_or_default()
        ),
        _ => "unknown".to_string(),
    };
    let whence = match &r.implied_by {
        Some(method) => format!("implied by {method}, line {}", r.seen.line),
        None => format!("line {}, {}", r.seen.line, r.seen.how.label()),
    };
    field(out, w, "call", &format!("{call} ({whence})"))?;
    if let Some(l) = &r.library {
        let mut text = l.name.to_string();
        if let Some(v) = &l.version {
            text.push(' ');
            text.push_str(v);
        }
        if let Some(m) = l.method {
            text.push_str(&format!(", {m}"));
        }
        field(out, w, "library", &text)?;
    }
    if let Some(a) = r.auth_used {
        field(
            out,
            w,
            "auth used",
            crate::catalog::endpoints::auth_label(a),
        )?;
    }
    for a in &r.advice {
        field(out, w, "advice", a)?;
    }
    Ok(())
}

/// `twerr endpoint`: one row of the endpoint table, with its v2 move and library methods.
pub fn endpoint(
    out: &mut dyn Write,
    row: &crate::catalog::EndpointEntry,
    w: Width,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        format!("{} {} — {}", row.method, row.path, row.title()).bold()
    )?;
    if let (Some(op), Some(_)) = (row.operation, row.what) {
        field(out, w, "operation", op)?;
    }
    field(
        out,
        w,
        "auth",
        &crate::diagnosis::request::accepted_auth(row),
    )?;
    if let Some(limits) = crate::catalog::endpoints::limits_text(row) {
        let as_of = row.limits_as_of.unwrap_or("");
        field(out, w, "limits", &format!("{limits} (documented, {as_of})"))?;
    }
    for note in row.notes {
        field(out, w, "note", &format!("{} ({})", note.text, note.source))?;
    }
    let v2 = crate::catalog::endpoints::v2_of(row);
    match (row.v2, v2) {
        (_, Some(v2)) => {
            field(
                out,
                w,
                "v2 move",
                &format!("{} {} — {}", v2.method, v2.path, v2.title()),
            )?;
            field(
                out,
                w,
                "v2 auth",
                &crate::diagnosis::request::accepted_auth(v2),
            )?;
        }
        (Some(_), None) => field(out, w, "v2 move", "none: X lists no v2 replacement")?,
        (None, None) => {
            let from: Vec<String> = crate::catalog::endpoints::moving_to(row)
                .iter()
                .map(|e| format!("{} {}", e.method, e.path))
                .collect();
            if !from.is_empty() {
                field(out, w, "replaces", &from.join(", "))?;
            }
        }
    }
    for (library, names) in row.methods {
        let mut text = names.join(", ");
        if let Some(new) = v2.and_then(|v2| v2.methods.iter().find(|(l, _)| l == library)) {
            text = format!("{text} -> {}", new.1[0]);
        }
        field(out, w, library, &text)?;
    }
    field(out, w, "source", row.source)
}
