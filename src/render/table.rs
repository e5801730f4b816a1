//! Tables of entries for `list`, `search` and `scan`, with comfy-table.
//!
//! On a terminal a table is fitted to the width: only the text columns (message, advice)
//! wrap, at spaces; every other column keeps its content's width, so that no id or verdict
//! is broken mid-word. When the terminal is too narrow for that, the least useful columns
//! are left out, then the box. In a pipe, `list` and `search` print one tab-separated line
//! per entry; `scan` keeps aligned columns (its summary is read by people).

use crate::catalog::listing::Row;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};
use std::io::{self, Write};

/// A column of a table on a terminal.
struct Column {
    header: &'static str,
    /// Text that wraps: it takes the width the other columns leave.
    wraps: bool,
    /// Left out on a narrow terminal, lowest first; `None`: always shown.
    drop: Option<u8>,
}

const fn col(header: &'static str, wraps: bool, drop: Option<u8>) -> Column {
    Column {
        header,
        wraps,
        drop,
    }
}

/// The narrowest a wrapping column may get before columns are left out.
const MIN_WRAP: usize = 24;

/// Writes a scan summary: one row per status and code or problem type, most frequent first.
/// With `name_files` (several files), LINES says the file: `a.log:3-17`, never a range
/// across files. A summary with no entry prints no table.
pub fn scan_summary(
    out: &mut dyn Write,
    summary: &crate::batch::Summary,
    terminal: bool,
    name_files: bool,
) -> io::Result<()> {
    const COLUMNS: [Column; 7] = [
        col("COUNT", false, None),
        col("STATUS", false, None),
        col("CODE/TYPE", false, None),
        col("LINES", false, Some(1)),
        col("VERDICT", false, None),
        col("MESSAGE", true, None),
        col("WHAT TO DO", true, Some(0)),
    ];
    let mut rows: Vec<Vec<String>> = summary
        .entries
        .iter()
        .map(|e| scan_row(e, name_files))
        .collect();
    if let Some(o) = &summary.other {
        let at_least = if o.distinct_at_least { "at least " } else { "" };
        rows.push(vec![
            o.occurrences.to_string(),
            "-".to_string(),
            "OTHER".to_string(),
            "-".to_string(),
            "-".to_string(),
            format!(
                "{at_least}{} more distinct rows, counted together",
                o.distinct
            ),
            format!(
                "Only the {} most distinct rows are kept; split the log to see these.",
                crate::util::overflow::MAX_ROWS
            ),
        ]);
    }
    if rows.is_empty() {
        return Ok(());
    }
    if !terminal {
        // Aligned columns with no box; line ends trimmed.
        let mut table = Table::new();
        table.load_style(presets::NOTHING);
        styled(&mut table);
        table.set_header(COLUMNS.iter().map(|c| c.header));
        for r in rows {
            table.add_row(COLUMNS.iter().zip(&r).map(|(c, text)| cell(c.header, text)));
        }
        for line in table.lines() {
            writeln!(out, "{}", line.trim())?;
        }
        return Ok(());
    }
    writeln!(out, "{}", fitted(&COLUMNS, rows, terminal_width()))
}

fn scan_row(e: &crate::batch::Entry, name_files: bool) -> Vec<String> {
    let what = match (e.code, &e.type_uri) {
        (Some(c), _) => c.to_string(),
        (None, Some(t)) => crate::catalog::problem_name(t).to_string(),
        _ => "-".to_string(),
    };
    let range = if e.first_line == e.last_line {
        e.first_line.to_string()
    } else {
        format!("{}-{}", e.first_line, e.last_line)
    };
    let lines = match (&e.first_file, e.files) {
        (Some(file), Some(n)) if name_files && n > 1 => format!("{file}:{range} +{} files", n - 1),
        (Some(file), _) if name_files => format!("{file}:{range}"),
        _ => format!("{}-{}", e.first_line, e.last_line),
    };
    vec![
        e.count.to_string(),
        // A status implied by words, not shown as digits, is in parentheses: `(429)`.
        match (e.status, e.status_implied) {
            (Some(s), true) => format!("({s})"),
            (Some(s), false) => s.to_string(),
            (None, _) => "-".to_string(),
        },
        what,
        lines,
        e.verdict.key().to_string(),
        e.message.clone(),
        e.advice.clone(),
    ]
}

