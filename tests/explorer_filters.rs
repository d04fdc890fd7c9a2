//! The explorer's filters follow the command line's rules (second user trial, finding 5):
//! its own `visibility` code, taken from the page's script and run under node on the data the
//! page embeds, shows as many organisations and projects as `--status S stats` counts. The
//! filters' code with the diagram's elements, on a stand-in for the page: the second arrow of a
//! two-way tie follows them as the first, and the status list is the union of the statuses.
//! No browser is needed; without node the test says so and passes.

mod common;

use std::process::Command;

use common::{fixture, partnet, root};

/// The text from `start` (included) to the next `end` (included) after it.
fn slice<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?} in the script"));
    let to = from
        + text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("{start:?} is not closed"))
        + end.len();
    &text[from..to]
}

#[test]
fn the_explorer_status_filter_counts_as_the_command_line() {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("skipped: no node");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("explorer.html");
    partnet(&[
        "diagram",
        "--format",
        "html",
        "--engine",
        "builtin",
        "-o",
        page.to_str().unwrap(),
    ])
    .ok();
    let page = std::fs::read_to_string(&page).unwrap();
    let start = "id=\"partnet-data\">";
    let from = page.find(start).unwrap() + start.len();
    let data = &page[from..from + page[from..].find("</script>").unwrap()];
    let script = std::fs::read_to_string(root().join("assets/explorer.js")).unwrap();
    // The data part of the script (up to its DOM helpers), the filters' counter and rule.
    let model = slice(&script, "  const $ = ", "  /* ---------- DOM helpers");
    let model = model.strip_suffix("  /* ---------- DOM helpers").unwrap();
    let data = serde_json::to_string(data).unwrap();
    let count = slice(&script, "  const count = (map, key)", ";\n");
    let visibility = slice(&script, "  function visibility(d) {", "\n  }\n");
    let statuses = ["proposed", "selected", "interested", "considering", "agreed"];
    let program = format!(
        "const document = {{ getElementById: () => ({{ textContent: {data} }}) }};\n\
         (() => {{\n{model}\n{count}\n\
         const filters = {{ sector: {{ value: '' }}, country: {{ value: '' }}, status: {{ value: '' }} }};\n\
         {visibility}\n\
         for (const s of {statuses:?}) {{\n\
           filters.status.value = s;\n\
           const on = visibility(null).on;\n\
           const shown = nodes.filter((n) => on.has(n.k));\n\
           console.log(s, shown.filter((n) => !isProject(n)).length, shown.filter(isProject).length);\n\
         }}\n}})();\n"
    );
    let file = dir.path().join("rule.js");
    std::fs::write(&file, program).unwrap();
    let run = Command::new("node").arg(&file).output().unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}\n{}",
        stdout,
        String::from_utf8_lossy(&run.stderr)
    );
    for (line, status) in stdout.lines().zip(statuses) {
        let stats = partnet(&["--status", status, "--json", "stats"]).ok().json();
        let want = format!("{status} {} {}", stats["entities"], stats["projects"]);
        assert_eq!(line, want, "the explorer's counts, then the command line's");
    }
    assert_eq!(stdout.lines().count(), statuses.len(), "{stdout}");
}

/// A cross-holding, drawn as two arrows (`e<k>` and `e<k>-back`); link, tie and project
/// statuses apart, and one status of a tie partnet does not know.
const TWO_WAY: &str = r#"{"sources": [{"id": "r", "title": "Annual report", "date": "2025-06-30"}],
 "entities": [{"id": "toyota", "name": "Toyota", "country": "JP"}, {"id": "denso", "name": "Denso", "country": "JP"},
   {"id": "aisin", "name": "Aisin", "country": "JP"}],
 "projects": [{"id": "ev", "name": "EV plant", "sector": "energy", "status": "completed", "date": "2025-01-01", "sources": ["r"]}],
 "participations": [
   {"entity": "toyota", "project": "ev", "role": "lead", "status": "signed", "date": "2025-02-01", "sources": ["r"]},
   {"entity": "denso", "project": "ev", "role": "supplier", "status": "agreed", "date": "2025-02-01", "sources": ["r"]}],
 "ties": [
   {"from": "toyota", "to": "denso", "kind": "owner", "share": 20, "date": "2025-03-01", "sources": ["r"]},
   {"from": "denso", "to": "toyota", "kind": "owner", "share": 5, "date": "2025-03-01", "sources": ["r"]},
   {"from": "toyota", "to": "aisin", "kind": "parent", "status": "rumoured", "sources": ["r"]}]}"#;

