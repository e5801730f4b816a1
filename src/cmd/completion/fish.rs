//! Fixes to clap_complete's fish script: the positional values it does not emit, and the
//! command line after `run`.

use super::{Level, Values, command_level, levels, one_line, quote};
use std::fmt::Write as _;

/// The fish function that completes the command line after `level` and its own options
/// (and after `--`) as fish completes that command.
fn fish_command_function(level: &Level) -> String {
    let value_opts = level.value_option_names();
    format!(
        r#"function __fish_twerr_{name}_command
    set -l words (commandline -opc) (commandline -ct)
    set -l i (contains -i -- {name} $words)
    set -e words[1..$i]
    while set -q words[2]; and string match -q -- '-*' $words[1]
        if test "$words[1]" = --
            set -e words[1]
            break
        end
        if contains -- $words[1] {opts}
            set -e words[1]
        end
        set -e words[1]
    end
    # Still on twerr's own options: they are offered by the lines above, not here.
    if not set -q words[2]; and string match -q -- '-*' "$words[1]"
        return
    end
    complete -C (string join -- ' ' (string escape -- $words))
end
"#,
        name = level.name,
        opts = value_opts.join(" ")
    )
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
    for level in levels().iter().filter(|l| command_level(l)) {
        fixed.push_str(&fish_command_function(level));
    }
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
            // The command's name, then its arguments as fish completes that command.
            Some((_, Values::Command, _)) => {
                let _ = writeln!(
                    fixed,
                    "complete -c twerr -n \"{condition}\" -x -a '(__fish_twerr_{}_command)'",
                    level.name
                );
            }
            Some((_, Values::Free, _)) | None => {
                let _ = writeln!(fixed, "complete -c twerr -n \"{condition}\" -f");
            }
        }
    }
    fixed
}
