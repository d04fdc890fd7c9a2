//! What the explorer's script reads: the nodes, links and ties in scope with the indices
//! the diagram's SVG gives them, their records for the date control, and the sources they
//! cite, by position. Kept apart from the page itself so that the data's shape, which
//! `assets/explorer.js` relies on, is read in one place.

use serde::Serialize;

use petgraph::graph::EdgeIndex;

use crate::drawing::Ids;
use crate::filter::{self, View};
use crate::model::{Date, NodeId};
use crate::query::facts::{Citations, Link, NodeFacts, SourceRef, TieLink};
use crate::query::partners::Ego;
use crate::vocab;

/// What the script reads: the nodes and links in scope with their graph indices, and the
/// sources they cite (nodes and links refer to them by position).
#[derive(Debug, Serialize)]
pub(super) struct Data<'a> {
    nodes: Vec<NodeData<'a>>,
    links: Vec<LinkData>,
    ties: Vec<TieData>,
    sources: Vec<SourceRef<'a>>,
    /// The statuses, least definite first: the date control ranks a link's records by them,
    /// as [`crate::query::facts::status_as_of`] does.
    statuses: Vec<&'static str>,
    /// The headings of an organisation's ties, in the panel's order.
    tie_groups: &'static [&'static str],
}

/// A tie between two organisations (one kind, one direction), with the graph indices of its
/// ends (`from` and `to` are their ids, as `path --json` gives them).
#[derive(Debug, Serialize)]
struct TieData {
    k: usize,
    from_k: usize,
    to_k: usize,
    #[serde(flatten)]
    tie: TieLink,
    /// Positions in `sources`, in record order.
    cited: Vec<u32>,
    /// Its records in file order: the date control shows the tie as of each date by them.
    records: Vec<TieRecordData>,
    /// How the panel of `from`, and that of `to`, lists it: as `show` does.
    at_from: Seen,
    at_to: Seen,
}

/// A tie as one end's panel lists it: "Cameco: owner 49% of Westinghouse" under "owners".
#[derive(Debug, Serialize)]
struct Seen {
    /// One of [`vocab::TIE_GROUPS`].
    group: &'static str,
    /// What the other end is to this one.
    other_is: String,
}

/// One record of a tie, for the date control.
#[derive(Debug, Serialize)]
struct TieRecordData {
    /// When it was reported ([`filter::tie_reported`]); none for always known.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Date>,
    /// When it ended: after it, the tie is no longer shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<Date>,
    status: String,
    /// Positions in `sources`.
    sources: Vec<u32>,
}

#[derive(Debug, Serialize)]
struct NodeData<'a> {
    k: usize,
    #[serde(flatten)]
    facts: NodeFacts<'a>,
    /// A project's own sources, as positions in `sources`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<u32>,
    /// When a project was reported by its own record (its date, else its earliest
    /// source's): the date control shows it from then, as `--as-of` does.
    #[serde(skip_serializing_if = "Option::is_none")]
    reported: Option<Date>,
}

/// One record of a link, for the date control.
#[derive(Debug, Serialize)]
struct RecordData {
    /// When it was reported ([`filter::reported`]); none for always known.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Date>,
    role: String,
    status: String,
    /// Positions in `sources`.
    sources: Vec<u32>,
}

#[derive(Debug, Serialize)]
struct LinkData {
    k: usize,
    entity: usize,
    project: usize,
    roles: Vec<String>,
    status: String,
    /// Positions in `sources`, in record order.
    sources: Vec<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// Its records in file order, with their dates and statuses: the date control shows the
    /// link as of each date by them.
    records: Vec<RecordData>,
}

/// The page's data: the nodes and links of `scope`, or the whole view when there is none.
pub(super) fn data<'a>(view: &View<'a>, scope: Option<&Ego>) -> Data<'a> {
    let ds = view.ds;
    let (mut nodes, mut edges): (Vec<NodeId>, Vec<EdgeIndex>) = match scope {
        None => (view.nodes().collect(), view.edges().collect()),
        Some(ego) => (ego.nodes.clone(), ego.edges.clone()),
    };
    // The diagram's numbers, and their order: from the content, not the files' order.
    let ids = Ids::new(ds, view.graph);
    nodes.sort_unstable_by_key(|&n| ids.node(n));
    nodes.dedup();
    edges.sort_unstable_by_key(|&e| ids.edge(e));
    edges.dedup();
    let mut cited = Citations::new(view);
    let nodes = nodes
        .into_iter()
        .map(|n| NodeData {
            k: ids.node(n),
            facts: NodeFacts::of(ds, n),
            sources: cited.cite_node(n),
            reported: ds
                .project_of(n)
                .and_then(|p| filter::project_reported(ds, &ds.projects[p as usize])),
        })
        .collect();
    let (tie_edges, edges): (Vec<EdgeIndex>, Vec<EdgeIndex>) = edges.into_iter().partition(|&e| view.is_tie(e));
    let links = edges
        .into_iter()
        .map(|e| {
            let (entity, project) = view.graph.edge_ends(e);
            let link = Link::of(view, e);
            LinkData {
                k: ids.edge(e),
                entity: ids.node(entity),
                project: ids.node(project),
                roles: link.roles,
                status: link.status,
                sources: cited.cite_edge(e),
                evidence: link.evidence,
                date: link.date,
                records: view
                    .records(e)
                    .map(|p| RecordData {
                        date: filter::reported(ds, p),
                        role: ds.role(p).to_string(),
                        status: ds.status(p).to_string(),
                        sources: cited.cite(p.sources),
                    })
                    .collect(),
            }
        })
        .collect();
    let ties = tie_edges
        .into_iter()
        .flat_map(|e| TieLink::of(view, e).into_iter().map(move |tie| (e, tie)))
        .map(|(e, tie)| tie_data(view, &ids, &mut cited, e, tie))
        .collect();
    Data {
        nodes,
        links,
        ties,
        sources: cited.as_cited().into_iter().map(SourceRef::from).collect(),
        statuses: vocab::status_names().collect(),
        tie_groups: &vocab::TIE_GROUPS,
    }
}

/// One tie of edge `e` for the page: its ends, its records, and how each end's panel words it.
fn tie_data(view: &View, ids: &Ids, cited: &mut Citations, e: EdgeIndex, tie: TieLink) -> TieData {
    let ds = view.ds;
    let (a, b) = view.graph.edge_ends(e);
    let node = |id: &str| if ds.node(a).id() == id { a } else { b };
    let (from, to) = (node(&tie.from), node(&tie.to));
    let records: Vec<TieRecordData> = view
        .ties(e)
        .filter(|t| {
            ds.entities[t.from as usize].id() == tie.from
                && ds.entities[t.to as usize].id() == tie.to
                && ds.tie_kind(t) == tie.kind
        })
        .map(|t| TieRecordData {
            date: filter::tie_reported(ds, t),
            until: t.until,
            status: ds.tie_status(t).to_string(),
            sources: cited.cite(t.sources),
        })
        .collect();
    let mut positions: Vec<u32> = Vec::new();
    for &s in records.iter().flat_map(|r| &r.sources) {
        if !positions.contains(&s) {
            positions.push(s);
        }
    }
    let seen = |here: NodeId, there: NodeId| Seen {
        group: vocab::tie_group(&tie.kind, here == from, ds.node(there).kind() == "person"),
        other_is: tie.phrase(here == from),
    };
    TieData {
        k: ids.edge(e),
        from_k: ids.node(from),
        to_k: ids.node(to),
        at_from: seen(from, to),
        at_to: seen(to, from),
        cited: positions,
        records,
        tie,
    }
}
