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
        Ok(cli) => {
            if !matches!(cli.command, Some(twerr::cli::Command::Scan { .. })) {
                return_memory_at_once();
            }
            cmd::main(cli).into()
        }
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

/// mimalloc's `purge_delay` (its option 15 in the version 2 the lock file holds; the Rust
/// bindings do not name it): how long freed memory is kept before it goes back to the
/// system.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A diagnosis of one input frees large blocks as it goes (a body's values, a region's
/// text): given back at once, its peak memory is that of glibc's malloc (a 16 MiB paste
/// took 62 MiB with the default delay, 46 MiB without). `scan` keeps the default: it
/// frees and takes again blocks of the same sizes all the time, and is 3% faster so.
fn return_memory_at_once() {
    // SAFETY: sets an option of the allocator; no pointer is passed.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
}

#[cfg(test)]
mod tests {
    use super::PURGE_DELAY;

    #[test]
    fn the_option_set_is_the_purge_delay() {
        // SAFETY: reads and sets options of the allocator; no pointer is passed.
        unsafe {
            // Option 15 is the purge delay, whose default is 10 ms, and 0 is kept.
            assert_eq!(libmimalloc_sys::mi_option_get(PURGE_DELAY), 10);
            super::return_memory_at_once();
            assert_eq!(libmimalloc_sys::mi_option_get(PURGE_DELAY), 0);
        }
    }
}
