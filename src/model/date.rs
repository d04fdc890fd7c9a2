//! Calendar dates at year, month or day precision, in 4 bytes.

use std::fmt;
use std::num::NonZeroU32;

/// A calendar date at year, month or day precision ("2025", "2025-10", "2025-10-28").
///
/// Stored as `yyyymmdd` with zeros for the missing parts, so dates order correctly and a
/// month-precision date sorts before every day of that month. The top bit is always set:
/// never zero, an `Option<Date>` takes 4 bytes in each of millions of links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NonZeroU32);

/// The bit every [`Date`] sets.
const DATE_FLAG: NonZeroU32 = NonZeroU32::new(1 << 31).expect("not zero");

impl Date {
    /// Parses an ISO 8601 calendar date at year, month or day precision; `None` for
    /// anything else, a day the calendar does not have included ([`Date::read`] says why).
    ///
    /// ```
    /// use partnet::model::Date;
    /// assert_eq!(Date::parse("2025-10-28").unwrap().to_string(), "2025-10-28");
    /// assert!(Date::parse("2025-10").unwrap() < Date::parse("2025-10-01").unwrap());
    /// assert!(Date::parse("2025-13-01").is_none());
    /// assert!(Date::parse("2025-02-29").is_none() && Date::parse("2024-02-29").is_some());
    /// ```
    pub fn parse(text: &str) -> Option<Date> {
        Date::read(text).ok()
    }

    /// Parses a date like [`Date::parse`], saying what is wrong with one that is not.
    pub fn read(text: &str) -> Result<Date, DateError> {
        // Read at fixed places: the building thread parses a date for most of a large
        // file's records, and splitting on '-' cost more than the rest.
        let b = text.as_bytes();
        let digits = |from: usize, to: usize| {
            b[from..to]
                .iter()
                .try_fold(0, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
                .ok_or(DateError::Shape)
        };
        let dash = |at: usize| b[at] == b'-';
        let (year, month, day) = match b.len() {
            4 => (digits(0, 4)?, 0, 0),
            7 if dash(4) => (digits(0, 4)?, digits(5, 7)?, 0),
            10 if dash(4) && dash(7) => (digits(0, 4)?, digits(5, 7)?, digits(8, 10)?),
            _ => return Err(DateError::Shape),
        };
        if b.len() > 4 && !(1..=12).contains(&month) {
            return Err(DateError::Shape);
        }
        if b.len() > 7 && !(1..=days_in_month(year, month)).contains(&day) {
            return Err(if (1..=31).contains(&day) {
                DateError::NoSuchDay { year, month }
            } else {
                DateError::Shape
            });
        }
        Ok(Date(DATE_FLAG | (year * 10000 + month * 100 + day)))
    }
}

impl Date {
    /// The date as one number, `DATE_FLAG | yyyymmdd`: what [`Date::from_bits`] reads back
    /// (the snapshot stores dates so).
    pub fn to_bits(self) -> u32 {
        self.0.get()
    }

