//! Ties: each tie's two organisations resolved to indices, its kind, share, dates and
//! sources checked.

use crate::error::Diagnostic;
use crate::model::{EvidenceId, Tie};
use crate::names::nearest;
use crate::vocab;

use super::{Bail, Builder, Report};
use crate::load::ids::IdHash;
use crate::load::raw::RawTie;
use crate::load::resolve::{suggest, At, Table};

/// A kind this close to a known one (and not it) is a typo, not a new kind.
const TYPO: f64 = 0.75;

impl Builder {
    /// One end of a tie: the entity `id` names. `key` is the field, "from" or "to".
    fn tie_end(
        &self,
        id: &str,
        hash: IdHash,
        key: &'static str,
        mut r: Report,
        at: At,
        subject: &dyn Fn() -> String,
    ) -> Result<Option<u32>, Bail> {
        let found = self.node(id, hash);
        if let Some((index, false)) = found {
            return Ok(Some(index));
        }
        problem!(r, {
            // An FtM tie names its record and the property, as the file does.
            let (field, subject) = match r.tie_names(at) {
                Some(n) => {
                    let property = if key == "from" { n.from } else { n.to };
                    (format!("property \"{property}\""), n.record.clone())
                }
                None => (format!("field \"{key}\""), subject()),
            };
            let (message, help) = match found {
                Some(_) => (
                    format!("{field}: {id:?} is a project; a tie links two organisations"),
                    "link an organisation to a project with a participation, not a tie".to_string(),
                ),
                None => (
                    format!("{field}: unknown entity {id:?}"),
                    if r.count() < 50 {
                        suggest(id, self.ds.entities.iter().map(|e| e.id()), "an entity id")
                    } else {
                        "define the entity or fix the id".to_string()
                    },
                ),
            };
            let d = Diagnostic::error(message).subject(subject).help(help);
            r.error(d, at, Table::Ties, key, id);
        });
        Ok(None)
    }

    /// A tie: "`from` is `kind` of `to`". `from` is the hash of the first entity's id.
    pub(in crate::load) fn tie(&mut self, t: &RawTie, from: IdHash, mut r: Report, at: At) -> Result<(), Bail> {
        self.index_nodes(usize::MAX, true)?;
        let subject = || format!("tie {:?} {} {:?}", &*t.from, &*t.kind, &*t.to);
        let from = self.tie_end(&t.from, from, "from", r.as_deref_mut(), at, &subject)?;
        let to_hash = self.node_ids.hash(&t.to);
        let to = self.tie_end(&t.to, to_hash, "to", r.as_deref_mut(), at, &subject)?;
        let mut ok = from.is_some() && to.is_some();
        if ok && from == to {
            ok = false;
            problem!(r, {
                let (subject, fix) = match r.tie_names(at) {
                    Some(n) => (n.record.clone(), format!("`{}` or `{}`", n.from, n.to)),
                    None => (subject(), "\"from\" or \"to\"".to_string()),
                };
                let d = Diagnostic::error(format!("a tie from {:?} to itself", &*t.from))
                    .subject(subject)
                    .help(format!("a tie links two different organisations; fix {fix}"));
                r.error(d, at, Table::Ties, "from", &t.from);
            });
        }
        let kind = t.kind.trim().to_lowercase();
        if kind.is_empty() || vocab::tie_kind(&kind).is_none() {
            let near = nearest(&kind, vocab::tie_kind_names(), 1);
            let typo = near
                .first()
                .filter(|k| strsim::normalized_damerau_levenshtein(&kind, k) >= TYPO || kind.is_empty());
            if let Some(best) = typo {
                ok = false;
                problem!(r, {
                    let d = Diagnostic::error(format!("unknown tie kind {:?}; did you mean {best:?}?", &*t.kind))
                        .subject(subject())
                        .help(format!(
                            "the known kinds are: {} (another word loads, with a warning in `partnet check`)",
                            vocab::tie_kind_names().collect::<Vec<_>>().join(", ")
                        ));
                    r.error(d, at, Table::Ties, "from", &t.from);
                });
            }
        }
        if let Some(share) = t.share {
            if !(share > 0.0 && share <= 100.0) {
                ok = false;
                problem!(r, {
                    let d = Diagnostic::error(format!("field \"share\": {share} is not a percentage in (0, 100]"))
                        .subject(subject())
                        .help("write the share held as a percentage, e.g. 49 for 49%; leave it out when unknown");
                    r.error(d, at, Table::Ties, "from", &t.from);
                });
            }
        }
        let sources = self.source_span(
            &t.sources,
            r.as_deref_mut(),
            (at, Table::Ties),
            ("from", &t.from),
            &subject,
        )?;
        let date = Self::date_in("date", t.date.as_ref(), r.as_deref_mut(), at, Table::Ties, subject)?;
        let until = Self::date_in("until", t.until.as_ref(), r.as_deref_mut(), at, Table::Ties, subject)?;
        if let (Some(d), Some(u)) = (date, until) {
            // A month or a year ends on its last day: "2025-06-10" until "2025-06" is fine.
            if u.last_day() < d {
                ok = false;
                problem!(r, {
                    let diag = Diagnostic::error(format!("the tie ends ({u}) before it begins ({d})"))
                        .subject(subject())
                        .help("\"until\" is when the tie ended; it cannot come before \"date\"");
                    r.error(diag, at, Table::Ties, "from", &t.from);
                });
            }
        }
        let (Some(from), Some(to), true) = (from, to, ok) else {
            return Ok(());
        };
        let status = match t.status.as_deref() {
            Some(status) => self.strings.lower_id(status),
            None => self.reported,
        };
        let evidence = t.evidence.as_ref().and_then(|text| {
            self.ds.evidence.push(text.0.as_ref().into());
            EvidenceId::new(self.ds.evidence.len() - 1)
        });
        let kind = self.strings.lower_id(&kind);
        self.ds.ties.push(Tie {
            from,
            to,
            kind,
            status,
            share: t.share,
            title: t.title.as_ref().map(|t| Box::from(&**t)),
            value: t.value,
            sources,
            evidence,
            date,
            until,
            file: at.file,
        });
        Ok(())
    }
}
