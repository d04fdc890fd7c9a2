//! What a source backs includes ties (`show SOURCE`, `list sources`), and `show` tells a
//! tie's dates, value and evidence (second user trial, findings 1 and 2).

mod common;

use common::with_data;

const DATA: &str = r#"{
  "sources": [
    {"id": "s1", "title": "Alpha's stake in Beta", "publisher": "Wire", "date": "2024-01-01"},
    {"id": "s2", "title": "Beta's plant", "publisher": "Wire"}
  ],
  "entities": [
    {"id": "a", "name": "Alpha"},
    {"id": "b", "name": "Beta"}
  ],
  "projects": [{"id": "p", "name": "Plant", "sector": "energy"}],
  "participations": [{"entity": "b", "project": "p", "role": "lead", "sources": ["s2"]}],
  "ties": [
    {"from": "a", "to": "b", "kind": "owner", "share": 30, "title": "shareholder", "date": "2024-01-01",
     "until": "2025-06-01", "evidence": "s1: Alpha held 30% of Beta.", "value": "$1B", "sources": ["s1"]}
  ]
}"#;

#[test]
fn show_source_lists_the_ties_it_backs() {
    let text = with_data(DATA, &["show", "s1"]).ok().stdout;
    assert!(
        text.contains("ties it backs:\n  Alpha (a) owner 30% of Beta (b) (shareholder) · reported · 2024-01-01 to 2025-06-01 · $1B\n"),
        "{text}"
    );
    let json = with_data(DATA, &["--json", "show", "s1"]).ok().json();
    let tie = &json["ties"][0];
    assert_eq!(
        (tie["from"].as_str(), tie["to"].as_str()),
        (Some("a"), Some("b")),
        "{json}"
    );
    assert_eq!(
        (tie["from_name"].as_str(), tie["to_name"].as_str()),
        (Some("Alpha"), Some("Beta"))
    );
    assert_eq!(tie["sources"], serde_json::json!(["s1"]));
    // The other source backs the link, not the tie.
    let other = with_data(DATA, &["--json", "show", "s2"]).ok().json();
    assert_eq!(other["ties"], serde_json::json!([]), "{other}");
}

#[test]
fn list_sources_counts_ties() {
    let text = with_data(DATA, &["list", "sources"]).ok().stdout;
    let header: Vec<&str> = text.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(header.last(), Some(&"ties"), "{text}");
    let s1: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with("s1 "))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(&s1[s1.len() - 3..], ["0", "0", "1"], "{text}");
    let json = with_data(DATA, &["--json", "list", "sources"]).ok().json();
    assert_eq!(json[0]["ties"], 1, "{json}");
    assert_eq!(json[1]["ties"], 0, "{json}");
}

#[test]
fn show_tells_a_ties_dates_value_and_evidence() {
    let text = with_data(DATA, &["show", "b"]).ok().stdout;
    assert!(
        text.contains(
            "  Alpha (a): owner 30% of Beta (shareholder) · reported · 2024-01-01 to 2025-06-01 · $1B · s1\n      s1: Alpha held 30% of Beta.\n"
        ),
        "{text}"
    );
    let json = with_data(DATA, &["--json", "show", "b"]).ok().json();
    let tie = &json["ties"][0];
    assert_eq!(tie["date"], "2024-01-01", "{json}");
    assert_eq!(tie["until"], "2025-06-01");
    assert_eq!(tie["value"], "$1B");
    assert_eq!(tie["evidence"], serde_json::json!(["s1: Alpha held 30% of Beta."]));
}

#[test]
fn an_ended_tie_says_ended() {
    let data = DATA.replace(r#""date": "2024-01-01","#, "");
    let text = with_data(&data, &["show", "a"]).ok().stdout;
    assert!(text.contains(" · reported · ended 2025-06-01 · $1B · s1\n"), "{text}");
}
