//! JSON output: the serialised diagnosis is the documented contract.

use serde::Serialize;
use std::io::{self, Write};

/// Writes `value` as pretty JSON and a newline.
pub fn write<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}
