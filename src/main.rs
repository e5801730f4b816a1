//! The `twerr` binary: parse the command line and hand it to [`twerr::cmd::main`], which
//! runs it and says how to exit.

use clap::Parser;
use std::io;
use std::process::ExitCode;
use twerr::cli::Cli;
use twerr::cmd::{self, Exit};

/// mimalloc: `scan` makes many small allocations on several threads, where the system's
/// malloc takes a lock and mimalloc does not (a bot's log is read in about four fifths of
/// the time; `bench/run.sh` section `bot`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
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

/// Asks the kernel for no transparent huge pages: mimalloc asks for them where it may, and
/// a page of 2 MiB is zeroed whole when first touched, though `scan` uses a little of each
/// (its peak memory is about half without them, its time the same). Advice only: where
/// it is refused nothing changes.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integers only and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
