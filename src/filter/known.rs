//! When a node became known: the one rule by which `--as-of` ([`View::new`], over every
//! node at once), `changes` and `timeline` (through `query::known`, one node at a time) date
//! an organisation or a project.
//!
//! A project is known from its own report: its `date`, else its earliest source's. An
//! organisation, and a project that gives neither, is known from its first record: the
//! earliest of its links' records and its ties, each dated as `--as-of` dates it (its date,
//! else its earliest source's: [`reported`], [`tie_reported`]). A node with an undated
//! record, or with none, is always known: it has no date.
//!
//! [`View::new`]: super::View::new
//! [`reported`]: super::reported
//! [`tie_reported`]: super::tie_reported

use crate::model::{Dataset, Date, NodeId, NodeRef};

use super::project_reported;

/// When a node's first record was reported, folded one record at a time: none yet, or the
/// earliest date so far, undated (`None`) being earlier than every date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FirstRecord(Option<Option<Date>>);

impl FirstRecord {
    /// Counts a record reported at `date` (`None`: undated).
    pub fn add(&mut self, date: Option<Date>) {
        self.0 = Some(self.0.map_or(date, |first| first.min(date)));
    }
}

/// When node `n` became known (the module's rule), given when its first record was
/// reported (asked only when the rule needs it: not for a project that dates itself);
/// `None` when it is always known. O(sources of a project) and what `first` costs.
pub fn known_from(ds: &Dataset, n: NodeId, first: impl FnOnce() -> FirstRecord) -> Option<Date> {
    if let NodeRef::Project(p) = ds.node(n) {
        if let Some(own) = project_reported(ds, p) {
            return Some(own);
        }
    }
    first().0.flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_record_is_the_earliest_and_an_undated_one_comes_first() {
        let d = |s: &str| Date::parse(s);
        let mut first = FirstRecord::default();
        assert_eq!(first.0, None, "no record");
        first.add(d("2025-03-01"));
        first.add(d("2025-01-01"));
        first.add(d("2025-02-01"));
        assert_eq!(first.0, Some(d("2025-01-01")));
        first.add(None);
        first.add(d("2024-01-01"));
        assert_eq!(first.0, Some(None), "an undated record: always known");
    }
}
