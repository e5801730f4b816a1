//! clap's usage errors where they point somewhere unhelpful: a flag that belongs to a
//! subcommand (`twerr -j` is `scan`'s), and a missing value whose "possible values" list
//! every code of the table though any number is taken.

use super::Cli;
use clap::CommandFactory;
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// `e`, said more usefully where it can be.
pub fn refined(e: clap::Error) -> clap::Error {
    match e.kind() {
        ErrorKind::UnknownArgument => flag_of_a_subcommand(&e).unwrap_or(e),
        ErrorKind::InvalidValue => without_listed_values(e),
        _ => e,
    }
}

/// An unknown top-level flag that a subcommand takes: which one, and how to give it.
fn flag_of_a_subcommand(e: &clap::Error) -> Option<clap::Error> {
    let Some(ContextValue::String(given)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let flag = given.split('=').next().unwrap_or(given);
    let cli = Cli::command();
    let owner = cli.get_subcommands().find(|sub| {
        sub.get_arguments().any(|a| {
            let short = a.get_short().map(|c| format!("-{c}"));
            let long = a.get_long().map(|l| format!("--{l}"));
            short.as_deref() == Some(flag) || long.as_deref() == Some(flag)
        })
    })?;
    let name = owner.get_name();
    let message = format!(
        "`{flag}` is an option of `twerr {name}`, not of twerr itself: give it after the subcommand (`twerr {name} {flag} ...`; see `twerr {name} --help`)\n"
    );
    Some(clap::Error::raw(ErrorKind::UnknownArgument, message).with_cmd(&cli))
}

/// A missing value's error without the list of "possible values": those of `--code`,
/// `--status` and `--type` are the table's entries, offered to completion, while any
/// number or name is taken.
fn without_listed_values(e: clap::Error) -> clap::Error {
    let missing =
        matches!(e.get(ContextKind::InvalidValue), Some(ContextValue::String(v)) if v.is_empty());
    let Some(arg) = e.get(ContextKind::InvalidArg).cloned() else {
        return e;
    };
    if !missing || e.get(ContextKind::ValidValue).is_none() {
        return e;
    }
    let mut plain = clap::Error::new(ErrorKind::InvalidValue).with_cmd(&Cli::command());
    plain.insert(ContextKind::InvalidArg, arg);
    plain.insert(
        ContextKind::InvalidValue,
        ContextValue::String(String::new()),
    );
    plain
}
