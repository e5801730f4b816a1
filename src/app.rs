//! What the binary does with a parsed command line: gather evidence from the arguments,
//! files or stdin, diagnose, and render. `main.rs` only maps the result to an exit status.

use crate::cli::{Cli, Command, ListArgs};
use crate::diagnosis::{self, Diagnosis};
use crate::evidence::{self, Evidence, Finding, How, Problem, Seen};
use crate::input::{self, Input};
use crate::listing::{self, Row};
use crate::render;
use clap::CommandFactory;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

/// Exit statuses (see `twerr --help`).
pub mod exit {
    pub const OK: u8 = 0;
    pub const NOTHING_RECOGNISED: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const DO_NOT_RETRY: u8 = 3;
    pub const WAIT_FOR_RESET: u8 = 4;
    pub const BACKOFF: u8 = 5;
    /// The output could not be written (a full disk, `/dev/full`); a closed pipe is not
    /// an error.
    pub const OUTPUT_FAILED: u8 = 6;
}

/// Runs the command line; returns the exit status. Errors are I/O errors on the output.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let color = render::use_color(cli.output.color);
    colored::control::set_override(color);
    let terminal = io::stdout().is_terminal();
    if let Some(refused) = refused_flag(&cli) {
        writeln!(err, "twerr: {refused}")?;
        return Ok(exit::USAGE);
    }
    let mut sink = io::sink();
    // --quiet: the exit status is the answer, whatever the mode.
    let out: &mut dyn Write = if cli.quiet { &mut sink } else { out };
    match &cli.command {
        Some(Command::List(args)) => list(out, err, args, cli.output.json, terminal),
        Some(Command::Search { words }) => search(out, err, words, cli.output.json, terminal),
        Some(Command::Scan { files }) => scan(out, err, files, cli.output.json, terminal),
        Some(Command::Completions { shell }) => {
            crate::docs::completions(*shell, out)?;
            Ok(exit::OK)
        }
        Some(Command::Man) => {
            crate::docs::man_page(out)?;
            Ok(exit::OK)
        }
        None => explain(&cli, out, err, terminal),
    }
}

/// A global flag that means nothing to the chosen mode is refused, never ignored.
fn refused_flag(cli: &Cli) -> Option<&'static str> {
    match cli.command {
        Some(Command::Completions { .. }) if cli.output.json => {
            Some("--json does not apply to `completions`: the script is shell code")
        }
        Some(Command::Man) if cli.output.json => {
            Some("--json does not apply to `man`: the page is roff")
        }
        _ => None,
    }
}

fn list(
    out: &mut dyn Write,
    err: &mut dyn Write,
    args: &ListArgs,
    json: bool,
    terminal: bool,
) -> io::Result<u8> {
    let any_kind = args.codes || args.statuses || args.problems;
    let rows: Vec<Row> = listing::all_rows()
        .into_iter()
        .filter(|r| {
            !any_kind
                || (args.codes && r.kind == "code")
                || (args.statuses && r.kind == "status")
                || (args.problems && r.kind == "problem")
        })
        .filter(|r| {
            args.status
                .is_none_or(|s| r.kind != "status" && r.status == Some(s))
        })
        .filter(|r| args.source.is_none_or(|s| s.matches(r.source)))
        .filter(|r| {
            args.family
                .as_deref()
                .is_none_or(|f| r.family.eq_ignore_ascii_case(f))
        })
        .collect();
    show_rows(
        out,
        err,
        &rows,
        json,
        terminal,
        "no entry matches those filters",
    )
}

fn search(
    out: &mut dyn Write,
    err: &mut dyn Write,
    words: &[String],
    json: bool,
    terminal: bool,
) -> io::Result<u8> {
    let rows = listing::search(words);
    let none = format!("no entry mentions all of: {}", words.join(" "));
    show_rows(out, err, &rows, json, terminal, &none)
}

/// Prints entries as JSON or a table; with none, says `none` on stderr (JSON still prints
/// its empty array) and exits 1.
fn show_rows(
    out: &mut dyn Write,
    err: &mut dyn Write,
    rows: &[Row],
    json: bool,
    terminal: bool,
    none: &str,
) -> io::Result<u8> {
    if json {
        render::json::write(out, &rows)?;
    } else if !rows.is_empty() {
        render::table::rows(out, rows, terminal)?;
    }
    if rows.is_empty() {
        writeln!(err, "twerr: {none}")?;
        return Ok(exit::NOTHING_RECOGNISED);
    }
    Ok(exit::OK)
}

