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
        Shell::Bash => crate::completion::bash().into_bytes(),
        Shell::Zsh => crate::completion::zsh().into_bytes(),
        _ => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "twerr", &mut script);
            if shell == Shell::Fish {
                script =
                    crate::completion::fish_fixups(String::from_utf8_lossy(&script).into_owned())
                        .into_bytes();
            }
            script
        }
    };
    out.write_all(&script)
}

/// Writes the man page (roff): clap's sections, then commands, exit status and examples.
pub fn man_page(out: &mut dyn Write) -> io::Result<()> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in cmd.get_subcommands() {
        writeln!(out, ".TP\n\\fB{}\\fR", roff(sub.get_name()))?;
        writeln!(
            out,
            "{}",
            roff(&sub.get_about().map(|a| a.to_string()).unwrap_or_default())
        )?;
        for arg in sub
            .get_arguments()
            .filter(|a| !a.is_global_set() && a.get_id() != "help")
        {
            let name = match (arg.get_short(), arg.get_long()) {
                (Some(s), Some(l)) => format!("\\-{s}, \\-\\-{}", roff(l)),
                (None, Some(l)) => format!("\\-\\-{}", roff(l)),
                _ => roff(&arg.get_id().to_string().to_uppercase()),
            };
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            writeln!(out, ".br\n{name}: {}", roff(&help))?;
        }
    }
    section(out, "EXIT STATUS", EXIT_STATUS_HELP)?;
    section(out, "EXAMPLES", EXAMPLES_HELP)?;
    writeln!(
        out,
        ".SH FILES\nNone: the tables are compiled into the binary."
    )?;
    man.render_version_section(out)
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
