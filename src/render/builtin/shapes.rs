//! The nodes and lines of the built-in engine's SVG: layout-rs calls these with the shapes
//! it placed and routed, each named by its position in the drawing (`properties`), and
//! they are written with the drawing's element ids, classes, tooltips, colours and line
//! styles, as in Graphviz's SVG.

use std::fmt::Write as _;

use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;

use super::{xml, Canvas, EDGE_LINE_HEIGHT, FONT_SIZE, LINE_HEIGHT};
use crate::drawing::{Arrow as Head, Stroke, NEW_COLOR};

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
