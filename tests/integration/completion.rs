//! Completion scripts and the man page: committed copies are exactly what the binary
//! prints, and real bash, fish and zsh offer the right candidates from them.

use crate::common::run;
use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

const COMMITTED: &[(&str, &str)] = &[
    ("bash", "completions/twerr.bash"),
    ("zsh", "completions/_twerr"),
    ("fish", "completions/twerr.fish"),
    ("elvish", "completions/twerr.elv"),
    ("powershell", "completions/_twerr.ps1"),
];

#[test]
fn committed_scripts_and_man_page_are_fresh() {
    let mut stale = Vec::new();
    for (shell, path) in COMMITTED {
        let (exit, printed, _) = run(&["completions", shell], b"");
        assert_eq!(exit, 0, "{shell}");
        let committed = std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap_or_default();
        if printed != committed {
            stale.push(*path);
        }
    }
    let (exit, man, _) = run(&["man"], b"");
    assert_eq!(exit, 0);
    if std::fs::read_to_string(Path::new(ROOT).join("doc/twerr.1")).unwrap_or_default() != man {
        stale.push("doc/twerr.1");
    }
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run ./scripts/regenerate and commit the result"
    );
}

/// Runs `shell` with `args` in the repository; a missing shell fails the test (CI installs them).
fn shell(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .current_dir(ROOT)
        .env("HOME", std::env::temp_dir())
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} must be installed for this test (.ci/run installs it): {e}")
        });
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What bash offers for `line` (the cursor at its end): the words split as bash splits them
/// (at blanks, and with `:` and `=` as words of their own, COMP_WORDBREAKS' default), then
/// the script's function called as `complete -F` calls it.
fn bash_candidates_for(line: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for token in line.split_whitespace() {
        let mut word = String::new();
        for c in token.chars() {
            if c == ':' || c == '=' {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                words.push(c.to_string());
            } else {
                word.push(c);
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    if line.ends_with(' ') || words.last().is_some_and(|w| w == ":" || w == "=") {
        words.push(String::new());
    }
    let cword = words.len() - 1;
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "source completions/twerr.bash; COMP_WORDS=({}); COMP_CWORD={cword}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; _twerr twerr '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        quoted.join(" "),
        words[cword],
        words[cword.saturating_sub(1)]
    );
    shell("bash", &["--norc", "--noprofile", "-c", &script])
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn bash_candidates(words: &[&str]) -> Vec<String> {
    bash_candidates_for(&words.join(" "))
}

#[test]
fn bash_offers_subcommands_flags_and_table_values() {
    let subcommands = bash_candidates(&["twerr", ""]);
    for s in ["list", "ls", "search", "completions", "man"] {
        assert!(
            subcommands.contains(&s.to_string()),
            "{s} in {subcommands:?}"
        );
    }
    assert_eq!(
        bash_candidates(&["twerr", "--co"]),
        vec!["--code", "--color"]
    );
    assert_eq!(
        bash_candidates(&["twerr", "--code", "18"]),
        vec!["185", "186", "187"]
    );
    let statuses = bash_candidates(&["twerr", "--status", "4"]);
    assert!(
        statuses.contains(&"403".to_string()) && statuses.contains(&"429".to_string()),
        "{statuses:?}"
    );
    assert!(statuses.iter().all(|s| s.starts_with('4')), "{statuses:?}");
}

#[test]
fn fish_offers_codes_with_their_messages() {
    let out = shell(
        "fish",
        &[
            "--no-config",
            "-c",
            "source completions/twerr.fish; complete -C 'twerr --code 18'",
        ],
    );
    assert!(
        out.contains("185\tUser is over daily status update limit"),
        "{out}"
    );
    assert!(out.contains("187\tStatus is a duplicate"), "{out}");
    let out = shell(
        "fish",
        &[
            "--no-config",
            "-c",
            "source completions/twerr.fish; complete -C 'twerr 18'",
        ],
    );
    assert!(
        out.contains("187\tStatus is a duplicate"),
        "bare number: {out}"
    );
    let out = shell(
        "fish",
        &[
            "--no-config",
            "-c",
            "source completions/twerr.fish; complete -C 'twerr --type usage'",
        ],
    );
    assert!(out.contains("usage-capped"), "{out}");
}

fn zsh_candidates(line: &str) -> Vec<String> {
    let dir = format!("{ROOT}/completions");
    shell(
        "timeout",
        &[
            "30",
            "zsh",
            "-f",
            "tests/shell/zsh_complete.zsh",
            &dir,
            line,
        ],
    )
    .lines()
    .filter(|l| !l.trim().is_empty())
    .map(str::to_string)
    .collect()
}

#[test]
fn zsh_loads_the_script_under_compinit() {
    let out = shell(
        "zsh",
        &[
            "-f",
            "-c",
            "fpath=(completions $fpath); autoload -U compinit; compinit -u -d \"${TMPDIR:-/tmp}/twerr-zcd-$$\"; autoload +X _twerr && print -r -- ${_comps[twerr]}",
        ],
    );
    assert_eq!(out.trim(), "_twerr");
}

#[test]
fn zsh_offers_the_same_candidates() {
    let codes = zsh_candidates("twerr --code 18");
    assert_eq!(codes.len(), 3, "{codes:?}");
    assert!(
        codes[0].starts_with("185 --")
            && codes[0].contains("User is over daily status update limit"),
        "{codes:?}"
    );
    assert!(
        codes[2].starts_with("187 --") && codes[2].contains("Status is a duplicate"),
        "{codes:?}"
    );
    let flags = zsh_candidates("twerr --co");
    assert!(
        flags.iter().any(|l| l.starts_with("--code --"))
            && flags.iter().any(|l| l.starts_with("--color --")),
        "{flags:?}"
    );
    let subcommands = zsh_candidates("twerr l");
    assert!(
        subcommands.iter().any(|l| l.starts_with("list --")),
        "{subcommands:?}"
    );
}

#[test]
fn man_renders_with_exit_status_and_examples() {
    let out = Command::new("man")
        .args(["-l", "doc/twerr.1"])
        .current_dir(ROOT)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        .expect("man must be installed for this test (.ci/run installs man-db)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for section in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "COMMANDS",
        "EXIT STATUS",
        "EXAMPLES",
    ] {
        assert!(text.contains(section), "{section} missing:\n{text}");
    }
    assert!(text.contains("4 wait-for-reset"), "{text}");
}

#[test]
fn man_page_uses_the_value_names_of_help_and_documents_the_rest() {
    let (_, page, _) = run(&["man"], b"");
    let out = Command::new("man")
        .args(["-l", "-"])
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "200")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(page.as_bytes())?;
            child.wait_with_output()
        })
        .expect("man must be installed for this test (.ci/run installs man-db)");
    let text = String::from_utf8_lossy(&out.stdout);
    let (_, help, _) = run(&["--help"], b"");
    for (in_help, in_man) in [
        ("-c, --code <N>", "-c|--code N"),
        ("-f, --file <PATH>", "-f|--file PATH"),
        ("--now <TIME>", "--now TIME"),
        ("[INPUT]...", "[INPUT...]"),
    ] {
        assert!(help.contains(in_help), "help: {in_help}");
        assert!(text.contains(in_man), "man synopsis: {in_man}\n{text}");
    }
    let synopsis = &text[text.find("SYNOPSIS").unwrap()..text.find("DESCRIPTION").unwrap()];
    let synopsis = synopsis.split_whitespace().collect::<Vec<_>>().join(" ");
    for (command, ends) in [
        ("twerr list [--codes]", "[--family FAMILY]"),
        ("twerr search [", "] WORD..."),
        ("twerr scan [", "] [FILE...]"),
        ("twerr completions [", "] SHELL"),
    ] {
        let at = synopsis
            .find(command)
            .unwrap_or_else(|| panic!("{command}\n{synopsis}"));
        let line = &synopsis[at..];
        let line = &line[..line[1..].find(" twerr ").map_or(line.len(), |i| i + 1)];
        assert!(line.contains(ends), "{command}: {line}");
    }
    for section in ["ENVIRONMENT", "FAMILIES", "NO_COLOR", "TERM"] {
        assert!(text.contains(section), "{section}\n{text}");
    }
    for (family, _) in [
        ("rate-limit", ""),
        ("access-level", ""),
        ("stream-rules", ""),
    ] {
        assert!(text.contains(family), "family {family} documented");
    }
    assert!(
        !help.contains("from FILE"),
        "help names the value PATH, as its usage does"
    );
}

