//! The commands. The command line is turned once into a [`Plan`]; [`run`] hands it to the
//! one handler its job names, which writes through a [`Ctx`] and returns an [`Exit`] or an
//! [`Error`]. `main.rs` only parses the command line and calls [`main`].

pub mod completion;
mod decide;
pub mod docs;
mod endpoint;
mod exit;
mod explain;
mod list;
mod plan;
mod run;
mod scan;

pub use exit::{Error, Exit, Outcome};
pub use plan::{Explain, Job, Mode, Plan};

use crate::cli::Cli;
use std::fmt::Display;
use std::io::{self, Write};

/// What every handler works with: the plan and the two writers.
pub struct Ctx<'a> {
    pub plan: &'a Plan,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

impl Ctx<'_> {
    /// Says `message` on stderr after the one `twerr:` prefix. Text from the input in it
    /// must already be made safe ([`crate::util::sanitize::clean`]).
    pub fn say(&mut self, message: impl Display) -> io::Result<()> {
        say(self.err, message)
    }
}

/// The one place a message of twerr's own is written, after its `twerr:` prefix. A stderr
/// that cannot be written (closed, full) changes nothing: the exit status still says what
/// happened, as README documents it, and there is nowhere else to say more.
pub fn say(err: &mut dyn Write, message: impl Display) -> io::Result<()> {
    let _ = writeln!(err, "twerr: {message}");
    Ok(())
}

/// `--help` on a terminal, paged like other long output (`--no-pager` among `args` prints
/// it straight); `false` when it is not for the pager (a pipe, no pager wanted), and the
/// caller prints it as clap does.
pub fn page_help(help: &clap::builder::StyledStr, args: &[std::ffi::OsString]) -> bool {
    let no_pager = args.iter().any(|a| a == "--no-pager");
    let Some(pager) = crate::util::pager::wanted(no_pager) else {
        return false;
    };
    // In colour as clap shows it, when colour is on by the run's own rule (`--color`,
    // NO_COLOR, TERM): the command line did not parse, so `--color` is read from it here.
    let given = |value: &str| {
        let joined = format!("--color={value}");
        args.windows(2).any(|w| w[0] == "--color" && w[1] == value)
            || args.iter().any(|a| a.to_str() == Some(joined.as_str()))
    };
    let choice = match (given("never"), given("always")) {
        (true, _) => crate::cli::ColorChoice::Never,
        (_, true) => crate::cli::ColorChoice::Always,
        _ => crate::cli::ColorChoice::Auto,
    };
    let help = if plan::use_color(choice) {
        help.ansi().to_string()
    } else {
        help.to_string()
    };
    let mut out = io::stdout();
    match crate::util::pager::show(&pager, help.as_bytes(), &mut out) {
        Ok(Some(why)) => {
            let _ = say(&mut io::stderr(), format_args!("note: {why}"));
        }
        Ok(None) => {}
        // A closed terminal leaves nothing to say it on.
        Err(_) => {}
    }
    true
}

/// The binary's work: the plan's job on stdout (through the pager on a terminal) and
/// stderr, and how to exit.
pub fn main(cli: Cli) -> Exit {
    let plan = Plan::new(cli);
    // Not locked for the whole run: `twerr run` passes its command's output through from
    // other threads.
    let mut out = io::BufWriter::new(io::stdout());
    let mut err = io::stderr();
    // Long output on a terminal is paged: it is gathered first, then shown.
    let result = match &plan.pager {
        Some(pager) => {
            let mut page = Vec::new();
            run(&plan, &mut page, &mut err).and_then(|exit| {
                if let Some(why) = crate::util::pager::show(pager, &page, &mut out)? {
                    say(&mut err, format_args!("note: {why}"))?;
                }
                Ok(exit)
            })
        }
        None => run(&plan, &mut out, &mut err),
    };
    let result = result.and_then(|exit| Ok(out.flush().map(|()| exit)?));
    match result {
        Ok(exit) => exit,
        Err(e) => {
            // A closed stdout (`twerr list | head -1`) is the reader's choice: no message.
            if e.exit() != Exit::Ok {
                // stderr itself may be what failed: nothing more can be said then.
                let _ = say(&mut err, &e);
            }
            e.exit()
        }
    }
}

/// Runs `plan`, writing to `out` and `err`. A usage error is said on `err` here, once.
pub fn run(plan: &Plan, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    colored::control::set_override(plan.color);
    let mut sink = io::sink();
    // --quiet: the exit status is the answer, whatever the mode.
    let out: &mut dyn Write = if plan.quiet { &mut sink } else { out };
    let mut ctx = Ctx { plan, out, err };
    let outcome = match &plan.refused {
        Some(refused) => Err(Error::Usage(refused.clone())),
        None => dispatch(&mut ctx),
    };
    match outcome {
        Err(Error::Usage(message)) => {
            ctx.say(message)?;
            Ok(Exit::Usage)
        }
        other => other,
    }
}

