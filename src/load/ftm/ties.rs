//! FtM's links between organisations and people, read as partnet ties: "`from` is `kind` of
//! `to`".
//!
//! | FtM schema | from, to | kind | title |
//! |---|---|---|---|
//! | Ownership | `owner`, `asset` | owner (`percentage` the share, none when it is no one number, see [`odd_share`]); a first `role` "parent" makes it parent, "joint venture" joint-venture ("owner" says owner) | the other `role`s |
//! | Directorship | `director`, `organization` | director | `role` |
//! | Employment | `employee`, `employer` | executive | `role` |
//! | Membership | `member`, `organization` | member | `role` |
//! | Family | `person`, `relative` | family | `relationship` |
//! | Associate | `person`, `associate` | partner | `relationship` |
//! | Representation | `agent`, `client` | partner | `role`, else "representative" |
//! | UnknownLink | `subject`, `object` | its first `role` when that is a tie kind (founder, partner, ...) or `partnet-kind:KIND`, else partner; a next `role` `partnet-share:N` (or "N%" after an ownership kind) is the share | the other `role`s (all of them when the first is no kind) |
//! | Payment | `payer`, `beneficiary` | payer (`amountUsd`, or `amount` in USD, the value; `summary` when it states the same amount with a qualifier) | `purpose` |
//!
//! Every one reads `status`, `startDate` (else `date`) as the date, `endDate` as `until`,
//! `proof` as its sources and `description` (and `summary`, unless it gave the value) as its
//! evidence. An amount in another currency (`amount` with a `currency` other than USD,
//! `amountEur`, an Ownership's `sharesValue`) is never converted: it goes into the evidence
//! with its currency. Several values of an end make a tie for each pair, as FtM's lists do.

use std::borrow::Cow;

use crate::load::raw::{RawTie, Text};
use crate::text::a;
use crate::value::Value;

use super::map::{date, dollars, joined, number, problem, Ids, Problem};
use super::record::Record;

/// The role that makes an Ownership a parent's.
pub const PARENT_ROLE: &str = "parent";
/// The role partnet writes before an owner's title, so that a title such as "Parent company"
/// is not read as the kind.
pub const OWNER_ROLE: &str = "owner";
/// The prefix of the role that names a kind partnet does not know, on an UnknownLink
/// partnet wrote: `partnet-kind:lobbyist`.
pub const KIND_MARK: &str = "partnet-kind:";
/// The prefix of the role that carries a share on an UnknownLink: `partnet-share:100`.
pub const SHARE_MARK: &str = "partnet-share:";
/// The role that makes an Ownership a joint venture partner's.
pub const JOINT_VENTURE_ROLE: &str = "joint venture";

/// The properties naming a schema's two ends, and the one that carries titles.
fn shape(schema: &str) -> (&'static str, &'static str, &'static str) {
    match schema {
        "Ownership" => ("owner", "asset", "role"),
        "Directorship" => ("director", "organization", "role"),
        "Employment" => ("employee", "employer", "role"),
        "Membership" => ("member", "organization", "role"),
        "Family" => ("person", "relative", "relationship"),
        "Associate" => ("person", "associate", "relationship"),
        "Representation" => ("agent", "client", "role"),
        "Payment" => ("payer", "beneficiary", "purpose"),
        _ => ("subject", "object", "role"),
    }
}

/// The properties naming the two ends of a link of `schema`: Ownership's `owner` and
/// `asset`, ...
pub(super) fn ends(schema: &str) -> (&'static str, &'static str) {
    let (from, to, _) = shape(schema);
    (from, to)
}

