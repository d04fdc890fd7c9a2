//! Everything about one entity or project: its record, its links with role and status, its
//! partners, and the sources behind them.

use serde::Serialize;

use crate::filter::View;
use crate::model::NodeId;

use super::facts::{Citations, Link, NodeFacts, SourceRef};
use super::partners::{partners, sorted_ids};

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

/// A partner of an entity, with the projects they share.
#[derive(Debug, Serialize)]
pub struct PartnerRef {
    pub id: String,
    pub name: String,
    pub shared_projects: Vec<String>,
}

/// Everything about one node.
#[derive(Debug, Serialize)]
pub struct Description<'a> {
    #[serde(flatten)]
    pub facts: NodeFacts<'a>,
    /// For an entity: its projects; for a project: its participants; by id.
    pub links: Vec<Linked>,
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
    let mut links: Vec<Linked> = view
        .neighbors(n)
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
            })
            .collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        list
    });
    Description {
        facts: NodeFacts::of(ds, n).with_parts(view, n),
        links,
        partners,
        sources: cited.by_id(),
    }
}
