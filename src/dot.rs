//! Graphviz DOT for a [`Plan`], built with graphviz-rust's types and printed by its
//! printer.
//!
//! Names never become DOT identifiers: node `k` of the graph is `n<k>`, and the names travel
//! in quoted attribute values escaped by [`esc_string`]. graphviz-rust writes an
//! [`Id::Escaped`] as it is, so the escaping here is what keeps a quote, a backslash or a
//! line break in a name from ending the string or turning into a Graphviz escape (`\N`,
//! `\l`, ...). The legend is an HTML-like label whose text goes through [`html_text`].
//!
//! Every node carries `id="n<k>"` and `class="entity"` or `class="project"`, every link
//! `id="e<k>"` (its graph edge index): Graphviz copies them into the SVG, where the HTML
//! explorer finds them.

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId as DotNodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use std::io::{self, Write};

use crate::drawing::{display, Arrow, Layout, Plan, Stroke, NEW_COLOR};

mod heading;
mod sink;

use heading::{footnote_html, heading_html};
use sink::{split_frame, Sink, Stream, Tree};

/// The fonts of every text, in order of preference, as CSS and fontconfig (through
/// Graphviz's pango) read a list: Helvetica or Arial for Latin text, then fonts with
/// Japanese glyphs on Linux (Noto Sans CJK, Debian's fonts-noto-cjk), macOS (Hiragino) and
/// Windows (Yu Gothic, Meiryo), so that a Japanese name is drawn in a Japanese font (not
/// the Chinese forms a generic fallback may pick, nor missing-glyph boxes) wherever one is
/// installed.
pub const FONT: &str = "Helvetica,Arial,Noto Sans CJK JP,Hiragino Sans,Yu Gothic,Meiryo,sans-serif";

/// Escapes text for a quoted DOT string that Graphviz reads as an escString (label,
/// tooltip, URL, id): `\` and `"` are escaped, a line break becomes Graphviz's `\n`, and
/// `&` becomes `&amp;` so that Graphviz does not read `&lt;` in a name as `<`. Control
/// characters other than line breaks are written out first (see [`display`]).
///
/// ```
/// use partnet::dot::esc_string;
/// assert_eq!(esc_string(r#"a "b" \N"#), r#"a \"b\" \\N"#);
/// assert_eq!(esc_string("x\ny & z"), r"x\ny &amp; z");
/// ```
pub fn esc_string(text: &str) -> String {
    escape(text, "\\\\")
}

/// Escapes text for a tooltip. Graphviz reads a tooltip's escapes twice: first `\\` and
/// `\n`, then `\N`, `\G`, ... and `\\` again, so a backslash is written as four, or a
/// name's `\N` would show as the node's DOT id.
///
/// ```
/// use partnet::dot::esc_tooltip;
/// assert_eq!(esc_tooltip(r"a\N"), r"a\\\\N");
/// assert_eq!(esc_tooltip("x\ny"), r"x\ny");
/// ```
pub fn esc_tooltip(text: &str) -> String {
    escape(text, "\\\\\\\\")
}

