//! Metamorphic tests: the same error, wrapped another way, must give the same statuses,
//! codes and problem types. Every fixture of `tests/fixtures` is rewritten each way of
//! `tests/support/rewrites.rs` (prose in ten languages, five log prefixes, markdown,
//! typographic quotes, hard wraps, CRLF, a JSON log record, a Python repr, a Node
//! inspection) and read in process, as the binary reads stdin.
//!
//! The real pastes beside the project (`../shared/wild-dev`, or `TWERR_WILD_DEV`) are
//! measured the same way by an ignored test that `.ci/run` runs where they are present:
//! it prints the table per rewrite kind and holds the share that keeps its answer.

#[path = "../support/rewrites.rs"]
mod rewrites;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use twerr::diagnosis::{Options, diagnose};
use twerr::{evidence, input};

/// What a reading answers: the response's status, the codes and the problem types.
#[derive(Debug, PartialEq, Eq)]
struct Answer {
    status: Option<u16>,
    codes: Vec<u64>,
    types: Vec<String>,
}

fn answer(text: &str) -> Answer {
    let input = input::read_bounded(text.as_bytes()).expect("reading a slice cannot fail");
    let found = evidence::extract(&input.text);
    let d = diagnose(
        &found,
        Options {
            now: Some(1_800_000_000),
            summary_only: true,
        },
    );
    let mut codes: Vec<u64> = d.errors.iter().filter_map(|e| e.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let mut types: Vec<String> = d
        .errors
        .iter()
        .filter_map(|e| e.type_uri.as_deref())
        .filter(|t| *t != "about:blank")
        .map(|t| {
            t.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or(t)
                .to_string()
        })
        .collect();
    types.sort_unstable();
    types.dedup();
    Answer {
        status: d.status.map(|s| s.code),
        codes,
        types,
    }
}

/// Per rewrite kind: how many (case, rewrite) pairs held, how many were tried, and the
/// first few that did not hold.
#[derive(Default)]
struct Tally {
    held: usize,
    tried: usize,
    broken: Vec<String>,
}

fn measure(cases: &[(String, String)]) -> BTreeMap<&'static str, Tally> {
    let rewrites = rewrites::all();
    let mut table: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let results: Vec<Vec<(&'static str, Option<String>)>> = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .iter()
            .map(|(name, text)| {
                let rewrites = &rewrites;
                s.spawn(move || {
                    let first = answer(text);
                    rewrites
                        .iter()
                        .map(|r| {
                            let rewritten = (r.apply)(text);
                            let got = answer(&rewritten);
                            let why = (got != first).then(|| {
                                keep(name, r.kind, &rewritten);
                                format!("{name}: {first:?} became {got:?}")
                            });
                            (r.kind, why)
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    for (kind, why) in results.into_iter().flatten() {
        let t = table.entry(kind).or_default();
        t.tried += 1;
        match why {
            None => t.held += 1,
            Some(why) => t.broken.push(why),
        }
    }
    table
}

/// With `TWERR_REWRITES_KEEP=DIR`, each rewrite that changed its answer is written there,
/// to be read with `twerr` by hand.
fn keep(name: &str, kind: &str, text: &str) {
    if let Some(dir) = std::env::var_os("TWERR_REWRITES_KEEP") {
        let file = format!("{}.{name}", kind.replace(':', "-"));
        std::fs::create_dir_all(&dir).expect("the folder can be made");
        std::fs::write(Path::new(&dir).join(file), text).expect("the folder is writable");
    }
}

fn report(table: &BTreeMap<&'static str, Tally>) -> (usize, usize, String) {
    let mut out = String::new();
    let (mut held, mut tried) = (0, 0);
    for (kind, t) in table {
        held += t.held;
        tried += t.tried;
        out.push_str(&format!("{kind:<16} {:>4}/{:<4}\n", t.held, t.tried));
        for why in t.broken.iter().take(40) {
            out.push_str(&format!("    {why}\n"));
        }
    }
    out.push_str(&format!("all              {held}/{tried}\n"));
    (held, tried, out)
}

fn read_cases(dir: &Path) -> Vec<(String, String)> {
    let mut cases: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("a readable folder")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = String::from_utf8_lossy(&std::fs::read(&p).expect("readable")).into_owned();
            (name, text)
        })
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_fixture_reads_the_same_under_every_rewrite() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let cases = read_cases(&dir);
    assert!(cases.len() >= 20, "the fixtures are there");
    let (held, tried, table) = report(&measure(&cases));
    assert_eq!(held, tried, "pairs that changed their answer:\n{table}");
}

#[test]
fn a_rewrite_that_changes_the_meaning_is_seen() {
    // The harness can fail: a paste whose status is cut from it reads otherwise.
    let before = answer("HTTP/1.1 429 Too Many Requests\n");
    let after = answer("HTTP/1.1 Too Many Requests\n");
    assert_ne!(before.status, after.status);
}

fn wild_dev() -> Option<PathBuf> {
    let dir = std::env::var_os("TWERR_WILD_DEV")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/wild-dev"));
    dir.join("cases").is_dir().then(|| dir.join("cases"))
}

/// The share of real-paste pairs that must hold; the table is printed with
/// `--nocapture`.
const WILD_DEV_FLOOR: f64 = 0.98;

#[test]
#[ignore = "needs the real pastes beside the project; .ci/run runs it where they are"]
fn the_real_pastes_read_the_same_under_every_rewrite() {
    let Some(dir) = wild_dev() else {
        panic!("no real pastes at ../shared/wild-dev or TWERR_WILD_DEV");
    };
    let (held, tried, table) = report(&measure(&read_cases(&dir)));
    println!("{table}");
    let share = held as f64 / tried as f64;
    assert!(
        share >= WILD_DEV_FLOOR,
        "{held}/{tried} pairs held ({:.1}%), under {:.0}%:\n{table}",
        share * 100.0,
        WILD_DEV_FLOOR * 100.0
    );
}
