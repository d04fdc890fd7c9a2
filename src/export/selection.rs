//! What an export writes and in which order ([`Selection`]): the view, or an ego network
//! around one organisation, with its nodes by id and its edges by their ends' ids, so the
//! same data gives byte-identical files whatever order its files list it in; and what it
//! cites.

use petgraph::graph::EdgeIndex;

use super::Format;
use crate::filter::View;
use crate::model::{Dataset, NodeId, NodeRef, Project, Source};
use crate::query::facts::{Citations, TieLink};
use crate::query::partners::{ego_network, Ego};

/// What an export writes, in the order it writes it.
pub struct Selection<'v, 'a> {
    pub view: &'v View<'a>,
    /// Nodes sorted by id.
    pub nodes: Vec<NodeId>,
    /// Participation edges sorted by (entity id, project id), then tie edges by their ids.
    pub edges: Vec<EdgeIndex>,
    /// Whether this is the whole unfiltered dataset, so every source belongs to it.
    whole: bool,
}

impl<'v, 'a> Selection<'v, 'a> {
    /// How many edges `format` writes: one per participation link, and for a pair of
    /// organisations one per tie where the format writes each tie as an edge of its own
    /// (GraphML, GEXF, Cytoscape.js, Cypher, neo4j-admin), else one per pair.
    pub fn edges_written(&self, format: Format) -> usize {
        let per_tie = matches!(
            format,
            Format::Cytoscape | Format::Graphml | Format::Gexf | Format::Cypher | Format::Neo4jAdmin
        );
        self.edges
            .iter()
            .map(|&e| match per_tie && self.view.is_tie(e) {
                true => TieLink::of(self.view, e).len(),
                false => 1,
            })
            .sum()
    }

    /// Everything the view shows.
    pub fn all(view: &'v View<'a>) -> Selection<'v, 'a> {
        let whole = view.is_whole();
        Selection::sorted(view, view.nodes().collect(), view.edges().collect(), whole)
    }

    /// The ego network of an organisation: itself, its partners within `depth` project hops,
    /// and the projects that link them, with their links (see
    /// [`crate::query::partners::ego_network`]).
    pub fn ego(view: &'v View<'a>, origin: NodeId, depth: u32) -> Selection<'v, 'a> {
        let Ego { nodes, edges } = ego_network(view, &[origin], depth);
        Selection::sorted(view, nodes, edges, false)
    }

    fn sorted(view: &'v View<'a>, mut nodes: Vec<NodeId>, mut edges: Vec<EdgeIndex>, whole: bool) -> Self {
        let ds = view.ds;
        nodes.sort_unstable_by(|&a, &b| ds.node(a).id().cmp(ds.node(b).id()));
        // Participations by (entity id, project id), then ties by their two ids in order:
        // the same data gives the same order, whatever order its files list it in.
        let key = |e: EdgeIndex| {
            let (a, b) = view.graph.edge_ends(e);
            let (a, b) = (ds.node(a).id(), ds.node(b).id());
            match view.is_tie(e) {
                false => (false, a, b),
                true => (true, a.min(b), a.max(b)),
            }
        };
        edges.sort_unstable_by(|&a, &b| key(a).cmp(&key(b)));
        Selection {
            view,
            nodes,
            edges,
            whole,
        }
    }

    pub fn ds(&self) -> &'a Dataset {
        self.view.ds
    }

    /// The (entity, project) ends of an edge.
    pub fn ends(&self, edge: EdgeIndex) -> (NodeRef<'a>, NodeRef<'a>) {
        let (a, b) = self.view.graph.edge_ends(edge);
        (self.ds().node(a), self.ds().node(b))
    }

    /// The id of the programme a project is part of, when the selection holds it too: a
    /// reader of the export would not find a parent left out. A binary search of the nodes.
    pub fn exported_parent(&self, p: &Project) -> Option<&'a str> {
        let ds = self.ds();
        let parent = ds.project_node(p.part_of?);
        let id = ds.node(parent).id();
        self.nodes
            .binary_search_by(|&n| ds.node(n).id().cmp(id))
            .is_ok()
            .then_some(id)
    }

    /// The sources the selection cites (all of them for the whole unfiltered dataset), by
    /// id: not in the files' order, which no answer depends on.
    pub fn sources(&self) -> Vec<&'a Source> {
        let mut list = self.cited_sources();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        list
    }

    fn cited_sources(&self) -> Vec<&'a Source> {
        let ds = self.ds();
        if self.whole {
            return ds.sources.iter().collect();
        }
        let mut cited = Citations::new(self.view);
        for &e in &self.edges {
            cited.cite_edge(e);
        }
        for &n in &self.nodes {
            cited.cite_node(n);
        }
        cited.in_dataset_order()
    }
}