/// One log's summary, for `scan` with several files.
#[derive(serde::Serialize)]
struct FileSummary {
    path: String,
    #[serde(flatten)]
    summary: crate::scan::Summary,
}

#[derive(serde::Serialize)]
struct ScanReport {
    #[serde(flatten)]
    total: crate::scan::Summary,
    files: Vec<FileSummary>,
}

fn scan(
    out: &mut dyn Write,
    err: &mut dyn Write,
    files: &[std::path::PathBuf],
    json: bool,
    terminal: bool,
) -> io::Result<u8> {
    let show_progress = io::stderr().is_terminal();
    let reads_terminal = files.is_empty() || files.iter().any(|f| f.as_os_str() == "-");
    if reads_terminal && io::stdin().is_terminal() {
        writeln!(err, "{PASTE_HINT}")?;
    }
    let shown = std::cell::Cell::new(false);
    let names: Vec<std::path::PathBuf> = if files.is_empty() {
        vec!["-".into()]
    } else {
        files.to_vec()
    };
    let mut total = crate::scan::Tally::default();
    let (mut lines, mut bytes, mut long) = (0, 0, 0);
    let mut per_file = Vec::new();
    for name in &names {
        // A file name is untrusted text too: an escape sequence in it must not reach the
        // terminal through a progress line, a header or an error message.
        let label = crate::sanitize::clean(&name.display().to_string());
        let progress = |n: u64| {
            if show_progress {
                shown.set(true);
                eprint!("\rtwerr: scanning {label}: {} MiB read", n >> 20);
            }
        };
        let endless = if label == "-" {
            input::is_endless_device(Path::new("/dev/stdin"), io::stdin().is_terminal())
        } else {
            input::is_endless_device(name, false)
        };
        if endless {
            writeln!(
                err,
                "twerr: {label} is a device that may never end: scan reads files, pipes and a terminal"
            )?;
            return Ok(exit::USAGE);
        }
        let result = if label == "-" {
            crate::scan::scan(io::stdin().lock(), progress)
        } else {
            match std::fs::File::open(name) {
                Ok(f) => crate::scan::scan(io::BufReader::with_capacity(1 << 20, f), progress),
                Err(e) => Err(e),
            }
        };
        if shown.take() {
            eprint!("\r\x1b[K"); // clear the progress line
        }
        let (tally, l, b, lg) = match result {
            Ok(r) => r,
            Err(e) => {
                writeln!(err, "twerr: cannot read {label}: {e}")?;
                return Ok(exit::USAGE);
            }
        };
        total.merge(&tally);
        (lines, bytes, long) = (lines + l, bytes + b, long + lg);
        per_file.push(FileSummary {
            path: label,
            summary: tally.summary(l, b, lg),
        });
    }
    let report = ScanReport {
        total: total.summary(lines, bytes, long),
        files: per_file,
    };
    if json {
        render::json::write(out, &report)?;
    } else {
        if report.files.len() > 1 {
            for f in &report.files {
                writeln!(
                    out,
                    "{}: {} in {}",
                    f.path,
                    counted(f.summary.total, "error"),
                    counted(f.summary.lines, "line")
                )?;
                render::table::scan(out, &f.summary, terminal)?;
                writeln!(out)?;
            }
            writeln!(out, "all files:")?;
        }
        render::table::scan(out, &report.total, terminal)?;
        writeln!(
            out,
            "{} in {} ({})",
            counted(report.total.total, "error"),
            counted(lines, "line"),
            counted(bytes, "byte")
        )?;
        if long > 0 {
            writeln!(
                out,
                "note: {long} lines longer than {} bytes were cut to that length",
                crate::scan::MAX_LINE_BYTES
            )?;
        }
    }
    Ok(if report.total.total == 0 {
        exit::NOTHING_RECOGNISED
    } else {
        exit::OK
    })
}