/// The page's script, under node, on a stand-in for the page: its data and the diagram's
/// edges (`<g id=... class="edge ...">` with their titles, as the browser decodes them).
/// `scenario` runs after the script's filters part; what it prints is returned.
fn run_page(page: &str, scenario: &str) -> String {
    let start = "id=\"partnet-data\">";
    let from = page.find(start).unwrap() + start.len();
    let data = serde_json::to_string(&page[from..from + page[from..].find("</script>").unwrap()]).unwrap();
    let decode = |s: &str| s.replace("&#45;", "-");
    let mut edges: Vec<(String, String)> = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find("<g id=\"") {
        rest = &rest[at + 7..];
        let id = &rest[..rest.find('"').unwrap()];
        let tag_end = rest.find('>').unwrap();
        if rest[..tag_end].contains("class=\"edge") {
            let title = rest
                .find("<title>")
                .filter(|&t| rest[..t].find("</g>").is_none_or(|g| g > t))
                .map(|t| &rest[t + 7..t + rest[t..].find("</title>").unwrap()])
                .unwrap_or("");
            edges.push((decode(id), decode(title)));
        }
    }
    let edges = serde_json::to_string(&edges).unwrap();
    let script = std::fs::read_to_string(root().join("assets/explorer.js")).unwrap();
    let model = slice(&script, "  const $ = ", "  /* ---------- DOM helpers");
    let model = model.strip_suffix("  /* ---------- DOM helpers").unwrap();
    let diagram = slice(
        &script,
        "  const diagram = $('diagram');",
        "  /** Links and tie edges by their index",
    );
    let diagram = diagram
        .strip_suffix("  /** Links and tie edges by their index")
        .unwrap();
    let lists = slice(
        &script,
        "  function fillSelect(",
        "  /** The date the control stands at",
    );
    let lists = lists.strip_suffix("  /** The date the control stands at").unwrap();
    let visibility = slice(&script, "  function visibility(d) {", "\n  }\n");
    let apply = slice(&script, "  function applyFilters() {", "\n  }\n");
    let program = format!(
        "const fake = (id, title) => {{ const cls = new Set(); return {{ id, cls,\n\
           classList: {{ add: (c) => cls.add(c), remove: (...cs) => cs.forEach((c) => cls.delete(c)),\n\
             contains: (c) => cls.has(c), toggle: (c, on) => (on ? cls.add(c) : cls.delete(c)) }},\n\
           querySelector: () => (title ? {{ textContent: title }} : null), children: [],\n\
           append(...xs) {{ this.children.push(...xs); }} }}; }};\n\
         const edges = {edges}.map(([id, title]) => fake(id, title));\n\
         const svg = {{ querySelectorAll: () => edges }};\n\
         const byId = new Map(edges.map((e) => [e.id, e]));\n\
         const document = {{ getElementById: (id) => id === 'partnet-data' ? {{ textContent: {data} }}\n\
           : id === 'diagram' ? {{ querySelector: () => svg }} : byId.get(id) || null }};\n\
         const el = (tag, attrs, text) => ({{ tag, attrs, text }});\n\
         (() => {{\n{model}\n{diagram}\n\
         const filters = {{ sector: fake('s'), country: fake('c'), status: fake('f') }};\n\
         {lists}\n{visibility}\n\
         let at = null;\n\
         const asOf = () => at;\n\
         const results = {{ hidden: true }};\n\
         const renderStep = () => {{}}, renderPanel = () => {{}}, updateChain = () => {{}}, renderCounts = () => {{}};\n\
         {apply}\n{scenario}\n}})();\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page.js");
    std::fs::write(&file, program).unwrap();
    let run = Command::new("node").arg(&file).output().unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success(),
        "{}\n{}",
        stdout,
        String::from_utf8_lossy(&run.stderr)
    );
    stdout
}

/// The explorer page of `TWO_WAY` drawn by `engine`.
fn two_way_page(engine: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("two-way.json");
    std::fs::write(&data, TWO_WAY).unwrap();
    page_of(&data, engine)
}

/// The explorer page of the dataset at `data` drawn by `engine`.
fn page_of(data: &std::path::Path, engine: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("explorer.html");
    partnet(&[
        "--data",
        data.to_str().unwrap(),
        "diagram",
        "--format",
        "html",
        "--engine",
        engine,
        "-o",
        page.to_str().unwrap(),
    ])
    .ok();
    std::fs::read_to_string(&page).unwrap()
}

