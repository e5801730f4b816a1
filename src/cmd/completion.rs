//! Completion scripts for bash and zsh, written from the clap definition.
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
//! gets the positional values clap does not emit ([`fish_fixups`]).

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

/// The bash script: find the level, then complete the value an option waits for, an
/// option being typed, or a positional argument.
pub fn bash() -> String {
    let levels = levels();
    let mut out = String::from(
        "# bash completion for twerr, generated by `twerr completions bash`: do not edit.\n\n",
    );
    out.push_str("_twerr() {\n");
    out.push_str("    local cur prev reply=()\n");
    // The word under the cursor as typed, colons and `=` included (bash splits at both).
    out.push_str("    cur=${COMP_LINE:0:COMP_POINT}; cur=${cur##*[[:space:]]}\n");
    out.push_str("    prev=${COMP_WORDS[COMP_CWORD-1]}\n");
    out.push_str("    if [[ $cur == -*=* ]]; then prev=${cur%%=*}; cur=${cur#*=}; fi\n");
    out.push_str(
        "    if [[ $prev == = || $prev == : ]]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi\n",
    );
    out.push_str(&walk(&levels, 1, "${COMP_WORDS[i]}", "COMP_CWORD"));
    bash_option_values(&mut out, &levels);
    bash_options(&mut out, &levels);
    bash_positionals(&mut out, &levels);
    out.push_str("}\n\n");
    out.push_str(BASH_HELPERS);
    out.push_str("complete -F _twerr twerr\n");
    out
}

/// The `case` key of a level in the bash script: empty for the top.
fn bash_key(i: usize, level: &Level, top: &str) -> String {
    if i == 0 {
        top.to_string()
    } else {
        level.name.clone()
    }
}

/// The value an option waits for.
fn bash_option_values(out: &mut String, levels: &[Level]) {
    out.push_str("    case \"$level:$prev\" in\n");
    for (i, l) in levels.iter().enumerate() {
        let key = bash_key(i, l, "");
        for o in &l.opts {
            let Some((_, values)) = &o.value else {
                continue;
            };
            let pats: Vec<String> = o.names.iter().map(|n| format!("{key}:{n}")).collect();
            let _ = writeln!(
                out,
                "        {}) {}; return ;;",
                pats.join("|"),
                bash_values(values)
            );
        }
    }
    out.push_str("    esac\n");
}

/// An option being typed.
fn bash_options(out: &mut String, levels: &[Level]) {
    out.push_str("    if [[ $cur == -* ]]; then\n        case $level in\n");
    for (i, l) in levels.iter().enumerate() {
        let names: Vec<&str> = l
            .opts
            .iter()
            .flat_map(|o| o.names.iter().map(String::as_str))
            .collect();
        let _ = writeln!(
            out,
            "            {}) _twerr_add {} ;;",
            bash_key(i, l, "\"\""),
            quote(&names.join(" "))
        );
    }
    out.push_str("        esac\n        return\n    fi\n");
}

/// A positional argument; at the top, the subcommands too until an input is typed.
fn bash_positionals(out: &mut String, levels: &[Level]) {
    let subcommands: Vec<&str> = levels[1..]
        .iter()
        .flat_map(|l| std::iter::once(l.name.as_str()).chain(l.aliases.iter().map(String::as_str)))
        .collect();
    out.push_str("    case $level in\n");
    for (i, l) in levels.iter().enumerate() {
        let mut action = match &l.positional {
            Some((_, values, _)) => bash_values(values),
            None => ":".into(),
        };
        if i == 0 {
            action = format!(
                "(( seen_input )) || _twerr_add {}; {action}",
                quote(&subcommands.join(" "))
            );
        }
        let _ = writeln!(out, "        {}) {action} ;;", bash_key(i, l, "\"\""));
    }
    out.push_str("    esac\n");
}

