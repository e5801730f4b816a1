//! What serves every stage alike: making untrusted text safe to print, counting what is
//! not shown past a report's rows, and paging long output on a terminal.

pub mod overflow;
pub mod pager;
pub mod sanitize;
