//! Completion scripts for bash and zsh, written from the clap definition, and the fixes
//! fish's needs; this file holds the model of the command line they are written from.
//!
//! clap_complete's bash and zsh generators cannot express this command line: free inputs
//! at the top level *and* subcommands. Its zsh script lets the inputs swallow every word,
//! so `twerr list --<Tab>` never reaches `list`, and its bash script offers options where
//! `scan` wants files. Here each script first walks the words typed so far to find the
//! level (top or a subcommand) the way clap's parser does — a subcommand name counts only
//! before the first input — and then completes that level: its options, the value an
//! option waits for, or its positional arguments. The model below is read from the same
//! `Cli` the binary parses with, so the scripts cannot drift from it. Fish, elvish and
//! PowerShell keep clap_complete's scripts, which find the subcommand correctly; fish's
//! gets the positional values clap does not emit (`fish_fixups`).

mod bash;
mod fish;
mod zsh;

pub use bash::bash;
pub use fish::fish_fixups;
pub use zsh::zsh;

use crate::cli::Cli;
use clap::{ArgAction, CommandFactory, ValueHint};
use std::collections::HashSet;
use std::fmt::Write as _;

/// What a value is completed with.
#[derive(Clone)]
enum Values {
    /// A fixed or tabled set, each value with its description.
    Listed(Vec<(String, String)>),
    /// File names.
    Files,
    /// Free text: nothing is offered (zsh shows the value's name as a hint).
    Free,
    /// A command name, then that command's own arguments, completed as the shell would
    /// complete that command (`twerr run -- curl ...`).
    Command,
}

/// An option of one level.
struct Opt {
    names: Vec<String>,
    help: String,
    /// The value's name and completion, for an option that takes one.
    value: Option<(String, Values)>,
    repeats: bool,
}

/// The top level or one subcommand.
struct Level {
    name: String,
    aliases: Vec<String>,
    about: String,
    opts: Vec<Opt>,
    /// The positional arguments' name, completion, and whether there may be several.
    positional: Option<(String, Values, bool)>,
}

impl Level {
    /// The names of the options that take a value (`--max-wait`, `-s`): the words after
    /// them are their values, not positional arguments.
    fn value_option_names(&self) -> Vec<&str> {
        self.opts
            .iter()
            .filter(|o| o.value.is_some())
            .flat_map(|o| o.names.iter().map(String::as_str))
            .collect()
    }
}

/// Every level, the top one first.
fn levels() -> Vec<Level> {
    let mut cmd = Cli::command();
    cmd.build();
    let mut levels = vec![level(&cmd)];
    let names: Vec<(String, String)> = cmd
        .get_subcommands()
        .map(|s| (s.get_name().to_string(), about(s)))
        .collect();
    for sub in cmd.get_subcommands() {
        let mut level = level(sub);
        // clap's `help` takes subcommand names, which it does not list as values.
        if sub.get_name() == "help" {
            level.positional = Some(("COMMAND".into(), Values::Listed(names.clone()), true));
        }
        levels.push(level);
    }
    levels
}

fn about(cmd: &clap::Command) -> String {
    cmd.get_about().map(|a| a.to_string()).unwrap_or_default()
}

fn level(cmd: &clap::Command) -> Level {
    let mut opts = Vec::new();
    let mut positional = None;
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let takes_value = matches!(arg.get_action(), ArgAction::Set | ArgAction::Append);
        let values = values_of(arg);
        let value_name = arg.get_value_names().and_then(|v| v.first()).map_or_else(
            || arg.get_id().to_string().to_uppercase(),
            |v| v.to_string(),
        );
        if arg.is_positional() {
            let many = matches!(arg.get_action(), ArgAction::Append);
            positional = Some((value_name, values, many));
            continue;
        }
        let mut names: Vec<String> = arg
            .get_short()
            .map(|s| format!("-{s}"))
            .into_iter()
            .collect();
        names.extend(arg.get_long().map(|l| format!("--{l}")));
        opts.push(Opt {
            names,
            help: arg.get_help().map(|h| h.to_string()).unwrap_or_default(),
            value: takes_value.then_some((value_name, values)),
            repeats: matches!(arg.get_action(), ArgAction::Append),
        });
    }
    Level {
        name: cmd.get_name().to_string(),
        aliases: cmd.get_visible_aliases().map(str::to_string).collect(),
        about: about(cmd),
        opts,
        positional,
    }
}