/// Escapes a quoted escString, writing `backslash` for each backslash.
fn escape(text: &str, backslash: &str) -> String {
    let text = display(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str(backslash),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for an HTML-like label: `&`, `<`, `>` and `"` as entities, control
/// characters written out, and each backslash doubled: Graphviz reads the text of an HTML
/// label for `\N`, `\G`, `\\`, ... too (after the entities, so `&#92;` would not do).
///
/// ```
/// use partnet::dot::html_text;
/// assert_eq!(html_text("<b>&\"\t"), "&lt;b&gt;&amp;&quot;\\\\t");
/// assert_eq!(html_text(r"a\N"), r"a\\N");
/// ```
pub fn html_text(text: &str) -> String {
    let text = display(text).replace('\n', " ");
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out
}

/// A quoted escString value.
fn text(value: &str) -> Id {
    Id::Escaped(format!("\"{}\"", esc_string(value)))
}

/// A quoted tooltip value.
fn tooltip(value: &str) -> Id {
    Id::Escaped(format!("\"{}\"", esc_tooltip(value)))
}

/// A value partnet writes itself (a colour, a style, a generated id): quoted, no escapes
/// needed.
fn word(value: &str) -> Id {
    debug_assert!(!value.contains(['"', '\\', '\n']));
    Id::Escaped(format!("\"{value}\""))
}

/// A number in its shortest exact form (`3`, `1.8`), the same on every run.
fn number(value: f64) -> Id {
    Id::Plain(format!("{value}"))
}

fn attr(key: &str, value: Id) -> Attribute {
    Attribute(Id::Plain(key.to_string()), value)
}

fn node_ref(k: usize) -> Vertex {
    Vertex::N(DotNodeId(Id::Plain(format!("n{k}")), None))
}

fn stroke_style(stroke: Stroke) -> Option<&'static str> {
    match stroke {
        Stroke::Solid => None,
        Stroke::Dashed => Some("dashed"),
        Stroke::Dotted => Some("dotted"),
    }
}

/// The DOT of a plan as one graphviz-rust value: what [`write()`] streams, statement for
/// statement.
pub fn graph(p: &Plan) -> Graph {
    let mut tree = Tree(vec![(Id::Plain(GRAPH_ID.to_string()), Vec::new())]);
    emit(p, &mut tree).expect("building a graph in memory does not fail");
    let (id, stmts) = tree.0.pop().expect("the graph itself is never closed");
    Graph::Graph {
        id,
        strict: false,
        stmts,
    }
}

/// Writes the DOT of a plan, one statement at a time, each printed by graphviz-rust's
/// printer: the bytes of [`print()`]`(&`[`graph()`]`(p))`, without ever holding more than one
/// statement, so that a million-node graph streams.
pub fn write(p: &Plan, out: &mut dyn Write) -> io::Result<()> {
    let empty = Graph::Graph {
        id: Id::Plain(GRAPH_ID.to_string()),
        strict: false,
        stmts: Vec::new(),
    };
    let (graph_open, graph_close) = split_frame(empty.print(&mut PrinterContext::default()));
    writeln!(out, "{graph_open}")?;
    let mut stream = Stream {
        out,
        depth: 1,
        closes: Vec::new(),
    };
    emit(p, &mut stream)?;
    writeln!(stream.out, "{graph_close}")
}

/// The name of every graph partnet writes.
const GRAPH_ID: &str = "partnet";

/// Sends the statements of a plan's DOT to `sink`: graph, node and edge defaults; the
/// frame that carries the footnote (with `dot`; see [`Layout::frames_footnote`]); each cluster with its
/// nodes; the nodes in no cluster; every project in one rank; the links. Each block holds
/// at least one statement, which is what [`write()`]'s framing assumes.
fn emit(p: &Plan, sink: &mut dyn Sink) -> io::Result<()> {
    let framed = !p.footnote.is_empty() && p.layout.frames_footnote();
    for stmt in defaults(p, !p.footnote.is_empty() && !framed) {
        sink.stmt(stmt)?;
    }
    if framed {
        // A graph has one label, the heading at the top; the footnote is the bottom label
        // of a borderless cluster around everything.
        sink.open(Id::Plain("cluster_frame".to_string()))?;
        sink.stmt(Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", Id::Html(footnote_html(p))),
            attr("labelloc", word("b")),
            attr("labeljust", word("l")),
            attr("peripheries", number(0.0)),
        ])))?;
    }
    let n = p.node_count();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); p.clusters.len()];
    for i in 0..n {
        if let Some(c) = p.cluster(i) {
            members[c].push(i);
        }
    }
    for (c, (label, members)) in p.clusters.iter().zip(members).enumerate() {
        sink.open(Id::Plain(format!("cluster_{c}")))?;
        sink.stmt(Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", text(label)),
            attr("labelloc", word("t")),
            attr("style", word("rounded,filled")),
            attr("fillcolor", word("#f6f6f3")),
            attr("color", word("#d0d0c8")),
            attr("peripheries", number(1.0)),
            attr("fontsize", number(10.0)),
            attr("fontcolor", word("#666666")),
        ])))?;
        for i in members {
            sink.stmt(node_stmt(&p.node(i)))?;
        }
        sink.close()?;
    }
    for i in (0..n).filter(|&i| p.cluster(i).is_none()) {
        sink.stmt(node_stmt(&p.node(i)))?;
    }
    if !p.chain && (0..n).any(|i| p.is_project(i)) {
        // Every project in one column, even one nobody is linked to.
        sink.open(Id::Plain("projects".to_string()))?;
        sink.stmt(Stmt::Attribute(attr("rank", word("same"))))?;
        for i in (0..n).filter(|&i| p.is_project(i)) {
            sink.stmt(Stmt::Node(Node::new(
                DotNodeId(Id::Plain(format!("n{}", p.node_k(i))), None),
                vec![],
            )))?;
        }
        sink.close()?;
    }
    for j in 0..p.edge_count() {
        let e = p.edge(j);
        let class = if e.new {
            format!("{} new", e.class)
        } else {
            e.class.to_string()
        };
        let mut attrs = vec![
            attr("id", word(&e.id)),
            attr("class", word(&class)),
            attr("penwidth", number(e.width)),
            attr("color", word(e.color)),
        ];
        if let Some(style) = stroke_style(e.stroke) {
            attrs.push(attr("style", word(style)));
        }
        if let Some(label) = &e.label {
            attrs.push(attr("label", text(label)));
            attrs.push(attr("labeltooltip", tooltip(&e.tooltip)));
        }
        attrs.push(attr("tooltip", tooltip(&e.tooltip)));
        // `dot` ranks a line's first end before its second: an organisation with one link
        // goes right of the projects, beside its project, where its line crosses nothing.
        let swap = p.is_leaf(e.a);
        let (a, b) = if swap { (e.b, e.a) } else { (e.a, e.b) };
        if let Some(arrow) = e.arrow {
            let dir = match (arrow, swap) {
                (Arrow::Forward, false) | (Arrow::Back, true) => "forward",
                _ => "back",
            };
            attrs.push(attr("dir", word(dir)));
            attrs.push(attr("arrowsize", number(0.7)));
        }
        sink.stmt(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(node_ref(p.node_k(a)), node_ref(p.node_k(b))),
            attributes: attrs,
        }))?;
    }
    if framed {
        sink.close()?;
    }
    Ok(())
}

