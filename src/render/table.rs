//! Tables of entries for `list` and `search`, with comfy-table.

use crate::listing::Row;
use comfy_table::{ContentArrangement, Table, presets};
use std::io::{self, Write};

/// Writes `rows` as a table: boxed and fitted to the width on a terminal, plain
/// space-aligned columns (one entry per line, easy to grep) in a pipe.
pub fn rows(out: &mut dyn Write, rows: &[Row], terminal: bool) -> io::Result<()> {
    let mut table = Table::new();
    if terminal {
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table.load_style(presets::NOTHING);
    }
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
    if !terminal {
        // NOTHING pads every cell with a space on each side; trim the line ends.
        for line in table.lines() {
            writeln!(out, "{}", line.trim())?;
        }
        return Ok(());
    }
    writeln!(out, "{table}")
}
