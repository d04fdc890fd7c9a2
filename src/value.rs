//! Money values as news reports state them: "up to $100B", "about $36B", "$1B-$2B".
//!
//! A reported value is rarely exact, and the qualifier matters: adding "up to $100B" to
//! "$25B" gives "up to $125B", never "$125B". [`Value`] keeps the qualifier next to the
//! amount so that sums stay honest.
//!
//! This module is the value, its sums and how it is written; `parse` reads one from text,
//! and `error` says why a text is not one.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod error;
mod parse;

pub use error::{ValueError, Why};

/// How exact a reported amount is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Qualifier {
    /// The amount as reported, with no hedge.
    Exact,
    /// "about", "around", "approximately", "some", "roughly".
    About,
    /// "at least", "more than", "over": a lower bound.
    AtLeast,
    /// "up to", "as much as": an upper bound.
    UpTo,
}

impl Qualifier {
    /// Every qualifier, in the order of their declaration: a qualifier's place here is its
    /// number in a snapshot.
    pub const ALL: [Qualifier; 4] = [Qualifier::Exact, Qualifier::About, Qualifier::AtLeast, Qualifier::UpTo];

    /// The words put before the amount ("" for exact).
    pub fn words(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::About => "about ",
            Qualifier::AtLeast => "at least ",
            Qualifier::UpTo => "up to ",
        }
    }

    /// The qualifier of a sum of two qualified amounts: the join in the lattice
    /// Exact < {UpTo, AtLeast} < About, so a sum claims no more than its parts and the
    /// order of adding does not matter.
    fn combine(self, other: Qualifier) -> Qualifier {
        use Qualifier::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Exact, b) => b,
            (a, Exact) => a,
            // An upper bound plus a lower bound bounds nothing; "about" is all that is left.
            _ => About,
        }
    }
}

/// A value in US dollars: an amount or a range, with its qualifier.
///
/// ```
/// use partnet::value::Value;
/// let v: Value = "up to $100B".parse().unwrap();
/// assert_eq!(v.max_usd(), 100e9);
/// assert_eq!(v.to_string(), "up to $100B");
/// let r: Value = "$1B-$2.5B".parse().unwrap();
/// assert_eq!((r.min_usd(), r.max_usd()), (1e9, 2.5e9));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Value {
    pub min: f64,
    pub max: f64,
    pub qualifier: Qualifier,
}

/// The largest amount a value may state, in US dollars: $1000T, ten times the world's yearly
/// output. No reported deal comes near, so a larger one is a typo (a unit too big), and
/// with every value below it no sum of them reaches infinity.
pub const CEILING: f64 = 1e15;

impl Value {
    /// An exact amount (a negative zero is zero: it must not print as "$-0").
    pub fn exact(usd: f64) -> Value {
        let usd = usd + 0.0;
        Value {
            min: usd,
            max: usd,
            qualifier: Qualifier::Exact,
        }
    }

    /// An exact amount read from the data: finite, not negative, at most [`CEILING`].
    fn checked(usd: f64, text: impl FnOnce() -> String) -> Result<Value, ValueError> {
        let why = if usd.is_nan() {
            Why::Unreadable
        } else if usd < 0.0 {
            Why::Negative
        } else if usd > CEILING {
            Why::TooLarge
        } else {
            return Ok(Value::exact(usd));
        };
        Err(ValueError { text: text(), why })
    }

    /// The lower end of the range (the amount itself when not a range).
    pub fn min_usd(&self) -> f64 {
        self.min
    }

    /// The upper end of the range (the amount itself when not a range).
    pub fn max_usd(&self) -> f64 {
        self.max
    }
}

impl std::ops::Add for Value {
    type Output = Value;

    /// The sum of two values, with a qualifier that claims no more than both do.
    fn add(self, other: Value) -> Value {
        Value {
            min: self.min + other.min,
            max: self.max + other.max,
            qualifier: self.qualifier.combine(other.qualifier),
        }
    }
}

/// Formats a dollar amount compactly: 1e11 → "$100B", 6e8 → "$600M", 2.1e9 → "$2.1B".
pub fn format_usd(usd: f64) -> String {
    // A negative zero is zero.
    let usd = usd + 0.0;
    let (scaled, suffix) = if usd >= 1e12 {
        (usd / 1e12, "T")
    } else if usd >= 1e9 {
        (usd / 1e9, "B")
    } else if usd >= 1e6 {
        (usd / 1e6, "M")
    } else if usd >= 1e3 {
        (usd / 1e3, "K")
    } else {
        (usd, "")
    };
    // Three significant digits at most, trailing zeros dropped: stable and readable.
    let mut text = format!("{:.2}", scaled);
    while text.contains('.') && (text.ends_with('0') || text.ends_with('.')) {
        text.pop();
    }
    format!("${text}{suffix}")
}

