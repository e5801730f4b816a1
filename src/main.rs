//! The `twerr` binary: parse the command line and hand it to [`twerr::cmd::main`], which
//! runs it and says how to exit.

use std::io;
use std::process::ExitCode;
use twerr::cli;
use twerr::cmd::{self, Exit};
use twerr::util::sanitize;

/// One allocator for every run, chosen at build time: mimalloc, whose thread-local heaps
/// keep `scan`'s worker threads from contending on one lock (see bench/runs for what it
/// costs a lookup). No code runs before `main`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::parse_from(std::env::args_os().collect()) {
        Ok(cli) => cmd::main(cli).into(),
        Err(e)
            if e.kind() == clap::error::ErrorKind::DisplayHelp
                && cmd::page_help(&e.render(), &std::env::args_os().collect::<Vec<_>>()) =>
        {
            Exit::Ok.into()
        }
        Err(e) => {
            let e = if e.use_stderr() {
                cli::refined(shown_safely(e))
            } else {
                e
            };
            // --help and --version print to stdout: a failed write there is an output
            // error; a closed pipe is the reader's choice.
            let exit = match e.print() {
                Err(p) if p.kind() != io::ErrorKind::BrokenPipe && !e.use_stderr() => {
                    let _ = cmd::say(&mut io::stderr(), cmd::Error::Output(p));
                    Exit::OutputFailed
                }
                _ if e.use_stderr() => Exit::Usage,
                _ => Exit::Ok,
            };
            exit.into()
        }
    }
}

/// A usage error that quotes the user's words as they can be shown: where an argument
/// holds an escape sequence, a control, a bidirectional mark or an invisible character,
/// the command line is parsed again with each such character written as `\u{..}`, and
/// that error (the same mistake, in clap's own words and colour) is the one printed.
fn shown_safely(e: clap::Error) -> clap::Error {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if !args
        .iter()
        .any(|a| a.to_str().is_none_or(sanitize::has_unsafe))
    {
        return e;
    }
    let shown = args
        .iter()
        .map(|a| sanitize::escape_controls(&a.to_string_lossy()).into())
        .collect();
    cli::parse_from(shown).err().unwrap_or(e)
}
