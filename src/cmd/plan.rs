//! The command line turned once into what the commands need: which job, which output
//! mode, colour, the pager and the wrap width, the clock. Handlers read this plan, never
//! the raw [`Cli`], so that each decision about the terminal is taken in one place.

use crate::cli::{Cli, ColorChoice, Command, DecideArgs, EndpointArgs, ListArgs, RunArgs};
use crate::evidence::arguments::Given;
use crate::render;
use crate::util::sanitize::clean;
use std::io::{self, IsTerminal};
use std::path::PathBuf;

/// How a diagnosis is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Text for people, wrapped on a terminal.
    Human,
    /// One line per error (`--short`).
    Short,
    /// One JSON document (`--json`).
    Json,
}

/// What the run does.
#[derive(Debug)]
pub enum Job {
    /// Explain the inputs, flags, files and stdin (no subcommand).
    Explain(Explain),
    List(ListArgs),
    Search(Vec<String>),
    Endpoint(EndpointArgs),
    /// The logs, and the threads that read each.
    Scan(Vec<PathBuf>, usize),
    Completions(clap_complete::Shell),
    Man,
    /// `twerr version`: the name and version.
    Version,
    /// `twerr run -- COMMAND`: run it, and again within bounds after a failure.
    Run(RunArgs),
    Decide(DecideArgs),
}

/// What the command line gives to explain.
#[derive(Debug, Default)]
pub struct Explain {
    pub inputs: Vec<String>,
    pub codes: Vec<u64>,
    pub statuses: Vec<u16>,
    pub types: Vec<String>,
    pub file: Option<PathBuf>,
}

impl Explain {
    /// The words and flags as argument evidence reads them.
    pub fn given(&self) -> Given<'_> {
        Given {
            inputs: &self.inputs,
            codes: &self.codes,
            statuses: &self.statuses,
            types: &self.types,
        }
    }
}

/// An explanation's flags given to a subcommand they mean nothing to (`twerr --code 88
/// list`, `twerr -q list`), or a subcommand's name after an explanation's inputs (`twerr
/// 187 list`): the usage error that says so, for a flag is never silently ignored.
fn refusal(cli: &Cli) -> Option<String> {
    let Some(command) = &cli.command else {
        let (first, rest) = cli.top.inputs.split_first()?;
        let sub = crate::cli::first_subcommand(rest)?;
        return Some(format!(
            "`{}` is a subcommand: give it first (`twerr {} ...`); after `{}` it would be looked up as words",
            clean(sub),
            clean(sub),
            clean(first)
        ));
    };
    let (name, applies): (&str, &[&str]) = match command {
        Command::Scan { .. } => ("scan", &["--quiet"]),
        Command::Run(_) => ("run", &["--now", "--quiet", "--exit-verdict"]),
        Command::Decide(_) => ("decide", &["--now"]),
        Command::List(_) => ("list", &["--quiet"]),
        Command::Search { .. } => ("search", &["--quiet"]),
        Command::Endpoint(_) => ("endpoint", &["--quiet"]),
        Command::Completions { .. } => ("completions", &[]),
        Command::Man => ("man", &[]),
        Command::Version => ("version", &[]),
    };
    let given = [
        ("--code", !cli.top.codes.is_empty()),
        ("--status", !cli.top.statuses.is_empty()),
        ("--type", !cli.top.types.is_empty()),
        ("--file", cli.top.file.is_some()),
        ("--now", cli.top.now.is_some()),
        ("--short", cli.top.short),
        ("--exit-verdict", cli.top.exit_verdict),
        ("--quiet", cli.top.quiet),
    ];
    let (flag, _) = given
        .into_iter()
        .find(|&(flag, on)| on && !applies.contains(&flag))?;
    Some(format!("{flag} does not apply to `{name}`"))
}

/// The whole run, decided once.
#[derive(Debug)]
pub struct Plan {
    pub job: Job,
    pub mode: Mode,
    /// `--quiet`: nothing on stdout, the exit status is the answer.
    pub quiet: bool,
    /// `--exit-verdict`: a diagnosis exits by its retry verdict.
    pub exit_verdict: bool,
    /// `--now`: the time resets are measured from.
    pub now: Option<i64>,
    /// Whether output is coloured.
    pub color: bool,
    /// Whether stdout is a terminal (tables fit its width; text is wrapped).
    pub terminal: bool,
    /// The pager long output goes through, when one runs.
    pub pager: Option<String>,
    /// A flag that means nothing to the chosen job: refused, never ignored.
    pub refused: Option<String>,
}

impl Plan {
    pub fn new(cli: Cli) -> Plan {
        let terminal = io::stdout().is_terminal();
        let json = cli.top.output.json;
        let mode = if json {
            Mode::Json
        } else if cli.top.short {
            Mode::Short
        } else {
            Mode::Human
        };
        let misplaced = refusal(&cli);
        let job = match cli.command {
            Some(Command::List(args)) => Job::List(args),
            Some(Command::Search { words }) => Job::Search(words),
            Some(Command::Endpoint(args)) => Job::Endpoint(args),
            Some(Command::Scan { files, threads }) => {
                let cores = std::thread::available_parallelism().map_or(1, usize::from);
                Job::Scan(files, threads.map_or(cores, usize::from))
            }
            Some(Command::Completions { shell }) => Job::Completions(shell),
            Some(Command::Man) => Job::Man,
            Some(Command::Version) => Job::Version,
            Some(Command::Decide(args)) => Job::Decide(args),
            Some(Command::Run(mut args)) => {
                args.quiet |= cli.top.quiet;
                Job::Run(args)
            }
            None => Job::Explain(Explain {
                inputs: cli.top.inputs,
                codes: cli.top.codes,
                statuses: cli.top.statuses,
                types: cli.top.types,
                file: cli.top.file,
            }),
        };
        let refused = match job {
            Job::Completions(_) if json => {
                Some("--json does not apply to `completions`: the script is shell code".into())
            }
            Job::Man if json => Some("--json does not apply to `man`: the page is roff".into()),
            _ => misplaced,
        };
        // Paged: what people read on a terminal, not the completion script or the man
        // page's roff (which are for files), and not with --quiet.
        // Nor `run`, whose command's output passes through as it comes.
        let for_files = matches!(
            job,
            Job::Completions(_) | Job::Man | Job::Run(_) | Job::Decide(_)
        );
        let pager = if for_files || cli.top.quiet {
            None
        } else {
            crate::util::pager::wanted(cli.top.output.no_pager)
        };
        Plan {
            job,
            mode,
            quiet: cli.top.quiet,
            exit_verdict: cli.top.exit_verdict,
            now: cli.top.now,
            color: use_color(cli.top.output.color),
            terminal,
            pager,
            refused,
        }
    }

    /// Whether JSON is printed.
    pub fn json(&self) -> bool {
        self.mode == Mode::Json
    }

    /// The width to wrap text at: the terminal's (at most 100 columns), none in a pipe.
    pub fn width(&self) -> Option<usize> {
        self.terminal.then(render::text_width)
    }
}

/// Decides colour once for the whole run: `auto` means stdout is a terminal that is not
/// `TERM=dumb`, and NO_COLOR is unset or empty.
pub(super) fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
                && std::io::stdout().is_terminal()
        }
    }
}
