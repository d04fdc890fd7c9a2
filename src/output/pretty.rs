//! serde_json's pretty layout, two spaces a level, written with one call a line break.
//! `serde_json::ser::PrettyFormatter` writes each level of indent apart: a wide answer's
//! hundreds of thousands of records have millions of keys, each four or five levels deep.

use std::io::{self, Write};

use serde_json::ser::Formatter;

/// A line break with the indent of up to 63 levels; deeper ones are written in pieces.
const BREAK: &[u8; 127] = b"\n                                                                                                                              ";

/// The byte-for-byte layout of `serde_json::to_writer_pretty`.
#[derive(Debug, Default)]
pub struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn line_break<W: ?Sized + Write>(&self, out: &mut W) -> io::Result<()> {
        let width = 1 + 2 * self.depth;
        if width <= BREAK.len() {
            return out.write_all(&BREAK[..width]);
        }
        out.write_all(b"\n")?;
        for _ in 0..self.depth {
            out.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line_break(out)?;
        }
        out.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&self, out: &mut W, first: bool) -> io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        self.line_break(out)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.item(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.item(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` as `serde_json::to_writer_pretty` does.
pub fn to_writer<W: Write, T: ?Sized + serde::Serialize>(out: W, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(out, Pretty::default()))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn pretty(value: &Value) -> String {
        let mut out = Vec::new();
        super::to_writer(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Nested `depth` times in arrays and objects, empty ones on the way.
    fn deep(depth: usize) -> Value {
        (0..depth).fold(json!({"leaf": [1, "two", null], "empty": {}, "none": []}), |v, i| {
            if i % 2 == 0 {
                json!([v, {}])
            } else {
                json!({"k": v, "e": []})
            }
        })
    }

    #[test]
    fn nests_deeper_than_one_line_break_and_leaves_empty_brackets_closed() {
        for depth in [0, 1, 2, 62, 63, 64, 70] {
            let value = deep(depth);
            assert_eq!(
                pretty(&value),
                serde_json::to_string_pretty(&value).unwrap(),
                "depth {depth}"
            );
        }
    }

    fn any_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            "[a-z\"\\\\\n\u{e9}]{0,5}".prop_map(Value::from),
        ];
        leaf.prop_recursive(6, 64, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
                prop::collection::btree_map("[a-z]{0,3}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn writes_what_serde_json_pretty_writes(value in any_value()) {
            prop_assert_eq!(pretty(&value), serde_json::to_string_pretty(&value).unwrap());
        }
    }
}
