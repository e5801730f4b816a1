//! The binary as the toolchain links it: position-independent (address randomisation of
//! the executable stays on), and no function of twerr's own run before `main`.

use std::process::Command;

/// `tool ARGS` on the twerr binary: its stdout, or `None` where the tool is missing (it
/// is binutils', which `.ci/run`'s machine has; TWERR_REQUIRE_ALL makes that required).
fn inspect(tool: &str, args: &[&str]) -> Option<String> {
    let bin = assert_cmd::cargo::cargo_bin("twerr");
    match Command::new(tool).args(args).arg(&bin).output() {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        _ => {
            crate::common::skip_without(tool);
            None
        }
    }
}

#[test]
#[cfg(target_os = "linux")]
fn the_binary_is_position_independent() {
    let Some(header) = inspect("readelf", &["-h"]) else {
        return;
    };
    let kind = header
        .lines()
        .find(|l| l.trim_start().starts_with("Type:"))
        .unwrap();
    assert!(kind.contains("DYN"), "{kind}");
}

#[test]
#[cfg(target_os = "linux")]
fn nothing_of_twerrs_runs_before_main() {
    let (Some(sections), Some(relocations), Some(symbols)) = (
        inspect("readelf", &["-SW"]),
        inspect("readelf", &["-rW"]),
        inspect("nm", &[]),
    ) else {
        return;
    };
    // The .init_array's address and size, then the functions its relocations point at.
    let line = sections
        .lines()
        .find(|l| l.contains(".init_array"))
        .expect("an .init_array");
    let cells: Vec<&str> = line.split_whitespace().collect();
    let at = cells.iter().position(|c| *c == ".init_array").unwrap();
    let start = u64::from_str_radix(cells[at + 2], 16).unwrap();
    let size = u64::from_str_radix(cells[at + 4], 16).unwrap();
    let targets: Vec<u64> = relocations
        .lines()
        .filter_map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            let offset = u64::from_str_radix(c.first()?, 16).ok()?;
            ((start..start + size).contains(&offset) && c.get(2) == Some(&"R_X86_64_RELATIVE"))
                .then(|| u64::from_str_radix(c.get(3)?, 16).ok())?
        })
        .collect();
    let name_of = |address: u64| {
        symbols.lines().find_map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            (c.len() == 3 && u64::from_str_radix(c[0], 16).ok() == Some(address))
                .then(|| c[2].to_string())
        })
    };
    // std and mimalloc have entries of their own: none read means none was found.
    assert!(!targets.is_empty(), "the .init_array's entries were read");
    for target in targets {
        let name = name_of(target).unwrap_or_default();
        assert!(!name.contains("twerr"), ".init_array runs {name}");
    }
}
