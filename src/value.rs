//! Money values as news reports state them: "up to $100B", "about $36B", "$1B-$2B".
//!
//! A reported value is rarely exact, and the qualifier matters: adding "up to $100B" to
//! "$25B" gives "up to $125B", never "$125B". [`Value`] keeps the qualifier next to the
//! amount so that sums stay honest.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

/// Why a value could not be read: the value as written, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    pub text: String,
    pub why: Why,
}

/// What is wrong with a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Not an amount partnet can read.
    Unreadable,
    /// Below zero: a value is an amount committed or invested.
    Negative,
    /// Above [`CEILING`] (infinity included).
    TooLarge,
    /// In another currency than the US dollar ("€5B", "¥300 billion").
    Currency,
}

/// Whether an unreadable value names a currency other than the dollar: a symbol, or a code
/// or name as a word.
fn foreign_currency(lower: &str) -> bool {
    const SYMBOLS: &[char] = &['€', '£', '¥', '₹', '₩', '₽', '₺', '₪', '₫', '₱', '元', '円'];
    const WORDS: &[&str] = &[
        "eur", "euro", "euros", "gbp", "jpy", "yen", "cny", "rmb", "yuan", "chf", "krw", "inr", "rupees", "cad", "aud",
        "pounds", "sterling",
    ];
    lower.contains(SYMBOLS)
        || lower
            .split(|c: char| !c.is_alphabetic())
            .any(|word| WORDS.contains(&word))
}

impl ValueError {
    fn new(text: &str, why: Why) -> ValueError {
        ValueError {
            text: text.to_string(),
            why,
        }
    }

    /// What to do about it.
    pub fn help(&self) -> &'static str {
        self.why.help()
    }
}

impl Why {
    /// What to do about a value with this problem.
    pub fn help(self) -> &'static str {
        match self {
            Why::Unreadable => "fix the value or leave it out",
            Why::Negative => {
                "a value is an amount of money committed or invested, 0 or more; put a loss or a cut in the note"
            }
            Why::TooLarge => {
                "no reported deal comes near: check the unit (K thousand, M million, B billion, T trillion)"
            }
            Why::Currency => {
                "convert the amount to US dollars (at the rate of its date) and keep the amount as reported in the note"
            }
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A number as written; a text in quotes.
        let text = match self.text.parse::<f64>() {
            Ok(_) => self.text.clone(),
            Err(_) => format!("{:?}", self.text),
        };
        match self.why {
            Why::Unreadable => write!(
                f,
                "cannot read value {text}: write it like \"$25B\", \"up to $100B\", \"about $600M\" or \"$1B-$2B\""
            ),
            Why::Negative => write!(f, "value {text} is negative"),
            Why::TooLarge => write!(f, "value {text} is above the ceiling of $1000T (10^15 US dollars)"),
            Why::Currency => write!(
                f,
                "cannot read value {text}: values are in US dollars, written like \"$25B\" or \"up to $100B\""
            ),
        }
    }
}

impl std::error::Error for ValueError {}

const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("up to", Qualifier::UpTo),
    ("as much as", Qualifier::UpTo),
    ("at most", Qualifier::UpTo),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("approximately", Qualifier::About),
    ("approx.", Qualifier::About),
    ("roughly", Qualifier::About),
    ("some", Qualifier::About),
    ("~", Qualifier::About),
    ("at least", Qualifier::AtLeast),
    ("more than", Qualifier::AtLeast),
    ("over", Qualifier::AtLeast),
    (">=", Qualifier::AtLeast),
];

impl std::str::FromStr for Value {
    type Err = ValueError;

    fn from_str(text: &str) -> Result<Value, ValueError> {
        // Lowercased without a copy when it already is.
        let trimmed = text.trim();
        let lower: std::borrow::Cow<str> = if trimmed.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            trimmed.to_lowercase().into()
        } else {
            trimmed.into()
        };
        let err = || {
            let why = if foreign_currency(&lower) {
                Why::Currency
            } else {
                Why::Unreadable
            };
            ValueError::new(text, why)
        };
        let mut rest = &*lower;
        let mut qualifier = Qualifier::Exact;
        for (words, q) in QUALIFIERS {
            if let Some(r) = rest.strip_prefix(words) {
                if words.ends_with(|c: char| c.is_alphabetic()) && r.starts_with(|c: char| c.is_alphanumeric()) {
                    continue;
                }
                qualifier = *q;
                rest = r.trim_start();
                break;
            }
        }
        if rest.starts_with(['-', '\u{2212}']) {
            return Err(ValueError::new(text, Why::Negative));
        }
        let (lo, hi) = match split_range(rest) {
            Some((a, b)) => (a, b),
            None => (rest, rest),
        };
        let mut hi_amount = parse_amount(hi, None).ok_or_else(err)?;
        // "$1-2B": the unit of the upper end applies to the lower end too.
        let lo_amount = parse_amount(lo, Some(hi_amount.1)).ok_or_else(err)?;
        if lo_amount.0 > hi_amount.0 {
            return Err(err());
        }
        hi_amount.0 = hi_amount.0.max(lo_amount.0);
        // Infinity too ("1" and 400 zeros); never NaN: digits times a unit.
        if hi_amount.0 > CEILING {
            return Err(ValueError::new(text, Why::TooLarge));
        }
        Ok(Value {
            min: lo_amount.0,
            max: hi_amount.0,
            qualifier,
        })
    }
}

