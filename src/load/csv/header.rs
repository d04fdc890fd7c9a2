//! The header row of a CSV table: which column is which, and what to say when it is not a
//! header partnet reads (an unknown, empty or missing column, a table separated by `;`, an
//! FtM statements table).

use std::collections::HashMap;

use crate::error::Diagnostic;
use crate::names::nearest;
use crate::vocab::CSV_COLUMNS as COLUMNS;

use super::cells::place;
use super::REQUIRED;

/// The column of each known name in the header row. `places` holds the line and column
/// each header cell starts at ([`places`]); an error about one cell is placed there, any
/// other where `error` places it.
pub(super) fn columns(
    header: &::csv::StringRecord,
    places: &[(usize, usize)],
    error: &dyn Fn(String, String) -> Diagnostic,
) -> Result<HashMap<&'static str, usize>, Diagnostic> {
    if let Some(d) = other_separator(header, error).or_else(|| statements(header, error)) {
        return Err(d);
    }
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let at = |d: Diagnostic| {
            let place = places.get(i).copied();
            d.at(place)
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
            return Err(at(error(
                format!("unknown column `{name}`{hint}"),
                format!("the columns are: {}; rename or delete this one", COLUMNS.join(", ")),
            )));
        };
        if index.insert(known, i).is_some() {
            return Err(at(error(
                format!("the column `{known}` appears twice"),
                "keep one of them".into(),
            )));
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

/// The line and column of each cell of the header row, which starts at byte `start` of
/// `text`, read as the csv crate reads it: a quote opens a cell only at its start, `""`
/// inside is a quote, and a comma or line break inside quotes is text. Counting the names'
/// lengths would misplace every cell after a quoted one.
pub(super) fn places(text: &str, start: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut starts = vec![start];
    let (mut quoted, mut at_start, mut i) = (false, true, start);
    while let Some(&b) = bytes.get(i) {
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else {
            match b {
                b'"' if at_start => quoted = true,
                b',' => starts.push(i + 1),
                b'\n' | b'\r' => break,
                _ => {}
            }
        }
        at_start = !quoted && b == b',';
        i += 1;
    }
    starts.into_iter().map(|s| place(text, s)).collect()
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
        let d = columns(&header, &[], &error).unwrap_err();
        assert_eq!(
            d.message,
            "this looks separated by `;`; partnet reads comma-separated CSV"
        );
        let header = ::csv::StringRecord::from(vec!["entity\tproject\trole"]);
        assert!(columns(&header, &[], &error)
            .unwrap_err()
            .message
            .contains("separated by tabs"));
        // One column of a comma-separated header may hold a `;` and be merely unknown.
        let header = ::csv::StringRecord::from(vec!["entity", "a;b"]);
        assert!(columns(&header, &[], &error)
            .unwrap_err()
            .message
            .starts_with("unknown column `a;b`"));
    }

    #[test]
    fn a_header_cell_is_placed_where_it_starts() {
        let text = "entity,\"a,\"\"b\"\"\",ro\"le,\"x\ny\",z\nacme,\"p,q\"";
        assert_eq!(places(text, 0), [(1, 1), (1, 8), (1, 18), (1, 24), (2, 4)]);
        // A header after a blank line starts where it starts.
        assert_eq!(places("\nab,c", 1), [(2, 1), (2, 4)]);
    }
}
