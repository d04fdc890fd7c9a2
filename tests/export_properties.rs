//! Every export of a random dataset with awkward names parses back to the same graph.

use partnet::export::{self, Format, Selection};
use partnet::filter::View;
use partnet::graph::PartnerGraph;
use partnet::load::{self, Input};
use proptest::prelude::*;

/// A random dataset whose names mix quotes, backslashes, markup, braces, newlines, tabs and
/// Japanese text, written in the schema's order.
fn dataset() -> impl Strategy<Value = String> {
    let name = "N[a-zA-Z0-9 \"\\\\<>&{}\n\t東芝;,=-]{0,10}";
    (prop::collection::vec(name, 1..8), prop::collection::vec(name, 1..5)).prop_flat_map(|(e, p)| {
        let (ne, np) = (e.len(), p.len());
        prop::collection::vec((0..ne, 0..np, prop::bool::ANY), 0..15).prop_map(move |links| {
            let entities: Vec<_> = e
                .iter()
                .enumerate()
                .map(|(i, n)| serde_json::json!({"id": format!("e {i}\""), "name": n}))
                .collect();
            let projects: Vec<_> = p
                .iter()
                .enumerate()
                .map(|(i, n)| serde_json::json!({"id": format!("p<{i}>"), "name": n}))
                .collect();
            let links: Vec<_> = links
                .iter()
                .map(|&(a, b, lead)| {
                    serde_json::json!({"entity": format!("e {a}\""), "project": format!("p<{b}>"),
                                       "role": if lead { "lead" } else { "partner" }})
                })
                .collect();
            format!(
                r#"{{"entities": {}, "projects": {}, "participations": {}}}"#,
                serde_json::Value::from(entities),
                serde_json::Value::from(projects),
                serde_json::Value::from(links)
            )
        })
    })
}

/// A random dataset whose source ids hold `;`, brackets, quotes, commas and spaces, cited
/// by participations, ties and projects, in random order.
fn cited_dataset() -> impl Strategy<Value = String> {
    let id = "[\\[a-z][\\[\\]a-z;\", ]{0,6}[\\]a-z;\"]";
    prop::collection::btree_set(id, 1..6).prop_flat_map(|ids| {
        let ids: Vec<String> = ids.into_iter().collect();
        let cites = prop::collection::vec(prop::sample::select(ids.clone()), 0..4);
        (prop::collection::vec(cites, 4), Just(ids)).prop_map(|(cites, ids)| {
            let sources: Vec<_> = ids
                .iter()
                .map(|id| serde_json::json!({"id": id, "title": id}))
                .collect();
            serde_json::json!({
                "sources": sources,
                "entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
                "projects": [{"id": "p", "name": "P", "sources": cites[0]}],
                "participations": [{"entity": "a", "project": "p", "sources": cites[1]},
                                   {"entity": "b", "project": "p", "sources": cites[2]}],
                "ties": [{"from": "a", "to": "b", "kind": "owner", "sources": cites[3]}]
            })
            .to_string()
        })
    })
}

fn exported(text: &str, format: Format) -> (usize, usize, Vec<String>, String) {
    let ds = load::load(&[Input::Text("random.json".into(), text.into())], Default::default())
        .expect("valid")
        .dataset;
    let graph = PartnerGraph::build(&ds);
    let view = View::all(&ds, &graph);
    let mut out = Vec::new();
    export::write(format, &Selection::all(&view), &mut out).unwrap();
    let mut names: Vec<String> = ds.nodes().map(|n| ds.node(n).name().to_string()).collect();
    names.sort();
    (
        ds.node_count(),
        graph.graph.edge_count(),
        names,
        String::from_utf8(out).expect("UTF-8"),
    )
}

/// Counts start or empty elements named `tag` with quick-xml, failing on malformed XML.
fn count_xml(text: &str, tag: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut count = 0;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) if e.name().as_ref() == tag => {
                count += 1
            }
            quick_xml::events::Event::Eof => return count,
            _ => {}
        }
    }
}

proptest! {
    #[test]
    fn node_link_json_round_trips(text in dataset()) {
        let (nodes, edges, names, out) = exported(&text, Format::Json);
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        prop_assert_eq!(json["nodes"].as_array().unwrap().len(), nodes);
        prop_assert_eq!(json["links"].as_array().unwrap().len(), edges);
        let mut got: Vec<String> =
            json["nodes"].as_array().unwrap().iter().map(|n| n["name"].as_str().unwrap().to_string()).collect();
        got.sort();
        prop_assert_eq!(got, names);
    }

    #[test]
    fn csv_export_loads_back_as_the_same_graph(text in dataset()) {
        let (nodes, edges, names, out) = exported(&text, Format::Csv);
        let back = load::load(&[Input::Text("export.csv".into(), out)], Default::default()).expect("reads back").dataset;
        let graph = PartnerGraph::build(&back);
        prop_assert_eq!((back.node_count(), graph.graph.edge_count()), (nodes, edges));
        let mut got: Vec<String> = back.nodes().map(|n| back.node(n).name().to_string()).collect();
        got.sort();
        prop_assert_eq!(got, names);
    }

    #[test]
    fn source_ids_read_back_from_the_csv_export_as_they_were(text in cited_dataset()) {
        let (_, _, _, table) = exported(&text, Format::Csv);
        let back = load::load(&[Input::Text("export.csv".into(), table.clone())], Default::default())
            .expect("reads back")
            .dataset;
        let graph = PartnerGraph::build(&back);
        let mut again = Vec::new();
        export::write(Format::Json, &Selection::all(&View::all(&back, &graph)), &mut again).unwrap();
        let (_, _, _, json) = exported(&text, Format::Json);
        prop_assert_eq!(String::from_utf8(again).unwrap(), json, "{}", table);
    }

    #[test]
    fn graphml_and_gexf_are_well_formed_with_every_node_and_edge(text in dataset()) {
        for format in [Format::Graphml, Format::Gexf] {
            let (nodes, edges, _, out) = exported(&text, format);
            prop_assert_eq!(count_xml(&out, b"node"), nodes);
            prop_assert_eq!(count_xml(&out, b"edge"), edges);
        }
    }
}
