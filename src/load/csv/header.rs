//! The header row of a CSV table: which column is which, and what to say when it is not a
//! header partnet reads (an unknown, empty or missing column, a table separated by `;`, an
//! FtM statements table).

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
    if let Some(d) = other_separator(header, error).or_else(|| statements(header, error)) {
        return Err(d);
    }
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        // The cell's place on the line, for a header of unquoted cells.
        let at = |mut d: Diagnostic| {
            d.column = Some(1 + header.iter().take(i).map(|c| c.chars().count() + 1).sum::<usize>());
            d
        };
        let name = name.trim();
        if name.is_empty() {
            let last = i + 1 == header.len();
            return Err(at(error(
                format!("the header's column {} is empty", i + 1),
                if last {
                    "remove the comma at the end of the header row (a spreadsheet writes one for an empty column), \
                     and any at the end of the rows"
                        .into()
                } else {
                    format!("name the column ({}), or delete it", COLUMNS.join(", "))
                },
            )));
        }
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

/// A FollowTheMoney statements table (OpenSanctions' `statements.csv`: `entity_id`, `prop`,
/// `value`, ...): FtM, but one property value a row, which partnet does not read.
fn statements(header: &::csv::StringRecord, error: &dyn Fn(String, String) -> Diagnostic) -> Option<Diagnostic> {
    let has = |name: &str| header.iter().any(|c| c.trim().eq_ignore_ascii_case(name));
    if !(has("entity_id") && has("prop") && has("value")) {
        return None;
    }
    Some(error(
        "this is a FollowTheMoney statements table (entity_id, prop, value, ...); partnet reads FtM entities, one JSON \
         entity per line (.ftm.json, .ijson)"
            .into(),
        "roll the statements up into entities with followthemoney's `ftm aggregate-statements -f csv -i statements.csv \
         -o entities.ftm.json`, or download the dataset's entities.ftm.json (OpenSanctions publishes one beside \
         statements.csv), and give that file to --data"
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