fn dispatch(ctx: &mut Ctx) -> Outcome {
    match &ctx.plan.job {
        Job::Explain(given) => explain::run(ctx, given),
        Job::List(args) => list::list(ctx, args),
        Job::Search(words) => list::search(ctx, words),
        Job::Endpoint(args) => endpoint::run(ctx, args),
        Job::Scan(files, threads) => scan::run(ctx, files, *threads),
        Job::Run(args) => run::run(ctx, args),
        Job::Decide(args) => decide::run(ctx, args),
        Job::Completions(shell) => {
            docs::completions(*shell, ctx.out)?;
            Ok(Exit::Ok)
        }
        Job::Man => {
            docs::man_page(ctx.out)?;
            Ok(Exit::Ok)
        }
        Job::Version => {
            let version = env!("CARGO_PKG_VERSION");
            if ctx.plan.json() {
                let doc = serde_json::json!({"name": "twerr", "version": version});
                crate::render::json::write(ctx.out, &doc)?;
            } else {
                writeln!(ctx.out, "twerr {version}")?;
            }
            Ok(Exit::Ok)
        }
    }
}

/// Said on stderr when twerr reads a terminal: how to end the input, as this system ends
/// it (a Windows console ends it with Ctrl-Z, every other terminal with Ctrl-D).
const PASTE_HINT: &str = if cfg!(windows) {
    "reading the terminal: paste the error, then press Ctrl-Z and Enter on a line of its own"
} else {
    "reading the terminal: paste the error, then press Ctrl-D on a line of its own"
};

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// The plan of `twerr ARGS` as a pipe would see it: no terminal, no colour, no pager.
    fn plan(args: &[&str]) -> Plan {
        let cli = Cli::try_parse_from(std::iter::once("twerr").chain(args.iter().copied()))
            .expect("the arguments parse");
        let mut plan = Plan::new(cli);
        plan.terminal = false;
        plan.color = false;
        plan.pager = None;
        plan
    }

    /// Runs `twerr ARGS`: the exit status, stdout and stderr.
    fn run_plan(args: &[&str]) -> (Exit, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let exit = run(&plan(args), &mut out, &mut err).expect("writing to a Vec cannot fail");
        let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
        (exit, text(out), text(err))
    }

    #[test]
    fn the_plan_names_the_mode_once() {
        assert_eq!(plan(&["187"]).mode, Mode::Human);
        assert_eq!(plan(&["--short", "187"]).mode, Mode::Short);
        assert_eq!(plan(&["187", "--json"]).mode, Mode::Json);
        assert!(matches!(plan(&["list"]).job, Job::List(_)));
        assert!(matches!(plan(&["187"]).job, Job::Explain(ref e) if e.inputs == ["187"]));
    }

    #[test]
    fn a_lookup_explains_and_exits_by_the_verdict_when_asked() {
        let (exit, out, err) = run_plan(&["187"]);
        assert_eq!(exit, Exit::Ok);
        assert!(out.starts_with("API error code 187"), "{out}");
        assert!(err.is_empty(), "{err}");
        let (exit, _, _) = run_plan(&["--exit-verdict", "187"]);
        assert_eq!(exit, Exit::DoNotRetry);
    }

    #[test]
    fn quiet_prints_nothing_and_the_status_still_speaks() {
        let (exit, out, _) = run_plan(&["-q", "--exit-verdict", "503"]);
        assert_eq!((exit, out.as_str()), (Exit::Backoff, ""));
    }

    #[test]
    fn a_refused_flag_is_one_usage_error_with_the_prefix() {
        let (exit, out, err) = run_plan(&["man", "--json"]);
        assert_eq!(exit, Exit::Usage);
        assert!(out.is_empty());
        assert_eq!(
            err,
            "twerr: --json does not apply to `man`: the page is roff\n"
        );
    }

    #[test]
    fn a_listing_that_finds_nothing_says_so_and_exits_1() {
        let (exit, out, err) = run_plan(&["search", "zzzqqq"]);
        assert_eq!(exit, Exit::NothingRecognised);
        assert!(out.is_empty());
        assert_eq!(err, "twerr: no entry mentions all of: zzzqqq\n");
    }

    #[test]
    fn an_unknown_endpoint_prints_an_empty_array_with_json() {
        let (exit, out, err) = run_plan(&["endpoint", "--json", "/nope/x"]);
        assert_eq!(exit, Exit::NothingRecognised);
        assert_eq!(out.trim(), "[]");
        assert!(err.starts_with("twerr: `/nope/x` is no endpoint"), "{err}");
    }
}
