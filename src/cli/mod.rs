//! The command line, defined once: the binary parses with it and the completion scripts and
//! man page are generated from it, so they cannot drift apart.

use crate::catalog;
use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, FromArgMatches, Parser, Subcommand, ValueEnum, ValueHint};
use std::ffi::OsString;
use std::path::PathBuf;

mod errors;
mod retry;
pub use errors::refined;
pub use retry::{DecideArgs, PolicyArgs, RunArgs, parse_retry_verdict, parse_transport};

pub const EXIT_STATUS_HELP: &str = "\
Exit status:
  0  something was recognised (a status, shown or implied, or an error)
  1  nothing in the input could be recognised, or a bare number is in no table
  2  usage error (bad flag, bad value, unreadable input, a misspelt subcommand,
     stdin is a terminal with nothing to read)
  6  the output could not be written
  With --exit-verdict, a diagnosis exits by its retry verdict instead of 0:
  0 not-needed, 3 do-not-retry, 4 wait-for-reset, 5 backoff (1, 2 and 6 keep their meaning).
  `twerr run` exits with the command's own status; where the command exited 0 but its
  output held an error twerr did not retry away, with that error's verdict (3, 4, 5);
  126 or 127 when the command cannot be started, 130 on Ctrl-C while waiting.";

pub const EXAMPLES_HELP: &str = "\
Examples:
  twerr 187                      explain API error code 187
  twerr 429                      explain HTTP status 429
  twerr 403 187                  a status and a code together (checks they fit)
  twerr --status 403 --code 999  an unlisted code, explained through its status
  twerr usage-capped             a v2 problem type by name
  curl -si URL | twerr           diagnose a whole failed response
  twerr list --status 403        every code that comes with 403
  twerr 4xx                      a status class and its statuses
  twerr search duplicate         search messages, descriptions and advice
  twerr endpoint POST /1.1/statuses/update.json   its v2 move, auth and library methods
  twerr --short < capture.txt    one line per error, for logs and scripts
  twerr run -- curl -si URL      run a call; wait out a rate limit or back off, then retry";

#[derive(Debug, Parser)]
#[command(
    name = "twerr",
    version,
    about = "Explain Twitter/X API errors: HTTP statuses, error codes, v2 problems, whole failed responses",
    long_about = "Explain Twitter/X API errors.\n\nGive numbers (an HTTP status or an API error code, also as logs print them: 187, #187, [88], E187, code=187), a status class (4xx), a v2 problem by name or title, a pasted message or body, a file that holds one, or pipe a failed response (curl -i / -v / --fail output, a JSON or XML body, client library exception text) on standard input.\n\nArguments are lookups and leave stdin alone; give `-` to read stdin beside them. Flags alone (--status, --code, --type, --now) describe the response a piped stdin holds, so it is read. Output longer than the terminal goes through $TWERR_PAGER or $PAGER (else less; --no-pager to print directly).",
    after_help = EXAMPLES_HELP,
    after_long_help = format!("{EXAMPLES_HELP}\n\n{EXIT_STATUS_HELP}")
)]
pub struct Cli {
    #[command(flatten)]
    pub top: TopLevel,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The arguments and flags of `twerr` itself, before or without a subcommand: a struct of
/// their own so that a lookup can be parsed against them alone ([`parse_from`]).
#[derive(Debug, Args)]
pub struct TopLevel {
    /// Status or error-code numbers, a problem name, message text or a body; `-` (or nothing) reads stdin
    #[arg(value_name = "INPUT", value_parser = input_value(), hide_possible_values = true)]
    pub inputs: Vec<String>,

    /// Explain N as an API error code
    #[arg(short = 'c', long = "code", value_name = "N", value_parser = code_value(), hide_possible_values = true)]
    pub codes: Vec<u64>,

    /// Explain N as an HTTP status (also the status an unlisted --code falls back to)
    #[arg(short = 's', long = "status", value_name = "N", value_parser = status_value(), hide_possible_values = true)]
    pub statuses: Vec<u16>,