/// Writes `rows`: on a terminal a table fitted to its width; in a pipe one line per entry,
/// its fields separated by tabs, with no header and no padding, for `cut`, `awk` and
/// `grep`. A search adds the field each entry matched in.
pub fn rows(out: &mut dyn Write, rows: &[Row], terminal: bool) -> io::Result<()> {
    let searched = rows.iter().any(|r| r.matched.is_some());
    // On a terminal the ID says its kind (`HTTP 429`, `code 88`), so that no width that
    // leaves the KIND column out makes 429 the status and 88 the code look alike.
    let id = |r: &Row| match (terminal, r.kind) {
        (true, crate::catalog::listing::Kind::Status) => format!("HTTP {}", r.id()),
        (true, crate::catalog::listing::Kind::Code) => format!("code {}", r.id()),
        _ => r.id(),
    };
    let cells = |r: &Row| {
        let mut cells = vec![
            r.kind.key().to_string(),
            id(r),
            r.status.map_or("-".to_string(), |s| s.to_string()),
            r.message.to_string(),
            r.source.key().to_string(),
            r.retry.key().to_string(),
        ];
        if searched {
            cells.push(r.matched.unwrap_or("-").to_string());
        }
        cells
    };
    let cells: Vec<Vec<String>> = rows.iter().map(cells).collect();
    let mut columns = vec![
        col("KIND", false, Some(1)),
        col("ID", false, None),
        col("STATUS", false, None),
        col("MESSAGE", true, None),
        col("SOURCE", false, Some(0)),
        col("RETRY", false, None),
    ];
    if searched {
        columns.push(col("MATCHED", false, Some(2)));
    }
    grid(out, &columns, cells, terminal)
}

/// Writes the endpoint table: method, path, the auth kinds accepted, the documented
/// limits (`450/15m app`), and what it does (our words, else the spec's operationId).
pub fn endpoints(
    out: &mut dyn Write,
    rows: &[&crate::catalog::EndpointEntry],
    terminal: bool,
) -> io::Result<()> {
    let columns = [
        col("METHOD", false, None),
        col("PATH", false, None),
        col("AUTH", false, Some(1)),
        col("LIMITS", false, Some(0)),
        col("WHAT", true, None),
    ];
    let cells = rows
        .iter()
        .map(|r| {
            let auth: Vec<&str> = r.auth.iter().map(|a| a.key()).collect();
            vec![
                r.method.to_string(),
                r.path.to_string(),
                if auth.is_empty() {
                    "none".to_string()
                } else {
                    auth.join(",")
                },
                short_limits(r.limits),
                r.title().to_string(),
            ]
        })
        .collect();
    grid(out, &columns, cells, terminal)
}

/// `450/15m app, 300/15m user`; `-` when none is documented.
fn short_limits(limits: &[crate::catalog::Limit]) -> String {
    if limits.is_empty() {
        return "-".to_string();
    }
    let window = |s: u32| match s {
        1 => "s".to_string(),
        900 => "15m".to_string(),
        86400 => "24h".to_string(),
        s => format!("{s}s"),
    };
    let parts: Vec<String> = limits
        .iter()
        .map(|l| {
            format!(
                "{}/{} {}",
                l.requests,
                window(l.window_seconds),
                l.per.key()
            )
        })
        .collect();
    parts.join(", ")
}

/// On a terminal a table fitted to its width; in a pipe one line per row, its fields
/// separated by tabs, with no header and no padding, for `cut`, `awk` and `grep`.
fn grid(
    out: &mut dyn Write,
    columns: &[Column],
    cells: Vec<Vec<String>>,
    terminal: bool,
) -> io::Result<()> {
    if !terminal {
        for row in cells {
            let fields: Vec<String> = columns
                .iter()
                .zip(&row)
                .map(|(c, text)| painted(c.header, text))
                .collect();
            writeln!(out, "{}", fields.join("\t"))?;
        }
        return Ok(());
    }
    writeln!(out, "{}", fitted(columns, cells, terminal_width()))
}

/// Whether colour is on (`--color`, NO_COLOR, the terminal): set once for the run.
fn colorize() -> bool {
    colored::control::SHOULD_COLORIZE.should_colorize()
}

