//! The interactive explorer: one self-contained HTML page embedding the laid-out diagram
//! and the graph data. (Work in progress: a minimal page until the full explorer lands.)

use crate::filter::View;

/// The complete HTML page for `view`, embedding `svg` (Graphviz's or the built-in engine's).
pub fn page(view: &View, svg: &str) -> String {
    let _ = view;
    let svg = svg.trim_start();
    let svg = match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<title>partnet explorer</title>\n</head>\n<body>\n{svg}\n</body>\n</html>\n"
    )
}
