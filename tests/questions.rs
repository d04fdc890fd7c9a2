//! What the questions say about the node they are asked about: the filters choose the
//! answers, not the subject; partners beyond depth 1 say how they are reached; a group of
//! projects alone names its projects. On the shipped data.

mod common;

use common::partnet;

#[test]
fn a_filter_does_not_hide_the_organisation_asked_about() {
    // Toshiba is Japanese: --country US chooses its American partners.
    let p = partnet(&["--json", "--country", "US", "partners", "toshiba"])
        .ok()
        .json();
    let ids: Vec<&str> = p["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["sb-energy", "westinghouse"], "{p}");
    // The same for path's two ends, show and timeline.
    // Toshiba (JP) to Cameco (CA), through American organisations only.
    let path = partnet(&["--json", "--country", "US", "path", "toshiba", "cameco"])
        .ok()
        .json();
    let nodes: Vec<&str> = path["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        nodes,
        ["toshiba", "westinghouse-ap1000-smr", "westinghouse", "cameco"],
        "{path}"
    );
    let show = partnet(&["--json", "--country", "US", "show", "toshiba"]).ok().json();
    let projects: Vec<&str> = show["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    // Its own power-modules project, which no American organisation is in, stays out.
    assert_eq!(
        projects,
        ["portsmouth-ohio-gas-plant", "westinghouse-ap1000-smr"],
        "{show}"
    );
    partnet(&["--country", "US", "timeline", "toshiba"]).ok();
    // --as-of still dates it: SB Energy, first reported in 2026, was unknown in 2025.
    let early = partnet(&["--as-of", "2025-12-31", "partners", "sb-energy"]);
    assert!(early.stderr.contains("hidden by the filters"), "{}", early.stderr);
}

#[test]
fn a_partner_beyond_depth_one_says_how_it_is_reached() {
    let p = partnet(&["--json", "partners", "toshiba", "--depth", "2"]).ok().json();
    let find = |id: &str| {
        p["partners"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == id)
            .unwrap()
            .clone()
    };
    let bam = find("brookfield-asset-management");
    assert_eq!(bam["via"]["id"], "westinghouse");
    assert_eq!(bam["via"]["project"], "westinghouse-reactor-term-sheet");
    assert_eq!(find("cameco")["via"]["ties"][0]["kind"], "owner");
    assert!(find("ihi").get("via").is_none(), "depth 1 says it with shared_projects");
    let text = partnet(&["partners", "toshiba", "--depth", "2"]).ok().stdout;
    let row = |id: &str| {
        text.lines()
            .find(|l| l.contains(&format!("  {id}  ")))
            .unwrap()
            .to_string()
    };
    assert!(
        row("brookfield-asset-management")
            .contains("with Westinghouse Electric Company in westinghouse-reactor-term-sheet"),
        "{text}"
    );
    assert!(
        row("cameco").contains("owner 49% of Westinghouse Electric Company"),
        "{text}"
    );
}

#[test]
fn a_group_of_projects_alone_lists_them() {
    let text = partnet(&["components", "--top", "0"]).ok().stdout;
    let row = text
        .lines()
        .find(|l| l.contains("western-us-copper-smelter"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.ends_with("(projects only) western-us-copper-smelter"), "{row}");
}
