//! Where the statements of a DOT graph go: into one graphviz-rust value ([`Tree`]), or
//! printed as they come ([`Stream`]).

use std::io::{self, Write};

use graphviz_rust::dot_structures::{Id, Stmt, Subgraph};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// Where the statements of a DOT graph go, in order; a subgraph's come between its
/// `open` and `close`.
pub(super) trait Sink {
    fn stmt(&mut self, stmt: Stmt) -> io::Result<()>;
    fn open(&mut self, id: Id) -> io::Result<()>;
    fn close(&mut self) -> io::Result<()>;
}

/// Collects statements into nested graphviz-rust values.
pub(super) struct Tree(pub(super) Vec<(Id, Vec<Stmt>)>);

impl Sink for Tree {
    fn stmt(&mut self, stmt: Stmt) -> io::Result<()> {
        self.0.last_mut().expect("inside the graph").1.push(stmt);
        Ok(())
    }
    fn open(&mut self, id: Id) -> io::Result<()> {
        self.0.push((id, Vec::new()));
        Ok(())
    }
    fn close(&mut self) -> io::Result<()> {
        let (id, stmts) = self.0.pop().expect("a subgraph was opened");
        self.stmt(Stmt::Subgraph(Subgraph { id, stmts }))
    }
}

/// Prints statements as they come, indented as graphviz-rust indents a whole graph.
pub(super) struct Stream<'w> {
    pub(super) out: &'w mut dyn Write,
    pub(super) depth: usize,
    /// The closing line of each open subgraph.
    pub(super) closes: Vec<String>,
}

impl Stream<'_> {
    fn line(&mut self, text: &str) -> io::Result<()> {
        // Every value partnet writes is escaped onto one line (see `esc_string`), so a
        // statement is one line and indenting it is all the printer would do.
        debug_assert!(!text.contains('\n'), "{text}");
        for _ in 0..self.depth {
            self.out.write_all(b"  ")?;
        }
        self.out.write_all(text.as_bytes())?;
        self.out.write_all(b"\n")
    }
}

impl Sink for Stream<'_> {
    fn stmt(&mut self, stmt: Stmt) -> io::Result<()> {
        self.line(&stmt.print(&mut PrinterContext::default()))
    }
    fn open(&mut self, id: Id) -> io::Result<()> {
        let (open, close) = frame(Stmt::Subgraph(Subgraph { id, stmts: Vec::new() }));
        self.line(&open)?;
        self.depth += 1;
        self.closes.push(close);
        Ok(())
    }
    fn close(&mut self) -> io::Result<()> {
        self.depth -= 1;
        let close = self.closes.pop().expect("a subgraph was opened");
        self.line(&close)
    }
}

/// The opening and closing lines graphviz-rust prints around an empty block statement.
fn frame(block: Stmt) -> (String, String) {
    split_frame(block.print(&mut PrinterContext::default()))
}

/// Splits a printed empty block, `head {` + two line breaks + `}`, into its two lines.
pub(super) fn split_frame(printed: String) -> (String, String) {
    match printed.split_once("\n\n") {
        Some((open, close)) => (open.to_string(), close.to_string()),
        None => unreachable!("graphviz-rust prints an empty block on three lines: {printed:?}"),
    }
}