/// The links left out because an end is an entity of a schema partnet skips (a Vessel an
/// Ownership's `asset`): counted by link schema, end schema and property, each with the
/// first one's line and end, for one warning per kind (a sanctions list holds thousands).
#[derive(Default)]
pub(super) struct SkippedEnds(Vec<(String, &'static str, String, usize, String, usize)>);

impl SkippedEnds {
    pub(super) fn add(&mut self, schema: &str, property: &'static str, end_schema: &str, line: usize, id: &str) {
        let same = |e: &&mut (String, &str, String, usize, String, usize)| {
            e.0 == schema && e.1 == property && e.2 == end_schema
        };
        match self.0.iter_mut().find(same) {
            Some(entry) => entry.5 += 1,
            None => self.0.push((
                schema.to_string(),
                property,
                end_schema.to_string(),
                line,
                id.to_string(),
                1,
            )),
        }
    }

    pub(super) fn warnings(self, label: &str, diags: &mut Vec<crate::error::Diagnostic>) {
        for (schema, property, end, line, id, count) in self.0 {
            let first = if count == 1 { "" } else { "the first: " };
            diags.push(
                crate::error::Diagnostic::warning(format!(
                    "skipped {} whose `{property}` is {}, which partnet does not read as an organisation ({first}{id:?})",
                    crate::text::plural(count, &format!("{schema} link")),
                    a(&end),
                ))
                .file(label)
                .at(Some((line, 1)))
                .help(format!(
                    "partnet's ties are between organisations and people (Company, Organization, PublicBody, \
                     LegalEntity, Person); a link to {} is left out",
                    a(&end)
                )),
            );
        }
    }
}

/// A role as a tie kind's name: "Joint Venture" and "joint_venture" are joint-venture.
fn as_kind(role: &str) -> String {
    role.trim().to_lowercase().replace([' ', '_'], "-")
}

/// The kind of a tie of `schema` with these roles, and the roles left for its title.
fn kind<'r, 'a>(schema: &str, roles: &'r [Text<'a>]) -> (Cow<'static, str>, &'r [Text<'a>]) {
    let first = roles.first().map(|r| as_kind(r));
    match schema {
        "Ownership" => match first.as_deref() {
            Some(PARENT_ROLE) | Some("parent-company") => ("parent".into(), &roles[1..]),
            Some("joint-venture") => ("joint-venture".into(), &roles[1..]),
            Some(OWNER_ROLE) => ("owner".into(), &roles[1..]),
            _ => ("owner".into(), roles),
        },
        "Directorship" => ("director".into(), roles),
        "Employment" => ("executive".into(), roles),
        "Membership" => ("member".into(), roles),
        "Family" => ("family".into(), roles),
        "Associate" | "Representation" => ("partner".into(), roles),
        "Payment" => ("payer".into(), roles),
        _ => match (roles.first().and_then(|r| r.strip_prefix(KIND_MARK)), first) {
            (Some(marked), _) => (Cow::Owned(marked.to_string()), &roles[1..]),
            (None, Some(k)) if crate::vocab::tie_kind(&k).is_some() => (Cow::Owned(k), &roles[1..]),
            _ => ("partner".into(), roles),
        },
    }
}

/// The ties one FtM link entity states, but for the pairs with an end (an FtM id) that
/// `skipped` says is of a schema partnet skips.
pub(super) fn ties<'a>(r: &Record<'a>, ids: &Ids, skipped: &dyn Fn(&str) -> bool) -> Result<Vec<RawTie<'a>>, Problem> {
    let schema = r.schema.as_deref().unwrap_or_default();
    let (from_key, to_key, title_key) = shape(schema);
    let (froms, tos) = (r.get(from_key), r.get(to_key));
    if froms.is_empty() || tos.is_empty() {
        let missing = if froms.is_empty() { from_key } else { to_key };
        return Err(problem(
            format!("{} has no `{missing}`", a(schema)),
            &format!("name both ends of the link: `{from_key}` and `{to_key}`"),
        ));
    }
    let (kind, mut titles) = kind(schema, r.get(title_key));
    // An UnknownLink has no percentage; partnet writes a share as a role after the kind
    // ("owner", "partnet-share:100").
    let mut share = None;
    if schema == "UnknownLink" {
        if let Some(first) = titles.first() {
            let marked = first.strip_prefix(SHARE_MARK);
            // A person writing FtM by hand may put "49%" after an ownership kind.
            let ownership = matches!(&*kind, "owner" | "parent" | "joint-venture");
            let plain = || first.trim().strip_suffix('%').filter(|_| ownership);
            if let Some(s) = marked.or_else(plain).and_then(|s| s.trim().parse::<f64>().ok()) {
                share = Some(s);
                titles = &titles[1..];
            }
        }
    }
    let title = match titles {
        [] if schema == "Representation" => Some(Text(Cow::Borrowed("representative"))),
        titles => joined(titles.iter()).map(|t| Text(Cow::Owned(t.replace('\n', "; ")))),
    };
    // A percentage that is no one number ("25-50%") is left out: `odd_share` warns.
    let share = match r.first("percentage") {
        None => share,
        Some(p) => percent(p),
    };
    let (value, used_summary, mut notes) = amounts(r, schema)?;
    let mut evidence: Vec<Text<'a>> = r.get("description").to_vec();
    if !used_summary {
        evidence.extend(r.get("summary").iter().cloned());
    }
    evidence.append(&mut notes);
    let evidence = joined(evidence.iter());
    let sources: Vec<Text<'a>> = r.get("proof").iter().map(|p| ids.of(p)).collect();
    // Each end looked up once: a lookup may read the file again.
    let tos: Vec<&Text<'a>> = tos.iter().filter(|x| !skipped(x)).collect();
    let mut out = Vec::with_capacity(froms.len() * tos.len());
    for from in froms.iter().filter(|x| !skipped(x)) {
        for &to in &tos {
            out.push(RawTie {
                from: ids.of(from),
                to: ids.of(to),
                kind: Text(kind.clone()),
                share,
                title: title.clone(),
                status: r.first("status").cloned(),
                sources: sources.clone(),
                evidence: evidence.clone(),
                date: date(r.first_of(&["startDate", "date"])),
                until: date(r.first("endDate")),
                value,
            });
        }
    }
    Ok(out)
}

