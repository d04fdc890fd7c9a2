//! The mapping of one FtM entity onto partnet's records (the table in [`super`]), shared
//! by the fast path and the full one, so both read every entity the same way.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::load::raw::{RawEntity, RawParticipation, RawProject, RawSource, Stated, Text};
use crate::value::Value;

use super::record::Record;
use super::{ID_MARK, PART_OF_ROLE};

/// An organisation's kind from its schema and `legalForm` (which Company and Person do not
/// read: a company's legal form is "GmbH", not a kind of organisation).
pub(super) fn kind_of(schema: &str, legal_form: Option<&Text>) -> Option<Cow<'static, str>> {
    let default = match schema {
        "Company" => return Some("company".into()),
        "Person" => return Some("person".into()),
        "Organization" => "organisation",
        "PublicBody" => "agency",
        _ => "legal-entity",
    };
    Some(legal_form.map_or(Cow::Borrowed(default), |f| Cow::Owned(f.trim().to_lowercase())))
}

/// The partnet id of a record: its `partnet-id:` keyword, else its FtM id.
pub(super) fn own_id<'a>(r: &Record<'a>) -> Option<Text<'a>> {
    let marked = r.get("keywords").iter().find_map(|k| k.strip_prefix(ID_MARK));
    match marked {
        Some(id) => Some(Text(Cow::Owned(id.to_string()))),
        None => r.id.clone(),
    }
}

/// Whether an UnknownLink says its subject is part of its object.
pub(super) fn is_part_of(r: &Record) -> bool {
    r.schema.as_deref() == Some("UnknownLink")
        && r.get("role").iter().any(|role| {
            let role = role.trim().to_lowercase().replace('_', " ");
            role == PART_OF_ROLE
        })
}

/// A date as partnet reads it: FtM's may carry a time (`2025-10-28T10:00:00`), dropped.
pub(super) fn date<'a>(t: Option<&Text<'a>>) -> Option<Text<'a>> {
    let t = t?;
    match t.find('T') {
        Some(i) => Some(Text(Cow::Owned(t[..i].to_string()))),
        None => Some(t.clone()),
    }
}

/// Texts joined by newlines, borrowed when there is one.
pub(super) fn joined<'a, 'r>(texts: impl Iterator<Item = &'r Text<'a>>) -> Option<Text<'a>>
where
    'a: 'r,
{
    let texts: Vec<&Text<'a>> = texts.collect();
    match texts.len() {
        0 => None,
        1 => Some(texts[0].clone()),
        _ => Some(Text(Cow::Owned(
            texts.iter().map(|t| &***t).collect::<Vec<&str>>().join("\n"),
        ))),
    }
}

/// FtM ids to partnet ids, for the entities whose ids changed on the way to FtM.
#[derive(Default)]
pub(crate) struct Ids(HashMap<String, String>);

impl Ids {
    pub(super) fn note(&mut self, r: &Record) {
        let (Some(ftm), Some(own)) = (r.id.as_ref(), own_id(r)) else {
            return;
        };
        if *own != **ftm {
            self.0.insert(ftm.to_string(), own.to_string());
        }
    }

    /// The partnet id an FtM reference stands for.
    pub(super) fn of<'a>(&self, reference: &Text<'a>) -> Text<'a> {
        if self.0.is_empty() {
            return reference.clone();
        }
        match self.0.get(&**reference) {
            Some(id) => Text(Cow::Owned(id.clone())),
            None => reference.clone(),
        }
    }
}

/// A problem with one record, for the full path to report and the fast one to give up at.
pub(super) struct Problem {
    pub(super) message: String,
    pub(super) help: String,
}

pub(super) fn problem(message: String, help: &str) -> Problem {
    Problem {
        message,
        help: help.to_string(),
    }
}

