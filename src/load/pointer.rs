//! Which record and which field a place in a JSON dataset text falls in, for the messages
//! of errors serde_json reports by line and column only ("invalid type: integer `42`,
//! expected a string"). Runs only on the error path: a second read of the text up to the
//! error is cheap beside the care it saves.

/// A step from a JSON value into one of its children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    Key(String),
    Index(usize),
}

/// The steps from the top of `text` to the innermost value at byte `offset`, each with
/// the byte offset where its value starts; `None` when the text before it is not JSON.
///
/// serde_json places an error at the last byte it read: the last byte of a scalar of the
/// wrong type, or the byte before a container it only peeked at (a space, a `:`, or the
/// `[` of the array holding it). The value meant is then the container that follows.
pub(super) fn path_at(text: &str, offset: usize) -> Option<Vec<(Step, usize)>> {
    let bytes = text.as_bytes();
    let mut target = offset.min(bytes.len().saturating_sub(1));
    if matches!(
        bytes.get(target),
        Some(b' ' | b'\t' | b'\n' | b'\r' | b':' | b',' | b'[' | b'{')
    ) {
        let next = (target + 1..bytes.len()).find(|&i| !bytes[i].is_ascii_whitespace());
        if let Some(next) = next.filter(|&i| matches!(bytes[i], b'[' | b'{')) {
            target = next;
        }
    }
    let mut walk = Walk {
        bytes,
        pos: 0,
        target,
        path: Vec::new(),
    };
    walk.ws();
    match walk.value(0)? {
        true => Some(walk.path),
        false => None,
    }
}

/// Past this depth the walk gives up: serde_json refuses deeper texts anyway.
const MAX_DEPTH: usize = 256;

struct Walk<'t> {
    bytes: &'t [u8],
    pos: usize,
    target: usize,
    path: Vec<(Step, usize)>,
}