/// The second arrow of a two-way tie goes with the first under every filter: shown when the
/// tie is (a status its records have), hidden when it is not though both ends are shown (a
/// date before it), with either engine (Graphviz titles the arrows by their ends, the
/// built-in engine does not). It is no "other edge" hidden by its own rule.
#[test]
fn the_second_arrow_of_a_two_way_tie_follows_the_filters_as_the_first() {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("skipped: no node");
        return;
    }
    let graphviz = Command::new("dot").arg("-V").output().is_ok();
    for engine in ["builtin", "graphviz"]
        .into_iter()
        .filter(|&e| e == "builtin" || graphviz)
    {
        let page = two_way_page(engine);
        let scenario = "\
            const backOf = (e) => byId.get('e' + e.k + '-back');\n\
            console.log('backs', [...tieEdges.values()].filter(backOf).length);\n\
            for (const [status, date] of [['', null], ['reported', null], ['', '2025-02-15'], ['signed', null], ['agreed', '2025-04-01']]) {\n\
              filters.status.value = status;\n\
              at = date;\n\
              applyFilters();\n\
              for (const e of tieEdges.values()) if (backOf(e)) {\n\
                const off = (x) => (x.cls.has('off') ? 'off' : 'on');\n\
                console.log(status || 'all', date || 'all', off(e.el), off(backOf(e)));\n\
              }\n\
            }";
        let out = run_page(&page, scenario);
        assert_eq!(
            out,
            "backs 1\n\
             all all on on\n\
             reported all on on\n\
             all 2025-02-15 off off\n\
             signed all off off\n\
             agreed 2025-04-01 off off\n",
            "{engine}: each tie edge's arrows, first then second"
        );
    }
}

/// The Status filter offers every status the command line's `--status` keeps something for:
/// links', ties' and projects' own (one only a project has, too), in the vocabulary's order,
/// least definite first, then the ones partnet does not know.
#[test]
fn the_explorer_status_list_is_the_union_in_the_vocabularys_order() {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("skipped: no node");
        return;
    }
    let out = run_page(
        &two_way_page("builtin"),
        "console.log(filters.status.children.map((o) => o.text).join(', '));",
    );
    assert_eq!(
        out.trim_end(),
        "reported (2), agreed (1), signed (1), completed (1), rumoured (1)"
    );
}

/// The filters combined, on links whose status moved (Beta Power's contract signed, then
/// cancelled; Alpha Heavy interested, then agreed) and a tie ended in a month ("until":
/// "2026-03", so held all March): the page shows as many organisations, projects and tied
/// pairs as `stats` counts under the same `--status`, `--country`, `--sector` and `--as-of`.
/// A link shows under a status one of its records has by then, as `--status` keeps records.
#[test]
fn the_explorer_filters_combined_count_as_the_command_line() {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("skipped: no node");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("history.json");
    let history = std::fs::read_to_string(fixture("history.json")).unwrap();
    let tie = r#"],
  "ties": [{"from": "alpha", "to": "gamma", "kind": "owner", "share": 40, "sources": ["n2"], "until": "2026-03"}]
}"#;
    let at = history.trim_end().rfind(']').unwrap();
    std::fs::write(&data, format!("{}{tie}", &history[..at])).unwrap();
    let page = page_of(&data, "builtin");
    let statuses = ["", "interested", "agreed", "signed", "cancelled", "selected"];
    let dates = ["", "2025-12-01", "2026-03-15", "2026-04-01", "2026-06-01"];
    let places = [("", ""), ("JP", ""), ("", "energy")];
    let mut cases = Vec::new();
    for s in statuses {
        for d in dates {
            for (c, sector) in places {
                cases.push([s, d, c, sector]);
            }
        }
    }
    let scenario = format!(
        "for (const [s, d, c, sector] of {}) {{\n\
           filters.status.value = s; filters.country.value = c; filters.sector.value = sector;\n\
           const v = visibility(d || null);\n\
           const shown = nodes.filter((n) => v.on.has(n.k));\n\
           console.log(shown.filter((n) => !isProject(n)).length, shown.filter(isProject).length, v.ties.size);\n\
         }}",
        serde_json::to_string(&cases).unwrap()
    );
    let out = run_page(&page, &scenario);
    let mut lines = out.lines();
    for [s, d, c, sector] in cases {
        let mut args = vec!["--data", data.to_str().unwrap()];
        for (flag, value) in [("--status", s), ("--as-of", d), ("--country", c), ("--sector", sector)] {
            if !value.is_empty() {
                args.extend([flag, value]);
            }
        }
        args.extend(["--json", "stats"]);
        let stats = partnet(&args).ok().json();
        let want = format!("{} {} {}", stats["entities"], stats["projects"], stats["ties"]);
        assert_eq!(lines.next(), Some(want.as_str()), "the page, then {args:?}");
    }
    assert_eq!(lines.next(), None);
}
