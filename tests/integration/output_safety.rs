//! Text from the user is shown, never sent: usage errors that quote a flag's value hold no
//! escape sequence, C1 control, bidirectional mark, zero-width, separator or tag
//! character, in a pipe and on a terminal alike.

use crate::common::run;

/// Values that would retitle, recolour or reorder a terminal, or hide text.
const HOSTILE: &[&str] = &[
    "\u{1b}]0;PWNED\u{7}",
    "\u{1b}[31mred",
    "c1\u{9b}31m",
    "\u{202e}evil",
    "alm\u{61c}x",
    "zero\u{200b}width",
    "line\u{2028}sep",
    "tag\u{e0041}\u{e007f}",
    "bom\u{feff}",
];

/// Whether `text` holds a character that must not reach a terminal as it is.
fn raw(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\r')
            || matches!(c, '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{e0000}'..='\u{e007f}')
    })
}

/// `text` without clap's colour (`ESC [ digits m`), which a terminal error may carry.
fn without_colour(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            let seq: String = chars
                .clone()
                .skip(1)
                .take_while(|c| c.is_ascii_digit() || *c == ';')
                .collect();
            if chars.clone().nth(seq.len() + 1) == Some('m') {
                for _ in 0..seq.len() + 2 {
                    chars.next();
                }
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[test]
fn usage_errors_show_hostile_values_in_a_pipe() {
    for value in HOSTILE {
        let (code, _, err) = run(&["--code", value], b"");
        assert_eq!(code, 2, "{value:?}");
        assert!(err.starts_with("error: invalid value '"), "{err:?}");
        assert_eq!(raw(&err), None, "{value:?} reached stderr raw: {err:?}");
        assert!(err.contains("\\u{"), "shown visibly: {err:?}");
    }
}

/// What a colour terminal (a pty, through script(1)) shows of the shell command `command`.
fn on_a_terminal(command: &str) -> String {
    let out = std::process::Command::new("timeout")
        .args(["20", "script", "-qec", command, "/dev/null"])
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script(1) from util-linux runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn usage_errors_show_hostile_values_on_a_terminal() {
    let bin = assert_cmd::cargo::cargo_bin("twerr");
    for value in HOSTILE {
        // The value goes through a file, so that no shell reads its bytes on the way.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("value");
        std::fs::write(&file, value).unwrap();
        let command = format!("{} --code \"$(cat {})\"", bin.display(), file.display());
        let shown = without_colour(&on_a_terminal(&command));
        assert!(
            shown.contains("invalid value '") && shown.contains("\\u{"),
            "{value:?}: {shown:?}"
        );
        assert_eq!(
            raw(&shown),
            None,
            "{value:?} reached the terminal raw: {shown:?}"
        );
    }
    // An error with nothing hostile in it keeps clap's colour on a terminal.
    let plain = on_a_terminal(&format!("{} --code abc", bin.display()));
    assert!(plain.contains("\u{1b}["), "colour kept");
}