/// The verdict a cell of the verdict column (RETRY, VERDICT) holds, when colour is on:
/// the one cell that is painted.
fn painted_verdict(header: &str, text: &str) -> Option<crate::catalog::Verdict> {
    (colorize() && matches!(header, "RETRY" | "VERDICT"))
        .then(|| crate::catalog::Verdict::from_key(text))
        .flatten()
}

/// A tab-separated field: the verdict in its colour when colour is on (`--color always` in
/// a pipe too), other fields as they are.
fn painted(header: &str, text: &str) -> String {
    match painted_verdict(header, text) {
        Some(v) => super::human::verdict(v).to_string(),
        None => text.to_string(),
    }
}

/// A table cell, painted as [`painted`] is; comfy-table measures the text and styles it,
/// so the columns stay aligned.
fn cell(header: &str, text: &str) -> comfy_table::Cell {
    use crate::catalog::Verdict;
    use comfy_table::{Attribute, Cell, Color};
    let cell = Cell::new(text);
    let Some(v) = painted_verdict(header, text) else {
        return cell;
    };
    let color = match v {
        Verdict::NotNeeded => Color::Green,
        Verdict::DoNotRetry => Color::Red,
        Verdict::WaitForReset | Verdict::Backoff => Color::Yellow,
    };
    cell.fg(color).add_attribute(Attribute::Bold)
}

/// Styles on or off as colour is, whatever comfy-table makes of stdout.
fn styled(table: &mut Table) {
    if colorize() {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
}

/// Whether the locale's character set is UTF-8: the first of LC_ALL, LC_CTYPE and LANG
/// that is set says; with none set it is the C locale, ASCII.
fn utf8_locale() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .is_some_and(|value| {
            let v = value.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}

fn terminal_width() -> usize {
    super::terminal_columns()
}

/// A table of `rows` under `columns`, fitted to `width` as the module says.
fn fitted(columns: &[Column], rows: Vec<Vec<String>>, width: usize) -> String {
    // What each column needs: its widest cell, or MIN_WRAP for text that wraps. Measured
    // once, not again for every column left out.
    let least: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if c.wraps {
                return MIN_WRAP;
            }
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain(std::iter::once(c.header.len()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    // Per column: the box's `│ ` and ` ┆ `, or the padding of the unboxed style.
    let needed = |shown: &[usize], per_column: usize| -> usize {
        shown.iter().map(|&i| least[i] + per_column).sum::<usize>() + 1
    };
    while needed(&shown, 3) > width {
        let lowest = shown
            .iter()
            .enumerate()
            .filter_map(|(at, &i)| columns[i].drop.map(|d| (d, at)))
            .min();
        match lowest {
            Some((_, at)) => {
                shown.remove(at);
            }
            None => break,
        }
    }
    let boxed = needed(&shown, 3) <= width;
    if !boxed && needed(&shown, 2) > width {
        return stacked(columns, &shown, &rows, width);
    }
    let mut table = Table::new();
    table
        .load_style(match (boxed, utf8_locale()) {
            (true, true) => presets::UTF8_FULL_CONDENSED,
            // Box-drawing characters reach a non-UTF-8 terminal (or `less`) as `<E2><94><8C>`.
            (true, false) => presets::ASCII_FULL_CONDENSED,
            (false, _) => presets::NOTHING,
        })
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX));
    styled(&mut table);
    table.set_header(shown.iter().map(|&i| columns[i].header));
    for row in &rows {
        table.add_row(shown.iter().map(|&i| cell(columns[i].header, &row[i])));
    }
    for (column, &i) in table.column_iter_mut().zip(&shown) {
        if !columns[i].wraps {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    table.to_string()
}

/// For a terminal too narrow for columns: an entry per paragraph, its short fields on the
/// first line and its text after them, wrapped at spaces with an indent.
fn stacked(columns: &[Column], shown: &[usize], rows: &[Vec<String>], width: usize) -> String {
    let options = textwrap::Options::new(width.max(20))
        .subsequent_indent("    ")
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    for row in rows {
        let short: Vec<&str> = shown
            .iter()
            .filter(|&&i| !columns[i].wraps)
            .map(|&i| row[i].as_str())
            .collect();
        let text: Vec<&str> = shown
            .iter()
            .filter(|&&i| columns[i].wraps)
            .map(|&i| row[i].as_str())
            .collect();
        let entry = format!("{} — {}", short.join("  "), text.join(" — "));
        for line in textwrap::wrap(&entry, &options) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.pop();
    out
}
