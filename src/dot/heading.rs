//! The HTML-like labels around a diagram: the heading (headline, caption, legend) and the
//! footnote (source credits, small print). Every text from the data or the command line
//! goes through [`html_text`]: a title is data, never markup.

use crate::drawing::{new_since, Plan, DRAWN_WITH, NEW_COLOR, PROJECT_FILL};

use crate::vocab::legend::LegendLine;
use crate::vocab::Stroke;

use super::html_text;

/// One row of a label table, left-aligned, in a font of `size` points and `color`.
fn text_row(size: u32, color: &str, text: &str) -> String {
    format!(r#"<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{size}" COLOR="{color}">{text}</FONT></TD></TR>"#)
}

/// A label table of `rows`; Graphviz refuses a table without a row, so an empty one gets
/// an empty cell.
fn table(rows: &str) -> String {
    let rows = if rows.is_empty() { "<TR><TD></TD></TR>" } else { rows };
    format!(r#"<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{rows}</TABLE>>"#)
}

/// The graph's label, top left: the headline, the caption, then the legend: colours of
/// countries (and projects), then what each line style drawn means (three a row). Being the graph's label,
/// it stays out of the layout whatever the engine. With `footnote`, the source credits
/// follow (for engines other than `dot`, where the footnote has no frame to sit in).
pub(super) fn heading_html(d: &Plan, footnote: bool) -> String {
    // A fixed-size swatch (Graphviz would stretch it to fill the row), its text and a gap.
    // A colour swatch holds no text, which would not fit inside a heavy border.
    let item = |swatch: &str, fill: &str, border: u32, what: &str| {
        let swatch = if swatch.is_empty() {
            String::new()
        } else {
            format!(r#"<FONT POINT-SIZE="10">{swatch}</FONT>"#)
        };
        format!(
            r#"<TD BGCOLOR="{fill}" BORDER="{border}" WIDTH="28" HEIGHT="18" FIXEDSIZE="TRUE">{swatch}</TD><TD ALIGN="LEFT"><FONT POINT-SIZE="11">{what}</FONT></TD><TD WIDTH="8"></TD>"#
        )
    };
    let mut colours: Vec<String> = d
        .countries
        .iter()
        .map(|(country, color, count)| item("", color, 1, &format!("{} ({count})", html_text(country))))
        .collect();
    if d.has_focus() {
        colours.push(item("", "white", 3, "in focus"));
    }
    if let Some((since, count)) = d.since() {
        // A green outline, as new nodes have (lines new since then are green too).
        colours.push(format!(
            r#"<TD BGCOLOR="white" COLOR="{NEW_COLOR}" BORDER="3" WIDTH="28" HEIGHT="18" FIXEDSIZE="TRUE"></TD><TD ALIGN="LEFT"><FONT POINT-SIZE="11">{} ({count})</FONT></TD><TD WIDTH="8"></TD>"#,
            html_text(&new_since(since))
        ));
    }
    let mut lines: Vec<String> = Vec::new();
    if d.projection {
        lines.push(item("━━", "white", 1, "shared projects: the number on the line"));
    } else {
        colours.push(item("", PROJECT_FILL, 1, "project: value · status"));
    }
    // Each style drawn, its sample in its colour and stroke.
    for l in &d.legend {
        let sample = format!(r#"<FONT COLOR="{}">{}</FONT>"#, l.color, sample(l));
        lines.push(item(&sample, "white", 1, &html_text(&l.what)));
    }
    // Each row its own table, so that a long row does not widen the other's columns.
    let row = |cells: &[String]| {
        format!(
            r#"<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1"><TR>{}</TR></TABLE></TD></TR>"#,
            cells.concat()
        )
    };
    let mut rows = String::new();
    for line in d.title.split('\n').filter(|l| !l.is_empty()) {
        rows.push_str(&text_row(16, "#1a1a1a", &format!("<B>{}</B>", html_text(line))));
    }
    for line in d.caption.split('\n').filter(|l| !l.is_empty()) {
        rows.push_str(&text_row(11, "#333333", &html_text(line)));
    }
    if d.node_count() > 0 {
        rows.push_str(&row(&colours));
        // What the lines mean, three entries a row, so that a long legend does not widen
        // the picture.
        for chunk in lines.chunks(3) {
            rows.push_str(&row(chunk));
        }
    }
    if footnote {
        rows.push_str(&footnote_rows(d));
    }
    table(&rows)
}

/// A legend line's sample as text: its stroke and weight, with a head for a tie's arrow.
fn sample(l: &LegendLine) -> &'static str {
    match (l.stroke, l.width >= 3.0, l.arrow) {
        (Stroke::Solid, true, _) => "━━",
        (Stroke::Solid, false, false) => "──",
        (Stroke::Solid, false, true) => "─▶",
        (Stroke::Dashed, _, false) => "╌╌",
        (Stroke::Dashed, _, true) => "╌▶",
        (Stroke::Dotted, _, false) => "┈┈",
        (Stroke::Dotted, _, true) => "┈▶",
    }
}

/// The footnote: the source credits, then the small print.
fn footnote_rows(d: &Plan) -> String {
    let mut rows = String::new();
    for line in &d.footnote {
        rows.push_str(&text_row(9, "#555555", &html_text(line)));
    }
    rows.push_str(&text_row(8, "#888888", DRAWN_WITH));
    rows
}

/// The label of the frame around the drawing, bottom left: the footnote.
pub(super) fn footnote_html(d: &Plan) -> String {
    table(&footnote_rows(d))
}