/// The graph, node and edge defaults; `footnote` puts the footnote in the heading.
fn defaults(p: &Plan, footnote: bool) -> [Stmt; 3] {
    let mut graph = vec![
        attr("layout", word(p.layout.name())),
        // A chain reads top to bottom: a column fits an article, a row of five nodes does not.
        attr("rankdir", word(if p.chain { "TB" } else { "LR" })),
        attr("label", Id::Html(heading_html(p, footnote))),
        attr("labelloc", word("t")),
        attr("labeljust", word("l")),
        attr("fontname", word(FONT)),
        attr("fontsize", number(16.0)),
        attr("bgcolor", word("white")),
        attr("pad", number(0.3)),
        attr("nodesep", number(0.12)),
        attr("ranksep", number(if p.chain { 0.6 } else { 1.1 })),
        attr("newrank", word("true")),
        attr("overlap", word("false")),
        // sfdp's spline routing is slow on the large graphs it is for.
        attr("splines", word(if p.layout == Layout::Sfdp { "line" } else { "true" })),
        attr("outputorder", word("edgesfirst")),
        attr("tooltip", tooltip(&graph_tooltip(p))),
    ];
    if let Some((w, h)) = p.size {
        graph.push(attr("size", word(&format!("{w},{h}!"))));
    }
    [
        Stmt::GAttribute(GraphAttributes::Graph(graph)),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", word(FONT)),
            attr("fontsize", number(11.0)),
            attr("penwidth", number(1.0)),
            attr("margin", word("0.12,0.06")),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", word(FONT)),
            attr("fontsize", number(9.0)),
            attr("fontcolor", word("#444444")),
        ])),
    ]
}

