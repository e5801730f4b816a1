//! The `twerr` binary: parse the command line, run, map the outcome to an exit status.

use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;
use twerr::app::{self, exit};
use twerr::cli::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            });
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    let result = app::run(cli, &mut out, &mut err).and_then(|code| out.flush().map(|()| code));
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed stdout (`twerr list | head -1`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "twerr: {e}");
            ExitCode::from(exit::NOTHING_RECOGNISED)
        }
    }
}