/// An organisation.
pub(super) fn entity<'a>(r: &Record<'a>, schema: &str) -> Result<RawEntity<'a>, Problem> {
    let id = own_id(r).ok_or_else(no_id)?;
    let names = r.get("name");
    let name = names.first().cloned().unwrap_or(Text(Cow::Borrowed("")));
    let mut aliases: Vec<Text<'a>> = Vec::new();
    let others = names
        .iter()
        .skip(1)
        .chain(r.all_of(&["alias", "abbreviation", "previousName", "weakAlias"]));
    for alias in others {
        if **alias != *name && !aliases.iter().any(|a| **a == **alias) {
            aliases.push(alias.clone());
        }
    }
    let country = r
        .all_of(&["country", "mainCountry", "jurisdiction"])
        .find(|c| crate::country::is_code(c))
        .cloned();
    Ok(RawEntity {
        id,
        name,
        kind: kind_of(schema, r.first("legalForm")).map(Text),
        country,
        aliases,
        sectors: r.get("sector").to_vec(),
        url: r.first("website").cloned(),
        note: joined(r.all_of(&["notes", "description", "summary"])),
    })
}

pub(super) fn no_id() -> Problem {
    problem("an entity has no `id`".into(), "give every FtM entity its id")
}

/// A number as FtM data from elsewhere writes it: digits ("1.5e9"), comma thousands groups
/// when `grouped` ("1,000,000", "1,500.25": an amount), or a decimal comma when that is the
/// only reading (one comma, no dot: "51,5"; "1,000" only as thousands). `None` when it is no
/// one number ("25-50", ">25", "1.000,5", "n/a"), and when it is no finite one ("NaN",
/// "inf", "1e400"), which Rust's reading of a float takes.
pub(super) fn number(text: &str, grouped: bool) -> Option<f64> {
    number_or_not(text, grouped).filter(|n| n.is_finite())
}

fn number_or_not(text: &str, grouped: bool) -> Option<f64> {
    let s = text.trim();
    if let Ok(n) = s.parse::<f64>() {
        return Some(n);
    }
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let (int, fraction) = match s.split_once('.') {
        Some((int, fraction)) => (int, Some(fraction)),
        None => (s, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let (first, rest) = groups.split_first()?;
    if rest.is_empty() || !digits(first) || !rest.iter().all(|g| digits(g)) || !fraction.is_none_or(digits) {
        return None;
    }
    let thousands = first.len() <= 3 && rest.iter().all(|g| g.len() == 3);
    let plain = match (thousands, fraction, rest) {
        (true, _, _) if grouped => format!("{}.{}", groups.concat(), fraction.unwrap_or("0")),
        // "1,000" is a thousand or a one: no reading is safe.
        (true, _, _) => return None,
        (false, None, [decimals]) => format!("{first}.{decimals}"),
        _ => return None,
    };
    plain.parse().ok()
}

/// A number of US dollars as FtM writes amounts ("100000000000", "1.5e9", "1,000,000").
pub(super) fn dollars(text: &Text, what: &str) -> Result<Value, Problem> {
    let amount: f64 = number(text, true).ok_or_else(|| {
        problem(
            format!("{what} {:?} is not a number", &**text),
            "write amounts as digits: \"1500000000\"",
        )
    })?;
    // The same bounds as any value: not negative, not above the ceiling.
    serde_json::from_value::<Value>(serde_json::json!(amount))
        .map_err(|e| problem(format!("{what} {:?}: {e}", &**text), "fix the amount or leave it out"))
}

/// A project, `parent` the partnet id of the programme it is part of.
pub(super) fn project<'a>(r: &Record<'a>, ids: &Ids, parent: Option<Text<'a>>) -> Result<RawProject<'a>, Problem> {
    let id = own_id(r).ok_or_else(no_id)?;
    let subject = || format!("project {:?}", &*id);
    let mut usd = r
        .first("amountUsd")
        .map(|t| dollars(t, "amountUsd"))
        .transpose()
        .map_err(|p| Problem {
            message: format!("{}: {}", subject(), p.message),
            ..p
        })?;
    let currency = r.first("currency").map(|c| c.trim().to_ascii_uppercase());
    let mut notes: Vec<Text<'a>> = r.all_of(&["notes", "description"]).cloned().collect();
    if let Some(amount) = r.first("amount") {
        if usd.is_none() && currency.as_deref() == Some("USD") {
            usd = Some(dollars(amount, "amount").map_err(|p| Problem {
                message: format!("{}: {}", subject(), p.message),
                ..p
            })?);
        } else if currency.as_deref() != Some("USD") {
            // No silent conversion: the amount stays in the note, in its currency.
            let currency = currency.as_deref().unwrap_or("in an unnamed currency");
            notes.push(Text(Cow::Owned(format!("amount: {} {currency}", amount.trim()))));
        }
    }
    if let Some(eur) = r.first("amountEur") {
        notes.push(Text(Cow::Owned(format!("amount: {} EUR", eur.trim()))));
    }
    // The summary states the value with its qualifier ("up to $100B") when it reads as one
    // that agrees with the amount; otherwise it is part of the note.
    let mut value = usd.map(|v| Stated { value: v, text: None });
    for summary in r.get("summary") {
        match summary.parse::<Value>() {
            Ok(v)
                if usd.is_none_or(|u| u.max_usd() == v.max_usd())
                    && value.as_ref().is_none_or(|s| s.text.is_none()) =>
            {
                value = Some(Stated {
                    value: v,
                    text: Some(summary.clone()),
                })
            }
            _ => notes.push(summary.clone()),
        }
    }
    let sector = r.get("keywords").iter().find(|k| !k.starts_with(ID_MARK)).cloned();
    Ok(RawProject {
        name: r.first("name").cloned().unwrap_or(Text(Cow::Borrowed(""))),
        sector,
        value,
        status: r.first("status").cloned(),
        location: r.first("address").cloned(),
        date: date(r.first_of(&["date", "startDate"])),
        part_of: parent,
        sources: r.get("proof").iter().map(|p| ids.of(p)).collect(),
        note: joined(notes.iter()),
        id,
    })
}

/// A participant's participations: one per participant and project named (one each,
/// usually).
pub(super) fn participations<'a>(r: &Record<'a>, ids: &Ids) -> Result<Vec<RawParticipation<'a>>, Problem> {
    let (entities, projects) = (r.get("participant"), r.get("project"));
    if entities.is_empty() || projects.is_empty() {
        let what = if entities.is_empty() { "participant" } else { "project" };
        return Err(problem(
            format!("a ProjectParticipant has no `{what}`"),
            "name the organisation in `participant` and the project in `project`",
        ));
    }
    let sources: Vec<Text<'a>> = r.get("proof").iter().map(|p| ids.of(p)).collect();
    let mut out = Vec::with_capacity(entities.len() * projects.len());
    for e in entities {
        for p in projects {
            out.push(RawParticipation {
                entity: ids.of(e),
                project: ids.of(p),
                role: r.first("role").cloned(),
                status: r.first("status").cloned(),
                sources: sources.clone(),
                evidence: joined(r.all_of(&["description", "summary"])),
                date: date(r.first_of(&["startDate", "date"])),
            });
        }
    }
    Ok(out)
}

