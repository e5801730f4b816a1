//! Tables of entries for `list`, `search` and `scan`, with comfy-table.
//!
//! On a terminal a table is fitted to the width: only the text columns (message, advice)
//! wrap, at spaces; every other column keeps its content's width, so that no id or verdict
//! is broken mid-word. When the terminal is too narrow for that, the least useful columns
//! are left out, then the box. In a pipe, `list` and `search` print one tab-separated line
//! per entry; `scan` keeps aligned columns (its summary is read by people).

use crate::catalog::listing::Row;
use comfy_table::{ContentArrangement, Table, presets};
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

/// The widest a wrapping column is made for one unbroken piece of a URL; a longer piece is
/// cut where the line ends.
const MAX_PIECE: usize = 40;

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
            // about:blank's title and verdict are those of the status it comes with.
            if r.retry_from_status {
                "(the HTTP status's own)".to_string()
            } else {
                r.message.to_string()
            },
            r.source.key().to_string(),
            if r.retry_from_status {
                "by-status".to_string()
            } else {
                r.retry.key().to_string()
            },
        ];
        if searched {
            cells.push(r.matched.unwrap_or("-").to_string());
        }
        cells
    };
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
    if terminal && !searched {
        // A listing on a terminal is a table per kind, so that the long problem names
        // widen only their own ID column, not the statuses' and codes'.
        let mut first = true;
        // The ID says the kind (`HTTP 429`, `code 88`, a problem's name): no KIND column.
        columns.remove(0);
        let cells = |r: &Row| cells(r)[1..].to_vec();
        for group in rows.chunk_by(|a, b| a.kind == b.kind) {
            if !first {
                writeln!(out)?;
            }
            first = false;
            grid(out, &columns, group.iter().map(cells).collect(), terminal)?;
        }
        return Ok(());
    }
    grid(out, &columns, rows.iter().map(cells).collect(), terminal)
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
                // Room for the longest piece a URL is cut into, so that only a slash cuts it.
                return rows
                    .iter()
                    .flat_map(|r| r[i].split_whitespace())
                    .filter(|w| w.len() > MIN_WRAP)
                    .flat_map(|w| url_pieces(w, MAX_PIECE))
                    .map(|p| p.chars().count())
                    .fold(MIN_WRAP, usize::max);
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
    let per_column = if boxed { 3 } else { 2 };
    if !boxed && needed(&shown, per_column) > width {
        return stacked(columns, &shown, &rows, width);
    }
    let text_width = wrap_width(columns, &shown, &least, width, per_column);
    let mut table = Table::new();
    table
        .load_style(match (boxed, utf8_locale()) {
            (true, true) => presets::UTF8_FULL_CONDENSED,
            // Box-drawing characters reach a non-UTF-8 terminal (or `less`) as `<E2><94><8C>`.
            (true, false) => presets::ASCII_FULL_CONDENSED,
            (false, _) => presets::NOTHING,
        })
        // The text columns are wrapped here, at spaces and after a URL's slashes, so that
        // comfy-table has nothing left to break mid-word.
        .set_content_arrangement(ContentArrangement::Disabled);
    styled(&mut table);
    table.set_header(shown.iter().map(|&i| columns[i].header));
    for row in &rows {
        table.add_row(shown.iter().map(|&i| {
            let text = if columns[i].wraps {
                wrapped(&row[i], text_width)
            } else {
                row[i].clone()
            };
            cell(columns[i].header, &text)
        }));
    }
    table.to_string()
}

/// The width each text column gets: what the other shown columns and the borders leave of
/// `width`, shared evenly, never under what the widest of them needs.
fn wrap_width(
    columns: &[Column],
    shown: &[usize],
    least: &[usize],
    width: usize,
    per_column: usize,
) -> usize {
    let texts = shown.iter().filter(|&&i| columns[i].wraps).count().max(1);
    let narrowest = shown
        .iter()
        .filter(|&&i| columns[i].wraps)
        .map(|&i| least[i])
        .fold(MIN_WRAP, usize::max);
    let fixed: usize = shown
        .iter()
        .map(|&i| per_column + if columns[i].wraps { 0 } else { least[i] })
        .sum::<usize>()
        + 1;
    (width.saturating_sub(fixed) / texts).max(narrowest)
}

/// `text` wrapped to lines of at most `width` characters: at spaces, and a word longer than
/// a line (a URL) after its slashes; only a piece with no slash that is longer than a line
/// is cut where the line ends.
fn wrapped(text: &str, width: usize) -> String {
    let mut out = String::new();
    // Characters on the line being filled.
    let mut used = 0;
    for word in text.split_whitespace() {
        let pieces = if word.chars().count() <= width {
            vec![word]
        } else {
            url_pieces(word, width)
        };
        for (n, piece) in pieces.into_iter().enumerate() {
            // A space before a word; the pieces of one word are joined as they were.
            let space = usize::from(n == 0);
            let len = piece.chars().count();
            if used > 0 && used + space + len > width {
                out.push('\n');
                used = 0;
            } else if used > 0 && space == 1 {
                out.push(' ');
                used += 1;
            }
            out.push_str(piece);
            used += len;
        }
    }
    out
}

/// A word cut after each slash that ends a path segment (`https://host/`, `en/`), and a
/// piece still longer than `width` cut every `width` characters.
fn url_pieces(word: &str, width: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let bytes = word.as_bytes();
    for (at, &b) in bytes.iter().enumerate() {
        let scheme = word[..at].ends_with(":/");
        if b == b'/' && !scheme && bytes.get(at + 1).is_some_and(|&n| n != b'/') {
            pieces.push(&word[start..=at]);
            start = at + 1;
        }
    }
    pieces.push(&word[start..]);
    pieces
        .into_iter()
        .flat_map(|piece| {
            let cuts: Vec<usize> = piece
                .char_indices()
                .map(|(i, _)| i)
                .step_by(width.max(1))
                .chain(std::iter::once(piece.len()))
                .collect();
            cuts.windows(2)
                .map(|w| &piece[w[0]..w[1]])
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
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

#[cfg(test)]
mod tests {
    use super::{url_pieces, wrapped};

    #[test]
    fn a_url_is_cut_after_its_segments_slashes_not_its_schemes() {
        assert_eq!(
            url_pieces("https://developer.twitter.com/en/portal/product", 40),
            [
                "https://developer.twitter.com/",
                "en/",
                "portal/",
                "product"
            ]
        );
        assert_eq!(url_pieces("abcdefgh", 3), ["abc", "def", "gh"]);
    }

    #[test]
    fn text_wraps_at_spaces_and_a_long_url_fills_the_lines_it_needs() {
        assert_eq!(
            wrapped("Please log in to https://twitter.com to unlock", 20),
            "Please log in to\nhttps://twitter.com\nto unlock"
        );
        let text = wrapped(
            "more here: https://developer.twitter.com/en/portal/product",
            31,
        );
        assert_eq!(
            text,
            "more here:\nhttps://developer.twitter.com/\nen/portal/product"
        );
        assert!(text.lines().all(|l| l.chars().count() <= 31));
    }
}