// Each Tab press of issue 14, in the shell where it went wrong (and in the others).

#[test]
fn bash_scan_completes_files_not_options() {
    let files = bash_candidates_for("twerr scan tests/fixtures/mi");
    assert_eq!(files, ["tests/fixtures/mixed.log"]);
    let all = bash_candidates_for("twerr scan ");
    assert!(all.iter().all(|c| !c.starts_with('-')), "{all:?}");
    assert!(all.contains(&"Cargo.toml".to_string()), "{all:?}");
    assert!(
        bash_candidates_for("twerr --file tests/fixtures/curl_i_4")
            .contains(&"tests/fixtures/curl_i_429.txt".to_string())
    );
}

#[test]
fn bash_now_offers_nothing() {
    assert_eq!(bash_candidates_for("twerr --now "), Vec::<String>::new());
    assert_eq!(bash_candidates_for("twerr --now 17"), Vec::<String>::new());
}

#[test]
fn bash_offers_each_candidate_once() {
    let all = bash_candidates_for("twerr ");
    let mut seen = std::collections::HashSet::new();
    let repeated: Vec<&String> = all.iter().filter(|c| !seen.insert(*c)).collect();
    assert!(repeated.is_empty(), "offered twice: {repeated:?}");
    assert!(all.contains(&"422".to_string()) && all.contains(&"list".to_string()));
}