/// Adds the words of `$1` that start with `$cur` to COMPREPLY; a colon in `cur` is taken
/// off the replies, as bash only replaces the part after it.
const BASH_HELPERS: &str = r#"_twerr_add() {
    local word
    for word in $1; do
        [[ $word == "$cur"* ]] && COMPREPLY+=("$word")
    done
    if [[ $cur == *:* ]]; then
        local pre=${cur%"${cur##*:}"}
        COMPREPLY=("${COMPREPLY[@]#"$pre"}")
    fi
}

_twerr_files() {
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY+=($(compgen -f -- "$cur"))
}

"#;

fn bash_values(values: &Values) -> String {
    match values {
        Values::Listed(list) => {
            let words: Vec<&str> = list.iter().map(|(v, _)| v.as_str()).collect();
            format!("_twerr_add {}", quote(&words.join(" ")))
        }
        Values::Files => "_twerr_files".into(),
        Values::Free => ":".into(),
    }
}

/// The zsh script: find the level, shift the words to it, and let its `_arguments`
/// function complete; the values are `_describe` functions shared by the levels.
pub fn zsh() -> String {
    let levels = levels();
    let mut out = String::from(
        "#compdef twerr\n# zsh completion for twerr, generated by `twerr completions zsh`: do not edit.\n\n",
    );
    out.push_str("_twerr() {\n");
    out.push_str(&walk(&levels, 2, "$words[i]", "CURRENT"));
    out.push_str("    if [[ -n $level ]]; then\n");
    out.push_str(
        "        shift $(( level_at - 1 )) words\n        (( CURRENT -= level_at - 1 ))\n",
    );
    out.push_str("        curcontext=\"${curcontext%:*:*}:twerr-$level:\"\n");
    out.push_str("        _twerr_level_${level//-/_}\n        return\n    fi\n");
    out.push_str("    _twerr_level_top\n}\n\n");
    let mut value_sets: Vec<ValueSet> = Vec::new();
    for (i, l) in levels.iter().enumerate() {
        zsh_level(&mut out, i, l, &mut value_sets);
    }
    zsh_first(&mut out, &levels, &mut value_sets);
    for (name, what, list) in value_sets {
        let _ = writeln!(out, "_twerr_values_{name}() {{\n    local -a values=(");
        for (v, help) in list {
            let _ = writeln!(
                out,
                "        {}",
                quote(&format!("{}:{}", v.replace(':', "\\:"), one_line(&help)))
            );
        }
        let _ = writeln!(
            out,
            "    )\n    _describe -t {name} {} values\n}}\n",
            quote(&what)
        );
    }
    out.push_str("if [ \"$funcstack[1]\" = \"_twerr\" ]; then\n    _twerr \"$@\"\nelse\n    compdef _twerr twerr\nfi\n");
    out
}

/// One level's `_arguments` function: its options, then its positional arguments.
fn zsh_level(out: &mut String, i: usize, l: &Level, value_sets: &mut Vec<ValueSet>) {
    let id = ident(l, i == 0);
    let mut specs: Vec<String> = Vec::new();
    for o in &l.opts {
        specs.extend(zsh_option_specs(o, value_sets));
    }
    match &l.positional {
        // Subcommands are offered with the inputs, until an input is typed.
        Some(_) if i == 0 => specs.push("'*: :_twerr_first'".into()),
        Some((name, values, many)) => {
            let action = zsh_action(&name.to_lowercase(), values, value_sets);
            let at = if *many { "*" } else { "1" };
            specs.push(quote(&format!("{at}:{name}:{action}")));
        }
        None => {}
    }
    let _ = writeln!(out, "_twerr_level_{id}() {{\n    _arguments -s -S : \\");
    for s in &specs {
        let _ = writeln!(out, "        {s} \\");
    }
    out.push_str("        && return 0\n    return 1\n}\n\n");
}

