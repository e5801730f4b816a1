//! README's Install section, run as written in an empty home directory: afterwards
//! `man twerr` finds the page and bash, zsh and fish complete `twerr`. The one line not run
//! is `cargo install`, whose result (the binary in `~/.cargo/bin`) is put there by copying
//! the binary these tests built; every other line runs unchanged.

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The lines of the first `sh` block after `## Install`.
fn install_lines() -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let section = &readme[readme
        .find("\n## Install\n")
        .expect("README has ## Install")..];
    let block = &section[section.find("```sh\n").expect("an sh block") + 6..];
    let block = &block[..block.find("```").unwrap()];
    block.lines().map(str::to_string).collect()
}

struct Home {
    dir: PathBuf,
    path: String,
}

impl Home {
    /// A fresh home with README's install lines run in it.
    fn installed() -> Home {
        let dir = std::env::temp_dir().join(format!("twerr-install-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".cargo/bin")).unwrap();
        let path = format!(
            "{}:{}",
            dir.join(".cargo/bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let home = Home { dir, path };
        let mut script = String::from("set -e\n");
        let mut installed = false;
        for line in install_lines() {
            if line.starts_with("cargo install --locked --path .") {
                script.push_str(&format!(
                    "cp {} ~/.cargo/bin/twerr\n",
                    assert_cmd::cargo::cargo_bin("twerr").display()
                ));
                installed = true;
            } else {
                script.push_str(&line);
                script.push('\n');
            }
        }
        assert!(
            installed,
            "README installs with cargo install --locked --path ."
        );
        let out = home.command("sh", &["-c", &script]).output().unwrap();
        assert!(
            out.status.success(),
            "README's install lines failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        home
    }

    /// `program` run as a user of this home would run it, from the home directory.
    fn command(&self, program: &str, args: &[&str]) -> Command {
        let mut cmd = Command::new(program);
        cmd.args(args)
            .current_dir(&self.dir)
            .env_clear()
            .env("HOME", &self.dir)
            .env("PATH", &self.path)
            .env("TERM", "dumb")
            .env("LANG", "C.UTF-8");
        cmd
    }

    fn output(&self, program: &str, args: &[&str]) -> String {
        let out = self.command(program, args).output().unwrap_or_else(|e| {
            panic!("{program} must be installed for this test (.ci/run installs it): {e}")
        });
        assert!(
            out.status.success(),
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn readme_install_gives_man_and_completion_in_every_shell() {
    let home = Home::installed();
    // man finds the page through PATH alone (no MANPATH).
    let page = home.output("man", &["-w", "twerr"]);
    assert!(
        page.trim().ends_with(".cargo/share/man/man1/twerr.1"),
        "{page}"
    );
    // bash: an interactive shell reads the ~/.bashrc README's lines wrote, whose
    // bash-completion loader finds the script on first use.
    assert!(
        Path::new("/usr/share/bash-completion/bash_completion").exists(),
        "the bash-completion package must be installed for this test (.ci/run installs it)"
    );
    let bash = home.output(
        "bash",
        &[
            "-i",
            "-c",
            "_comp_load twerr 2>/dev/null || __load_completion twerr; complete -p twerr",
        ],
    );
    assert!(bash.contains("-F _twerr"), "{bash}");
    // zsh: an interactive shell reads the ~/.zshrc README's lines wrote (fpath, compinit).
    let zsh = home.output("zsh", &["-i", "-c", "print -r -- ${_comps[twerr]}"]);
    assert_eq!(zsh.trim(), "_twerr");
    // fish: its completions directory is read on first use.
    let fish = home.output("fish", &["-c", "complete -C 'twerr --code 18'"]);
    assert!(fish.contains("187\tStatus is a duplicate"), "{fish}");
}
