//! Item dates: a full day, a month or only a year, as archives often know no more.
//!
//! Pure parsing; knows nothing about files or the index.

use std::fmt;

/// A date with optional month and day (`2022-10-06`, `2022-10` or `2022`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl ItemDate {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; the error says what is wrong.
    pub fn parse(text: &str) -> Result<ItemDate, String> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, width: usize, what: &str| -> Result<u32, String> {
            if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "`{text}` is not a valid date: the {what} must have {width} digits (write YYYY-MM-DD, YYYY-MM or YYYY)"
                ));
            }
            Ok(part.parse().unwrap_or(0))
        };
        if parts.is_empty() || parts.len() > 3 {
            return Err(format!(
                "`{text}` is not a valid date (write YYYY-MM-DD, YYYY-MM or YYYY)"
            ));
        }
        let year = number(parts[0], 4, "year")?;
        if !(1000..=2999).contains(&year) {
            return Err(format!("`{text}` has an unlikely year {year}"));
        }
        let month = match parts.get(1) {
            Some(part) => {
                let month = number(part, 2, "month")?;
                if !(1..=12).contains(&month) {
                    return Err(format!(
                        "`{text}` has month {month}; months run from 01 to 12"
                    ));
                }
                Some(month as u8)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(part), Some(month)) => {
                let day = number(part, 2, "day")?;
                let last = days_in_month(year, month as u32);
                if day < 1 || day > last {
                    return Err(format!(
                        "`{text}` has day {day}, but that month has {last} days"
                    ));
                }
                Some(day as u8)
            }
            _ => None,
        };
        Ok(ItemDate {
            year: year as u16,
            month,
            day,
        })
    }

    /// A sortable number: YYYYMMDD with 00 for what is unknown.
    pub fn sort_key(&self) -> u64 {
        self.year as u64 * 10_000
            + self.month.unwrap_or(0) as u64 * 100
            + self.day.unwrap_or(0) as u64
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for ItemDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

impl serde::Serialize for ItemDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for ItemDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ItemDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_precisions() {
        assert_eq!(
            ItemDate::parse("2022-10-06").unwrap().to_string(),
            "2022-10-06"
        );
        assert_eq!(ItemDate::parse("2022-10").unwrap().sort_key(), 20221000);
        assert_eq!(ItemDate::parse("2022").unwrap().year, 2022);
    }

    #[test]
    fn rejects_impossible_dates_with_a_reason() {
        assert!(ItemDate::parse("2022-02-30")
            .unwrap_err()
            .contains("28 days"));
        assert!(ItemDate::parse("2022-13").unwrap_err().contains("month 13"));
        assert!(ItemDate::parse("22-10-06").unwrap_err().contains("YYYY"));
        assert!(ItemDate::parse("6 oktober 2022").is_err());
    }
}
