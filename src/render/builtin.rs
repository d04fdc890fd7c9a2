//! The built-in engine: lays a drawing out with layout-rs (pure Rust, no Graphviz) and
//! writes the SVG itself, so that the nodes and links carry the same element ids, classes
//! and tooltips as Graphviz's SVG, the same colours and line styles, line labels at each
//! line's middle (layout-rs leaves them no room of their own), and a legend.
//!
//! layout-rs places the nodes and routes the lines and calls a [`RenderBackend`] with
//! shapes; `Canvas` maps each shape back to its node or link through the `properties`
//! string (its position in the drawing) and writes deterministic SVG: fixed float
//! formatting, and no hash-map order anywhere.

use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};

use layout::core::base::Orientation;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;

use crate::dot::FONT;
use crate::drawing::{display, new_since, Arrow as Head, Drawing, Stroke, DRAWN_WITH, NEW_COLOR, PROJECT_FILL};
use crate::error::Error;
use crate::text::width;

const FONT_SIZE: u32 = 11;
const LINE_HEIGHT: f64 = 14.0;
/// Average advance of a narrow character at [`FONT_SIZE`]; wide (CJK) characters take two.
const CHAR_WIDTH: f64 = 6.2;

/// Escapes text for SVG element content and attribute values.
/// The line height of a line label, in points (its font is 9 points).
const EDGE_LINE_HEIGHT: f64 = 11.0;

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in display(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

fn text_size(label: &str) -> (f64, f64) {
    let lines: Vec<&str> = label.split('\n').collect();
    let widest = lines.iter().map(|l| width(l)).max().unwrap_or(0) as f64;
    (widest * CHAR_WIDTH + 20.0, lines.len() as f64 * LINE_HEIGHT + 12.0)
}

/// Lays `d` out and returns the SVG. Fails rather than panics if layout-rs does.
pub fn svg(d: &Drawing) -> Result<String, Error> {
    let mut canvas = Canvas::new(d);
    if !d.nodes.is_empty() {
        let mut vg = VisualGraph::new(Orientation::LeftToRight);
        let handles: Vec<_> = d
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let (w, h) = text_size(&n.label);
                let look = StyleAttr::new(layout::core::color::Color::fast("black"), 1, None, 0, 11);
                vg.add_node(Element::create_with_properties(
                    ShapeKind::new_box(""),
                    look,
                    Orientation::LeftToRight,
                    Point::new(w, h),
                    i.to_string(),
                ))
            })
            .collect();
        for (i, e) in d.edges.iter().enumerate() {
            let style = match e.stroke {
                Stroke::Solid => LineStyleKind::Normal,
                Stroke::Dashed => LineStyleKind::Dashed,
                Stroke::Dotted => LineStyleKind::Dotted,
            };
            let look = StyleAttr::new(layout::core::color::Color::fast("black"), 1, None, 0, 9);
            let mut arrow = Arrow::new(LineEndKind::None, LineEndKind::None, style, "", &look, &None, &None);
            arrow.properties = Some(format!("e{i}"));
            vg.add_edge(arrow, handles[e.a], handles[e.b]);
        }
        catch_unwind(AssertUnwindSafe(|| vg.do_it(false, false, false, &mut canvas))).map_err(|_| {
            Error::environment("the built-in layout engine failed on this graph")
                .with_help(format!("{}, or draw fewer nodes with --focus", super::INSTALL_GRAPHVIZ))
        })?;
    }
    Ok(canvas.finish())
}

/// Collects layout-rs's draw calls as SVG for the drawing's nodes and links.
struct Canvas<'a> {
    d: &'a Drawing,
    nodes: String,
    edges: String,
    /// The node whose shape was drawn and whose text comes next.
    open: Option<usize>,
    min: (f64, f64),
    max: (f64, f64),
}