/// What the command line itself says: numbers, flags, and the texts to diagnose.
struct Arguments {
    evidence: Vec<Evidence>,
    texts: Vec<String>,
    notes: Vec<String>,
    /// `-` was given.
    stdin: bool,
}

fn arguments(cli: &Cli) -> Arguments {
    let mut a = Arguments {
        evidence: Vec::new(),
        texts: Vec::new(),
        notes: Vec::new(),
        stdin: false,
    };
    let arg = |i: usize| Seen {
        line: i + 1,
        how: How::Argument,
    };
    for (i, token) in cli.inputs.iter().enumerate() {
        let t = bare_number(token.trim());
        if t == "-" {
            a.stdin = true;
        } else if !t.is_empty() && t.len() <= 40 && t.bytes().all(|b| b.is_ascii_digit()) {
            match t.parse::<u64>() {
                Ok(n) => a.evidence.extend(number_evidence(n, arg(i))),
                Err(_) => a.notes.push(format!(
                    "{t} is too large to be an HTTP status or an API error code"
                )),
            }
        } else {
            a.texts.push(token.clone());
        }
    }
    let base = cli.inputs.len();
    let flags = cli
        .statuses
        .iter()
        .map(|&code| Finding::Status { code, reason: None });
    let flags = flags.chain(cli.codes.iter().map(|&code| Finding::Code {
        code,
        message: None,
    }));
    let flags = flags.chain(
        cli.types
            .iter()
            .map(|name| Finding::Problem(Box::new(Problem::named(name)))),
    );
    a.evidence
        .extend(flags.enumerate().map(|(i, finding)| Evidence {
            finding,
            seen: arg(base + i),
        }));
    a
}

fn explain(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write, terminal: bool) -> io::Result<u8> {
    let Arguments {
        evidence: mut found,
        texts,
        mut notes,
        stdin: dash,
    } = arguments(cli);
    let from_arguments = !found.is_empty() || !notes.is_empty() || !texts.is_empty();

    let mut inputs: Vec<Input> = Vec::new();
    // `--file -` is stdin, as `-` is.
    let file = cli.file.as_ref().filter(|p| p.as_os_str() != "-");
    let dash = dash || cli.file.as_ref().is_some_and(|p| p.as_os_str() == "-");
    if let Some(path) = file {
        match input::read_file(path) {
            Ok(i) => inputs.push(i),
            Err(e) => {
                writeln!(
                    err,
                    "twerr: cannot read {}: {e}",
                    crate::sanitize::clean(&path.display().to_string())
                )?;
                return Ok(exit::USAGE);
            }
        }
    }
    let stdin_is_terminal = io::stdin().is_terminal();
    // Flags alone describe a response whose text may come on stdin (`twerr --status 403 <
    // body.json`): a stdin that is not a terminal is read then too. Positional arguments
    // are lookups, as a file argument is for grep: stdin is read for them only with `-`.
    let beside_flags =
        cli.inputs.is_empty() && cli.file.is_none() && from_arguments && !stdin_is_terminal;
    let wanted = dash || (!from_arguments && cli.file.is_none());
    if wanted && stdin_is_terminal {
        if !dash {
            writeln!(
                err,
                "twerr: nothing to explain: give a status, a code or a message, or pipe a response into twerr"
            )?;
            writeln!(err, "{}", Cli::command().render_usage())?;
            writeln!(err, "For more information, try '--help'.")?;
            return Ok(exit::USAGE);
        }
        // `twerr -` on a terminal is how a person pastes: say how to end the paste.
        writeln!(err, "{PASTE_HINT}")?;
    }
    if wanted || beside_flags {
        // An unreadable stdin (a directory: `twerr < /tmp`) is as an unreadable --file.
        match input::read_stdin() {
            // Beside flags, an empty stdin is no input (scripts run with /dev/null).
            Ok(i) if !wanted && i.total_bytes == 0 => {}
            Ok(i) => inputs.push(i),
            Err(e) => {
                writeln!(err, "twerr: cannot read stdin: {e}")?;
                return Ok(exit::USAGE);
            }
        }
    }

    // Several bare words are one query, as the shell split them (`twerr rate limit`).
    let joined;
    let texts: &[String] =
        if texts.len() > 1 && texts.iter().all(|t| !t.contains(char::is_whitespace)) {
            joined = [texts.join(" ")];
            &joined
        } else {
            &texts
        };
    let mut unmatched_text: Option<&String> = None;
    for text in texts {
        // A problem's name or an exact official message is a lookup (`twerr "Status is a
        // duplicate"` asks which code that is); anything else is read as pasted text.
        let seen = Seen {
            line: 1,
            how: How::Argument,
        };
        if let Some(ev) = fallback_for_text(text, seen) {
            found.extend(ev);
            continue;
        }
        let found_here = evidence::extract(text);
        if found_here.iter().any(|e| e.finding != Finding::Body) {
            found.extend(found_here);
        } else {
            unmatched_text = Some(text);
        }
    }
    for i in &inputs {
        found.extend(evidence::extract(&i.text).into_iter().map(|mut e| {
            e.seen.line = i.input_line(e.seen.line);
            e
        }));
        notes.extend(input_notes(i));
    }

    let mut d = diagnosis::diagnose(
        &found,
        diagnosis::Options {
            now: cli.now,
            summary_only: false,
        },
    );
    d.notes.extend(notes);
    if d.status.is_none() && d.errors.is_empty() && d.rate_limit.is_none() {
        if let Some(text) = unmatched_text {
            // Words that are no structure, name or exact message: search the tables.
            let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
            if !listing::search(&words).is_empty() {
                return search(out, err, &words, cli.output.json, terminal);
            }
        }
        if let Some((typed, meant)) = texts.first().and_then(|t| near_subcommand(t)) {
            writeln!(
                err,
                "twerr: `{}` is not a command; did you mean `twerr {meant}`?",
                crate::sanitize::clean(typed)
            )?;
            return Ok(exit::USAGE);
        }
        let reason = nothing_found_reason(&inputs, &d.notes);
        writeln!(err, "twerr: {reason}")?;
        if cli.output.json {
            // --json output is always one JSON document, recognised or not.
            let doc = serde_json::json!({
                "status": null, "errors": [], "rate_limit": null, "retry": null,
                "other_statuses": [], "notes": d.notes, "reason": reason,
            });
            render::json::write(out, &doc)?;
        }
        return Ok(exit::NOTHING_RECOGNISED);
    }
    if !cli.quiet {
        if cli.output.json {
            render::json::write(out, &d)?;
        } else {
            let width = terminal.then(textwrap::termwidth);
            render::human::diagnosis(out, &d, inputs.is_empty() && texts.is_empty(), width)?;
        }
    }
    Ok(exit_status(&d, cli.exit_verdict))
}

