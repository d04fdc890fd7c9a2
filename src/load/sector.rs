//! Sector paths: parts joined by single slashes ("energy/nuclear"). An empty part (a slash
//! at either end, two in a row, nothing at all) would be a sector with no name in
//! `sectors --level`, `--sector` and their suggestions, so the loader refuses it, and the
//! JSON Schema says the same ([`SECTOR_PATTERN`]).

use crate::error::Diagnostic;

/// What the loader takes as a sector, once trimmed: parts joined by single slashes, each
/// holding something other than white space.
pub const SECTOR_PATTERN: &str = r"^\s*[^/]*[^/\s][^/]*(/[^/]*[^/\s][^/]*)*\s*$";

/// The error for a sector path with an empty part, `path` as the file has it; `None` when
/// the path is well formed.
pub(super) fn flaw(path: &str) -> Option<Diagnostic> {
    let trimmed = path.trim();
    // Every sector of a large file passes through here: the well-formed ones allocate nothing.
    if trimmed.split('/').all(|p| !p.trim().is_empty()) {
        return None;
    }
    let parts: Vec<&str> = trimmed.split('/').collect();
    let named: Vec<&str> = parts.iter().copied().filter(|p| !p.trim().is_empty()).collect();
    if named.is_empty() {
        return Some(
            Diagnostic::error(format!("sector {path:?} names no sector"))
                .help("leave the sector out if it is not known, or write a path such as \"energy/nuclear\""),
        );
    }
    let (first, last) = (parts[0].trim().is_empty(), parts[parts.len() - 1].trim().is_empty());
    let why = match (first, last) {
        (true, true) => "it starts and ends with a slash",
        (true, false) => "it starts with a slash",
        (false, true) => "it ends with a slash",
        (false, false) => "two slashes with nothing between them",
    };
    let help = format!(
        "write {:?}: a sector is its parts joined by single slashes, broadest first",
        named.join("/")
    );
    Some(Diagnostic::error(format!("sector {path:?} has an empty part: {why}")).help(help))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_parts_are_told_with_the_path_meant() {
        for good in ["energy", "energy/nuclear", " energy/nuclear ", "a b/c d"] {
            assert!(flaw(good).is_none(), "{good}");
        }
        let said = |path: &str| {
            let d = flaw(path).expect(path);
            (d.message, d.help.unwrap_or_default())
        };
        let (message, help) = said("/energy/");
        assert_eq!(
            message,
            "sector \"/energy/\" has an empty part: it starts and ends with a slash"
        );
        assert!(help.starts_with("write \"energy\":"), "{help}");
        assert!(said("energy//nuclear")
            .0
            .ends_with("two slashes with nothing between them"));
        assert!(said("energy//nuclear").1.starts_with("write \"energy/nuclear\":"));
        assert!(said("energy/").0.ends_with("it ends with a slash"));
        assert!(said("energy/ /x").0.ends_with("two slashes with nothing between them"));
        assert!(said("/x").0.ends_with("it starts with a slash"));
        assert_eq!(said("").0, "sector \"\" names no sector");
        assert!(said("/").1.starts_with("leave the sector out"));
    }
}
