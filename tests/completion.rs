//! Completion scripts and the man page: committed copies are exactly what the binary
//! prints, and real bash, fish and zsh offer the right candidates from them.

mod common;
use common::run;
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

fn bash_candidates(words: &[&str]) -> Vec<String> {
    let cword = words.len() - 1;
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "source completions/twerr.bash; COMP_WORDS=({}); COMP_CWORD={cword}; COMP_LINE=\"${{COMP_WORDS[*]}}\"; COMP_POINT=${{#COMP_LINE}}; _twerr twerr '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        quoted.join(" "),
        words[cword],
        words[cword.saturating_sub(1)]
    );
    shell("bash", &["--norc", "--noprofile", "-c", &script])
        .lines()
        .map(str::to_string)
        .collect()
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
