//! `twerr scan [FILE...]`: every error of each log counted, a summary per file and for all.

use super::{Ctx, Exit, Outcome, PASTE_HINT};
use crate::batch::{self, FileSummary, LogCounts, ScanReport, Tally, Unreadable};
use crate::input;
use crate::render;
use crate::util::sanitize::clean;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

pub(super) fn run(ctx: &mut Ctx, files: &[PathBuf], threads: usize) -> Outcome {
    let reads_terminal = files.is_empty() || files.iter().any(|f| f.as_os_str() == "-");
    if reads_terminal && io::stdin().is_terminal() {
        ctx.say(PASTE_HINT)?;
    }
    let names: Vec<PathBuf> = if files.is_empty() {
        vec!["-".into()]
    } else {
        files.to_vec()
    };
    let mut total = Tally::default();
    let mut counts = LogCounts::default();
    let mut per_file = Vec::new();
    let mut unreadable = Vec::new();
    for name in &names {
        // A file name is untrusted text too: an escape sequence in it must not reach the
        // terminal through a progress line, a header or an error message.
        let path = clean(&name.display().to_string());
        match scan_one(ctx, name, &path, threads)? {
            Ok((tally, c)) => {
                total.merge(&tally, &path);
                counts.add(c);
                let summary = tally.summary(c);
                per_file.push(FileSummary { path, summary });
            }
            // The other files are still read and summarised; the exit status says one
            // was not.
            Err(error) => {
                ctx.say(&error)?;
                unreadable.push(Unreadable { path, error });
            }
        }
    }
    if per_file.is_empty() {
        return Ok(Exit::Usage);
    }
    let report = ScanReport {
        total: total.summary(counts),
        files: per_file,
        unreadable,
    };
    if ctx.plan.json() {
        render::json::write(ctx.out, &report)?;
    } else {
        render::scan::report(ctx.out, &report, ctx.plan.terminal)?;
    }
    Ok(if !report.unreadable.is_empty() {
        Exit::Usage
    } else if report.total.total == 0 {
        Exit::NothingRecognised
    } else {
        Exit::Ok
    })
}

/// One log's tally and counts, with a progress line on a terminal's stderr; the inner
/// `Err` says why it could not be read.
fn scan_one(
    ctx: &mut Ctx,
    name: &Path,
    label: &str,
    threads: usize,
) -> io::Result<Result<(Tally, LogCounts), String>> {
    let stdin = label == "-";
    let endless = if stdin {
        input::is_endless_device(Path::new("/dev/stdin"), io::stdin().is_terminal())
    } else {
        input::is_endless_device(name, false)
    };
    if endless {
        return Ok(Err(format!(
            "{label} is a device that may never end: scan reads files, pipes and a terminal"
        )));
    }
    let show_progress = io::stderr().is_terminal();
    let mut shown = false;
    let err = &mut *ctx.err;
    let mut progress = |n: u64| {
        if show_progress {
            shown = true;
            // A progress line that cannot be written is no reason to stop counting.
            let _ = write!(err, "\rtwerr: scanning {label}: {} MiB read", n >> 20);
        }
    };
    let options = batch::ScanOptions {
        threads,
        ..batch::ScanOptions::default()
    };
    let result = if stdin {
        batch::tally_log_with(io::stdin().lock(), &mut progress, options)
    } else {
        std::fs::File::open(name).and_then(|f| match mapped(&f) {
            Some(map) => batch::tally_mapped(map, &mut progress, options),
            None => {
                let file = io::BufReader::with_capacity(1 << 20, f);
                batch::tally_log_with(file, &mut progress, options)
            }
        })
    };
    if shown {
        write!(ctx.err, "\r\x1b[K")?; // clear the progress line
    }
    Ok(result.map_err(|e| format!("cannot read {label}: {e}")))
}

/// A regular file mapped into memory, when it can be: its bytes are then read where the
/// kernel keeps them, with no copy. A log that shrinks while it is read (truncated by a
/// log rotation) would end the process with SIGBUS at the first page past its new end;
/// [`on_shrunk_log`] says so and exits as for an unreadable input.
fn mapped(file: &std::fs::File) -> Option<memmap2::Mmap> {
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() == 0 {
        return None;
    }
    install_shrunk_log_handler();
    // SAFETY: the map is only read. A change of the file's bytes while it is read gives
    // other bytes, which are read as text like any; a cut is caught by the handler above.
    unsafe { memmap2::Mmap::map(file) }.ok()
}

fn install_shrunk_log_handler() {
    let handler = on_shrunk_log as extern "C" fn(libc::c_int) as libc::sighandler_t;
    // SAFETY: the handler calls only write and _exit, both async-signal-safe.
    unsafe {
        libc::signal(libc::SIGBUS, handler);
    }
}

/// SIGBUS while a mapped log is read: a one-line error and the exit status of an input
/// that cannot be read (nothing has been written to stdout yet: the report comes last).
extern "C" fn on_shrunk_log(_: libc::c_int) {
    const SAID: &[u8] =
        b"twerr: a log shrank while it was read (cut by a log rotation?): scan it again\n";
    // SAFETY: write and _exit are async-signal-safe; SAID is a static buffer.
    unsafe {
        libc::write(2, SAID.as_ptr().cast(), SAID.len());
        libc::_exit(i32::from(Exit::Usage.code()));
    }
}
