//! Ties as FtM links, the reverse of [`crate::load::ftm`]'s table:
//!
//! | kind | schema | from, to | kind and title in |
//! |---|---|---|---|
//! | owner, of a company | Ownership | `owner`, `asset` (`percentage` the share) | `role`: the title |
//! | parent, joint-venture, of a company | Ownership | `owner`, `asset` | `role`: "parent" or "joint venture", then the title |
//! | director, of an organisation | Directorship | `director`, `organization` | `role`: the title |
//! | executive, a person of an organisation | Employment | `employee`, `employer` | `role`: the title |
//! | member, of an organisation | Membership | `member`, `organization` | `role`: the title |
//! | family, between two people | Family | `person`, `relative` | `relationship`: the title |
//! | payer | Payment | `payer`, `beneficiary` (`amountUsd` the upper bound, `summary` the value as stated) | `purpose`: the title |
//! | any other (founder, partner, ...), or ends FtM does not allow there | UnknownLink | `subject`, `object` | `role`: the kind, then the title |
//!
//! FtM's ranges decide the schema: an Ownership's asset must be a Company (FtM counts no
//! public body, organisation or person as an Asset), so the government's 100% of JBIC is an
//! UnknownLink with `role` ["owner", "partnet-share:100"]: UnknownLink has no percentage, so
//! the share follows the kind as a marked role, which `--data` reads back as the share. A
//! kind partnet does not know is written `partnet-kind:KIND`, so that it reads back as
//! itself.
//!
//! Each carries `startDate` (the date), `endDate` (`until`), `description` (the evidence)
//! and `proof`, and `status` where its schema has one (Family and Payment have none, so a
//! status other than the default is lost on them). An owner's price is `sharesValue` in
//! USD; a value on any other kind but payer has no FtM property and is left out.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::load::ftm::{schema_of_kind, JOINT_VENTURE_ROLE, KIND_MARK, OWNER_ROLE, PARENT_ROLE, SHARE_MARK};
use crate::model::{Span, Tie};

use super::{amount, hashed, node_id, Entity, Selection};

/// The schema a tie goes to, its two end properties, the property holding kind and title,
/// and the role word that says the kind, if any. A link whose ends are not of the schemata
/// FtM allows there (an Ownership's asset is a Company, a Directorship's organisation no
/// Person, ...) is an UnknownLink.
fn shape<'k>(
    kind: &'k str,
    from: &str,
    to: &str,
) -> (&'static str, &'static str, &'static str, &'static str, Option<&'k str>) {
    let legal = |s: &str| ["Company", "Organization", "PublicBody", "LegalEntity", "Person"].contains(&s);
    let organisation = |s: &str| ["Company", "Organization", "PublicBody"].contains(&s);
    let (a, b) = (from, to);
    match kind {
        "owner" if legal(a) && b == "Company" => ("Ownership", "owner", "asset", "role", None),
        "parent" if legal(a) && b == "Company" => ("Ownership", "owner", "asset", "role", Some(PARENT_ROLE)),
        "joint-venture" if legal(a) && b == "Company" => {
            ("Ownership", "owner", "asset", "role", Some(JOINT_VENTURE_ROLE))
        }
        "director" if legal(a) && organisation(b) => ("Directorship", "director", "organization", "role", None),
        "executive" if a == "Person" && organisation(b) => ("Employment", "employee", "employer", "role", None),
        "member" if legal(a) && organisation(b) => ("Membership", "member", "organization", "role", None),
        "family" if a == "Person" && b == "Person" => ("Family", "person", "relative", "relationship", None),
        "payer" if legal(a) && legal(b) => ("Payment", "payer", "beneficiary", "purpose", None),
        _ => ("UnknownLink", "subject", "object", "role", Some(kind)),
    }
}

/// The role that says the kind: the shape's word; "owner" before an owner's title (which
/// might read as a kind: "Parent company"); `partnet-kind:KIND` for a kind the reader would
/// not know as one.
fn role_word<'k>(schema: &str, word: Option<&'k str>, titled: bool) -> Option<Cow<'k, str>> {
    match (schema, word) {
        ("Ownership", None) => titled.then_some(Cow::Borrowed(OWNER_ROLE)),
        ("UnknownLink", Some(k)) if crate::vocab::tie_kind(k).is_none() => Some(Cow::Owned(format!("{KIND_MARK}{k}"))),
        (_, word) => word.map(Cow::Borrowed),
    }
}

/// Writes every visible tie record of the selection's tie edges, in edge order and, within
/// an edge, in record order. A record's FtM id is `t.` and a hash of its pair and place.
pub(super) fn write<'a>(
    sel: &Selection<'_, 'a>,
    proof: &dyn Fn(Span) -> Vec<Cow<'a, str>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let ds = sel.ds();
    let view = sel.view;
    for &edge in sel.edges.iter().filter(|&&e| view.is_tie(e)) {
        let visible: Vec<*const Tie> = view.ties(edge).map(|t| t as *const Tie).collect();
        for (place, t) in view.graph.edge_ties(ds, edge).enumerate() {
            if !visible.contains(&(t as *const Tie)) {
                continue;
            }
            let (from, to) = (&ds.entities[t.from as usize], &ds.entities[t.to as usize]);
            let kind = ds.tie_kind(t);
            let (from_schema, to_schema) = (schema_of_kind(&from.kind).0, schema_of_kind(&to.kind).0);
            let (schema, from_key, to_key, title_key, role) = shape(kind, from_schema, to_schema);
            let place = place.to_string();
            let mut e = Entity::new(Cow::Owned(hashed("t", &[from.id(), to.id(), &place])), schema);
            // An UnknownLink has no percentage: its share follows its kind as a role,
            // `partnet-share:100`.
            let (percentage, share_role) = match schema {
                "Ownership" => (t.share.map(|s| s.to_string()), None),
                _ => (None, t.share.map(|s| Cow::Owned(format!("{SHARE_MARK}{s}")))),
            };
            e.set(from_key, [node_id(from.id())])
                .set(to_key, [node_id(to.id())])
                .set(
                    title_key,
                    role_word(schema, role, t.title.is_some())
                        .into_iter()
                        .chain(share_role)
                        .chain(t.title.as_deref().map(Cow::Borrowed)),
                )
                .one("percentage", percentage)
                .one(
                    "status",
                    (!matches!(schema, "Family" | "Payment")).then(|| ds.tie_status(t)),
                );
            match (schema, t.value) {
                ("Payment", Some(v)) => {
                    e.one("amountUsd", Some(amount(v.max_usd())))
                        .one("summary", Some(v.to_string()));
                }
                ("Ownership", Some(v)) => {
                    e.one("sharesValue", Some(amount(v.max_usd())))
                        .one("sharesCurrency", Some("USD"));
                }
                _ => {}
            }
            e.one("startDate", t.date.map(|d| d.to_string()))
                .one("endDate", t.until.map(|d| d.to_string()))
                .one("description", ds.tie_evidence(t))
                .set("proof", proof(t.sources));
            e.write(out)?;
        }
    }
    Ok(())
}