#[test]
fn bash_completes_inside_subcommands() {
    assert_eq!(bash_candidates_for("twerr list --fam"), ["--family"]);
    let families = bash_candidates_for("twerr list --family ");
    assert!(
        families.contains(&"rate-limit".to_string()) && families.contains(&"auth".to_string()),
        "{families:?}"
    );
    assert_eq!(bash_candidates_for("twerr ls --family=ra"), ["rate-limit"]);
    assert_eq!(
        bash_candidates_for("twerr list --source "),
        ["2015", "later", "v2", "wild"]
    );
    assert_eq!(
        bash_candidates_for("twerr completions "),
        ["bash", "elvish", "fish", "powershell", "zsh"]
    );
    assert_eq!(bash_candidates_for("twerr help sc"), ["scan"]);
    assert_eq!(bash_candidates_for("twerr --color=al"), ["always"]);
    let list_flags = bash_candidates_for("twerr list --");
    assert!(
        list_flags.contains(&"--codes".to_string())
            && !list_flags.contains(&"--exit-verdict".to_string()),
        "{list_flags:?}"
    );
    // After an input, a subcommand's name is an input too (as clap parses it).
    assert_eq!(bash_candidates_for("twerr 187 li"), Vec::<String>::new());
}

#[test]
fn bash_completes_a_name_with_a_colon() {
    // bash splits `about:b` at the colon and replaces only what follows it.
    assert_eq!(bash_candidates_for("twerr --type about:b"), ["blank"]);
    assert_eq!(bash_candidates_for("twerr abou"), ["about:blank"]);
}

#[test]
fn zsh_completes_inside_subcommands() {
    let flags = zsh_candidates("twerr list --");
    assert!(
        flags.iter().any(|l| l.starts_with("--codes --")),
        "{flags:?}"
    );
    assert!(
        !flags.iter().any(|l| l.starts_with("--exit-verdict")),
        "top-level flags: {flags:?}"
    );
    let shells = zsh_candidates("twerr completions ");
    let names: Vec<&str> = shells
        .iter()
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(names, ["bash", "elvish", "fish", "powershell", "zsh"]);
    assert_eq!(
        zsh_candidates("twerr scan tests/fixtures/mi"),
        ["mixed.log"]
    );
    let fam = zsh_candidates("twerr list --fam");
    assert!(
        fam.len() == 1 && fam[0].starts_with("--family --"),
        "{fam:?}"
    );
    let families = zsh_candidates("twerr ls --family ra");
    assert!(
        families.len() == 1 && families[0].starts_with("rate-limit --"),
        "{families:?}"
    );
    assert!(zsh_candidates("twerr help se")[0].starts_with("search --"));
    assert_eq!(zsh_candidates("twerr --now "), Vec::<String>::new());
}