    /// Explain a v2 problem type, by name or type URI
    #[arg(short = 't', long = "type", value_name = "NAME", value_parser = problem_value(), hide_possible_values = true)]
    pub types: Vec<String>,

    /// Read the response to diagnose from PATH instead of stdin (`-` is stdin)
    #[arg(short = 'f', long = "file", value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,

    /// Measure rate-limit resets from this time (epoch seconds, or RFC 3339: 2026-11-25T12:05:00Z) instead of the date header or clock
    #[arg(long, value_name = "TIME", value_parser = parse_now, value_hint = ValueHint::Other)]
    pub now: Option<i64>,

    /// Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Exit with the retry verdict: 0 not-needed, 3 do-not-retry, 4 wait-for-reset, 5 backoff
    #[arg(long)]
    pub exit_verdict: bool,

    /// One line per error: status, code or type, verdict, message (for logs and scripts)
    #[arg(long, visible_alias = "oneline", conflicts_with = "json")]
    pub short: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Output options, accepted before or after a subcommand.
#[derive(Debug, Args, Clone, Copy)]
pub struct OutputArgs {
    /// Print JSON instead of text
    #[arg(long, global = true)]
    pub json: bool,

    /// When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print straight to the terminal: no pager for output longer than the screen
    #[arg(long, global = true)]
    pub no_pager: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the tables (all, or filtered)
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Search messages, descriptions and advice (every word must match, any case)
    Search {
        /// Words to look for
        #[arg(required = true, value_name = "WORD")]
        words: Vec<String>,
    },
    /// Summarise every error in a log of many responses (most frequent first)
    Scan {
        /// Log files to read; `-` or nothing reads stdin
        #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
        files: Vec<PathBuf>,
        /// Threads that read each log, in pieces cut between responses [default: the
        /// machine's cores]; the summary is the same with any number
        #[arg(short = 'j', long, value_name = "N")]
        threads: Option<std::num::NonZeroUsize>,
    },
    /// What twerr knows of an endpoint: the auth it accepts, its documented rate limits, its
    /// v2 move, library methods; with no PATH, every endpoint of the table
    Endpoint(EndpointArgs),
    /// Print the completion script for a shell
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
    /// Print twerr's version (as --version does); with --json, {"name", "version"}
    Version,
    /// Run a command that calls the API; on a failure, wait out the reset or back off and
    /// run it again, within bounds
    #[command(after_help = retry::RUN_HELP)]
    Run(RunArgs),
    /// Decide whether a failed call should be made again and after how long, by the
    /// rules `run` follows: reads the failure, prints the decision (for wrappers)
    Decide(DecideArgs),
}

/// `twerr endpoint`: the rows named, or every row of one API.
#[derive(Debug, Args)]
pub struct EndpointArgs {
    /// A path (with or without host, `.json` and IDs), perhaps after its method, or a
    /// library method name (`update_status`, `v2.tweet`); nothing lists every endpoint
    #[arg(value_name = "PATH", value_parser = endpoint_value(), hide_possible_values = true)]
    pub words: Vec<String>,
    /// Only the endpoints of this API version
    #[arg(long, value_enum, value_name = "VERSION")]
    pub api: Option<ApiVersion>,
}

/// The API versions of the endpoint table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ApiVersion {
    /// X API v2
    #[value(name = "2")]
    V2,
    /// The v1.1 (standard) API
    #[value(name = "1.1")]
    V1,
}

impl ApiVersion {
    /// The version as `endpoints::api_of` names it.
    pub fn key(self) -> &'static str {
        match self {
            ApiVersion::V2 => "2",
            ApiVersion::V1 => "1.1",
        }
    }
}

/// Parses a command line, the program's name first, as [`Cli`] does. A lookup is parsed
/// against the top-level arguments alone ([`TopLevel`]): the whole command line, with
/// every subcommand's arguments and help, is most of what `twerr 187` would do before
/// it answers. What that parse does not take, and every line with a word that could name
/// a subcommand, is parsed against the whole, which gives clap's own errors and help.
pub fn parse_from(args: Vec<OsString>) -> Result<Cli, clap::Error> {
    match lookup(&args) {
        Some(cli) => Ok(cli),
        None => Cli::try_parse_from(args),
    }
}

