//! The explorer's filters follow the command line's rules (second user trial, finding 5):
//! its own `visibility` code, taken from the page's script and run under node on the data the
//! page embeds, shows as many organisations and projects as `--status S stats` counts. No
//! browser is needed; without node the test says so and passes.

mod common;

use std::process::Command;

use common::{partnet, root};

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