/// A `percentage` as a share: "51", "51%", "51,5" (see [`number`]).
fn percent(text: &str) -> Option<f64> {
    number(text.trim().trim_end_matches('%'), false)
}

/// The warning for a `percentage` that is no one number ("25-50%", ">25%", "1,000"): the
/// tie is read without a share, and sanctions data has thousands of such ranges.
pub(super) fn odd_share(r: &Record) -> Option<Problem> {
    let p = r.first("percentage").filter(|p| percent(p).is_none())?;
    Some(problem(
        format!(
            "{} {:?}: percentage {:?} is not one number: the tie is read without a share",
            r.schema.as_deref().unwrap_or_default(),
            r.id.as_deref().unwrap_or_default(),
            &**p
        ),
        "a share is a number of percent (\"51\", \"51.5\"); a range has no one share: put it in the description",
    ))
}

/// A link's value in US dollars, whether its `summary` stated it, and the amounts in other
/// currencies as notes.
fn amounts<'a>(r: &Record<'a>, schema: &str) -> Result<(Option<Value>, bool, Vec<Text<'a>>), Problem> {
    let what = |p: Problem| Problem {
        message: format!("{}'s {}", a(schema), p.message),
        ..p
    };
    let mut notes = Vec::new();
    let mut usd = r
        .first("amountUsd")
        .map(|t| dollars(t, "amountUsd"))
        .transpose()
        .map_err(what)?;
    for (amount, currency) in [("amount", "currency"), ("sharesValue", "sharesCurrency")] {
        let Some(a) = r.first(amount) else { continue };
        let currency = r.first(currency).map(|c| c.trim().to_ascii_uppercase());
        if usd.is_none() && currency.as_deref() == Some("USD") {
            usd = Some(dollars(a, amount).map_err(what)?);
        } else if currency.as_deref() != Some("USD") {
            let currency = currency.as_deref().unwrap_or("in an unnamed currency");
            notes.push(Text(Cow::Owned(format!("{amount}: {} {currency}", a.trim()))));
        }
    }
    if let Some(eur) = r.first("amountEur") {
        notes.push(Text(Cow::Owned(format!("amount: {} EUR", eur.trim()))));
    }
    // A summary that states the same amount keeps its qualifier ("up to $2M").
    let stated = r
        .first("summary")
        .and_then(|s| s.parse::<Value>().ok())
        .filter(|v| usd.is_some_and(|u| u.max_usd() == v.max_usd()));
    Ok(match stated {
        Some(v) => (Some(v), true, notes),
        None => (usd, false, notes),
    })
}

#[cfg(test)]
mod tests {
    use super::super::record::Records;
    use super::*;

