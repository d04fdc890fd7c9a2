//! The look of what a plan draws, made only when asked for: each node's label, tooltip
//! and colour, each line's label, tooltip and style ([`DrawNode`], [`DrawEdge`]), the whole
//! [`Drawing`] for a layout engine, and the legend of the line styles drawn.

use petgraph::graph::EdgeIndex;

use super::Plan;
use crate::drawing::{country_color, display, text, Arrow, DrawEdge, DrawNode, Drawing, NEW_COLOR, PROJECT_FILL};
use crate::filter::View;
use crate::model::{NodeId, NodeRef};
use crate::query::facts::{Link, TieLink};
use crate::vocab::legend::{LegendLine, Styles};
use crate::vocab::{role_width, status_look, tie_look};

impl Plan<'_> {
    /// The node at position `i`, with its label, tooltip and colour.
    pub fn node(&self, i: usize) -> DrawNode {
        let (view, n) = (self.view, self.nodes[i]);
        let node = view.ds.node(n);
        let fill = match node {
            NodeRef::Entity(e) => country_color(e.country.as_deref()),
            NodeRef::Project(_) => PROJECT_FILL,
        };
        DrawNode {
            k: self.ids.node(n),
            project: node.is_project(),
            label: text::node_label(node),
            tooltip: text::node_tooltip(view, n),
            url: text::node_url(view, n),
            fill,
            cluster: self.cluster(i),
            focus: self.is_focus(i),
            new: self.is_new(i),
        }
    }

    /// The line at position `j`, with its label, tooltip and style.
    pub fn edge(&self, j: usize) -> DrawEdge {
        // A projection's shared-project lines come first, then its ties.
        let j = match (self.projection, j.checked_sub(self.shared.len())) {
            (true, None) => return self.shared[j].clone(),
            (true, Some(tie)) => tie,
            (false, _) => j,
        };
        if let Some(k) = j.checked_sub(self.links.len()) {
            return self.tie_edge(self.both_ways[k], true);
        }
        let (view, e) = (self.view, self.links[j]);
        if view.is_tie(e) {
            return self.tie_edge(e, false);
        }
        let link = Link::of(view, e);
        let (entity, project) = view.graph.edge_ends(e);
        let (stroke, color) = status_look(&link.status);
        let new = self
            .since
            .as_ref()
            .is_some_and(|(_, _, links, _)| links.binary_search(&e).is_ok());
        let mut label = format!("{} · {}", link.roles.join(", "), link.status);
        if self.chain && !link.sources.is_empty() {
            label.push_str(&format!("\n[{}]", link.sources.join(", ")));
        }
        // A chain reads from its first node to its last.
        let at = |n: NodeId| self.path.iter().position(|&x| x == n);
        let (a, b) = if self.chain && at(project) < at(entity) {
            (project, entity)
        } else {
            (entity, project)
        };
        let pos = |n: NodeId| self.position[n.index()] as usize;
        DrawEdge {
            id: format!("e{}", self.ids.edge(e)),
            class: "link",
            a: pos(a),
            b: pos(b),
            label: self.labelled.then(|| display(&label)),
            tooltip: text::link_tooltip(view, &link, e),
            stroke,
            width: role_width(&link.roles),
            color: if new { NEW_COLOR } else { color },
            new,
            arrow: None,
        }
    }

    /// A tie's line: styled by its (first) kind, labelled with what it is ("owner 49%"),
    /// its arrow from the one that is KIND of the other. It holds the ties that run the
    /// way the pair's first tie runs, or with `back` those that run the other way (a
    /// cross-holding is two arrows, each share beside its own direction).
    fn tie_edge(&self, e: EdgeIndex, back: bool) -> DrawEdge {
        let view = self.view;
        let mut ties = TieLink::of(view, e);
        let first_from = ties.first().expect("a drawn tie edge has a visible tie").from.clone();
        ties.retain(|t| (t.from == first_from) != back);
        let first = ties.first().expect("each way drawn has a tie");
        let (stroke, color) = tie_look(&first.kind);
        let t = view.ties(e).next().expect("the first tie is the first link's");
        let (mut from, mut to) = (view.ds.entity_node(t.from), view.ds.entity_node(t.to));
        if back {
            (from, to) = (to, from);
        }
        let words: Vec<String> = ties
            .iter()
            .map(|t| match t.share {
                Some(share) => format!("{} {share}%", t.kind),
                None => t.kind.clone(),
            })
            .collect();
        // A chain reads from its first node to its last; the arrow keeps the tie's way.
        let at = |n: NodeId| self.path.iter().position(|&x| x == n);
        let (a, b, arrow) = if self.chain && at(to) < at(from) {
            (to, from, Arrow::Back)
        } else {
            (from, to, Arrow::Forward)
        };
        let new = self
            .since
            .as_ref()
            .is_some_and(|(_, _, links, _)| links.binary_search(&e).is_ok());
        let pos = |n: NodeId| self.position[n.index()] as usize;
        DrawEdge {
            // The second way is not `e<number>`: the explorer hides it, as any line it does not
            // know, with either end.
            id: format!("e{}{}", self.ids.edge(e), if back { "-back" } else { "" }),
            class: "tie",
            a: pos(a),
            b: pos(b),
            label: Some(display(&words.join(", "))),
            tooltip: text::tie_tooltip(view, &ties, e),
            stroke,
            width: 1.8,
            color: if new { NEW_COLOR } else { color },
            new,
            arrow: Some(arrow),
        }
    }

    /// Every node and line spelled out, for a layout engine.
    pub fn drawing(&self) -> Drawing {
        Drawing {
            title: self.title.clone(),
            caption: self.caption.clone(),
            footnote: self.footnote.clone(),
            size: self.size,
            nodes: (0..self.node_count()).map(|i| self.node(i)).collect(),
            edges: (0..self.edge_count()).map(|j| self.edge(j)).collect(),
            clusters: self.clusters.clone(),
            countries: self.countries.clone(),
            projection: self.projection,
            chain: self.chain,
            since: self.since(),
            legend: self.legend.clone(),
        }
    }
}

/// The legend entries of `links` as they are drawn: each participation's width and status
/// look, each tie's kind (the first of each way, which styles its arrow).
pub(super) fn line_legend(view: &View, links: &[EdgeIndex]) -> Vec<LegendLine> {
    let mut styles = Styles::default();
    for &e in links {
        if view.is_tie(e) {
            let ties = TieLink::of(view, e);
            if let Some(first) = ties.first() {
                styles.tie(&first.kind);
                if let Some(back) = ties.iter().find(|t| t.from != first.from) {
                    styles.tie(&back.kind);
                }
            }
        } else {
            let link = Link::of(view, e);
            styles.link(&link.roles, &link.status);
        }
    }
    styles.legend()
}
