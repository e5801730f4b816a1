//! The `twerr` binary: parse the command line, run, map the outcome to an exit status.

use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;
use twerr::cli::Cli;
use twerr::cmd::{self, exit};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print to stdout: a failed write there is an output error.
            let printed = e.print();
            return ExitCode::from(match printed {
                Err(p) if p.kind() != io::ErrorKind::BrokenPipe && !e.use_stderr() => {
                    exit::OUTPUT_FAILED
                }
                _ if e.use_stderr() => exit::USAGE,
                _ => exit::OK,
            });
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    // Long output on a terminal is paged: it is gathered first, then shown.
    let result = match cmd::pager(&cli) {
        Some(pager) => {
            let mut page = Vec::new();
            cmd::run(cli, &mut page, &mut err).and_then(|code| {
                twerr::util::pager::show(&pager, &page, &mut out)?;
                Ok(code)
            })
        }
        None => cmd::run(cli, &mut out, &mut err),
    };
    let result = result.and_then(|code| out.flush().map(|()| code));
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed stdout (`twerr list | head -1`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "twerr: cannot write the output: {e}");
            ExitCode::from(exit::OUTPUT_FAILED)
        }
    }
}