/// The top level's positional: the subcommands before the first input, and the inputs.
fn zsh_first(out: &mut String, levels: &[Level], value_sets: &mut Vec<ValueSet>) {
    let top_inputs = match &levels[0].positional {
        Some((name, values, _)) => zsh_action(&name.to_lowercase(), values, value_sets),
        None => ":".into(),
    };
    let commands: Vec<(String, String)> = levels[1..]
        .iter()
        .flat_map(|l| {
            std::iter::once((l.name.clone(), l.about.clone())).chain(
                l.aliases
                    .iter()
                    .map(|a| (a.clone(), format!("{} (alias of {})", l.about, l.name))),
            )
        })
        .collect();
    value_sets.push(("commands".into(), "command".into(), commands));
    let _ = writeln!(
        out,
        "_twerr_first() {{\n    local ret=1\n    if (( ! seen_input )); then _twerr_values_commands && ret=0; fi\n    {top_inputs} && ret=0\n    return $ret\n}}\n"
    );
}

/// The `_arguments` specs of one option: a spec per name, so that either spelling
/// completes, each with its help and the action for its value.
fn zsh_option_specs(o: &Opt, value_sets: &mut Vec<ValueSet>) -> Vec<String> {
    let help = one_line(&o.help)
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace(':', "\\:");
    let value = o.value.as_ref().map(|(name, values)| {
        let key = o.names.last().map_or("", |n| n.trim_start_matches('-'));
        format!(
            ":{}:{}",
            name.replace(':', "\\:"),
            zsh_action(key, values, value_sets)
        )
    });
    let repeat = if o.repeats { "*" } else { "" };
    o.names
        .iter()
        .map(|n| {
            let attach = match (&value, n.starts_with("--")) {
                (None, _) => "",
                (Some(_), true) => "=",
                (Some(_), false) => "+",
            };
            quote(&format!(
                "{repeat}{n}{attach}[{help}]{}",
                value.clone().unwrap_or_default()
            ))
        })
        .collect()
}

/// The action completing `values`: a `_describe` function per distinct list, named after
/// the value (`_twerr_values_status`), shared by every option that offers the same list.
fn zsh_action(key: &str, values: &Values, value_sets: &mut Vec<ValueSet>) -> String {
    match values {
        Values::Listed(list) => {
            let mut name = key.replace('-', "_");
            while let Some((_, _, other)) = value_sets.iter().find(|(n, _, _)| *n == name) {
                if other == list {
                    return format!("_twerr_values_{name}");
                }
                name.push('_');
            }
            value_sets.push((name.clone(), key.to_string(), list.clone()));
            format!("_twerr_values_{name}")
        }
        Values::Files => "_files".into(),
        Values::Free => " ".into(),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// clap_complete's fish script asks `argparse` whether a subcommand was typed; while an
/// option still waits for its value (`twerr --code <TAB>`) argparse fails and the script
/// offered nothing. That state is "no subcommand yet", so it answers so. Fish also gets
/// the positional values clap does not emit: bare numbers and names at the top, shells
/// after `completions`, commands after `help`; and no file names where a subcommand takes
/// none.
pub fn fish_fixups(script: String) -> String {
    const ARGPARSE: &str =
        "argparse -s (__fish_twerr_global_optspecs) -- $cmd 2>/dev/null\n    or return\n";
    let mut fixed = script.replace(
        ARGPARSE,
        "argparse -s (__fish_twerr_global_optspecs) -- $cmd 2>/dev/null\n    or return 0\n",
    );
    fixed.push_str(
        "# Positional values: codes, statuses and problem types at the top, shells, commands.\n",
    );
    for (i, level) in levels().iter().enumerate() {
        let condition = if i == 0 {
            "__fish_twerr_needs_command".to_string()
        } else {
            format!("__fish_twerr_using_subcommand {}", level.name)
        };
        match &level.positional {
            Some((_, Values::Listed(list), _)) => {
                for (value, help) in list {
                    let _ = writeln!(
                        fixed,
                        "complete -c twerr -n \"{condition}\" -f -a {} -d {}",
                        quote(value),
                        quote(&one_line(help))
                    );
                }
            }
            Some((_, Values::Files, _)) => {}
            Some((_, Values::Free, _)) | None => {
                let _ = writeln!(fixed, "complete -c twerr -n \"{condition}\" -f");
            }
        }
    }
    fixed
}
