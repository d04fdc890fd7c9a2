//! The SVG document around the built-in engine's nodes and lines: the heading (headline
//! and caption), the legend on the right, the footnote of credits under it, the white
//! background and the size (`--size` scales it to fit, as Graphviz's `size` with `!`).

use std::fmt::Write as _;

use super::{xml, Canvas, CHAR_WIDTH};
use crate::dot::FONT;
use crate::drawing::{new_since, Drawing, Stroke, DRAWN_WITH, NEW_COLOR, PROJECT_FILL};
use crate::text::width;

impl Canvas<'_> {
    /// The SVG document: title, links under nodes, legend on the right.
    pub(super) fn finish(mut self) -> String {
        self.close_node();
        let d = self.d;
        if self.min.0 > self.max.0 {
            self.min = (0.0, 0.0);
            self.max = (200.0, 20.0);
        }
        // The heading: the headline in bold, then the caption.
        let heading: Vec<(&str, u32, &str)> = d
            .title
            .split('\n')
            .map(|l| (l, 16, " font-weight=\"bold\""))
            .chain(d.caption.split('\n').map(|l| (l, 12, "")))
            .filter(|(l, _, _)| !l.is_empty())
            .collect();
        let title_h = heading.len() as f64 * 18.0 + 12.0;
        let legend = if d.nodes.is_empty() {
            (String::new(), self.max.0, self.min.1)
        } else {
            legend(d, self.max.0 + 40.0, self.min.1)
        };
        // The footnote: the source credits, then the small print.
        let footnote: Vec<(&str, u32, &str)> = if d.footnote.is_empty() {
            Vec::new()
        } else {
            d.footnote
                .iter()
                .map(|l| (l.as_str(), 9, "#555555"))
                .chain([(DRAWN_WITH, 8, "#888888")])
                .collect()
        };
        let (x0, y0) = (self.min.0 - 20.0, self.min.1 - 20.0 - title_h);
        let bottom = (self.max.1 + 20.0).max(legend.2 + 20.0);
        let x1 = (self.max.0 + 20.0).max(legend.1 + 20.0);
        let y1 = bottom + footnote.len() as f64 * 13.0 + if footnote.is_empty() { 0.0 } else { 8.0 };
        let (w, h) = (x1 - x0, y1 - y0);
        // --size: scaled to fit, as Graphviz's `size` with `!` does.
        let scale = d.size.map_or(1.0, |(sw, sh)| (sw * 72.0 / w).min(sh * 72.0 / h));
        let mut svg = String::with_capacity(self.nodes.len() + self.edges.len() + 4096);
        svg.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        let _ = writeln!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0}pt\" height=\"{:.0}pt\" \
             viewBox=\"{x0:.2} {y0:.2} {w:.2} {h:.2}\" font-family=\"{FONT}\">",
            w * scale,
            h * scale
        );
        let whole: Vec<&str> = [d.title.as_str(), d.caption.as_str()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
        let _ = writeln!(
            svg,
            "<g id=\"graph0\" class=\"graph\">\n<title>{}</title>",
            xml(&whole.join("\n"))
        );
        let _ = writeln!(
            svg,
            "<rect x=\"{x0:.2}\" y=\"{y0:.2}\" width=\"{w:.2}\" height=\"{h:.2}\" fill=\"white\"/>"
        );
        for (i, (line, size, weight)) in heading.iter().enumerate() {
            let _ = writeln!(
                svg,
                "<text x=\"{:.2}\" y=\"{:.2}\" font-size=\"{size}\"{weight} fill=\"#333333\">{}</text>",
                x0 + 20.0,
                y0 + 26.0 + i as f64 * 18.0,
                xml(line)
            );
        }
        for (i, (line, size, color)) in footnote.iter().enumerate() {
            let _ = writeln!(
                svg,
                "<text class=\"footnote\" x=\"{:.2}\" y=\"{:.2}\" font-size=\"{size}\" fill=\"{color}\">{}</text>",
                x0 + 20.0,
                bottom + 4.0 + i as f64 * 13.0,
                xml(line)
            );
        }
        svg.push_str(&self.edges);
        svg.push_str(&self.nodes);
        svg.push_str(&legend.0);
        svg.push_str("</g>\n</svg>\n");
        svg
    }
}

/// The legend as SVG at (`x`, `y`), with its right and bottom edges.
fn legend(d: &Drawing, x: f64, y: f64) -> (String, f64, f64) {
    let mut rows: Vec<(String, String)> = Vec::new();
    for (country, color, count) in &d.countries {
        rows.push((
            format!("<rect width=\"26\" height=\"12\" rx=\"3\" fill=\"{color}\" stroke=\"#4d4d4d\"/>"),
            format!("{country} ({count})"),
        ));
    }
    if d.nodes.iter().any(|n| n.focus) {
        rows.push((
            "<rect width=\"26\" height=\"12\" rx=\"3\" fill=\"white\" stroke=\"#1a1a1a\" stroke-width=\"3\"/>"
                .to_string(),
            "in focus".to_string(),
        ));
    }
    if let Some((since, count)) = d.since {
        rows.push((
            format!("<rect width=\"26\" height=\"12\" rx=\"3\" fill=\"white\" stroke=\"{NEW_COLOR}\" stroke-width=\"2.5\"/>"),
            format!("{} ({count})", new_since(since)),
        ));
    }
    let line =
        |width: f64, dash: &str| format!("<path d=\"M0 6 H26\" stroke=\"#333333\" stroke-width=\"{width:.1}\"{dash}/>");
    if d.projection {
        rows.push((line(4.0, ""), "more shared projects".to_string()));
    } else {
        rows.push((
            format!("<rect width=\"26\" height=\"12\" fill=\"{PROJECT_FILL}\" stroke=\"#a89a68\"/>"),
            "project (value · status)".to_string(),
        ));
    }
    // Each style drawn, its sample drawn as its lines are.
    for l in &d.legend {
        let dash = match l.stroke {
            Stroke::Solid => "",
            Stroke::Dashed => " stroke-dasharray=\"5,3\"",
            Stroke::Dotted => " stroke-dasharray=\"1,3\"",
        };
        let (end, head) = match l.arrow {
            true => (
                20,
                format!("<polygon points=\"26,6 18,2 18,10\" fill=\"{}\"/>", l.color),
            ),
            false => (26, String::new()),
        };
        rows.push((
            format!(
                "<path d=\"M0 6 H{end}\" stroke=\"{}\" stroke-width=\"{:.1}\"{dash}/>{head}",
                l.color, l.width
            ),
            l.what.clone(),
        ));
    }
    let mut svg = format!("<g id=\"legend\" class=\"legend\">\n<text x=\"{x:.2}\" y=\"{:.2}\" font-size=\"11\" font-weight=\"bold\">Legend</text>\n", y + 10.0);
    let mut right = x + 60.0;
    for (i, (swatch, label)) in rows.iter().enumerate() {
        let ry = y + 20.0 + i as f64 * 18.0;
        let _ = writeln!(
            svg,
            "<g transform=\"translate({x:.2} {ry:.2})\">{swatch}<text x=\"34\" y=\"10\" font-size=\"11\">{}</text></g>",
            xml(label)
        );
        right = right.max(x + 40.0 + width(label) as f64 * CHAR_WIDTH);
    }
    svg.push_str("</g>\n");
    (svg, right, y + 20.0 + rows.len() as f64 * 18.0)
}
