//! The sources some part of the graph cites, each once, in the order first cited: the
//! one way every answer, tooltip and export numbers and lists its sources.

use petgraph::graph::EdgeIndex;

use super::SourceRef;
use crate::filter::View;
use crate::model::{Dataset, NodeId, Source, Span};

/// The sources some part of the graph cites, each once, in the order first cited.
///
/// Cite what an answer rests on (a project's own sources, the visible records of a link),
/// then list them in the order the answer needs: as cited, in dataset order, or by id.
pub struct Citations<'v, 'a> {
    view: &'v View<'a>,
    ds: &'a Dataset,
    /// Position in `order` of each source of the dataset, `u32::MAX` for one not cited;
    /// empty while few are cited, which a search of `order` finds faster than a table of
    /// every source would be set up (a diagram's tooltips each cite a handful).
    position: Vec<u32>,
    order: Vec<u32>,
}

/// Up to this many citations, [`Citations`] searches its list instead of keeping a table.
const FEW: usize = 16;

impl<'v, 'a> Citations<'v, 'a> {
    /// Citations of what `view` shows: a source it hides (published after `--as-of`) is
    /// never cited.
    pub fn new(view: &'v View<'a>) -> Citations<'v, 'a> {
        Citations {
            view,
            ds: view.ds,
            position: Vec::new(),
            order: Vec::new(),
        }
    }

    /// The position of source `s` in citation order, citing it if it is new.
    fn position_of(&mut self, s: u32) -> u32 {
        if self.position.is_empty() {
            if let Some(at) = self.order.iter().position(|&x| x == s) {
                return at as u32;
            }
            if self.order.len() < FEW {
                self.order.push(s);
                return self.order.len() as u32 - 1;
            }
            self.position = vec![u32::MAX; self.ds.sources.len()];
            for (at, &x) in self.order.iter().enumerate() {
                self.position[x as usize] = at as u32;
            }
        }
        let slot = &mut self.position[s as usize];
        if *slot == u32::MAX {
            *slot = self.order.len() as u32;
            self.order.push(s);
        }
        *slot
    }

    /// Cites the visible sources of a span; returns their positions in citation order,
    /// each once.
    pub fn cite(&mut self, span: Span) -> Vec<u32> {
        self.cite_if(span, |_| true)
    }

    /// Cites the visible sources of a span that `keep` accepts too (a source dated within
    /// a window the view does not know of); returns their positions, each once.
    pub fn cite_if(&mut self, span: Span, keep: impl Fn(&Source) -> bool) -> Vec<u32> {
        let mut positions = Vec::new();
        for i in span.range() {
            let s = self.ds.source_refs[i];
            let source = &self.ds.sources[s as usize];
            if !self.view.source_ok(source) || !keep(source) {
                continue;
            }
            let at = self.position_of(s);
            if !positions.contains(&at) {
                positions.push(at);
            }
        }
        positions
    }

    /// Cites the visible sources of a span that `keep` accepts, handing each to `each` in
    /// the span's order: for an answer that names its sources rather than numbering them.
    pub fn cite_each_if(&mut self, span: Span, keep: impl Fn(&Source) -> bool, mut each: impl FnMut(&'a Source)) {
        let ds = self.ds;
        for i in span.range() {
            let s = ds.source_refs[i];
            let source = &ds.sources[s as usize];
            if self.view.source_ok(source) && keep(source) {
                self.position_of(s);
                each(source);
            }
        }
    }

    /// Cites the sources of an edge's visible records (participations, or ties).
    pub fn cite_edge(&mut self, e: EdgeIndex) -> Vec<u32> {
        let mut positions = Vec::new();
        let view = self.view;
        let spans: Vec<Span> = view
            .records(e)
            .map(|p| p.sources)
            .chain(view.ties(e).map(|t| t.sources))
            .collect();
        for span in spans {
            for at in self.cite(span) {
                if !positions.contains(&at) {
                    positions.push(at);
                }
            }
        }
        positions
    }

    /// Cites a project's own sources (nothing for an entity).
    pub fn cite_node(&mut self, n: NodeId) -> Vec<u32> {
        match self.ds.project_of(n) {
            Some(p) => self.cite(self.ds.projects[p as usize].sources),
            None => Vec::new(),
        }
    }

    /// Cites what `other` (over the same dataset) cited, after what this has: pieces of an
    /// answer gathered apart, joined in order, cite as the whole would.
    pub fn absorb(&mut self, other: &Citations<'_, 'a>) {
        for &s in &other.order {
            self.position_of(s);
        }
    }

    /// The dataset the cited sources are in.
    pub fn dataset(&self) -> &'a Dataset {
        self.ds
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The cited sources, in the order first cited.
    pub fn as_cited(&self) -> Vec<&'a Source> {
        self.order.iter().map(|&s| &self.ds.sources[s as usize]).collect()
    }

    /// The cited sources, in dataset order.
    pub fn in_dataset_order(&self) -> Vec<&'a Source> {
        let mut order = self.order.clone();
        order.sort_unstable();
        order.into_iter().map(|s| &self.ds.sources[s as usize]).collect()
    }

    /// The cited sources, by id.
    pub fn by_id(&self) -> Vec<SourceRef<'a>> {
        let mut list = self.as_cited();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        list.into_iter().map(SourceRef::from).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn dataset(sources: usize) -> Dataset {
        let list: Vec<String> = (0..sources).map(|i| format!(r#"{{"id": "s{i:02}"}}"#)).collect();
        let text = format!(r#"{{"sources": [{}]}}"#, list.join(","));
        load::load(&[load::Input::Text("t.json".into(), text)], Default::default())
            .unwrap()
            .dataset
    }

    #[test]
    fn citations_number_each_source_once_in_order_of_first_citation() {
        let mut ds = dataset(40);
        // Spans over an arena, as the loader makes them: 5 3 5, then 39 down to 0, then 3.
        ds.source_refs = [5, 3, 5].into_iter().chain((0..40).rev()).chain([3]).collect();
        let span = |start: u32, len: u16| Span { start, len };
        let graph = crate::graph::PartnerGraph::build(&ds);
        let view = View::all(&ds, &graph);
        let mut cited = Citations::new(&view);
        assert_eq!(cited.cite(span(0, 3)), [0, 1]);
        // Past FEW citations the table takes over; positions stay those of first citation.
        let all = cited.cite(span(3, 40));
        assert_eq!(all.len(), 40);
        assert_eq!(&all[..2], [2, 3]);
        assert_eq!(&all[34..], [0, 36, 1, 37, 38, 39]);
        assert_eq!(cited.cite(span(43, 1)), [1]);
        assert_eq!(cited.len(), 40);
        let ids = |list: Vec<&Source>| list.iter().map(|s| s.id.to_string()).collect::<Vec<_>>();
        assert_eq!(ids(cited.as_cited())[..3], ["s05", "s03", "s39"]);
        assert_eq!(ids(cited.in_dataset_order())[..3], ["s00", "s01", "s02"]);
        assert_eq!(cited.by_id()[0].id, "s00");
    }
}
