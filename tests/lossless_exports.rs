//! Exports lose nothing: a project's value as the dataset states it with its bounds beside
//! it, lists in GraphML and GEXF that split back into the same items, Cytoscape edges with
//! ids that stay the same from one export to the next.

mod common;

use std::collections::BTreeSet;

use common::{fixture, with_data};
use serde_json::Value as Json;

const VALUES: &str = r#"{
  "entities": [{"id": "a", "name": "A", "aliases": ["ACME; Inc", "a,b", "plain"]},
               {"id": "b", "name": "B"}],
  "projects": [
    {"id": "range", "name": "Range", "value": "$759M-$1518M"},
    {"id": "words", "name": "Words", "value": " About USD 1,500 million "},
    {"id": "number", "name": "Number", "value": 1234567},
    {"id": "short", "name": "Short", "value": "up to $100B"}
  ],
  "participations": [{"entity": "a", "project": "range"}, {"entity": "b", "project": "range"},
                     {"entity": "a", "project": "words"}, {"entity": "a", "project": "number"}]
}"#;

fn nodes(doc: &Json) -> Vec<Json> {
    doc["nodes"].as_array().unwrap().clone()
}

fn node(doc: &Json, id: &str) -> Json {
    nodes(doc).into_iter().find(|n| n["id"] == id).unwrap()
}

#[test]
fn a_value_is_written_as_the_dataset_states_it_with_its_bounds() {
    let doc = with_data(VALUES, &["export", "--format", "json"]).ok().json();
    let range = node(&doc, "range");
    assert_eq!(range["value"], "$759M-$1518M");
    assert_eq!(range["value_min_usd"], 759e6);
    assert_eq!(range["value_max_usd"], 1518e6);
    assert_eq!(range["value_usd"], 1518e6, "value_usd stays the upper bound");
    assert_eq!(node(&doc, "words")["value"], " About USD 1,500 million ");
    // A number has no text of its own: it is written in a form that reads back exactly.
    assert_eq!(node(&doc, "number")["value"], "$1234567");
    assert_eq!(node(&doc, "short")["value"], "up to $100B");

    let csv = with_data(VALUES, &["export", "--format", "csv"]).ok().stdout;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "project_value")
        .unwrap();
    let values: BTreeSet<String> = reader
        .records()
        .map(|r| r.unwrap()[column].to_string())
        .filter(|v| !v.is_empty())
        .collect();
    let want: BTreeSet<String> = ["$759M-$1518M", " About USD 1,500 million ", "$1234567", "up to $100B"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(values, want);

    let cypher = with_data(VALUES, &["export", "--format", "cypher"]).ok().stdout;
    assert!(cypher.contains(r#"value: "$759M-$1518M""#), "{cypher}");
    assert!(cypher.contains("value_min_usd: 759000000.0"), "{cypher}");

    // Read back from the CSV and from the node-link JSON, the text is the same.
    let dir = tempfile::tempdir().unwrap();
    for format in ["csv", "json"] {
        let path = dir.path().join(format!("out.{format}"));
        with_data(VALUES, &["export", "-o", path.to_str().unwrap()]).ok();
        let run = common::partnet(&["--data", path.to_str().unwrap(), "export", "--format", "json"]).ok();
        assert_eq!(node(&run.json(), "range")["value"], "$759M-$1518M", "{format}");
    }
}

/// The values of a `<data>` (GraphML) or `<attvalue>` (GEXF) for `key`, as text.
fn xml_values(text: &str, key: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    let mut inside = false;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"data" => {
                inside = e.attributes().any(|a| {
                    a.unwrap().normalized_value(quick_xml::XmlVersion::Explicit1_0).unwrap() == format!("n_{key}")
                });
                if inside {
                    out.push(String::new());
                }
            }
            quick_xml::events::Event::Text(t) if inside => {
                let text = t.xml_content(quick_xml::XmlVersion::Explicit1_0).unwrap();
                out.last_mut().unwrap().push_str(&text);
            }
            quick_xml::events::Event::GeneralRef(r) if inside => {
                let name = r.decode().unwrap();
                let c = quick_xml::escape::resolve_predefined_entity(&name).unwrap();
                out.last_mut().unwrap().push_str(c);
            }
            quick_xml::events::Event::Empty(e) if e.name().as_ref() == b"attvalue" => {
                let attrs: Vec<(String, String)> = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        (
                            String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                                .unwrap()
                                .into_owned(),
                        )
                    })
                    .collect();
                if attrs.iter().any(|(k, v)| k == "for" && v == key) {
                    out.push(attrs.iter().find(|(k, _)| k == "value").unwrap().1.clone());
                }
            }
            quick_xml::events::Event::End(e) if e.name().as_ref() == b"data" => inside = false,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn graphml_and_gexf_lists_are_json_arrays_that_split_back_into_their_items() {
    let want: Vec<String> = vec!["ACME; Inc".into(), "a,b".into(), "plain".into()];
    for format in ["graphml", "gexf"] {
        let text = with_data(VALUES, &["export", "--format", format]).ok().stdout;
        let aliases = xml_values(&text, "aliases");
        assert_eq!(aliases.len(), 1, "{format}: {aliases:?}");
        let items: Vec<String> = serde_json::from_str(&aliases[0]).unwrap();
        assert_eq!(items, want, "{format}");
    }
    // The hostile fixture's lists too: every list attribute is a JSON array of strings.
    let text = common::partnet(&[
        "--data",
        fixture("hostile-interchange.json").to_str().unwrap(),
        "export",
        "--format",
        "graphml",
    ])
    .ok()
    .stdout;
    let aliases = xml_values(&text, "aliases");
    assert_eq!(
        serde_json::from_str::<Vec<String>>(&aliases[0]).unwrap(),
        ["ACME; Inc", "a,b"]
    );
}

#[test]
fn cytoscape_edges_have_stable_distinct_ids_apart_from_the_nodes() {
    let data = fixture("hostile-interchange.json");
    let export = || {
        let run = common::partnet(&["--data", data.to_str().unwrap(), "export", "--format", "cytoscape"]).ok();
        run.json()
    };
    let (first, second) = (export(), export());
    let ids = |doc: &Json, what: &str| -> Vec<String> {
        doc["elements"][what]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["data"]["id"].as_str().expect("an id").to_string())
            .collect()
    };
    let edges = ids(&first, "edges");
    assert_eq!(edges, ids(&second, "edges"), "the same ids on every export");
    let distinct: BTreeSet<&String> = edges.iter().collect();
    assert_eq!(distinct.len(), edges.len(), "one id per edge");
    let node_ids: BTreeSet<String> = ids(&first, "nodes").into_iter().collect();
    assert!(edges.iter().all(|e| !node_ids.contains(e)));
    // The id names its pair.
    for e in first["elements"]["edges"].as_array().unwrap() {
        let pair: Vec<String> = serde_json::from_str(e["data"]["id"].as_str().unwrap()).unwrap();
        assert_eq!(
            pair,
            [
                e["data"]["source"].as_str().unwrap(),
                e["data"]["target"].as_str().unwrap()
            ]
        );
    }
    // A node whose id is the text an edge id would be: the edge takes another.
    let clash = r#"{"entities": [{"id": "a", "name": "A"}, {"id": "[\"a\",\"p\"]", "name": "Odd"}],
        "projects": [{"id": "p", "name": "P"}], "participations": [{"entity": "a", "project": "p"}]}"#;
    let doc = with_data(clash, &["export", "--format", "cytoscape"]).ok().json();
    assert_eq!(doc["elements"]["edges"][0]["data"]["id"], r#"edge:["a","p"]"#);
}
