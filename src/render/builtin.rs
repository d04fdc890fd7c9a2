//! The built-in engine: lays a drawing out with layout-rs (pure Rust, no Graphviz) and
//! writes the SVG itself, so that the nodes and links carry the same element ids, classes
//! and tooltips as Graphviz's SVG, the same colours and line styles, line labels at each
//! line's middle (layout-rs leaves them no room of their own), and a legend.
//!
//! layout-rs places the nodes and routes the lines and calls a
//! [`RenderBackend`](layout::core::format::RenderBackend) with shapes; `Canvas` maps each
//! shape back to its node or link through the `properties` string (its position in the
//! drawing) and writes deterministic SVG: fixed float formatting, and no hash-map order
//! anywhere. `builtin/shapes.rs` writes the nodes and lines, `builtin/document.rs` the
//! SVG document around them (heading, legend, footnote, size).

use std::panic::{catch_unwind, AssertUnwindSafe};

use layout::core::base::Orientation;
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;

use crate::drawing::{display, Drawing, Stroke};
use crate::error::Error;
use crate::text::width;

mod document;
mod shapes;

/// The font size of node labels, in points.
const FONT_SIZE: u32 = 11;
/// The line height of node labels, in points.
const LINE_HEIGHT: f64 = 14.0;
/// Average advance of a narrow character at [`FONT_SIZE`]; wide (CJK) characters take two.
const CHAR_WIDTH: f64 = 6.2;
/// The line height of a line label, in points (its font is 9 points).
const EDGE_LINE_HEIGHT: f64 = 11.0;

/// Escapes text for SVG element content and attribute values.
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

/// The size of a node's box for `label`: its widest line and its lines, with a margin.
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
