//! Any bytes given to the loader produce a dataset or diagnostics, never a panic, and a
//! dataset that loads also builds a graph and answers the core queries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partnet::filter::View;
use partnet::graph::PartnerGraph;
use partnet::load::{self, Input};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let options = load::Options { warnings: true };
    if let Ok(loaded) = load::load(&[Input::Text("fuzz.json".into(), text.into())], options) {
        let ds = &loaded.dataset;
        let graph = PartnerGraph::build(ds);
        let view = View::all(ds, &graph);
        let _ = partnet::cmd::stats::stats(&view);
        if let Some(first) = ds.nodes().next() {
            let _ = partnet::cmd::partners::partners(&view, first, 2);
        }
    }
});
