//! Stage five of the pipeline: show a diagnosis, a scan or a table, as text for people or
//! JSON for programs.

pub mod human;
pub mod json;
pub mod scan;
pub mod table;

/// The widest text is wrapped at: the terminal's width, but never more than this, as long
/// lines are hard to read.
pub const MAX_TEXT_WIDTH: usize = 100;

/// The width to wrap text at on a terminal.
pub fn text_width() -> usize {
    terminal_columns().min(MAX_TEXT_WIDTH)
}

/// The terminal's width; 80 when it says none (a pseudo-terminal of size 0).
pub fn terminal_columns() -> usize {
    Some(textwrap::termwidth()).filter(|&w| w > 0).unwrap_or(80)
}

/// `1 error`, `2 errors`.
pub fn counted(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