/// `args` as [`TopLevel`] alone takes them, when no word could name a subcommand; with
/// no subcommand among the words, the whole command line would parse them the same.
fn lookup(args: &[OsString]) -> Option<Cli> {
    let named = args
        .iter()
        .skip(1)
        .any(|w| w.to_str().is_none_or(could_name_a_subcommand));
    if named {
        return None;
    }
    let top = TopLevel::augment_args(clap::Command::new("twerr"));
    let matches = top.try_get_matches_from(args).ok()?;
    let top = TopLevel::from_arg_matches(&matches).ok()?;
    Some(Cli { top, command: None })
}

/// Whether `word` could be a subcommand's name or alias: each is lower-case letters (a
/// test holds them to it). A number, a flag or a sentence cannot.
fn could_name_a_subcommand(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase())
}

/// The first of `words` that names a subcommand (or one of its aliases, `ls`). The command
/// line's description is built once for all the words, and only when one of them could
/// be a name.
pub fn first_subcommand(words: &[String]) -> Option<&String> {
    use clap::CommandFactory;
    if !words.iter().any(|w| could_name_a_subcommand(w)) {
        return None;
    }
    let cli = Cli::command();
    let names = subcommand_names(&cli);
    words.iter().find(|w| names.contains(&w.as_str()))
}

/// Every subcommand's name and alias (`ls`), as the command line `cli` defines them.
pub fn subcommand_names(cli: &clap::Command) -> Vec<&str> {
    cli.get_subcommands()
        .flat_map(|s| std::iter::once(s.get_name()).chain(s.get_all_aliases()))
        .collect()
}

/// `--now`: epoch seconds, as the reset headers give them, or a time as a person has it at
/// hand (RFC 3339, with its offset: `2026-11-25T12:05:00Z`, `2026-11-25 13:05:00+01:00`).
pub fn parse_now(text: &str) -> Result<i64, String> {
    let t = text.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t
            .parse()
            .map_err(|_| format!("`{t}` is too large for epoch seconds"));
    }
    t.parse::<jiff::Timestamp>()
        .map(|ts| ts.as_second())
        .map_err(|_| {
            format!("`{t}` is no time (write epoch seconds, or RFC 3339: 2026-11-25T12:05:00Z)")
        })
}

/// A duration as people write it: `90` or `90s`, `500ms`, `15m`, `1h`, `1h30m`.
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let bad = || format!("`{text}` is no duration (write 90s, 500ms, 15m, 1h or 1h30m)");
    let t = text.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t
            .parse()
            .map(std::time::Duration::from_secs)
            .map_err(|_| bad());
    }
    let (mut total, mut rest) = (std::time::Duration::ZERO, t);
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let unit_len = rest[digits..]
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        let (number, unit) = (&rest[..digits], &rest[digits..digits + unit_len]);
        let n: u64 = number.parse().map_err(|_| bad())?;
        let step = match unit {
            "ms" => std::time::Duration::from_millis(n),
            "s" => std::time::Duration::from_secs(n),
            "m" => std::time::Duration::from_secs(n.saturating_mul(60)),
            "h" => std::time::Duration::from_secs(n.saturating_mul(3600)),
            _ => return Err(bad()),
        };
        total = total.saturating_add(step);
        rest = &rest[digits + unit_len..];
    }
    if t.is_empty() { Err(bad()) } else { Ok(total) }
}

