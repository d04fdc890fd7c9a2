//! How fast can this machine parse a JSON file at all? Reads the file once, then parses it
//! with serde_json into `IgnoredAny` (the floor any serde_json loader stands on) and into
//! partnet's borrowed `RawDataset`, and prints MB/s (1 MB = 10^6 bytes) for each.
//!
//! ```text
//! cargo run --release --example parse_speed -- /tmp/big.json [--json]
//! ```

use std::process::ExitCode;
use std::time::Instant;

use serde::de::IgnoredAny;

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: parse_speed FILE [--json]");
        return ExitCode::from(2);
    };
    let start = Instant::now();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("parse_speed: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let read = start.elapsed().as_secs_f64();
    let mb = bytes.len() as f64 / 1e6;
    let runs = if mb > 100.0 { 2 } else { 5 };
    let utf8 = best_of(runs, || std::str::from_utf8(&bytes).is_ok());
    let ignored = best_of(runs, || serde_json::from_slice::<IgnoredAny>(&bytes).is_ok());
    let text = std::str::from_utf8(&bytes).unwrap_or("");
    let raw = best_of(runs, || {
        serde_json::from_str::<partnet::load::RawDataset>(text)
            .map(|d| d.participations.len())
            .ok()
    });
    if json {
        println!(
            "{}",
            serde_json::json!({
                "mb": mb,
                "read_mb_s": mb / read,
                "utf8_mb_s": mb / utf8,
                "ignored_any_mb_s": mb / ignored,
                "raw_dataset_mb_s": mb / raw,
            })
        );
    } else {
        println!("{path}: {mb:.1} MB");
        println!("  read (first, maybe cached) {:8.0} MB/s", mb / read);
        println!("  UTF-8 check                {:8.0} MB/s", mb / utf8);
        println!("  serde_json IgnoredAny      {:8.0} MB/s", mb / ignored);
        println!("  serde_json RawDataset      {:8.0} MB/s", mb / raw);
    }
    ExitCode::SUCCESS
}
