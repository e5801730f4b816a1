//! Turns the tables under `data/` into static Rust data at compile time.
//!
//! The binary reads nothing from disk at run time: every table is checked here and written
//! to `$OUT_DIR/catalog_data.rs`, which `src/catalog/mod.rs` includes. A table that does not
//! parse, misses a field, repeats a number or reuses another entry's advice fails the build
//! with a message that names the file and the entry.

#[path = "build/tables.rs"]
mod tables;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=build");
    println!("cargo::rerun-if-changed=src/catalog/sets.rs");
    println!("cargo::rerun-if-changed=data");
    let read = |path: &str| {
        std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("twerr: cannot read {path}: {e}");
            std::process::exit(1)
        })
    };
    let (statuses, codes, problems, classes, families, endpoints, endpoints_v2, conditions) = (
        read("data/statuses.toml"),
        read("data/codes.toml"),
        read("data/problems.toml"),
        read("data/classes.toml"),
        read("data/families.toml"),
        read("data/endpoints.toml"),
        read("data/endpoints_v2.toml"),
        read("data/conditions.toml"),
    );
    let sources = tables::Sources {
        statuses: &statuses,
        codes: &codes,
        problems: &problems,
        classes: &classes,
        families: &families,
        endpoints: &endpoints,
        endpoints_v2: &endpoints_v2,
        conditions: &conditions,
    };
    match tables::check(&sources) {
        Ok(generated) => {
            let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
            let dest = std::path::Path::new(&dir).join("catalog_data.rs");
            std::fs::write(dest, generated).expect("write the generated catalog");
        }
        Err(problems) => {
            eprintln!("twerr: the tables under data/ are not valid:");
            for p in problems {
                eprintln!("  {p}");
            }
            std::process::exit(1);
        }
    }
}
