//! Tables of entries for `list` and `search`, with comfy-table.

use crate::listing::Row;
use comfy_table::{ContentArrangement, Table, presets};
use std::io::{self, Write};

/// Writes a scan summary: one row per status and code or problem type, most frequent first.
pub fn scan(out: &mut dyn Write, summary: &crate::scan::Summary, terminal: bool) -> io::Result<()> {
    let mut table = new_table(terminal);
    table.set_header([
        "COUNT",
        "STATUS",
        "CODE/TYPE",
        "LINES",
        "VERDICT",
        "MESSAGE",
        "WHAT TO DO",
    ]);
    for e in &summary.entries {
        let what = match (e.code, &e.type_uri) {
            (Some(c), _) => c.to_string(),
            (None, Some(t)) => crate::catalog::problem_name(t).to_string(),
            _ => "-".to_string(),
        };
        table.add_row([
            e.count.to_string(),
            e.status.map_or("-".to_string(), |s| s.to_string()),
            what,
            format!("{}-{}", e.first_line, e.last_line),
            e.verdict.key().to_string(),
            e.message.clone(),
            e.advice.clone(),
        ]);
    }
    if let Some(o) = &summary.other {
        let at_least = if o.distinct_at_least { "at least " } else { "" };
        table.add_row([
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
                crate::overflow::MAX_ROWS
            ),
        ]);
    }
    print_table(out, &table, terminal)
}

fn new_table(terminal: bool) -> Table {
    let mut table = Table::new();
    if terminal {
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table.load_style(presets::NOTHING);
    }
    table
}

fn print_table(out: &mut dyn Write, table: &Table, terminal: bool) -> io::Result<()> {
    if !terminal {
        // NOTHING pads every cell with a space on each side; trim the line ends.
        for line in table.lines() {
            writeln!(out, "{}", line.trim())?;
        }
        return Ok(());
    }
    writeln!(out, "{table}")
}

/// Writes `rows` as a table: boxed and fitted to the width on a terminal, plain
/// space-aligned columns (one entry per line, easy to grep) in a pipe.
pub fn rows(out: &mut dyn Write, rows: &[Row], terminal: bool) -> io::Result<()> {
    let mut table = new_table(terminal);
    table.set_header(["KIND", "ID", "STATUS", "MESSAGE", "SOURCE", "RETRY"]);
    for r in rows {
        table.add_row([
            r.kind.to_string(),
            r.id(),
            r.status.map_or("-".to_string(), |s| s.to_string()),
            r.message.to_string(),
            r.source.key().to_string(),
            r.retry.key().to_string(),
        ]);
    }
    print_table(out, &table, terminal)
}