#[test]
fn zsh_keeps_the_colon_of_about_blank() {
    let found = zsh_candidates("twerr --type abou");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("about:blank --") && found[0].ends_with("Too Many Requests"),
        "{found:?}"
    );
    let bare = zsh_candidates("twerr abou");
    assert!(
        bare.len() == 1 && bare[0].starts_with("about:blank --"),
        "{bare:?}"
    );
}

#[test]
fn fish_completes_inside_subcommands() {
    let fish = |line: &str| -> Vec<String> {
        shell(
            "fish",
            &[
                "--no-config",
                "-c",
                &format!("source completions/twerr.fish; complete -C '{line}'"),
            ],
        )
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
    };
    assert_eq!(
        fish("twerr completions "),
        ["bash", "elvish", "fish", "powershell", "zsh"]
    );
    assert_eq!(fish("twerr list --family ra"), ["rate-limit"]);
    assert_eq!(
        fish("twerr scan tests/fixtures/mi"),
        ["tests/fixtures/mixed.log"]
    );
    assert_eq!(
        fish("twerr search dup"),
        Vec::<String>::new(),
        "search takes words, not files"
    );
    assert!(fish("twerr list --").contains(&"--codes".to_string()));
}

#[test]
fn endpoint_paths_complete_in_every_shell() {
    let bash = bash_candidates_for("twerr endpoint /1.1/statuses/up");
    assert_eq!(bash, ["/1.1/statuses/update"]);
    let zsh = zsh_candidates("twerr endpoint /2/users/m");
    assert!(
        zsh.len() == 1 && zsh[0].starts_with("/2/users/me --"),
        "{zsh:?}"
    );
    let fish = shell(
        "fish",
        &[
            "--no-config",
            "-c",
            "source completions/twerr.fish; complete -C 'twerr endpoint /2/tweets/se'",
        ],
    );
    assert!(fish.contains("/2/tweets/search/recent\t"), "{fish}");
}

/// What bash offers for `line` with bash-completion loaded (its `_command_offset` is what
/// completes the command after `twerr run`), and twerr on PATH.
fn bash_completion_for(line: &str) -> Vec<String> {
    let bin_dir = assert_cmd::cargo::cargo_bin("twerr")
        .parent()
        .unwrap()
        .display()
        .to_string();
    let script = format!(
        "export PATH='{bin_dir}':$PATH; source /usr/share/bash-completion/bash_completion; source completions/twerr.bash; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; read -ra COMP_WORDS <<< \"$COMP_LINE\"; [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=(''); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); _twerr; printf '%s\\n' \"${{COMPREPLY[@]}}\""
    );
    let mut seen: Vec<String> = shell("bash", &["--norc", "--noprofile", "-c", &script])
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    seen.sort();
    seen.dedup();
    seen
}

#[test]
fn run_completes_a_command_then_leaves_its_words_to_it_in_every_shell() {
    // bash: the command's name, then its own words as bash completes that command.
    assert!(bash_completion_for("twerr run cur").contains(&"curl".to_string()));
    assert!(bash_completion_for("twerr run --max-wait 5s -- cu").contains(&"curl".to_string()));
    assert_eq!(bash_completion_for("twerr run -- twerr lis"), ["list"]);
    assert_eq!(bash_completion_for("twerr run --ma"), ["--max-wait"]);
    // zsh
    assert!(zsh_candidates("twerr run cur").iter().any(|c| c == "curl"));
    let zsh = zsh_candidates("twerr run --retries 2 -- twerr lis");
    assert!(zsh.len() == 1 && zsh[0].starts_with("list --"), "{zsh:?}");
    // fish
    let fish = |line: &str| {
        let bin_dir = assert_cmd::cargo::cargo_bin("twerr");
        let bin_dir = bin_dir.parent().unwrap().display().to_string();
        shell(
            "fish",
            &[
                "--no-config",
                "-c",
                &format!(
                    "set -x PATH '{bin_dir}' $PATH; source completions/twerr.fish; complete -C '{line}'"
                ),
            ],
        )
    };
    assert!(fish("twerr run cur").lines().any(|l| l.starts_with("curl")));
    assert!(fish("twerr run --max-wait 5s -- twerr lis").starts_with("list\t"));
    assert!(fish("twerr run --ma").starts_with("--max-wait\t"));
}
