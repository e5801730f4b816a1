//! Turns the tables under `data/` into static Rust data at compile time.
//!
//! The binary reads nothing from disk at run time: every table is checked here and written
//! to `$OUT_DIR/catalog_data.rs`, which `src/catalog/mod.rs` includes, and the word files of
//! `data/lexicon/` to `$OUT_DIR/lexicon_data.rs`, which `src/catalog/lexicon.rs` includes. A table that does not
//! parse, misses a field, repeats a number or reuses another entry's advice fails the build
//! with a message that names the file and the entry.

#[path = "build/tables.rs"]
mod tables;

#[path = "build/lexicon.rs"]
mod lexicon;

#[path = "build/envelopes.rs"]
mod envelopes;

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
        Ok(generated) => write_out("catalog_data.rs", &generated),
        Err(problems) => fail("the tables under data/ are not valid", &problems),
    }
    write_lexicon(&read);
    match envelopes::check("data/envelopes.toml", &read("data/envelopes.toml")) {
        Ok(generated) => write_out("envelopes_data.rs", &generated),
        Err(problems) => fail("data/envelopes.toml is not valid", &problems),
    }
}

/// Checks `data/lexicon/*.toml` and writes `$OUT_DIR/lexicon_data.rs`.
fn write_lexicon(read: &dyn Fn(&str) -> String) {
    let texts: Vec<(String, String)> = lexicon::KINDS
        .iter()
        .map(|(kind, _)| {
            let path = format!("data/lexicon/{kind}.toml");
            let text = read(&path);
            (path, text)
        })
        .collect();
    let files: Vec<lexicon::WordFile> = lexicon::KINDS
        .iter()
        .zip(&texts)
        .map(|((kind, _), (path, text))| lexicon::WordFile { kind, path, text })
        .collect();
    match lexicon::check(&files) {
        Ok(generated) => write_out("lexicon_data.rs", &generated),
        Err(problems) => fail("the lexicon under data/lexicon/ is not valid", &problems),
    }
}

fn write_out(name: &str, generated: &str) {
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let dest = std::path::Path::new(&dir).join(name);
    std::fs::write(dest, generated).expect("write the generated source");
}

fn fail(what: &str, problems: &[String]) -> ! {
    eprintln!("twerr: {what}:");
    for p in problems {
        eprintln!("  {p}");
    }
    std::process::exit(1)
}
