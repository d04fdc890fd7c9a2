//! Any bytes given to the loader produce a dataset or diagnostics, never a panic; the fast
//! streaming loader and the full loader agree on every input; and a dataset that loads also
//! builds a graph and answers the core queries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partnet::cmd::stats::{stats, Stats};
use partnet::filter::View;
use partnet::graph::PartnerGraph;
use partnet::load::{self, Input, Options};

fn answers(input: &Input, options: Options) -> Option<Stats> {
    let loaded = load::load(std::slice::from_ref(input), options).ok()?;
    let ds = &loaded.dataset;
    let graph = PartnerGraph::build(ds);
    let view = View::all(ds, &graph);
    if let Some(first) = ds.nodes().next() {
        let _ = partnet::cmd::partners::partners(&view, first, 2);
        let last = ds.nodes().last().unwrap();
        let _ = partnet::cmd::path::shortest_path(&view, first, last);
    }
    Some(stats(&view))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // JSON starts with '{' (after spaces); anything else is tried as a CSV table.
    let label = if text.trim_start().starts_with('{') { "fuzz.json" } else { "fuzz.csv" };
    let input = Input::Text(label.into(), text.into());
    let fast = answers(&input, Options { warnings: false });
    let full = answers(&input, Options { warnings: true });
    assert_eq!(fast, full, "the streaming and the full loader disagree");
});
