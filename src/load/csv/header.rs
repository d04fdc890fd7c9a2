//! The header row of a CSV table: which column is which, and what to say when it is not a
//! header partnet reads (an unknown or missing column, a table separated by `;`).

use std::collections::HashMap;

use crate::error::Diagnostic;
use crate::names::nearest;
use crate::vocab::CSV_COLUMNS as COLUMNS;

use super::REQUIRED;

/// The column of each known name in the header row.
pub(super) fn columns(
    header: &::csv::StringRecord,
    error: &dyn Fn(String, String) -> Diagnostic,
) -> Result<HashMap<&'static str, usize>, Diagnostic> {
    if let Some(d) = other_separator(header, error) {
        return Err(d);
    }
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim();
        let Some(&known) = COLUMNS.iter().find(|c| c.eq_ignore_ascii_case(name)) else {
            let near = nearest(name, COLUMNS.iter().copied(), 1);
            let hint = near
                .first()
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            return Err(error(
                format!("unknown column `{name}`{hint}"),
                format!("the columns are: {}; rename or delete this one", COLUMNS.join(", ")),
            ));
        };
        if index.insert(known, i).is_some() {
            return Err(error(
                format!("the column `{known}` appears twice"),
                "keep one of them".into(),
            ));
        }
    }
    let missing: Vec<&str> = REQUIRED.iter().copied().filter(|c| !index.contains_key(c)).collect();
    if !missing.is_empty() {
        return Err(error(
            format!("missing required column `{}`", missing.join("`, `")),
            format!(
                "the header must name the columns {}; optional: {}",
                REQUIRED.join(", "),
                COLUMNS
                    .iter()
                    .filter(|c| !REQUIRED.contains(c))
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    Ok(index)
}

/// A header of one field that holds a `;` or a tab: a table saved with another separator
/// (a spreadsheet set to a European locale writes `;`).
fn other_separator(header: &::csv::StringRecord, error: &dyn Fn(String, String) -> Diagnostic) -> Option<Diagnostic> {
    let [only] = header.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    let (_, name) = [(';', "`;`"), ('\t', "tabs")]
        .into_iter()
        .find(|(c, _)| only.contains(*c))?;
    Some(error(
        format!("this looks separated by {name}; partnet reads comma-separated CSV"),
        "save the table as comma-separated CSV (a spreadsheet's CSV export lets you choose the separator), \
         or replace the separators with commas"
            .into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(message: String, help: String) -> Diagnostic {
        Diagnostic::error(message).help(help)
    }

    #[test]
    fn a_table_separated_otherwise_is_named() {
        let header = ::csv::StringRecord::from(vec!["entity;project;role"]);
        let d = columns(&header, &error).unwrap_err();
        assert_eq!(
            d.message,
            "this looks separated by `;`; partnet reads comma-separated CSV"
        );
        let header = ::csv::StringRecord::from(vec!["entity\tproject\trole"]);
        assert!(columns(&header, &error)
            .unwrap_err()
            .message
            .contains("separated by tabs"));
        // One column of a comma-separated header may hold a `;` and be merely unknown.
        let header = ::csv::StringRecord::from(vec!["entity", "a;b"]);
        assert!(columns(&header, &error)
            .unwrap_err()
            .message
            .starts_with("unknown column `a;b`"));
    }
}
