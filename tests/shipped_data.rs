//! The shipped dataset against the facts it was written from (../shared/facts.md): statuses
//! that tell a memorandum from a contract, evidence that names its sources, upper bounds kept,
//! countries, source dates, and the leaders' critical-minerals framework.

mod common;

use std::collections::BTreeMap;

use common::{partnet, root};
use serde_json::Value as Json;

fn shipped() -> Json {
    let text = std::fs::read_to_string(root().join("data/us-japan-2025.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn records<'a>(data: &'a Json, table: &str) -> &'a [Json] {
    data[table].as_array().unwrap()
}

fn by_id<'a>(data: &'a Json, table: &str, id: &str) -> &'a Json {
    records(data, table)
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no {table} record {id:?}"))
}

fn links_of<'a>(data: &'a Json, project: &str) -> Vec<&'a Json> {
    records(data, "participations")
        .iter()
        .filter(|l| l["project"] == project)
        .collect()
}

fn text<'a>(record: &'a Json, key: &str) -> &'a str {
    record[key].as_str().unwrap_or("")
}

/// The words of a text as source ids can appear in it: letters, digits and hyphens.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|t| !t.is_empty())
        .collect()
}

#[test]
fn the_fuzz_seed_is_the_shipped_data() {
    let shipped = std::fs::read(root().join("data/us-japan-2025.json")).unwrap();
    let seed = std::fs::read(root().join("fuzz/seeds/us-japan-2025.json")).unwrap();
    assert!(shipped == seed, "copy data/us-japan-2025.json to fuzz/seeds/");
}

