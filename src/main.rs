//! The `twerr` binary: parse the command line and hand it to [`twerr::cmd::main`], which
//! runs it and says how to exit.

#[cfg(all(target_os = "linux", target_env = "gnu"))]
use std::ffi::{CStr, c_char, c_int};
use std::io;
use std::process::ExitCode;
use twerr::cli;
use twerr::cmd::{self, Exit};
use twerr::util::allocator::{ByCommand, wants_mimalloc};
use twerr::util::sanitize;

/// The system's allocator, or mimalloc for `scan`: see [`twerr::util::allocator`].
#[global_allocator]
static GLOBAL: ByCommand = ByCommand::new();

/// Run before `main`, as glibc runs each function of `.init_array` with the arguments
/// `main` will get (std reads them the same way): chooses mimalloc for a `scan` before
/// anything is allocated. Elsewhere the system's allocator serves every run.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[used]
#[unsafe(link_section = ".init_array")]
static CHOOSE_THE_ALLOCATOR: extern "C" fn(c_int, *const *const c_char, *const *const c_char) =
    choose_the_allocator;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
extern "C" fn choose_the_allocator(
    argc: c_int,
    argv: *const *const c_char,
    _env: *const *const c_char,
) {
    let count = usize::try_from(argc).unwrap_or(0);
    // SAFETY: glibc passes `argc` and `argv` as `main` gets them: `argc` pointers to
    // strings ended by NUL, alive for the whole run.
    let words = (0..count).map(|i| unsafe { CStr::from_ptr(*argv.add(i)) }.to_bytes());
    if wants_mimalloc(words) {
        GLOBAL.choose_mimalloc();
    }
}

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
            let e = if e.use_stderr() { shown_safely(e) } else { e };
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
