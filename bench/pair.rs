//! `pair NAME RUNS A... -- B...`: runs A and B in turn (A B A B ...), RUNS times each, and
//! prints the median microseconds of each and the median of the per-pair ratios A/B.
//! `< FILE` before a command gives it FILE on stdin; otherwise stdin is empty. Output goes
//! to /dev/null.
//!
//! Why not Python: its own start of a child (fork of a large process, its bookkeeping) adds
//! a fixed cost to both sides, and a fixed cost pulls every ratio towards 1. A start-up
//! ratio such as `twerr 187` against a trivial binary is measured here with that cost as
//! small as a spawn and a wait can make it. Built by `bench/run.sh` with `rustc -O`.

use std::fs::File;
use std::process::{Command, Stdio};
use std::time::Instant;

/// One side of the pair: the program, its arguments, and the file for its stdin.
struct Side {
    argv: Vec<String>,
    stdin: Option<String>,
}

impl Side {
    fn parse(words: &[String]) -> Side {
        match words {
            [lt, file, rest @ ..] if lt == "<" => Side {
                argv: rest.to_vec(),
                stdin: Some(file.clone()),
            },
            _ => Side {
                argv: words.to_vec(),
                stdin: None,
            },
        }
    }

    /// Seconds from spawn to reaped exit.
    fn time(&self) -> f64 {
        let stdin = match &self.stdin {
            Some(path) => Stdio::from(File::open(path).expect("stdin file opens")),
            None => Stdio::null(),
        };
        let started = Instant::now();
        Command::new(&self.argv[0])
            .args(&self.argv[1..])
            .stdin(stdin)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("command starts");
        started.elapsed().as_secs_f64()
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: pair NAME RUNS A... -- B...";
    let (name, runs) = match &args[..] {
        [name, runs, ..] => (name, runs.parse::<usize>().expect(usage)),
        _ => panic!("{usage}"),
    };
    let cut = args.iter().position(|w| w == "--").expect(usage);
    let (a, b) = (Side::parse(&args[2..cut]), Side::parse(&args[cut + 1..]));
    let (mut ta, mut tb, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        let (x, y) = (a.time(), b.time());
        ta.push(x);
        tb.push(y);
        ratio.push(x / y);
    }
    println!(
        "{name}: {:.0} us against {:.0} us, ratio {:.2}",
        median(ta) * 1e6,
        median(tb) * 1e6,
        median(ratio)
    );
}
