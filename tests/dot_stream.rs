//! `diagram --format dot` streams its statements one by one; the bytes must be exactly what
//! graphviz-rust prints for the whole graph, for every kind of diagram and every name.

use std::path::Path;

use partnet::dot;
use partnet::drawing::{self, Cluster, Selection};
use partnet::filter::View;
use partnet::graph::PartnerGraph;
use partnet::load::{self, Input};

fn streamed_equals_printed(data: &Path) -> usize {
    let ds = load::load(&[Input::Path(data.to_path_buf())], Default::default())
        .expect("the fixture loads")
        .dataset;
    let graph = PartnerGraph::build(&ds);
    let view = View::all(&ds, &graph);
    let first = ds.nodes().next().expect("a node");
    let last = ds.nodes().last().expect("a node");
    let chain: Vec<_> = ds.nodes().take(3).collect();
    let selections = [
        Selection::All,
        Selection::Focus {
            origins: vec![first, last],
            depth: 2,
        },
        Selection::Path(chain),
    ];
    let mut checked = 0;
    for selection in &selections {
        for projection in [false, true] {
            for cluster in [Cluster::Sector, Cluster::Country, Cluster::None] {
                let plan = drawing::plan(&view, selection, projection, cluster).expect("a small projection");
                let mut streamed = Vec::new();
                dot::write(&plan, &mut streamed).expect("writing to memory");
                let printed = dot::print(&dot::graph(&plan));
                let streamed = String::from_utf8(streamed).expect("UTF-8");
                assert_eq!(
                    streamed,
                    printed,
                    "{}: {selection:?}, projection {projection}, {cluster:?}",
                    data.display()
                );
                assert!(streamed.starts_with("graph partnet {\n") && streamed.ends_with("\n}\n"));
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn streamed_dot_is_byte_for_byte_the_printed_graph() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for data in [
        root.join("data/us-japan-2025.json"),
        root.join("tests/fixtures/small.json"),
        root.join("tests/fixtures/hostile.json"),
        root.join("tests/fixtures/hostile-dot.json"),
        root.join("tests/fixtures/hostile-interchange.json"),
    ] {
        checked += streamed_equals_printed(&data);
    }
    assert_eq!(checked, 5 * 3 * 2 * 3);
}