#[derive(Debug, Args, Default)]
pub struct ListArgs {
    /// Only API error codes
    #[arg(long)]
    pub codes: bool,
    /// Only HTTP statuses
    #[arg(long)]
    pub statuses: bool,
    /// Only v2 problem types
    #[arg(long)]
    pub problems: bool,
    /// Only the codes and problems that come with this HTTP status; a class (4xx) lists its statuses too
    #[arg(short = 's', long = "status", value_name = "N", value_parser = status_filter_value(), hide_possible_values = true)]
    pub status: Option<StatusFilter>,
    /// Only entries from this source
    #[arg(long, value_enum)]
    pub source: Option<SourceFilter>,
    /// Only entries of this family (auth, rate-limit, permission, ...; `twerr man` lists them)
    #[arg(long, value_name = "FAMILY", value_parser = family_value(), hide_possible_values = true)]
    pub family: Option<String>,
}

/// `list --source`: the sources of the tables, by the names `data/` and JSON use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceFilter(pub catalog::Source);

impl SourceFilter {
    pub fn matches(self, source: catalog::Source) -> bool {
        self.0 == source
    }
}

impl ValueEnum for SourceFilter {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: std::sync::OnceLock<Vec<SourceFilter>> = std::sync::OnceLock::new();
        ALL.get_or_init(|| {
            catalog::Source::ALL
                .iter()
                .map(|&s| SourceFilter(s))
                .collect()
        })
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        // The help is the source's label as a sentence: "The 2015 Error Codes & ...".
        let label = self.0.label();
        let help = format!("{}{}", label[..1].to_uppercase(), &label[1..]);
        Some(PossibleValue::new(self.0.key()).help(help))
    }
}

/// A value parser that offers table entries as completion candidates, each with its
/// official message, while accepting whatever `P` accepts: the fallback rule needs the
/// numbers that are not in the tables.
#[derive(Clone)]
struct Candidates<P> {
    parser: P,
    list: fn() -> Vec<PossibleValue>,
}

impl<P: TypedValueParser> TypedValueParser for Candidates<P> {
    type Value = P::Value;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<P::Value, clap::Error> {
        self.parser.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.list)().into_iter()))
    }
}

/// Any error code; the known ones are offered.
fn code_value() -> Candidates<impl TypedValueParser<Value = u64>> {
    Candidates {
        parser: clap::value_parser!(u64),
        list: known_codes,
    }
}

/// An HTTP status, 100 to 599; the known ones are offered.
fn status_value() -> Candidates<impl TypedValueParser<Value = u16>> {
    Candidates {
        parser: clap::value_parser!(u16).range(100..=599),
        list: known_statuses,
    }
}

/// What `list --status` filters by: one status, or a class (`4xx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Status(u16),
    Class(u8),
}

fn parse_status_filter(text: &str) -> Result<StatusFilter, String> {
    if let Some(class) = crate::catalog::class_named(text) {
        return Ok(StatusFilter::Class(class.digit));
    }
    match text.parse::<u16>() {
        Ok(n) if (100..=599).contains(&n) => Ok(StatusFilter::Status(n)),
        _ => Err("an HTTP status is 100 to 599, or a class such as 4xx".to_string()),
    }
}

/// A status or a class; the known statuses and the five classes are offered.
fn status_filter_value() -> Candidates<impl TypedValueParser<Value = StatusFilter>> {
    Candidates {
        parser: parse_status_filter,
        list: || {
            let classes = catalog::CLASSES
                .iter()
                .map(|c| PossibleValue::new(format!("{}xx", c.digit)).help(c.name));
            known_statuses().into_iter().chain(classes).collect()
        },
    }
}

/// A problem type name or URI; the known names are offered.
fn problem_value() -> Candidates<impl TypedValueParser<Value = String>> {
    Candidates {
        parser: clap::builder::NonEmptyStringValueParser::new(),
        list: known_problems,
    }
}

/// Free text; every code, status and problem name is offered for a bare argument.
fn input_value() -> Candidates<impl TypedValueParser<Value = String>> {
    let all = || [known_codes(), known_statuses(), known_problems()].concat();
    Candidates {
        parser: clap::builder::StringValueParser::new(),
        list: all,
    }
}

