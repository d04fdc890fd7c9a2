//! Why a value could not be read ([`ValueError`], [`Why`]): the one-line message naming the
//! value as written, and what to do about it.

use std::fmt;

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
    /// Above [`CEILING`](super::CEILING) (infinity included).
    TooLarge,
    /// In another currency than the US dollar ("€5B", "¥300 billion").
    Currency,
}

impl ValueError {
    pub(super) fn new(text: &str, why: Why) -> ValueError {
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