#[test]
fn every_evidence_text_names_the_sources_of_its_record() {
    let data = shipped();
    let mut wrong = Vec::new();
    for link in records(&data, "participations") {
        let Some(evidence) = link["evidence"].as_str() else {
            continue;
        };
        let words = tokens(evidence);
        let sources: Vec<&str> = link["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert!(!sources.is_empty(), "{link}");
        let missing: Vec<&str> = sources.iter().copied().filter(|s| !words.contains(s)).collect();
        if !missing.is_empty() {
            wrong.push(format!(
                "{} in {}: {missing:?} not in {evidence:?}",
                link["entity"], link["project"]
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "evidence must name its source ids:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn memoranda_and_the_term_sheet_have_their_own_statuses() {
    let data = shipped();
    for (project, status) in [
        ("hitachi-commerce-grid-mou", "memorandum"),
        ("bechtel-commerce-mou", "memorandum"),
        ("alaska-lng-letters-of-intent", "memorandum"),
        ("westinghouse-reactor-term-sheet", "term-sheet"),
    ] {
        assert_eq!(by_id(&data, "projects", project)["status"], status, "{project}");
        let links = links_of(&data, project);
        assert!(!links.is_empty(), "{project} has its parties");
        for link in links {
            assert_eq!(link["status"], status, "{link}");
        }
    }
    assert_eq!(links_of(&data, "westinghouse-reactor-term-sheet").len(), 4);
    // The loaded graph shows them so too.
    let report = partnet(&["--json", "show", "westinghouse"]).ok().json();
    let term_sheet = report["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["project"] == "westinghouse-reactor-term-sheet")
        .unwrap();
    assert_eq!(term_sheet["status"], "term-sheet");
    let signed = partnet(&["--json", "--status", "signed", "list", "projects"])
        .ok()
        .json();
    assert!(
        !common::ids(&signed)
            .iter()
            .any(|id| id.contains("mou") || id.contains("term-sheet")),
        "no memorandum or term sheet passes for a signed contract: {signed}"
    );
}

#[test]
fn nothing_written_about_a_memorandum_says_signed() {
    let data = shipped();
    let memoranda: Vec<&str> = records(&data, "projects")
        .iter()
        .filter(|p| p["status"] == "memorandum")
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(memoranda.len() >= 3, "{memoranda:?}");
    let says_signed = |t: &str| {
        t.split(|c: char| !c.is_alphabetic())
            .any(|w| w.to_lowercase().starts_with("sign"))
    };
    for link in records(&data, "participations") {
        let about_memorandum = link["status"] == "memorandum" || memoranda.contains(&link["project"].as_str().unwrap());
        if about_memorandum {
            assert!(!says_signed(text(link, "evidence")), "{link}");
        }
    }
    for id in &memoranda {
        let note = text(by_id(&data, "projects", id), "note");
        assert!(!says_signed(note), "{id}: {note}");
    }
    let commerce = text(by_id(&data, "entities", "us-department-of-commerce"), "note");
    assert!(!says_signed(commerce), "{commerce}");
}

#[test]
fn s2_values_are_upper_bounds() {
    // facts.md, "Projects listed in S2": every value is an upper bound; items 3 and 6 have none.
    let items = [
        ("westinghouse-ap1000-smr", Some("up to $100B")),
        ("smr-bwrx-300", Some("up to $100B")),
        ("entra1-baseload-power", None),
        ("power-epc-services", Some("up to $50B")),
        ("softbank-power-infrastructure", Some("up to $25B")),
        ("kinder-morgan-gas-power-services", None),
        ("ge-vernova-power-equipment", Some("up to $25B")),
        ("toshiba-power-modules-transformers", Some("up to $25B")),
        ("carrier-thermal-cooling", Some("up to $20B")),
        ("mitsubishi-electric-data-centre-power", Some("up to $30B")),
        ("tdk-components-power-modules", Some("up to $25B")),
        ("fujikura-optical-fibre", Some("up to $20B")),
        ("murata-capacitors-inductors-emi", Some("up to $15B")),
        ("panasonic-energy-storage-components", Some("up to $15B")),
        ("ammonia-urea-fertiliser-plant", Some("up to $3B")),
        ("western-us-copper-smelter", Some("up to $2B")),
        ("southern-us-crude-export-ports", Some("up to $600M")),
        ("hpht-diamond-grit-plant", Some("up to $500M")),
        ("lithium-iron-phosphate-plant", Some("up to $350M")),
    ];
    let data = shipped();
    for (id, value) in items {
        assert_eq!(by_id(&data, "projects", id)["value"].as_str(), value, "{id}");
    }
    // And the tool keeps the qualifier in its totals (item 17 is alone in its sector).
    let sectors = partnet(&["--json", "sectors"]).ok().json();
    let row = sectors
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["sector"] == "critical-minerals/logistics")
        .unwrap();
    assert_eq!(row["value"], "up to $600M", "{row}");
}

#[test]
fn countries_are_those_of_the_facts() {
    // facts.md, "Organisations named" and "Countries of organisations not given above";
    // None: the facts leave the country empty.
    let table: &[(&str, Option<&str>)] = &[
        ("softbank-group", Some("JP")),
        ("mitsubishi-electric", Some("JP")),
        ("hitachi", Some("JP")),
        ("mitsubishi-heavy-industries", Some("JP")),
        ("toshiba", Some("JP")),
        ("ihi", Some("JP")),
        ("panasonic", Some("JP")),
        ("murata-manufacturing", Some("JP")),
        ("tdk", Some("JP")),
        ("fujikura", Some("JP")),
        ("westinghouse", Some("US")),
        ("ge-vernova", Some("US")),
        ("carrier", Some("US")),
        ("bechtel", Some("US")),
        ("kiewit", Some("US")),
        ("kinder-morgan", Some("US")),
        ("glenfarne", Some("US")),
        ("sb-energy", Some("US")),
        ("sentinel-midstream", Some("US")),
        ("ge-vernova-hitachi", Some("US")),
        ("cameco", Some("CA")),
        ("brookfield-asset-management", Some("CA")),
        ("tokyo-gas", Some("JP")),
        ("jera", Some("JP")),
        ("entra1-energy", None),
        ("element-six", None),
        ("government-of-japan", Some("JP")),
        ("us-government", Some("US")),
    ];
    let data = shipped();
    let mut wrong = Vec::new();
    for &(id, country) in table {
        let got = by_id(&data, "entities", id)["country"].as_str();
        if got != country {
            wrong.push(format!("{id}: {got:?}, facts say {country:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // What the tool shows, not only the file.
    let none = partnet(&["--json", "show", "entra1-energy"]).ok().json();
    assert!(none.get("country").is_none_or(Json::is_null), "{none}");
    let us = common::ids(&partnet(&["--json", "--country", "US", "list", "entities"]).ok().json());
    assert!(us.contains(&"ge-vernova-hitachi".to_string()) && !us.contains(&"entra1-energy".to_string()));
}

#[test]
fn sources_carry_the_dates_the_facts_give() {
    // facts.md; None: the facts give no date for that report.
    let table: &[(&str, Option<&str>)] = &[
        ("S1", Some("2025-10-28")),
        ("S2", Some("2025-10-28")),
        ("S3", Some("2025-07-23")),
        ("S4", Some("2025-09-05")),
        ("S5", Some("2025-09-26")),
        ("S6", Some("2025-11-03")),
        ("S7", Some("2026-02-17")),
        ("S8", Some("2026-03-19")),
        ("gcr-2025-10-29", Some("2025-10-29")),
        ("stlouisfed-2025-11", Some("2025-11")),
        ("bloomberg-westinghouse-partners", None),
        ("reuters-hitachi-commerce", None),
        ("power-technology-westinghouse", None),
        ("ft-westinghouse", None),
        ("ap-programme-total", None),
        ("hudson-institute", None),
        // The ties' sources (facts.md, "Ties between organisations").
        ("cameco-2023-11-07", Some("2023-11-07")),
        ("geh-company-profile", None),
        ("jbic-profile", None),
        ("nexi-profile", None),
    ];
    let data = shipped();
    let dates: BTreeMap<&str, Option<&str>> = records(&data, "sources")
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["date"].as_str()))
        .collect();
    let want: BTreeMap<&str, Option<&str>> = table.iter().copied().collect();
    assert_eq!(dates, want, "every source of the data, dated as the facts date it");
}

#[test]
fn the_leaders_critical_minerals_framework_is_in_the_data() {
    let report = partnet(&["--json", "show", "us-japan-critical-minerals-framework"])
        .ok()
        .json();
    assert_eq!(report["kind"], "project");
    assert_eq!(report["sector"], "critical-minerals");
    assert_eq!(report["status"], "signed", "a framework the two governments signed");
    assert_eq!(report["date"], "2025-10-28");
    assert!(
        report.get("part_of").is_none_or(Json::is_null),
        "not an item of the project list"
    );
    let mut parties = common::ids(&report["links"]);
    parties.sort();
    assert_eq!(parties, ["government-of-japan", "us-government"]);
    for link in report["links"].as_array().unwrap() {
        assert_eq!(link["sources"], serde_json::json!(["S1"]), "{link}");
        assert_eq!(link["date"], "2025-10-28");
    }
    assert_eq!(common::ids(&report["sources"]), ["S1"]);
    // The trade agreement is the programme's basis, not a second project.
    let data = shipped();
    let with_japan: Vec<&str> = records(&data, "participations")
        .iter()
        .filter(|l| l["entity"] == "government-of-japan")
        .map(|l| l["project"].as_str().unwrap())
        .collect();
    assert_eq!(
        with_japan,
        ["us-japan-strategic-investment", "us-japan-critical-minerals-framework"]
    );
}
