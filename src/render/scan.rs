//! The text of `twerr scan`: a table per file when there are several, then the one for all,
//! and the count line.

use super::counted;
use crate::batch::{MAX_LINE_BYTES, ScanReport};
use std::io::{self, Write};

pub fn report(out: &mut dyn Write, report: &ScanReport, terminal: bool) -> io::Result<()> {
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
            super::table::scan_summary(out, &f.summary, terminal, false)?;
            writeln!(out)?;
        }
        writeln!(out, "all files:")?;
    }
    let total = &report.total;
    super::table::scan_summary(out, total, terminal, several)?;
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
            MAX_LINE_BYTES,
            if total.long_lines == 1 { "was" } else { "were" }
        )?;
    }
    Ok(())
}