/// A source: a document, or an entity a `proof` names.
pub(super) fn source<'a>(r: &Record<'a>) -> Result<RawSource<'a>, Problem> {
    Ok(RawSource {
        id: own_id(r).ok_or_else(no_id)?,
        title: r.first_of(&["title", "name", "fileName"]).cloned(),
        publisher: r.first("publisher").cloned(),
        date: date(r.first_of(&["publishedAt", "date", "authoredAt"])),
        url: r.first("sourceUrl").cloned(),
        note: joined(r.all_of(&["notes", "description", "summary"])),
    })
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_read_as_their_one_reading_or_not_at_all() {
        for (text, grouped, want) in [
            ("51", false, Some(51.0)),
            (" 1.5e9 ", true, Some(1.5e9)),
            ("1,000,000", true, Some(1e6)),
            ("1,500.25", true, Some(1500.25)),
            ("51,5", false, Some(51.5)),
            ("51,5", true, Some(51.5)),
            ("1,000", true, Some(1000.0)),
            ("1,000", false, None),
            ("25-50", false, None),
            (">25", false, None),
            ("1.000,5", true, None),
            ("1,00,000", true, None),
            ("5,5,5", false, None),
            (",5", false, None),
            ("NaN", false, None),
            ("inf", true, None),
            ("-Infinity", false, None),
            ("1e400", true, None),
            (&format!("{},000", "9".repeat(400)), true, None),
        ] {
            assert_eq!(number(text, grouped), want, "{text:?}");
        }
    }
}
