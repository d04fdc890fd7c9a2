//! Any bytes given to the loader produce a dataset or diagnostics, never a panic; the fast
//! streaming loader and the full loader agree on every input; and a dataset that loads also
//! builds a graph and answers the core queries.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use partnet::query::stats::{stats, Stats};
use partnet::filter::View;
use partnet::graph::PartnerGraph;
use partnet::load::{self, Input, Options};

fn answers(input: &Input, options: Options) -> Option<Stats> {
    let loaded = load::load(std::slice::from_ref(input), options).ok()?;
    let ds = &loaded.dataset;
    let graph = PartnerGraph::build(ds);
    let view = View::all(ds, &graph);
    if let Some(first) = ds.nodes().next() {
        let _ = partnet::query::partners::partners(&view, first, 2);
        let last = ds.nodes().last().unwrap();
        let _ = partnet::query::paths::shortest_path(&view, first, last);
    }
    Some(stats(&view))
}

/// A file for bytes that are not UTF-8: only a file can hand them to the loader, whose
/// fast path reads bytes and checks the UTF-8 of each string itself.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| DIR.get_or_init(|| tempfile::tempdir().unwrap()).path().join("fuzz.json"))
}

fuzz_target!(|data: &[u8]| {
    let input = match std::str::from_utf8(data) {
        Ok(text) => {
            // JSON starts with '{' (after spaces); anything else is tried as a CSV table.
            let label = if text.trim_start().starts_with('{') { "fuzz.json" } else { "fuzz.csv" };
            Input::Text(label.into(), text.into())
        }
        Err(_) => {
            std::fs::write(scratch(), data).unwrap();
            Input::Path(scratch().clone())
        }
    };
    let fast = answers(&input, Options { warnings: false });
    let full = answers(&input, Options { warnings: true });
    assert_eq!(fast, full, "the streaming and the full loader disagree");
    if std::str::from_utf8(data).is_err() {
        assert_eq!(fast, None, "bytes that are not UTF-8 loaded");
    }
});
