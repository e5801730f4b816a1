//! Completion scripts and the man page, generated from the same clap definition that the
//! binary parses with, so that they cannot drift from it. The committed copies under
//! `completions/` and `doc/` are checked against these by the tests.

use crate::cli::{Cli, EXAMPLES_HELP, EXIT_STATUS_HELP};
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::{self, Write};

/// The shells with a committed script, and the file it is committed as.
pub const SCRIPTS: &[(Shell, &str)] = &[
    (Shell::Bash, "completions/twerr.bash"),
    (Shell::Zsh, "completions/_twerr"),
    (Shell::Fish, "completions/twerr.fish"),
    (Shell::Elvish, "completions/twerr.elv"),
    (Shell::PowerShell, "completions/_twerr.ps1"),
];

/// Where the man page is committed.
pub const MAN_PAGE: &str = "doc/twerr.1";

/// Writes the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    let script = match shell {
        Shell::Bash => crate::cmd::completion::bash().into_bytes(),
        Shell::Zsh => crate::cmd::completion::zsh().into_bytes(),
        _ => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "twerr", &mut script);
            if shell == Shell::Fish {
                script = crate::cmd::completion::fish_fixups(
                    String::from_utf8_lossy(&script).into_owned(),
                )
                .into_bytes();
            }
            script
        }
    };
    out.write_all(&script)
}

/// Writes the man page (roff): clap's name, description and options, with a synopsis and a
/// section per subcommand that use the value names `--help` uses, then the families, the
/// environment, exit status and examples.
pub fn man_page(out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = Cli::command();
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    writeln!(out, ".SH SYNOPSIS")?;
    writeln!(out, "{}", synopsis(&cmd, "twerr"))?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        writeln!(
            out,
            ".br\n{}",
            synopsis(sub, &format!("twerr {}", sub.get_name()))
        )?;
    }
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        command_section(out, sub)?;
    }
    writeln!(
        out,
        ".SH FAMILIES\nEvery entry of the tables belongs to one family; \\fBtwerr list \\-\\-family\\fR \\fINAME\\fR lists one."
    )?;
    for (name, about) in crate::catalog::FAMILIES {
        writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(name), roff(about))?;
    }
    section(out, "ENVIRONMENT", ENVIRONMENT_HELP)?;
    section(out, "EXIT STATUS", EXIT_STATUS_HELP)?;
    section(out, "EXAMPLES", EXAMPLES_HELP)?;
    writeln!(
        out,
        ".SH FILES\nNone: the tables are compiled into the binary."
    )?;
    man.render_version_section(out)
}

/// The variables twerr reads, for the man page.
const ENVIRONMENT_HELP: &str = "\
Environment:
  NO_COLOR  set and not empty: no colour, whatever --color auto would choose
  TERM      dumb: no colour with --color auto
  TWERR_PAGER  the pager for output longer than the terminal, before PAGER
  PAGER     the pager when TWERR_PAGER is unset (default less; empty or cat: none)
  LESS      FRX when unset, for the pager (colour passes, one screen prints as is)";

/// One subcommand: its usage, what it does, and each of its own options with its value name.
fn command_section(out: &mut dyn Write, sub: &clap::Command) -> io::Result<()> {
    writeln!(
        out,
        ".TP\n{}",
        synopsis(sub, &format!("twerr {}", sub.get_name()))
    )?;
    writeln!(
        out,
        "{}",
        roff(&sub.get_about().map(|a| a.to_string()).unwrap_or_default())
    )?;
    let aliases: Vec<&str> = sub.get_visible_aliases().collect();
    if !aliases.is_empty() {
        writeln!(out, "(Also \\fB{}\\fR.)", roff(&aliases.join(", ")))?;
    }
    for arg in sub
        .get_arguments()
        .filter(|a| !a.is_global_set() && !is_builtin(a))
    {
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        writeln!(out, ".br\n{}: {}", arg_name(arg, ", "), roff(&help))?;
    }
    Ok(())
}

/// `--help` and `--version`, which every synopsis would repeat.
fn is_builtin(arg: &clap::Arg) -> bool {
    matches!(arg.get_id().as_str(), "help" | "version")
}

/// An argument as help prints it: `-s, --status N`, `--json`, `[FILE]...`.
fn arg_name(arg: &clap::Arg, between: &str) -> String {
    let value = arg
        .get_value_names()
        .and_then(|v| v.first())
        .map(|v| roff(v))
        .unwrap_or_else(|| roff(&arg.get_id().to_string().to_uppercase()));
    if arg.is_positional() {
        let many = matches!(arg.get_action(), clap::ArgAction::Append);
        let name = format!("\\fI{value}\\fR{}", if many { "..." } else { "" });
        return if arg.is_required_set() {
            name
        } else {
            format!("[{name}]")
        };
    }
    let mut names = Vec::new();
    names.extend(arg.get_short().map(|s| format!("\\fB\\-{s}\\fR")));
    names.extend(arg.get_long().map(|l| format!("\\fB\\-\\-{}\\fR", roff(l))));
    let takes_value = matches!(
        arg.get_action(),
        clap::ArgAction::Set | clap::ArgAction::Append
    );
    let value = if takes_value {
        format!(" \\fI{value}\\fR")
    } else {
        String::new()
    };
    format!("{}{value}", names.join(between))
}

/// A usage line: the command, then each option in brackets with its value name, then the
/// positional arguments.
fn synopsis(cmd: &clap::Command, name: &str) -> String {
    let mut parts = vec![format!("\\fB{}\\fR", roff(name))];
    let (positional, options): (Vec<&clap::Arg>, Vec<&clap::Arg>) = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !is_builtin(a))
        .partition(|a| a.is_positional());
    parts.extend(options.iter().map(|a| format!("[{}]", arg_name(a, "|"))));
    parts.extend(positional.iter().map(|a| arg_name(a, "|")));
    parts.join(" ")
}

/// A section from help text: its first line is dropped (the heading), the rest kept as is.
fn section(out: &mut dyn Write, title: &str, help: &str) -> io::Result<()> {
    writeln!(out, ".SH {title}\n.nf")?;
    for line in help.lines().skip(1) {
        writeln!(out, "{}", roff(line.strip_prefix("  ").unwrap_or(line)))?;
    }
    writeln!(out, ".fi")
}

/// Escapes text for roff: backslashes, dashes, and a leading dot or quote.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
