//! The console examples in README.md are real: each `$ twerr ...` line of a ```console
//! block is run, and its output must be exactly what the README shows.

use crate::common::twerr;

struct Example {
    line: usize,
    args: Vec<String>,
    stdin_file: Option<String>,
    expected: String,
}

fn examples() -> Vec<Example> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut out = Vec::new();
    let mut in_console = false;
    let mut current: Option<Example> = None;
    for (i, line) in readme.lines().enumerate() {
        if line.starts_with("```console") {
            in_console = true;
            continue;
        }
        if in_console && line.starts_with("```") {
            in_console = false;
            out.extend(current.take());
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ twerr") {
            out.extend(current.take());
            let (args, stdin_file) = match command.split_once(" < ") {
                Some((a, f)) => (a, Some(f.trim().to_string())),
                None => (command, None),
            };
            current = Some(Example {
                line: i + 1,
                args: args.split_whitespace().map(String::from).collect(),
                stdin_file,
                expected: String::new(),
            });
        } else if let Some(example) = current.as_mut() {
            example.expected.push_str(line);
            example.expected.push('\n');
        }
    }
    out
}

#[test]
fn readme_console_examples_print_what_they_show() {
    let all = examples();
    assert!(all.len() >= 3, "README has console examples");
    for ex in all {
        let mut cmd = twerr();
        cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args(&ex.args);
        let stdin = ex.stdin_file.as_ref().map_or_else(Vec::new, |f| {
            std::fs::read(format!("{}/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap()
        });
        let out = cmd.write_stdin(stdin).output().unwrap();
        let actual = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            actual,
            ex.expected,
            "README.md line {}: `twerr {}`",
            ex.line,
            ex.args.join(" ")
        );
    }
}

/// The `"key":` names of `text` that stand at nesting `depth` (1: the outermost object's
/// own), in order; `//` comments are skipped.
fn keys_at_depth(text: &str, depth: usize) -> Vec<String> {
    let text: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let (mut keys, mut level, mut chars) = (Vec::new(), 0usize, text.char_indices().peekable());
    while let Some((i, c)) = chars.next() {
        match c {
            '{' | '[' => level += 1,
            '}' | ']' => level = level.saturating_sub(1),
            '"' => {
                let end = text[i + 1..].find('"').map_or(text.len(), |e| i + 1 + e);
                let word = &text[i + 1..end];
                if level == depth && text[end + 1..].starts_with(':') {
                    keys.push(word.to_string());
                }
                while chars.peek().is_some_and(|&(k, _)| k <= end) {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    keys
}

/// The keys README's "JSON output" block lists, at the top level and in an error object,
/// in its order.
fn readme_keys() -> (Vec<String>, Vec<String>) {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme.split("## JSON output").nth(1).unwrap();
    let block = section.split("```").nth(1).unwrap();
    let errors = block.split("\"errors\":").nth(1).unwrap();
    let errors = errors.split("\"rate_limit\":").next().unwrap();
    (keys_at_depth(block, 1), keys_at_depth(errors, 2))
}

#[test]
fn the_json_block_lists_the_keys_in_the_order_printed() {
    let (top, error) = readme_keys();
    let (_, v) = crate::common::json(&["187"], b"");
    let printed: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    assert_eq!(top, printed, "top-level keys");
    let printed: Vec<String> = v["errors"][0]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(error, printed, "an error object's keys");
}