fn split_range(s: &str) -> Option<(&str, &str)> {
    // Skip the first character: a leading '-' would be a sign, not a range separator.
    let start = s.chars().next().map_or(0, char::len_utf8);
    // Every separator holds a space, a hyphen or a non-ASCII byte.
    if !s.as_bytes()[start..]
        .iter()
        .any(|&b| b == b' ' || b == b'-' || !b.is_ascii())
    {
        return None;
    }
    for sep in [" to ", "–", "—", "-"] {
        if let Some(i) = s[start..].find(sep) {
            let i = i + start;
            return Some((s[..i].trim(), s[i + sep.len()..].trim()));
        }
    }
    None
}

/// Reads "$2.5B", "2.5 billion", "600m", "usd 3bn". Returns the amount and the unit
/// multiplier used, so a bare lower range end can borrow the upper end's unit.
fn parse_amount(s: &str, default_unit: Option<f64>) -> Option<(f64, f64)> {
    let s = s.trim();
    let s = s
        .strip_prefix("us$")
        .or_else(|| s.strip_prefix("usd"))
        .unwrap_or(s)
        .trim_start();
    let s = s.strip_prefix('$').unwrap_or(s).trim_start();
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(s.len());
    let digits = &s[..end];
    let number: f64 = if digits.contains(',') {
        digits.replace(',', "").parse().ok()?
    } else {
        digits.parse().ok()?
    };
    let unit = match s[end..].trim() {
        "" => default_unit.unwrap_or(1.0),
        "k" | "thousand" => 1e3,
        "m" | "mn" | "million" => 1e6,
        "b" | "bn" | "billion" => 1e9,
        "t" | "tn" | "trillion" => 1e12,
        _ => return None,
    };
    // Not finite is too large: the caller says so.
    Some((number * unit, unit))
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
    fn reads_qualifiers_and_units() {
        assert_eq!(
            v("up to $100B"),
            Value {
                min: 1e11,
                max: 1e11,
                qualifier: Qualifier::UpTo
            }
        );
        assert_eq!(v("about $36B").qualifier, Qualifier::About);
        assert_eq!(v("at least $80B").qualifier, Qualifier::AtLeast);
        assert_eq!(v("$600M").max, 6e8);
        assert_eq!(v("$2.1B").max, 2.1e9);
        assert_eq!(v("3 billion").max, 3e9);
        assert_eq!(v("USD 1,500 million").max, 1.5e9);
        assert_eq!(v("$1-2B").min, 1e9);
        assert_eq!(v("$1B to $2B").max, 2e9);
        assert_eq!((v("$1B–$2B").min, v("$1B—$2B").max), (1e9, 2e9));
        assert_eq!(v(" About $1,500M ").qualifier, Qualifier::About);
        assert_eq!(v("$350M").to_string(), "$350M");
    }

    #[test]
    fn rejects_nonsense() {
        for bad in ["", "lots", "$", "$5Q", "$3B-$1B", "upto"] {
            assert!(bad.parse::<Value>().is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn refuses_negative_and_too_large_amounts_naming_them() {
        for (text, why) in [
            ("-$5B", Why::Negative),
            ("about -5 billion", Why::Negative),
            ("\u{2212}$1M", Why::Negative),
            ("$1001T", Why::TooLarge),
            ("€5B", Why::Currency),
            ("about 300 billion yen", Why::Currency),
            ("EUR 2 billion", Why::Currency),
            ("£40M-£60M", Why::Currency),
            ("lots", Why::Unreadable),
            ("5 eurodollars", Why::Unreadable),
            ("up to $1B-$2000T", Why::TooLarge),
            (&format!("${}", "9".repeat(400)), Why::TooLarge),
        ] {
            let e = text.parse::<Value>().unwrap_err();
            assert_eq!((e.text.as_str(), e.why), (text, why));
            assert!(e.to_string().contains(&format!("{text:?}")), "{e}");
        }
        assert_eq!(v("$1000T").max_usd(), CEILING);
        let json = |t: &str| {
            serde_json::from_str::<Value>(t).map_err(|e| e.to_string().split(" at line ").next().unwrap().to_string())
        };
        assert_eq!(json("-5").unwrap_err(), "value -5 is negative");
        assert_eq!(json("-0.5").unwrap_err(), "value -0.5 is negative");
        assert_eq!(
            json("1.5e308").unwrap_err(),
            "value 1.5e308 is above the ceiling of $1000T (10^15 US dollars)"
        );
        assert!(json("1000000000000001").is_err());
        assert_eq!(json("1e15").unwrap().max_usd(), CEILING);
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
