//! Reading a value as news reports write it: a qualifier ("up to", "about", "at least"),
//! an amount with its unit ("$2.5B", "600 million", "usd 3bn"), or a range of two
//! ("$1B-$2B", "$1-2B"); and, for what cannot be read, why (a foreign currency, a sign, a
//! typo of a unit).

use super::{Qualifier, Value, ValueError, Why, CEILING};

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
}
