//! What the binary does with a parsed command line: gather evidence from the arguments,
//! files or stdin, diagnose, and render. `main.rs` only maps the result to an exit status.

pub mod completion;
pub mod docs;

use crate::catalog::listing::{self, Row};
use crate::cli::{Cli, Command, ListArgs, StatusFilter};
use crate::diagnosis::{self, Diagnosis};
use crate::evidence::arguments as lookup;
use crate::evidence::{self, Evidence, Finding, How, Seen};
use crate::input::{self, Input};
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
        Some(Command::Endpoint { words }) => endpoint(out, err, words, cli.output.json, terminal),
        Some(Command::Scan { files }) => scan(out, err, files, cli.output.json, terminal),
        Some(Command::Completions { shell }) => {
            crate::cmd::docs::completions(*shell, out)?;
            Ok(exit::OK)
        }
        Some(Command::Man) => {
            crate::cmd::docs::man_page(out)?;
            Ok(exit::OK)
        }
        None => explain(&cli, out, err, terminal),
    }
}

/// The pager for this run's output: on a terminal, for what people read (not the
/// completion script or the man page's roff, which are for files), and not with --quiet.
pub fn pager(cli: &Cli) -> Option<String> {
    let for_files = matches!(
        cli.command,
        Some(Command::Completions { .. } | Command::Man)
    );
    if for_files || cli.quiet {
        return None;
    }
    crate::util::pager::wanted(cli.output.no_pager)
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
        .filter(|r| match args.status {
            None => true,
            Some(StatusFilter::Status(s)) => r.kind != "status" && r.status == Some(s),
            // A class: its statuses, and the entries that come with one of them.
            Some(StatusFilter::Class(d)) => {
                let number = if r.kind == "status" {
                    r.number
                } else {
                    r.status.map(u32::from)
                };
                number.is_some_and(|n| n / 100 == u32::from(d))
            }
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

/// `twerr endpoint [METHOD] PATH` or `twerr endpoint METHOD_NAME`: the rows it names.
fn endpoint(
    out: &mut dyn Write,
    err: &mut dyn Write,
    words: &[String],
    json: bool,
    terminal: bool,
) -> io::Result<u8> {
    const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH"];
    let (method, rest) = match words {
        [m, rest @ ..]
            if !rest.is_empty() && METHODS.contains(&m.to_ascii_uppercase().as_str()) =>
        {
            (Some(m.to_ascii_uppercase()), rest)
        }
        _ => (None, words),
    };
    let target = rest.join(" ");
    let rows: Vec<&crate::catalog::EndpointEntry> = if target.contains('/') {
        crate::catalog::endpoints::all_matching(method.as_deref(), target.trim())
    } else {
        crate::catalog::endpoints::by_any_library_method(target.trim())
            .into_iter()
            .map(|(row, _)| row)
            .collect()
    };
    if rows.is_empty() {
        writeln!(
            err,
            "twerr: `{}` is no endpoint of the table (`twerr endpoint /2/tweets`, `twerr endpoint update_status`)",
            crate::util::sanitize::clean(&words.join(" "))
        )?;
        if json {
            render::json::write(out, &Vec::<()>::new())?;
        }
        return Ok(exit::NOTHING_RECOGNISED);
    }
    if json {
        let docs: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| crate::diagnosis::request::endpoint_json(r))
            .collect();
        render::json::write(out, &docs)?;
    } else {
        let width = terminal.then(render::text_width);
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            render::human::endpoint(out, row, width)?;
        }
    }
    Ok(exit::OK)
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
    summary: crate::batch::Summary,
}

#[derive(serde::Serialize)]
struct ScanReport {
    #[serde(flatten)]
    total: crate::batch::Summary,
    files: Vec<FileSummary>,
    /// Files that could not be read, each with why (also said on stderr).
    unreadable: Vec<Unreadable>,
}

#[derive(serde::Serialize)]
struct Unreadable {
    path: String,
    error: String,
}

fn scan(
    out: &mut dyn Write,
    err: &mut dyn Write,
    files: &[std::path::PathBuf],
    json: bool,
    terminal: bool,
) -> io::Result<u8> {
    let reads_terminal = files.is_empty() || files.iter().any(|f| f.as_os_str() == "-");
    if reads_terminal && io::stdin().is_terminal() {
        writeln!(err, "{PASTE_HINT}")?;
    }
    let names: Vec<std::path::PathBuf> = if files.is_empty() {
        vec!["-".into()]
    } else {
        files.to_vec()
    };
    let mut total = crate::batch::Tally::default();
    let (mut lines, mut bytes, mut long) = (0, 0, 0);
    let mut per_file = Vec::new();
    let mut unreadable = Vec::new();
    for name in &names {
        // A file name is untrusted text too: an escape sequence in it must not reach the
        // terminal through a progress line, a header or an error message.
        let path = crate::util::sanitize::clean(&name.display().to_string());
        match scan_one(name, &path) {
            Ok((tally, l, b, lg)) => {
                total.merge(&tally, &path);
                (lines, bytes, long) = (lines + l, bytes + b, long + lg);
                let summary = tally.summary(l, b, lg);
                per_file.push(FileSummary { path, summary });
            }
            // The other files are still read and summarised; the exit status says one
            // was not.
            Err(error) => {
                writeln!(err, "twerr: {error}")?;
                unreadable.push(Unreadable { path, error });
            }
        }
    }
    if per_file.is_empty() {
        return Ok(exit::USAGE);
    }
    let report = ScanReport {
        total: total.summary(lines, bytes, long),
        files: per_file,
        unreadable,
    };
    if json {
        render::json::write(out, &report)?;
    } else {
        scan_text(out, &report, terminal)?;
    }
    Ok(if !report.unreadable.is_empty() {
        exit::USAGE
    } else if report.total.total == 0 {
        exit::NOTHING_RECOGNISED
    } else {
        exit::OK
    })
}

/// One log's tally and counts (lines, bytes, long lines), with a progress line on a
/// terminal's stderr; `Err` says why it could not be read.
fn scan_one(name: &Path, label: &str) -> Result<(crate::batch::Tally, u64, u64, u64), String> {
    let stdin = label == "-";
    let endless = if stdin {
        input::is_endless_device(Path::new("/dev/stdin"), io::stdin().is_terminal())
    } else {
        input::is_endless_device(name, false)
    };
    if endless {
        return Err(format!(
            "{label} is a device that may never end: scan reads files, pipes and a terminal"
        ));
    }
    let show_progress = io::stderr().is_terminal();
    let mut shown = false;
    let progress = |n: u64| {
        if show_progress {
            shown = true;
            eprint!("\rtwerr: scanning {label}: {} MiB read", n >> 20);
        }
    };
    let result = if stdin {
        crate::batch::scan(io::stdin().lock(), progress)
    } else {
        std::fs::File::open(name)
            .and_then(|f| crate::batch::scan(io::BufReader::with_capacity(1 << 20, f), progress))
    };
    if shown {
        eprint!("\r\x1b[K"); // clear the progress line
    }
    result.map_err(|e| format!("cannot read {label}: {e}"))
}

/// The text of a scan: a table per file when there are several, then the one for all.
fn scan_text(out: &mut dyn Write, report: &ScanReport, terminal: bool) -> io::Result<()> {
    let several = report.files.len() > 1;
    if several {
        for f in &report.files {
            writeln!(
                out,
                "{}: {} in {}",
                f.path,
                counted(f.summary.total, "error"),
                counted(f.summary.lines, "line")
            )?;
            render::table::scan(out, &f.summary, terminal, false)?;
            writeln!(out)?;
        }
        writeln!(out, "all files:")?;
    }
    let total = &report.total;
    render::table::scan(out, total, terminal, several)?;
    writeln!(
        out,
        "{} in {} ({})",
        counted(total.total, "error"),
        counted(total.lines, "line"),
        counted(total.bytes, "byte")
    )?;
    if total.long_lines > 0 {
        writeln!(
            out,
            "note: {} longer than {} bytes {} cut to that length",
            counted(total.long_lines, "line"),
            crate::batch::MAX_LINE_BYTES,
            if total.long_lines == 1 { "was" } else { "were" }
        )?;
    }
    Ok(())
}

fn explain(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write, terminal: bool) -> io::Result<u8> {
    let mut args = lookup::arguments(cli);
    // A class alone (`twerr 4xx`) is a lookup of its own: the class, then its statuses.
    if let ([text], true) = (args.texts.as_slice(), args.evidence.is_empty())
        && let Some(class) = lookup::class_named(text)
    {
        return class_lookup(out, err, class, cli.output.json, terminal);
    }
    let files = file_arguments(&mut args);
    let inputs = match read_inputs(cli, &args, &files, err)? {
        Ok(inputs) => inputs,
        Err(status) => return Ok(status),
    };
    let texts = joined_words(&args.texts);
    let mut found = std::mem::take(&mut args.evidence);
    let unmatched_text = text_evidence(&texts, &mut found);
    let mut notes = std::mem::take(&mut args.notes);
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
        return nothing_found(cli, out, err, &d, &inputs, &texts, unmatched_text, terminal);
    }
    if !cli.quiet {
        if cli.output.json {
            render::json::write(out, &d)?;
        } else if cli.short {
            render::human::short(out, &d)?;
        } else {
            let width = terminal.then(render::text_width);
            render::human::diagnosis(out, &d, inputs.is_empty() && texts.is_empty(), width)?;
        }
    }
    Ok(exit_status(&d, cli.exit_verdict))
}