/// A number as copied from a log, with its punctuation (`187,` `#187` `[88]` `88:` `E187`
/// `code=187` `(403)`): the digits, when that is all there is besides; else the token.
fn bare_number(token: &str) -> &str {
    let t = token.trim_matches(|c: char| {
        matches!(
            c,
            ',' | ':' | ';' | '.' | '#' | '[' | ']' | '(' | ')' | '"' | '\''
        )
    });
    let t = t
        .strip_prefix("code=")
        .or_else(|| t.strip_prefix("code:"))
        .or_else(|| t.strip_prefix('E'))
        .unwrap_or(t);
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        t
    } else {
        token
    }
}

/// A bare number becomes a status, a code, or both, as the tables say.
fn number_evidence(n: u64, seen: Seen) -> Vec<Evidence> {
    let in_codes = crate::catalog::code(n).is_some();
    let status = u16::try_from(n).ok().filter(|s| (100..=599).contains(s));
    let mut ev = Vec::new();
    if in_codes || status.is_none() {
        ev.push(Evidence {
            finding: Finding::Number { number: n },
            seen,
        });
    }
    if let Some(s) = status.filter(|s| crate::catalog::status(*s).is_some() || !in_codes) {
        ev.push(Evidence {
            finding: Finding::Status {
                code: s,
                reason: None,
            },
            seen,
        });
    }
    ev
}