    fn read(line: &str) -> Result<Vec<RawTie<'_>>, String> {
        let (_, _, r) = Records::<Record>::new(line.as_bytes()).next().unwrap();
        let r = r.unwrap_or_else(|bad| panic!("{}", bad.message));
        ties(&r, &Ids::default(), &|_| false).map_err(|p| p.message)
    }

    #[test]
    fn schemata_give_kinds_and_titles() {
        let own = read(r#"{"id":"o","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"percentage":["51%"],"startDate":["2023-11-07T00:00:00"],"endDate":["2030"]}}"#).unwrap();
        assert_eq!(
            (
                &*own[0].kind,
                own[0].share,
                own[0].date.as_deref(),
                own[0].until.as_deref()
            ),
            ("owner", Some(51.0), Some("2023-11-07"), Some("2030"))
        );
        let parent = read(r#"{"id":"o","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"role":["Parent company", "holding"]}}"#).unwrap();
        assert_eq!(
            (&*parent[0].kind, parent[0].title.as_deref()),
            ("parent", Some("holding"))
        );
        let ceo =
            read(r#"{"id":"e","schema":"Employment","properties":{"employee":["p"],"employer":["c"],"role":["CEO"]}}"#)
                .unwrap();
        assert_eq!(
            (&*ceo[0].from, &*ceo[0].to, &*ceo[0].kind, ceo[0].title.as_deref()),
            ("p", "c", "executive", Some("CEO"))
        );
        let founder = read(
            r#"{"id":"u","schema":"UnknownLink","properties":{"subject":["p"],"object":["c"],"role":["Founder"]}}"#,
        )
        .unwrap();
        assert_eq!((&*founder[0].kind, founder[0].title.as_deref()), ("founder", None));
        let jbic = read(r#"{"id":"u","schema":"UnknownLink","properties":{"subject":["g"],"object":["j"],"role":["owner","100%"]}}"#).unwrap();
        assert_eq!(
            (&*jbic[0].kind, jbic[0].share, jbic[0].title.as_deref()),
            ("owner", Some(100.0), None)
        );
        let marked = read(r#"{"id":"u","schema":"UnknownLink","properties":{"subject":["p"],"object":["c"],"role":["partnet-kind:lobbyist","51%"]}}"#).unwrap();
        assert_eq!(
            (&*marked[0].kind, marked[0].share, marked[0].title.as_deref()),
            ("lobbyist", None, Some("51%"))
        );
        let titled = read(r#"{"id":"o","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"role":["owner","Parent company"]}}"#).unwrap();
        assert_eq!(
            (&*titled[0].kind, titled[0].title.as_deref()),
            ("owner", Some("Parent company"))
        );
        let other = read(
            r#"{"id":"u","schema":"UnknownLink","properties":{"subject":["p"],"object":["c"],"role":["lobbies for"]}}"#,
        )
        .unwrap();
        assert_eq!(
            (&*other[0].kind, other[0].title.as_deref()),
            ("partner", Some("lobbies for"))
        );
        let agent =
            read(r#"{"id":"r","schema":"Representation","properties":{"agent":["p"],"client":["c"]}}"#).unwrap();
        assert_eq!(agent[0].title.as_deref(), Some("representative"));
    }

    #[test]
    fn payments_keep_dollars_and_never_convert_other_currencies() {
        let usd = read(r#"{"id":"p","schema":"Payment","properties":{"payer":["a"],"beneficiary":["b"],"amountUsd":["2000000"],"summary":["up to $2M"],"purpose":["donation"]}}"#).unwrap();
        assert_eq!(usd[0].value.map(|v| v.to_string()).as_deref(), Some("up to $2M"));
        assert_eq!(
            (&*usd[0].kind, usd[0].title.as_deref(), usd[0].evidence.as_deref()),
            ("payer", Some("donation"), None)
        );
        let eur = read(r#"{"id":"p","schema":"Payment","properties":{"payer":["a"],"beneficiary":["b"],"amount":["500"],"currency":["eur"],"description":["a gift"]}}"#).unwrap();
        assert!(eur[0].value.is_none());
        assert_eq!(eur[0].evidence.as_deref(), Some("a gift\namount: 500 EUR"));
    }

    #[test]
    fn a_missing_end_is_an_error_and_an_odd_share_is_left_out() {
        let e = read(r#"{"id":"o","schema":"Ownership","properties":{"owner":["a"]}}"#)
            .err()
            .unwrap();
        assert_eq!(e, "an Ownership has no `asset`");
        for (p, share) in [
            ("25-50%", None),
            (">25%", None),
            ("half", None),
            ("51,5", Some(51.5)),
            ("49 %", Some(49.0)),
        ] {
            let line = format!(
                r#"{{"id":"o","schema":"Ownership","properties":{{"owner":["a"],"asset":["b"],"percentage":["{p}"]}}}}"#
            );
            assert_eq!(read(&line).unwrap()[0].share, share, "{p}");
            let (_, _, r) = Records::<Record>::new(line.as_bytes()).next().unwrap();
            assert_eq!(odd_share(&r.ok().unwrap()).is_some(), share.is_none(), "{p}");
        }
    }
}
