//! Everything about one entity or project: its record, its links with role and status, its
//! partners, and the sources behind them.

use serde::Serialize;

use crate::filter::View;
use crate::model::NodeId;

use super::facts::{Citations, Link, NodeFacts, SourceRef, TieLink, TieRef};
use super::partners::{cite_partner, partners, sorted_ids, ties_with};

mod tied;
pub use tied::Tied;

/// The node at the other end of a link, with the link.
#[derive(Debug, Serialize)]
pub struct Linked {
    pub id: String,
    pub name: String,
    /// The project's value, when the other end is a project that states one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(flatten)]
    pub link: Link,
}

/// A partner of an entity, with the projects they share and who says so.
#[derive(Debug, Serialize)]
pub struct PartnerRef {
    pub id: String,
    pub name: String,
    pub shared_projects: Vec<String>,
    /// Its ties with the organisation described, seen from that organisation.
    pub ties: Vec<TieRef>,
    /// The sources of both links to each shared project and of the ties, by id.
    pub sources: Vec<String>,
}

/// Everything about one node.
#[derive(Debug, Serialize)]
pub struct Description<'a> {
    #[serde(flatten)]
    pub facts: NodeFacts<'a>,
    /// For an entity: its projects; for a project: its participants; by id.
    pub links: Vec<Linked>,
    /// An entity's ties with other organisations and people, by id, then kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ties: Option<Vec<Tied>>,
    /// An entity's partners, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partners: Option<Vec<PartnerRef>>,
    /// Every source cited by the node or its visible links, by id.
    pub sources: Vec<SourceRef<'a>>,
}

/// Describes node `n` as the view shows it.
pub fn describe<'a>(view: &View<'a>, n: NodeId) -> Description<'a> {
    let ds = view.ds;
    let mut cited = Citations::new(view);
    let mut ties: Vec<Tied> = Vec::new();
    for (other, edge) in view.neighbors(n).filter(|&(_, e)| view.is_tie(e)) {
        cited.cite_edge(edge);
        for link in TieLink::of(view, edge) {
            ties.push(Tied {
                id: ds.node(other).id().into(),
                name: ds.node(other).name().into(),
                tie: TieRef::seen_from(&link, ds.node(n).id()),
                link,
                other_kind: ds.node(other).kind().into(),
            });
        }
    }
    ties.sort_by(|a, b| (&a.id, &a.tie.kind).cmp(&(&b.id, &b.tie.kind)));
    let mut links: Vec<Linked> = view
        .neighbors(n)
        .filter(|&(_, e)| !view.is_tie(e))
        .map(|(other, edge)| {
            cited.cite_edge(edge);
            let value = ds
                .project_of(other)
                .and_then(|p| ds.projects[p as usize].value)
                .map(|v| v.to_string());
            Linked {
                id: ds.node(other).id().into(),
                name: ds.node(other).name().into(),
                value,
                link: Link::of(view, edge),
            }
        })
        .collect();
    links.sort_by(|a, b| a.id.cmp(&b.id));
    cited.cite_node(n);
    let partners = (!ds.node(n).is_project()).then(|| {
        let mut list: Vec<PartnerRef> = partners(view, n, 1)
            .into_iter()
            .map(|f| PartnerRef {
                id: ds.node(f.node).id().into(),
                name: ds.node(f.node).name().into(),
                shared_projects: sorted_ids(view, &f.shared),
                ties: ties_with(view, n, &f),
                sources: cite_partner(view, n, &f, &mut cited),
            })
            .collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        list
    });
    Description {
        facts: NodeFacts::of(ds, n).with_parts(view, n),
        links,
        ties: (!ds.node(n).is_project()).then_some(ties),
        partners,
        sources: cited.by_id(),
    }
}

/// A link a source backs.
#[derive(Debug, Serialize)]
pub struct Backed {
    pub entity: String,
    pub entity_name: String,
    pub project: String,
    pub project_name: String,
    #[serde(flatten)]
    pub link: Link,
}