/// Text with no structure in it: a problem name (`usage-capped`) or an exact message
/// (`"Status is a duplicate"`). `None` when it is neither.
fn fallback_for_text(text: &str, seen: Seen) -> Option<Vec<Evidence>> {
    let t = text.trim();
    if !t.contains(char::is_whitespace) && crate::catalog::problem(t).is_some() {
        return Some(vec![Evidence {
            finding: Finding::Problem(Box::new(Problem::named(t))),
            seen,
        }]);
    }
    let codes = crate::catalog::codes_with_message(t);
    if codes.is_empty() {
        return None;
    }
    Some(
        codes
            .into_iter()
            .map(|c| Evidence {
                finding: Finding::Code {
                    code: u64::from(c.code),
                    message: None,
                },
                seen,
            })
            .collect(),
    )
}

fn input_notes(i: &Input) -> Vec<String> {
    let mut notes = Vec::new();
    if i.skipped_bytes > 0 {
        notes.push(format!(
            "the input is {} bytes; only the first {} and the last {} were examined ({} bytes in between were skipped)",
            i.total_bytes,
            input::HEAD_BYTES,
            input::TAIL_BYTES,
            i.skipped_bytes
        ));
    }
    if i.invalid_utf8 && !i.gzip {
        notes.push(
            "the input is not valid UTF-8; invalid bytes were replaced to read the rest"
                .to_string(),
        );
    }
    if i.utf16 {
        notes.push("the input is UTF-16 (as PowerShell pipes it); it was decoded".to_string());
    }
    if i.device {
        notes.push(format!(
            "the input is a device that may never end; only its first {} bytes were read",
            input::HEAD_BYTES
        ));
    }
    if i.gzip {
        notes.push(GZIP_NOTE.to_string());
    } else if i.binary {
        notes.push(
            "the input holds NUL bytes (binary data); only its text parts were read".to_string(),
        );
    }
    notes
}

/// What to do about a body curl printed compressed.
const GZIP_NOTE: &str = "the body is gzip-compressed (curl prints it as it came unless told otherwise): run curl again with --compressed and pipe that into twerr";

/// The subcommand that the first word of `text` misspells (`lst`, `scna`, `serach`,
/// `completion`), if it is one edit or two away from it and not a subcommand itself.
fn near_subcommand(text: &str) -> Option<(&str, &'static str)> {
    const COMMANDS: &[&str] = &["list", "search", "scan", "completions", "man"];
    let word = text.split_whitespace().next()?;
    let lower = word.to_ascii_lowercase();
    if word.len() < 2 || COMMANDS.contains(&lower.as_str()) || lower == "ls" {
        return None;
    }
    COMMANDS
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, c), *c))
        .filter(|(d, c)| *d <= 2.min(c.len() / 2))
        .min()
        .map(|(_, c)| (word, c))
}

/// Said on stderr when twerr reads a terminal: how to end the input.
const PASTE_HINT: &str = "twerr: reading the terminal: paste the error, then press Ctrl-D on a line of its own (Ctrl-Z then Enter on Windows)";

/// `1 error`, `2 errors`.
fn counted(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The one line said when nothing could be explained.
fn nothing_found_reason(inputs: &[Input], notes: &[String]) -> String {
    const LOOKED_FOR: &str = "looked for HTTP status lines, curl --fail lines, JSON/XML error bodies, v2 problems, client exception text and rate-limit headers";
    match inputs {
        [i] if i.total_bytes == 0 => "the input is empty: nothing to explain".to_string(),
        [i] if i.text.trim().is_empty() => {
            "the input holds only whitespace: nothing to explain".to_string()
        }
        [i] if i.gzip => format!("{GZIP_NOTE}; nothing else to explain"),
        [i] if i.binary => format!(
            "the input is binary data (NUL bytes) with nothing recognisable in it ({LOOKED_FOR})"
        ),
        _ if !notes.is_empty() => format!("{}; nothing else to explain", notes.join("; ")),
        _ => format!("nothing recognisable in the input ({LOOKED_FOR})"),
    }
}

fn exit_status(d: &Diagnosis, exit_verdict: bool) -> u8 {
    use crate::catalog::Verdict;
    if !d.explained() {
        return exit::NOTHING_RECOGNISED;
    }
    if !exit_verdict {
        return exit::OK;
    }
    match d.retry.verdict {
        Verdict::NotNeeded => exit::OK,
        Verdict::DoNotRetry => exit::DO_NOT_RETRY,
        Verdict::WaitForReset => exit::WAIT_FOR_RESET,
        Verdict::Backoff => exit::BACKOFF,
    }
}