    /// The date [`Date::to_bits`] gave, or `None` for a number no date gives.
    ///
    /// ```
    /// use partnet::model::Date;
    /// let d = Date::parse("2024-02-29").unwrap();
    /// assert_eq!(Date::from_bits(d.to_bits()), Some(d));
    /// assert_eq!(Date::from_bits(20250229 | 1 << 31), None);
    /// assert_eq!(Date::from_bits(20250228), None);
    /// ```
    pub fn from_bits(bits: u32) -> Option<Date> {
        let n = bits.checked_sub(DATE_FLAG.get())?;
        let (year, month, day) = (n / 10000, n / 100 % 100, n % 100);
        let fits = match (month, day) {
            (0, 0) => year <= 9999,
            (1..=12, 0) => year <= 9999,
            (1..=12, _) => year <= 9999 && day <= days_in_month(year, month),
            _ => false,
        };
        fits.then(|| Date(NonZeroU32::new(bits).expect("the flag is set")))
    }
}

impl Date {
    /// The last day the date covers: the day itself, the month's last day, or a year's
    /// December 31st. A bound "up to and including" a month or a year means its end: a
    /// month-precision date sorts before the days of its month, so as a bound it would leave
    /// them all out.
    ///
    /// ```
    /// use partnet::model::Date;
    /// let last = |d: &str| Date::parse(d).unwrap().last_day().to_string();
    /// assert_eq!(last("2025"), "2025-12-31");
    /// assert_eq!((last("2024-02"), last("2025-02")), ("2024-02-29".into(), "2025-02-28".into()));
    /// assert_eq!(last("2025-11-05"), "2025-11-05");
    /// ```
    pub fn last_day(self) -> Date {
        let n = self.0.get() - DATE_FLAG.get();
        let (year, month, day) = (n / 10000, n / 100 % 100, n % 100);
        let (month, day) = match (month, day) {
            (0, _) => (12, 31),
            (m, 0) => (m, days_in_month(year, m)),
            (m, d) => (m, d),
        };
        Date(DATE_FLAG | (year * 10000 + month * 100 + day))
    }
}

impl Date {
    /// The first day that sorts after every day this date covers: the next day of a day,
    /// the first of the next month after a month, January 1st of the next year after a year.
    /// What is shown "up to and including" a date is gone from this day on (a tie's `until`).
    ///
    /// ```
    /// use partnet::model::Date;
    /// let after = |d: &str| Date::parse(d).unwrap().day_after().to_string();
    /// assert_eq!(after("2025-06-30"), "2025-07-01");
    /// assert_eq!(after("2024-02-28"), "2024-02-29");
    /// assert_eq!(after("2025-12-31"), "2026-01-01");
    /// assert_eq!((after("2025-06"), after("2025")), ("2025-07-01".into(), "2026-01-01".into()));
    /// ```
    pub fn day_after(self) -> Date {
        let n = self.last_day().0.get() - DATE_FLAG.get();
        let (year, month, day) = (n / 10000, n / 100 % 100, n % 100);
        let (year, month, day) = if day < days_in_month(year, month) {
            (year, month, day + 1)
        } else if month < 12 {
            (year, month + 1, 1)
        } else if year < 9999 {
            (year + 1, 1, 1)
        } else {
            return self.last_day(); // no later date can be written
        };
        Date(DATE_FLAG | (year * 10000 + month * 100 + day))
    }
}

/// Days in a month (1-12) of the Gregorian calendar: a table, and February's leap rule.
fn days_in_month(year: u32, month: u32) -> u32 {
    const DAYS: [u8; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let leap = || year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    u32::from(DAYS[month as usize - 1]) + u32::from(month == 2 && leap())
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Why a text is not a [`Date`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or a month or day out of every range.
    Shape,
    /// A day this month does not have: 2025-02-30, 2025-04-31, 2026-02-29.
    NoSuchDay { year: u32, month: u32 },
}

impl DateError {
    /// What to write instead.
    pub fn help(self) -> String {
        match self {
            DateError::Shape => "write dates as YYYY-MM-DD, YYYY-MM or YYYY".into(),
            DateError::NoSuchDay { year, month } => format!(
                "use a day the month has (the last is {year:04}-{month:02}-{:02}), or write the month alone: {year:04}-{month:02}",
                days_in_month(year, month)
            ),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DateError::Shape => f.write_str("not a date in the form YYYY-MM-DD, YYYY-MM or YYYY"),
            DateError::NoSuchDay { year, month } => write!(
                f,
                "{} {year:04} has {} days",
                MONTHS[month as usize - 1],
                days_in_month(year, month)
            ),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ymd = self.0.get() & !DATE_FLAG.get();
        let (y, m, d) = (ymd / 10000, ymd / 100 % 100, ymd % 100);
        match (m, d) {
            (0, _) => write!(f, "{y:04}"),
            (_, 0) => write!(f, "{y:04}-{m:02}"),
            _ => write!(f, "{y:04}-{m:02}-{d:02}"),
        }
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reading of dates `Date::parse` had before it read at fixed places, with the
    /// calendar checked another way than `Date::parse` does: a day exists when it comes
    /// before the first of the next month, counted in days from an epoch.
    fn by_parts(text: &str) -> Option<Date> {
        let digits = |s: &str, width: usize| {
            (s.len() == width && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
        };
        let mut parts = text.split('-');
        let year: u32 = digits(parts.next()?, 4)?;
        let month: u32 = parts.next().map(|m| digits(m, 2)).unwrap_or(Some(0))?;
        let day: u32 = parts.next().map(|d| digits(d, 2)).unwrap_or(Some(0))?;
        if parts.next().is_some() || month > 12 || day > 31 || (month == 0 && day != 0) {
            return None;
        }
        if text.len() > 4 && month == 0 || text.len() > 7 && day == 0 {
            return None;
        }
        if day > 0 {
            let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
            if days_from_civil(year, month, day) >= days_from_civil(next_year, next_month, 1) {
                return None;
            }
        }
        Some(Date(DATE_FLAG | (year * 10000 + month * 100 + day)))
    }

    /// Days since 0000-03-01 of a proleptic Gregorian date (Howard Hinnant's algorithm);
    /// a day past the month's end counts on into the next month.
    fn days_from_civil(year: u32, month: u32, day: u32) -> i64 {
        let (y, m, d) = (
            i64::from(year) - i64::from(month <= 2),
            i64::from(month),
            i64::from(day),
        );
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe
    }

    proptest! {
        #[test]
        fn reads_dates_as_split_parts_did(text in "[0-9]{0,5}(-[0-9]{0,3}){0,3}|[0-9a-z\u{e9}-]{0,11}") {
            prop_assert_eq!(Date::parse(&text), by_parts(&text));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]
        /// Well-formed dates: the ends of months, February and the century years most of all.
        #[test]
        fn knows_the_calendar(
            year in prop_oneof![Just(2000u32), Just(2100), Just(1900), Just(2024), Just(2025), Just(0), Just(9999), 0u32..10000],
            month in prop_oneof![Just(2u32), 0u32..=13],
            day in prop_oneof![28u32..=31, 0u32..=32],
        ) {
            let text = format!("{year:04}-{month:02}-{day:02}");
            prop_assert_eq!(Date::parse(&text), by_parts(&text), "{}", text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        /// A snapshot's number for a date reads back as that date, and any other number as
        /// none: what `from_bits` gives is what the text of it parses to.
        #[test]
        fn bits_read_back_as_the_date_and_nothing_else(
            bits in prop_oneof![any::<u32>(), (0u32..100_000_000).prop_map(|n| n | DATE_FLAG.get())],
            year in 0u32..10000, month in 0u32..=12, day in 0u32..=31,
        ) {
            if let Some(d) = Date::from_bits(bits) {
                prop_assert_eq!(d.to_bits(), bits);
                prop_assert_eq!(Date::parse(&d.to_string()), Some(d));
            }
            let text = match (month, day) {
                (0, _) => format!("{year:04}"),
                (m, 0) => format!("{year:04}-{m:02}"),
                (m, d) => format!("{year:04}-{m:02}-{d:02}"),
            };
            if let Some(d) = Date::parse(&text) {
                prop_assert_eq!(Date::from_bits(d.to_bits()), Some(d));
            }
        }
    }

    #[test]
    fn reads_every_precision_and_refuses_the_rest() {
        for (text, shown) in [
            ("2025", Some("2025")),
            ("2025-10", Some("2025-10")),
            ("2025-10-28", Some("2025-10-28")),
            ("2024-02-29", Some("2024-02-29")),
            ("2000-02-29", Some("2000-02-29")),
            ("2025-12-31", Some("2025-12-31")),
        ] {
            assert_eq!(Date::parse(text).map(|d| d.to_string()).as_deref(), shown);
        }
        for text in [
            "",
            "25",
            "2025-1",
            "2025-00",
            "2025-13",
            "2025-10-00",
            "2025-10-32",
            "2025-1-028",
            "２０２５",
            "2025-02-29",
            "2025-02-30",
            "2025-04-31",
            "2026-02-29",
            "2100-02-29",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }
}