impl<'a> Canvas<'a> {
    fn new(d: &'a Drawing) -> Canvas<'a> {
        Canvas {
            d,
            nodes: String::new(),
            edges: String::new(),
            open: None,
            min: (f64::MAX, f64::MAX),
            max: (f64::MIN, f64::MIN),
        }
    }

    fn grow(&mut self, p: Point) {
        self.min = (self.min.0.min(p.x), self.min.1.min(p.y));
        self.max = (self.max.0.max(p.x), self.max.1.max(p.y));
    }

    fn close_node(&mut self) {
        if let Some(i) = self.open.take() {
            if self.d.nodes[i].url.is_some() {
                self.nodes.push_str("</a>");
            }
            self.nodes.push_str("</g>\n");
        }
    }

    /// The SVG document: title, links under nodes, legend on the right.
    fn finish(mut self) -> String {
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

impl RenderBackend for Canvas<'_> {
    fn draw_rect(&mut self, xy: Point, size: Point, _: &StyleAttr, properties: Option<String>, _: Option<ClipHandle>) {
        let Some(i) = properties.and_then(|p| p.parse::<usize>().ok()) else {
            return;
        };
        self.close_node();
        let n = &self.d.nodes[i];
        self.grow(xy);
        self.grow(Point::new(xy.x + size.x, xy.y + size.y));
        let mut class = String::from(if n.project { "project" } else { "entity" });
        if n.focus {
            class.push_str(" focus");
        }
        if n.new {
            class.push_str(" new");
        }
        // A node in focus: heavier and darker than every other outline, a new one green, as
        // in the DOT.
        let stroke = |normal: &'static str| match (n.new, n.focus) {
            (true, _) => NEW_COLOR,
            (false, true) => "#1a1a1a",
            (false, false) => normal,
        };
        let heavy = match (n.focus, n.new) {
            (true, _) => " stroke-width=\"3\"",
            (false, true) => " stroke-width=\"2.5\"",
            (false, false) => "",
        };
        let _ = write!(
            self.nodes,
            "<g id=\"n{}\" class=\"node {class}\">\n<title>{}</title>\n",
            n.k,
            xml(&n.tooltip)
        );
        if let Some(url) = &n.url {
            let _ = write!(self.nodes, "<a href=\"{}\" target=\"_blank\">", xml(url));
        }
        let (x, y, w, h) = (xy.x, xy.y, size.x, size.y);
        if n.project {
            // A note: a box with its top-right corner folded.
            let f = 8.0_f64.min(w / 4.0).min(h / 4.0);
            let _ = writeln!(
                self.nodes,
                "<path d=\"M{x:.2} {y:.2} H{:.2} L{:.2} {:.2} V{:.2} H{x:.2} Z M{:.2} {y:.2} V{:.2} H{:.2}\" \
                 fill=\"{}\" stroke=\"{}\"{heavy}/>",
                x + w - f,
                x + w,
                y + f,
                y + h,
                x + w - f,
                y + f,
                x + w,
                n.fill,
                stroke("#a89a68")
            );
        } else {
            let _ = writeln!(
                self.nodes,
                "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{w:.2}\" height=\"{h:.2}\" rx=\"6\" fill=\"{}\" \
                 stroke=\"{}\"{heavy}/>",
                n.fill,
                stroke("#4d4d4d")
            );
        }
        self.open = Some(i);
    }

    fn draw_line(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}

    fn draw_circle(&mut self, xy: Point, size: Point, look: &StyleAttr, properties: Option<String>) {
        let corner = Point::new(xy.x - size.x / 2.0, xy.y - size.y / 2.0);
        self.draw_rect(corner, size, look, properties, None);
    }

    fn draw_text(&mut self, xy: Point, _: &str, _: &StyleAttr) {
        let Some(i) = self.open else { return };
        let label = &self.d.nodes[i].label;
        let lines: Vec<&str> = label.split('\n').collect();
        let top = xy.y - (lines.len() as f64 - 1.0) * LINE_HEIGHT / 2.0;
        let _ = write!(
            self.nodes,
            "<text text-anchor=\"middle\" dominant-baseline=\"central\" font-size=\"{FONT_SIZE}\">"
        );
        for (j, line) in lines.iter().enumerate() {
            let _ = write!(
                self.nodes,
                "<tspan x=\"{:.2}\" y=\"{:.2}\">{}</tspan>",
                xy.x,
                top + j as f64 * LINE_HEIGHT,
                xml(line)
            );
        }
        self.nodes.push_str("</text>\n");
        self.close_node();
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        _: bool,
        _: (bool, bool),
        _: &StyleAttr,
        properties: Option<String>,
        _: &str,
    ) {
        let Some(i) = properties.and_then(|p| p.strip_prefix('e').and_then(|k| k.parse::<usize>().ok())) else {
            return;
        };
        if path.len() < 2 {
            return;
        }
        for p in path {
            self.grow(p.0);
            self.grow(p.1);
        }
        let e = &self.d.edges[i];
        let mut d = format!(
            "M{:.2} {:.2} C{:.2} {:.2} {:.2} {:.2} {:.2} {:.2}",
            path[0].0.x, path[0].0.y, path[0].1.x, path[0].1.y, path[1].0.x, path[1].0.y, path[1].1.x, path[1].1.y
        );
        for p in &path[2..] {
            let _ = write!(d, " S{:.2} {:.2} {:.2} {:.2}", p.0.x, p.0.y, p.1.x, p.1.y);
        }
        let dash = match e.stroke {
            Stroke::Solid => "",
            Stroke::Dashed => " stroke-dasharray=\"6,4\"",
            Stroke::Dotted => " stroke-dasharray=\"1,3\"",
        };
        // A tie's arrowhead, at the end the arrow points to, along the curve's last tangent.
        let head = e.arrow.map(|arrow| {
            let (tip, from) = match arrow {
                Head::Forward => (path[path.len() - 1].1, path[path.len() - 1].0),
                Head::Back => (path[0].0, path[0].1),
            };
            let (dx, dy) = (tip.x - from.x, tip.y - from.y);
            let len = (dx * dx + dy * dy).sqrt().max(1e-9);
            let (ux, uy) = (dx / len, dy / len);
            let (bx, by) = (tip.x - 8.0 * ux, tip.y - 8.0 * uy);
            format!(
                "\n<polygon points=\"{:.2},{:.2} {:.2},{:.2} {:.2},{:.2}\" fill=\"{}\"/>",
                tip.x,
                tip.y,
                bx - 4.0 * uy,
                by + 4.0 * ux,
                bx + 4.0 * uy,
                by - 4.0 * ux,
                e.color
            )
        });
        // The line's label ("owner 51%", "lead · agreed") at its middle, on a white halo.
        let label = e.label.as_deref().map_or(String::new(), |label| {
            let mid = if path.len() == 2 {
                let (p0, p1, p2, p3) = (path[0].0, path[0].1, path[1].0, path[1].1);
                Point::new(
                    (p0.x + 3.0 * p1.x + 3.0 * p2.x + p3.x) / 8.0,
                    (p0.y + 3.0 * p1.y + 3.0 * p2.y + p3.y) / 8.0,
                )
            } else {
                path[path.len() / 2].1
            };
            let lines: Vec<&str> = label.split('\n').collect();
            let top = mid.y - (lines.len() as f64 - 1.0) * EDGE_LINE_HEIGHT / 2.0;
            let mut text = String::from(
                "\n<text text-anchor=\"middle\" dominant-baseline=\"central\" font-size=\"9\" fill=\"#444444\" \
                 stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">",
            );
            for (j, line) in lines.iter().enumerate() {
                let _ = write!(
                    text,
                    "<tspan x=\"{:.2}\" y=\"{:.2}\">{}</tspan>",
                    mid.x,
                    top + j as f64 * EDGE_LINE_HEIGHT,
                    xml(line)
                );
            }
            text.push_str("</text>");
            text
        });
        let _ = writeln!(
            self.edges,
            "<g id=\"{}\" class=\"edge {}{}\">\n<title>{}</title>\n<path d=\"{d}\" fill=\"none\" stroke=\"{}\" \
             stroke-width=\"{:.1}\"{dash}/>{}{label}\n</g>",
            e.id,
            e.class,
            if e.new { " new" } else { "" },
            xml(&e.tooltip),
            e.color,
            e.width,
            head.unwrap_or_default()
        );
    }

    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_become_markup() {
        assert_eq!(
            xml("<script>&\"x\"</script>"),
            "&lt;script&gt;&amp;&quot;x&quot;&lt;/script&gt;"
        );
        assert_eq!(xml("a\nb\tc\u{1b}"), "a&#10;b\\tc\\u{1b}");
        assert_eq!(xml("東芝"), "東芝");
    }
}