/// Arguments that name a file that exists (`twerr resp.txt`): read as `--file` would read
/// them, with a note, rather than searched for as words.
fn file_arguments(args: &mut lookup::Arguments) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    args.texts.retain(|t| {
        let path = Path::new(t);
        let is_file = !t.contains(char::is_whitespace) && path.is_file();
        if is_file {
            args.notes.push(format!(
                "`{}` is a file: it was read as the input (--file says so explicitly)",
                crate::util::sanitize::clean(t)
            ));
            files.push(path.to_path_buf());
        }
        !is_file
    });
    files
}

/// The inputs to read: `--file`, file arguments, and stdin when it is wanted. `Err` holds
/// the exit status when one could not be read (said on `err`).
fn read_inputs(
    cli: &Cli,
    args: &lookup::Arguments,
    files: &[std::path::PathBuf],
    err: &mut dyn Write,
) -> io::Result<Result<Vec<Input>, u8>> {
    let mut inputs: Vec<Input> = Vec::new();
    // `--file -` is stdin, as `-` is.
    let file = cli.file.as_ref().filter(|p| p.as_os_str() != "-");
    let dash = args.stdin || cli.file.as_ref().is_some_and(|p| p.as_os_str() == "-");
    for path in file.into_iter().chain(files) {
        match input::read_file(path) {
            Ok(i) => inputs.push(i),
            Err(e) => {
                writeln!(
                    err,
                    "twerr: cannot read {}: {e}",
                    crate::util::sanitize::clean(&path.display().to_string())
                )?;
                return Ok(Err(exit::USAGE));
            }
        }
    }
    let from_arguments = !args.evidence.is_empty()
        || !args.notes.is_empty()
        || !args.texts.is_empty()
        || !files.is_empty();
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
            return Ok(Err(exit::USAGE));
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
                return Ok(Err(exit::USAGE));
            }
        }
    }
    Ok(Ok(inputs))
}