/// A value as text that reads back to the same value: the short form ("up to $100B") when
/// it is exact, else the full amount ("up to $1234567").
///
/// ```
/// use partnet::value::{exact_text, Value};
/// assert_eq!(exact_text(Value::exact(1234567.0)), "$1234567");
/// assert_eq!(exact_text("up to $100B".parse().unwrap()), "up to $100B");
/// ```
pub fn exact_text(v: Value) -> String {
    let short = v.to_string();
    if short.parse::<Value>().is_ok_and(|back| back == v) {
        return short;
    }
    let words = v.qualifier.words();
    if v.min == v.max {
        format!("{words}${}", v.max)
    } else {
        format!("{words}${}-${}", v.min, v.max)
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.qualifier.words())?;
        if self.min == self.max {
            f.write_str(&format_usd(self.max))
        } else {
            write!(f, "{}-{}", format_usd(self.min), format_usd(self.max))
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value in USD: a number, or a string like \"up to $100B\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Value, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Value, E> {
                Value::checked(v as f64, || v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Value, E> {
                Value::checked(v as f64, || v.to_string()).map_err(E::custom)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
                // 1.5e308 rather than its 309 digits.
                let text = || {
                    if v.abs() >= 1e16 {
                        format!("{v:e}")
                    } else {
                        v.to_string()
                    }
                };
                Value::checked(v, text).map_err(E::custom)
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl schemars::JsonSchema for Value {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Value".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A value in US dollars: a number, or a string with an optional qualifier and an optional range, e.g. \"$25B\", \"up to $100B\", \"about $600M\", \"at least $80B\", \"$1B-$2B\".",
            "oneOf": [
                { "type": "number", "minimum": 0, "maximum": 1_000_000_000_000_000u64 },
                { "type": "string", "pattern": "^\\s*(?i:(up to|as much as|at most|about|around|approximately|approx\\.|roughly|some|~|at least|more than|over|>=)\\s*)?(?i:us\\$|usd)?\\s*\\$?\\s*[0-9][0-9.,]*\\s*(?i:k|thousand|m|mn|million|b|bn|billion|t|tn|trillion)?(\\s*(-|–|—|to)\\s*(?i:us\\$|usd)?\\s*\\$?\\s*[0-9][0-9.,]*\\s*(?i:k|thousand|m|mn|million|b|bn|billion|t|tn|trillion)?)?\\s*$" }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Value {
        s.parse().unwrap()
    }

    #[test]
    fn zero_is_never_negative() {
        let zero = serde_json::from_str::<Value>("-0.0").unwrap();
        assert!(zero.max_usd().is_sign_positive(), "{zero:?}");
        assert_eq!(zero.to_string(), "$0");
        assert_eq!((zero + zero).to_string(), "$0");
        assert_eq!(Value::exact(-0.0).to_string(), "$0");
        assert_eq!(format_usd(-0.0), "$0");
        assert_eq!(serde_json::to_string(&Value::exact(-0.0).max_usd()).unwrap(), "0.0");
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "up to $100B",
            "$25B",
            "about $600M",
            "at least $80B",
            "$1B-$2.5B",
            "$2.1B",
        ] {
            assert_eq!(v(s).to_string(), s);
            assert_eq!(v(&v(s).to_string()), v(s));
        }
    }

    #[test]
    fn sums_keep_the_qualifier_honest() {
        assert_eq!((v("up to $100B") + v("$25B")).to_string(), "up to $125B");
        assert_eq!((v("$1B") + v("$2B")).to_string(), "$3B");
        assert_eq!((v("up to $1B") + v("at least $2B")).qualifier, Qualifier::About);
        assert_eq!((v("up to $1B") + v("about $2B")).qualifier, Qualifier::About);
    }

    #[test]
    fn sums_do_not_depend_on_order() {
        let parts = [
            v("up to $100B"),
            v("at least $80B"),
            v("up to $40B"),
            v("$5B"),
            v("about $1B"),
        ];
        let forward = parts.iter().copied().reduce(|a, b| a + b).unwrap();
        let backward = parts.iter().rev().copied().reduce(|a, b| a + b).unwrap();
        assert_eq!(forward, backward);
        assert_eq!(forward.to_string(), "about $226B");
    }
}