/// A project a source backs by its own record.
#[derive(Debug, Serialize)]
pub struct BackedProject {
    pub id: String,
    pub name: String,
}

/// What one source is, and everything visible it backs: "what does S7 back?".
#[derive(Debug, Serialize)]
pub struct SourceDescription<'a> {
    #[serde(flatten)]
    pub source: SourceRef<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    /// Projects whose own record cites it, by id.
    pub projects: Vec<BackedProject>,
    /// Links one of whose visible records cites it, by (entity, project).
    pub links: Vec<Backed>,
    /// Ties one of whose visible records cites it (merged over those records), by (from,
    /// to, kind), then what they say.
    pub ties: Vec<BackedTie>,
}

/// A tie a source backs.
#[derive(Debug, Serialize)]
pub struct BackedTie {
    pub from_name: String,
    pub to_name: String,
    #[serde(flatten)]
    pub tie: TieLink,
}

/// Describes source `s` (an index of `Dataset::sources`) and what it backs in `view`.
/// O(projects + records).
pub fn describe_source<'a>(view: &View<'a>, s: u32) -> SourceDescription<'a> {
    let ds = view.ds;
    let cites = |span: crate::model::Span| ds.source_refs[span.range()].contains(&s);
    let mut projects: Vec<BackedProject> = (0..ds.projects.len() as u32)
        .filter(|&p| view.contains(ds.project_node(p)) && cites(ds.projects[p as usize].sources))
        .map(|p| BackedProject {
            id: ds.projects[p as usize].id().to_string(),
            name: ds.projects[p as usize].name().to_string(),
        })
        .collect();
    projects.sort_by(|a, b| a.id.cmp(&b.id));
    let mut links: Vec<Backed> = view
        .edges()
        .filter(|&e| view.records(e).any(|p| cites(p.sources)))
        .map(|e| {
            let (entity, project) = view.graph.edge_ends(e);
            Backed {
                entity: ds.node(entity).id().to_string(),
                entity_name: ds.node(entity).name().to_string(),
                project: ds.node(project).id().to_string(),
                project_name: ds.node(project).name().to_string(),
                link: Link::from_records(view, view.records(e).filter(|p| cites(p.sources))),
            }
        })
        .collect();
    links.sort_by(|a, b| (&a.entity, &a.project).cmp(&(&b.entity, &b.project)));
    let mut ties: Vec<BackedTie> = view
        .edges()
        .filter(|&e| view.is_tie(e))
        .flat_map(|e| {
            let (a, b) = view.graph.edge_ends(e);
            let name_of = move |id: &str| {
                let n = if ds.node(a).id() == id { a } else { b };
                ds.node(n).name().to_string()
            };
            TieLink::from_ties(view, view.ties(e).filter(|t| cites(t.sources)))
                .into_iter()
                .map(move |tie| BackedTie {
                    from_name: name_of(&tie.from),
                    to_name: name_of(&tie.to),
                    tie,
                })
        })
        .collect();
    ties.sort_by(|a, b| tie_order(&a.tie, &b.tie));
    let source = &ds.sources[s as usize];
    SourceDescription {
        source: SourceRef::from(source),
        note: source.note.as_deref(),
        projects,
        links,
        ties,
    }
}

/// A total order on merged ties: the pair and kind, then what they say.
pub fn tie_order(a: &TieLink, b: &TieLink) -> std::cmp::Ordering {
    let key = |t: &TieLink| {
        (
            t.from.clone(),
            t.to.clone(),
            t.kind.clone(),
            t.share.map(f64::to_bits),
            t.title.clone(),
            t.date.clone(),
            t.until.clone(),
        )
    };
    key(a)
        .cmp(&key(b))
        .then_with(|| format!("{a:?}").cmp(&format!("{b:?}")))
}