/// The candidates of an argument: its possible values once each (a number that is both a
/// status and a code is offered once, with its first description), files for a path.
fn values_of(arg: &clap::Arg) -> Values {
    let possible = arg.get_possible_values();
    if !possible.is_empty() {
        let mut seen = HashSet::new();
        return Values::Listed(
            possible
                .iter()
                .filter(|v| seen.insert(v.get_name().to_string()))
                .map(|v| {
                    let help = v.get_help().map(|h| h.to_string()).unwrap_or_default();
                    (v.get_name().to_string(), help)
                })
                .collect(),
        );
    }
    match arg.get_value_hint() {
        ValueHint::FilePath | ValueHint::AnyPath | ValueHint::DirPath => Values::Files,
        ValueHint::CommandWithArguments => Values::Command,
        _ => Values::Free,
    }
}

/// A name usable in a shell function or variable: `list` -> `list`, the top -> `top`.
fn ident(level: &Level, top: bool) -> String {
    if top {
        "top".into()
    } else {
        level.name.replace('-', "_")
    }
}

/// The `case` patterns of a level's options that take a separate value, as `LEVEL:-c`.
fn value_option_patterns(level_key: &str, level: &Level) -> Vec<String> {
    level
        .opts
        .iter()
        .filter(|o| o.value.is_some())
        .flat_map(|o| o.names.iter().map(move |n| format!("{level_key}:{n}")))
        .collect()
}

/// The shell code, shared by bash and zsh, that walks the words before the cursor and sets
/// `level` (empty for the top) and `seen_input`. `first` is the first word's index.
fn walk(levels: &[Level], first: u8, word: &str, count: &str) -> String {
    let mut patterns: Vec<String> = value_option_patterns("", &levels[0]);
    for l in &levels[1..] {
        patterns.extend(value_option_patterns(&l.name, l));
    }
    let mut out = String::new();
    let _ = writeln!(out, "    local i w level= level_at=0 seen_input=0 skip=0");
    let _ = writeln!(out, "    for (( i = {first}; i < {count}; i++ )); do");
    let _ = writeln!(out, "        w={word}");
    // `--color=always` arrives in bash as three words: the `=` and what follows are a value.
    let _ = writeln!(out, "        if [[ $w == = ]]; then skip=1; continue; fi");
    let _ = writeln!(out, "        if (( skip )); then skip=0; continue; fi");
    let _ = writeln!(out, "        case \"$level:$w\" in");
    let _ = writeln!(out, "            {}) skip=1 ;;", patterns.join("|"));
    let _ = writeln!(out, "            *:-*) ;;");
    for l in &levels[1..] {
        let mut names = vec![format!(":{}", l.name)];
        names.extend(l.aliases.iter().map(|a| format!(":{a}")));
        let _ = writeln!(
            out,
            "            {}) if (( ! seen_input )); then level={}; level_at=$i; fi ;;",
            names.join("|"),
            l.name
        );
    }
    let _ = writeln!(out, "            :*) seen_input=1 ;;");
    let _ = writeln!(out, "        esac");
    let _ = writeln!(out, "    done");
    out
}

/// A list of zsh candidates: its function's name, what a candidate is, and the values
/// with their descriptions.
type ValueSet = (String, String, Vec<(String, String)>);

/// Single-quotes `s` for both shells.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Whether the level's positional arguments are a command and its arguments.
fn command_level(l: &Level) -> bool {
    matches!(l.positional, Some((_, Values::Command, _)))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
