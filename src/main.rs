//! The `twerr` binary: parse the command line and hand it to [`twerr::cmd::main`], which
//! runs it and says how to exit.

use clap::Parser;
use std::io;
use std::process::ExitCode;
use twerr::cli::Cli;
use twerr::cmd::{self, Exit};

/// mimalloc: `scan` makes many small allocations on several threads, where the system's
/// malloc takes a lock and mimalloc does not (a bot's log is read in about four fifths of
/// the time; `bench/run.sh` section `bot`). Its version 2, which starts in about the time
/// the system's does (version 3 reads more of the environment as it starts), built without
/// transparent huge pages: a page of 2 MiB is zeroed whole when first touched, though
/// little of each is used (they doubled the peak memory of `scan`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match Cli::try_parse() {
        Ok(cli) => cmd::main(cli).into(),
        Err(e)
            if e.kind() == clap::error::ErrorKind::DisplayHelp
                && cmd::page_help(&e.render(), &std::env::args_os().collect::<Vec<_>>()) =>
        {
            Exit::Ok.into()
        }
        Err(e) => {
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
