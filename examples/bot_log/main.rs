//! `cargo run --release --example bot_log -- SIZE_MIB [--emoji] > bot.log`: a bot's log for
//! `bench/run.sh` (see `shapes.rs`); what it wrote goes to stderr.

mod shapes;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(mib) = args.first().and_then(|a| a.parse::<u64>().ok()) else {
        eprintln!("usage: bot_log SIZE_MIB [--emoji] > bot.log");
        std::process::exit(2);
    };
    let emoji = args.iter().any(|a| a == "--emoji");
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    match shapes::write(&mut out, mib << 20, emoji, 7) {
        Ok(w) => {
            eprintln!(
                "{} lines, {} bytes, {} errors:",
                w.lines,
                w.bytes,
                w.errors.iter().sum::<u64>()
            );
            for (shape, n) in shapes::SHAPES.iter().zip(w.errors) {
                let status = shape.status.map_or("-".to_string(), |s| s.to_string());
                let what = shape.code.map(|c| c.to_string());
                let what = what.as_deref().or(shape.type_uri).unwrap_or("-");
                eprintln!("{n:>10}  {status:>4} {what}");
            }
        }
        Err(e) => {
            eprintln!("bot_log: {e}");
            std::process::exit(1);
        }
    }
}