/// The headline and the caption, for the graph's tooltip.
fn graph_tooltip(p: &Plan) -> String {
    let parts: Vec<&str> = [p.title.as_str(), p.caption.as_str()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    parts.join("\n")
}

fn node_stmt(n: &crate::drawing::DrawNode) -> Stmt {
    let mut class = String::from(if n.project { "project" } else { "entity" });
    if n.focus {
        class.push_str(" focus");
    }
    if n.new {
        class.push_str(" new");
    }
    let mut attrs = vec![
        attr("id", word(&format!("n{}", n.k))),
        attr("class", word(&class)),
        attr("label", text(&n.label)),
        attr("tooltip", tooltip(&n.tooltip)),
    ];
    let (shape, style, outline) = if n.project {
        ("note", "filled", "#a89a68")
    } else {
        ("box", "rounded,filled", "#4d4d4d")
    };
    attrs.extend([
        attr("shape", word(shape)),
        attr("style", word(style)),
        attr("fillcolor", word(n.fill)),
        // A node in focus: heavier and darker than every other outline, found first; a new
        // one (`--since`) green, as heavy.
        attr(
            "color",
            word(match (n.new, n.focus) {
                (true, _) => NEW_COLOR,
                (false, true) => "#1a1a1a",
                (false, false) => outline,
            }),
        ),
    ]);
    if n.focus || n.new {
        attrs.push(attr("penwidth", number(if n.focus { 3.0 } else { 2.5 })));
    }
    if let Some(url) = &n.url {
        attrs.push(attr("URL", text(url)));
        attrs.push(attr("target", word("_blank")));
    }
    Stmt::Node(Node::new(DotNodeId(Id::Plain(format!("n{}", n.k)), None), attrs))
}

/// Prints a graph as DOT text, one statement per line, ending with a newline.
pub fn print(graph: &Graph) -> String {
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_inside_the_string() {
        for name in [
            "\"quoted\"",
            "back\\slash",
            "trailing\\",
            "\\\"",
            "line\nbreak",
            "<script>&</script>",
            "{braces} -- ; ] [",
            "tab\there",
            "esc\u{1b}[31m",
            "東芝",
            "\\N \\G \\l",
        ] {
            let escaped = esc_string(name);
            // Inside the quotes, every `"` is escaped and every `\` starts a pair.
            let mut chars = escaped.chars();
            while let Some(c) = chars.next() {
                assert_ne!(c, '"', "bare quote in {escaped:?}");
                assert!(!c.is_control(), "control character in {escaped:?}");
                if c == '\\' {
                    assert!(matches!(chars.next(), Some('\\' | '"' | 'n')), "{escaped:?}");
                }
            }
            let g = Graph::Graph {
                id: Id::Plain("g".into()),
                strict: false,
                stmts: vec![Stmt::Node(Node::new(
                    DotNodeId(Id::Plain("n0".into()), None),
                    vec![attr("label", text(name))],
                ))],
            };
            let parsed = graphviz_rust::parse(&print(&g)).expect("parses back");
            assert_eq!(parsed, g, "{name:?}");
        }
    }

    #[test]
    fn escapes_graphviz_escapes_and_entities() {
        assert_eq!(esc_string("\\N"), "\\\\N");
        assert_eq!(esc_string("a\tb"), "a\\\\tb");
        assert_eq!(esc_string("&lt;"), "&amp;lt;");
        assert_eq!(html_text("a\nb"), "a b");
    }
}