/// An endpoint's path (or anything: a URL, a method, a library method name); the paths of
/// the endpoint table are offered, each once, with what it does.
fn endpoint_value() -> Candidates<impl TypedValueParser<Value = String>> {
    Candidates {
        parser: clap::builder::StringValueParser::new(),
        list: || {
            let mut seen = std::collections::HashSet::new();
            catalog::ENDPOINTS
                .iter()
                .filter(|e| seen.insert(e.path))
                .map(|e| PossibleValue::new(e.path).help(e.title()))
                .collect()
        },
    }
}

/// A family of the tables; the names and what each groups are offered, and only those are
/// taken: another name is a usage error listing them, as `--source` does.
fn family_value() -> Candidates<impl TypedValueParser<Value = String>> {
    Candidates {
        parser: clap::builder::PossibleValuesParser::new(
            catalog::FAMILIES
                .iter()
                .map(|(name, _)| PossibleValue::new(*name)),
        ),
        list: || {
            catalog::FAMILIES
                .iter()
                .map(|(name, about)| PossibleValue::new(*name).help(*about))
                .collect()
        },
    }
}

fn known_codes() -> Vec<PossibleValue> {
    catalog::CODES
        .iter()
        .map(|e| PossibleValue::new(e.code.to_string()).help(e.message))
        .collect()
}

fn known_statuses() -> Vec<PossibleValue> {
    catalog::STATUSES
        .iter()
        .map(|e| PossibleValue::new(e.code.to_string()).help(e.message))
        .collect()
}

fn known_problems() -> Vec<PossibleValue> {
    catalog::PROBLEMS
        .iter()
        .map(|e| PossibleValue::new(e.name).help(e.title))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    fn words(line: &[&str]) -> Vec<OsString> {
        std::iter::once("twerr")
            .chain(line.iter().copied())
            .map(OsString::from)
            .collect()
    }

    /// The lookup parse is taken only where no word could name a subcommand, so each name
    /// and alias must be a word that could.
    #[test]
    fn every_subcommand_name_and_alias_could_be_one() {
        let cli = Cli::command();
        let names = subcommand_names(&cli);
        assert!(names.contains(&"ls") && names.contains(&"scan"));
        for name in names {
            assert!(could_name_a_subcommand(name), "{name}");
        }
    }

    #[test]
    fn a_lookup_parses_alone_as_the_whole_command_line_parses_it() {
        let lookups: &[&[&str]] = &[
            &[],
            &["187"],
            &["403", "187"],
            &["-"],
            &["--code", "88", "--status", "429"],
            &["-s", "403", "-c", "999", "--json"],
            &["--short", "E187", "Rate limit exceeded"],
            &["--color=never", "--no-pager", "-q", "--exit-verdict", "429"],
            &["-f", "capture.txt", "--now", "2026-11-25T12:05:00Z"],
            &["--type", "usage-capped", "--oneline"],
            &["--", "-5"],
        ];
        for line in lookups {
            let args = words(line);
            let alone = lookup(&args).unwrap_or_else(|| panic!("{line:?} is a lookup"));
            let whole = Cli::try_parse_from(&args).expect("the whole command line parses it");
            assert_eq!(format!("{alone:?}"), format!("{whole:?}"), "{line:?}");
        }
    }

    #[test]
    fn the_rest_is_parsed_by_the_whole_command_line() {
        let others: &[&[&str]] = &[
            &["list"],
            &["ls", "--codes"],
            &["187", "scan"],
            &["--json", "version"],
            &["--help"],
            &["-V"],
            &["--json", "--short", "187"],
            &["--status", "700"],
            &["--frobnicate"],
        ];
        for line in others {
            let args = words(line);
            assert!(
                lookup(&args).is_none(),
                "{line:?} is not for the lookup parse"
            );
            let (parsed, whole) = (parse_from(args.clone()), Cli::try_parse_from(&args));
            match (parsed, whole) {
                (Ok(p), Ok(w)) => assert_eq!(format!("{p:?}"), format!("{w:?}"), "{line:?}"),
                (Err(p), Err(w)) => assert_eq!(p.to_string(), w.to_string(), "{line:?}"),
                (p, w) => panic!("{line:?}: {p:?} against {w:?}"),
            }
        }
    }
}