impl Walk<'_> {
    fn ws(&mut self) {
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_whitespace) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.ws();
        let next = self.bytes.get(self.pos) == Some(&byte);
        self.pos += usize::from(next);
        next
    }

    /// Reads the value at the position: `Some(true)` when the target lies in it (the path
    /// then leads to the innermost value holding it), `Some(false)` when it ends before.
    fn value(&mut self, depth: usize) -> Option<bool> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.pos;
        match *self.bytes.get(start)? {
            open @ (b'{' | b'[') => {
                self.pos += 1;
                if self.target == start {
                    return Some(true);
                }
                let close = if open == b'{' { b'}' } else { b']' };
                if self.eat(close) {
                    return Some(self.target < self.pos);
                }
                for index in 0.. {
                    self.ws();
                    let step = if open == b'{' {
                        let key_start = self.pos;
                        self.string()?;
                        let key = serde_json::from_slice::<String>(&self.bytes[key_start..self.pos]).ok()?;
                        if !self.eat(b':') {
                            return None;
                        }
                        self.ws();
                        Step::Key(key)
                    } else {
                        Step::Index(index)
                    };
                    if self.target < self.pos {
                        // On a key, or between values: the container is meant.
                        return Some(true);
                    }
                    self.path.push((step, self.pos));
                    if self.value(depth + 1)? {
                        return Some(true);
                    }
                    self.path.pop();
                    if self.eat(b',') {
                        continue;
                    }
                    if self.eat(close) {
                        break;
                    }
                    return None;
                }
                Some(self.target < self.pos)
            }
            b'"' => {
                self.string()?;
                Some(self.target < self.pos)
            }
            _ => {
                let len = self.bytes[start..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.'))
                    .count();
                if len == 0 {
                    return None;
                }
                self.pos += len;
                Some(self.target < self.pos)
            }
        }
    }

    /// Skips a string, escapes included.
    fn string(&mut self) -> Option<()> {
        if self.bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        let mut i = self.pos + 1;
        loop {
            match *self.bytes.get(i)? {
                b'"' => break,
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        self.pos = i + 1;
        Some(())
    }
}

/// The record and field a path leads to, for a message: (`entity "a"`, `field "name"`).
/// Either is `None` when the path does not reach that far.
pub(super) fn describe(text: &str, path: &[(Step, usize)]) -> (Option<String>, Option<String>) {
    let table = match path.first() {
        Some((Step::Key(key), _)) => key.as_str(),
        _ => return (None, None),
    };
    let record = match path.get(1) {
        Some(&(Step::Index(i), start)) => record_name(text, table, i, start),
        _ => None,
    };
    let field = match (record.is_some(), path.get(2), path.get(3)) {
        (false, _, _) => Some(format!("field {table:?}")),
        (true, Some((Step::Key(key), _)), Some((Step::Index(i), _))) => Some(format!("field {key:?}, item {}", i + 1)),
        (true, Some((Step::Key(key), _)), _) => Some(format!("field {key:?}")),
        (true, _, _) => None,
    };
    (record, field)
}

/// `entity "a"`, `participation "a" in "p"`, or `entity #3` for one with no string id.
fn record_name(text: &str, table: &str, index: usize, start: usize) -> Option<String> {
    let kind = match table {
        "sources" => "source",
        "entities" => "entity",
        "projects" => "project",
        "participations" => "participation",
        "ties" => "tie",
        _ => return None,
    };
    let value = serde_json::Deserializer::from_str(&text[start..])
        .into_iter::<serde_json::Value>()
        .next()
        .and_then(Result::ok);
    let field = |name: &str| {
        value
            .as_ref()
            .and_then(|v| v.get(name))
            .and_then(|v| v.as_str().map(str::to_owned))
    };
    let named = if kind == "participation" {
        field("entity")
            .zip(field("project"))
            .map(|(e, p)| format!("{kind} {e:?} in {p:?}"))
    } else if kind == "tie" {
        let (from, to) = (field("from"), field("to"));
        match (from, field("kind"), to) {
            (Some(f), Some(k), Some(t)) => Some(format!("tie {f:?} {k} {t:?}")),
            (Some(f), _, _) => Some(format!("tie from {f:?}")),
            _ => None,
        }
    } else {
        field("id").map(|id| format!("{kind} {id:?}"))
    };
    Some(named.unwrap_or_else(|| format!("{kind} #{}", index + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record and field at the place serde_json reports an error in `text` at.
    fn at_error(text: &str) -> (Option<String>, Option<String>) {
        let e = serde_json::from_str::<crate::load::raw::MapOnly<crate::load::RawDataset>>(text)
            .err()
            .expect("an error");
        let line_start: usize = text.split_inclusive('\n').take(e.line() - 1).map(str::len).sum();
        let path = path_at(text, line_start + e.column() - 1).expect("a path");
        describe(text, &path)
    }

    fn some(record: &str, field: &str) -> (Option<String>, Option<String>) {
        (Some(record.into()), Some(field.into()))
    }

    #[test]
    fn finds_the_record_and_field_of_a_type_error() {
        for (text, want) in [
            (
                r#"{"entities": [{"id": "a", "name": 42}]}"#,
                some("entity \"a\"", "field \"name\""),
            ),
            (
                r#"{"entities": [{"name": 42, "id": "a"}]}"#,
                some("entity \"a\"", "field \"name\""),
            ),
            (
                "{\"entities\": [{\"id\": \"a\", \"name\": \"A\"},\n {\"id\": \"b\", \"name\":\n [1]}]}",
                some("entity \"b\"", "field \"name\""),
            ),
            (
                r#"{"entities": [{"id": "a", "name": {"x": 1}}]}"#,
                some("entity \"a\"", "field \"name\""),
            ),
            (
                r#"{"entities": [{"id": "a", "name": null}]}"#,
                some("entity \"a\"", "field \"name\""),
            ),
            (
                r#"{"entities": [{"id": "a", "name": "A", "aliases": ["x", 5]}]}"#,
                some("entity \"a\"", "field \"aliases\", item 2"),
            ),
            (
                r#"{"entities": [{"id": "x\"y", "name": true}]}"#,
                some("entity \"x\\\"y\"", "field \"name\""),
            ),
            (
                r#"{"entities": [{"id": 7, "name": "A"}]}"#,
                some("entity #1", "field \"id\""),
            ),
            (
                r#"{"entities": [{"id": "a", "name": "A"}, ["b", "B"]]}"#,
                (Some("entity #2".into()), None),
            ),
            (
                r#"{"participations": [{"entity": "a", "project": "p", "sources": "S1"}]}"#,
                some("participation \"a\" in \"p\"", "field \"sources\""),
            ),
            (
                r#"{"projects": [{"id": "p", "name": "P", "value": -5}]}"#,
                some("project \"p\"", "field \"value\""),
            ),
            (r#"{"entities": 5}"#, (None, Some("field \"entities\"".into()))),
            (r#"{"sources": {}}"#, (None, Some("field \"sources\"".into()))),
        ] {
            assert_eq!(at_error(text), want, "{text}");
        }
    }

    #[test]
    fn gives_up_on_what_is_not_json() {
        assert_eq!(path_at("{\"a\": [1 2]}", 9), None);
        assert_eq!(path_at(&"[".repeat(1000), 999), None);
        assert!(path_at("[]", 0).is_some_and(|p| p.is_empty()));
    }
}