/// Several bare words are one query, as the shell split them (`twerr rate limit`).
fn joined_words(texts: &[String]) -> Vec<String> {
    if texts.len() > 1 && texts.iter().all(|t| !t.contains(char::is_whitespace)) {
        vec![texts.join(" ")]
    } else {
        texts.to_vec()
    }
}

/// The evidence of text arguments, added to `found`: an entry's name or exact official
/// message is a lookup (`twerr "Status is a duplicate"` asks which code that is); anything
/// else is read as pasted text. Returns the last text in which nothing was found.
fn text_evidence<'a>(texts: &'a [String], found: &mut Vec<Evidence>) -> Option<&'a String> {
    let mut unmatched = None;
    for text in texts {
        let seen = Seen {
            line: 1,
            how: How::Argument,
        };
        if let Some(ev) = lookup::named_entry(text, seen) {
            found.extend(ev);
            continue;
        }
        let found_here = evidence::extract(text);
        if found_here.iter().any(|e| e.finding != Finding::Body) {
            found.extend(found_here);
        } else {
            unmatched = Some(text);
        }
    }
    unmatched
}

/// Nothing recognised: words are searched for in the tables; a misspelt subcommand or
/// problem name gets a suggestion; else the reason, on stderr (and as JSON with --json).
#[allow(clippy::too_many_arguments)]
fn nothing_found(
    cli: &Cli,
    out: &mut dyn Write,
    err: &mut dyn Write,
    d: &Diagnosis,
    inputs: &[Input],
    texts: &[String],
    unmatched_text: Option<&String>,
    terminal: bool,
) -> io::Result<u8> {
    if let Some(text) = unmatched_text {
        // Words that are no structure, name or exact message: search the tables.
        let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        if !listing::search(&words).is_empty() {
            return search(out, err, &words, cli.output.json, terminal);
        }
    }
    if let Some((typed, meant)) = texts.first().and_then(|t| lookup::near_subcommand(t)) {
        writeln!(
            err,
            "twerr: `{}` is not a command; did you mean `twerr {meant}`?",
            crate::util::sanitize::clean(typed)
        )?;
        return Ok(exit::USAGE);
    }
    let reason = match texts
        .first()
        .and_then(|t| Some((t, lookup::near_problem(t)?)))
    {
        Some((typed, meant)) => format!(
            "`{}` is in no table; did you mean the problem type `{meant}`?",
            crate::util::sanitize::clean(typed)
        ),
        None => nothing_found_reason(inputs, &d.notes),
    };
    writeln!(err, "twerr: {reason}")?;
    if cli.output.json {
        // --json output is always one JSON document, recognised or not.
        let doc = serde_json::json!({
            "status": null, "errors": [], "rate_limit": null, "retry": null,
            "other_statuses": [], "notes": d.notes, "reason": reason,
        });
        render::json::write(out, &doc)?;
    }
    Ok(exit::NOTHING_RECOGNISED)
}

/// `twerr 4xx`: what the class means, and the statuses of the tables in it.
fn class_lookup(
    out: &mut dyn Write,
    err: &mut dyn Write,
    class: &crate::catalog::ClassEntry,
    json: bool,
    terminal: bool,
) -> io::Result<u8> {
    let rows = listing::in_class(class.digit, false);
    if json {
        let doc = serde_json::json!({
            "class": format!("{}xx", class.digit),
            "name": class.name,
            "description": class.description,
            "advice": class.advice,
            "verdict": class.retry,
            "statuses": rows,
        });
        render::json::write(out, &doc)?;
        return Ok(exit::OK);
    }
    let width = terminal.then(render::text_width);
    render::human::class(out, class, width)?;
    writeln!(out)?;
    show_rows(
        out,
        err,
        &rows,
        false,
        terminal,
        "no status of this class is in the tables",
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
