//! Suggestions for metadata a file does not give: dates written in the text, and speakers,
//! themes and series the archive already knows that the text mentions.
//!
//! Pure: text and the known values in, suggestions out.

use std::collections::BTreeSet;

use crate::archive::slug::fold;
use crate::archive::{ItemDate, Loaded};
use crate::index::Dimension;

/// The names the archive already uses, to recognise them in new text.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub speakers: BTreeSet<String>,
    pub themes: BTreeSet<String>,
    pub series: BTreeSet<String>,
}

impl Known {
    /// From the values `values` gives for each dimension (`speaker`, `theme`, `series`): the
    /// index's facet values, so that nothing reads the archive.
    pub fn from_values(mut values: impl FnMut(Dimension) -> BTreeSet<String>) -> Known {
        Known {
            speakers: values(Dimension::Speaker),
            themes: values(Dimension::Theme),
            series: values(Dimension::Series),
        }
    }

    pub fn from_loaded(loaded: &Loaded) -> Known {
        let mut known = Known::default();
        for loaded in &loaded.items {
            let item = &loaded.item;
            known
                .speakers
                .extend(item.speakers.iter().map(|s| s.name.clone()));
            known.themes.extend(item.themes.iter().cloned());
            known.series.extend(item.series.iter().cloned());
        }
        known
    }
}

/// The known values that occur in the text as whole words (accents and case ignored).
pub fn mentioned<'a>(values: impl IntoIterator<Item = &'a String>, text: &str) -> Vec<String> {
    let haystack = format!(" {} ", words_only(&fold(text)));
    values
        .into_iter()
        .filter(|value| {
            let needle = words_only(&fold(value));
            !needle.trim().is_empty() && haystack.contains(&format!(" {} ", needle.trim()))
        })
        .cloned()
        .collect()
}

/// Letters and digits kept, everything else one space.
fn words_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out
}

const MONTHS: [(&str, u8); 24] = [
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("april", 4),
    ("mei", 5),
    ("juni", 6),
    ("juli", 7),
    ("augustus", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("october", 10),
    ("sept", 9),
    ("okt", 10),
    ("jan", 1),
    ("dec", 12),
];

/// The first full date written in the text (`2022-10-06`, `6 oktober 2022`, `October 6, 2022`),
/// with the words it was found in.
pub fn first_date(text: &str) -> Option<(ItemDate, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        let clean = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if clean.len() == 10 && clean.as_bytes()[4] == b'-' {
            if let Ok(date) = ItemDate::parse(clean) {
                return Some((date, clean.to_string()));
            }
        }
        let Some(month) = month(clean) else { continue };
        let number = |w: Option<&&str>| -> Option<u32> {
            w?.trim_matches(|c: char| !c.is_ascii_digit()).parse().ok()
        };
        // `6 oktober 2022` or `October 6, 2022`.
        let (day, year, from, to) = match (
            number(i.checked_sub(1).and_then(|j| words.get(j))),
            number(words.get(i + 1)),
            number(words.get(i + 2)),
        ) {
            (Some(day), Some(year), _) if day <= 31 && year > 999 => (day, year, i - 1, i + 1),
            (_, Some(day), Some(year)) if day <= 31 && year > 999 => (day, year, i, i + 2),
            _ => continue,
        };
        if let Ok(date) = ItemDate::parse(&format!("{year:04}-{month:02}-{day:02}")) {
            return Some((date, words[from..=to].join(" ")));
        }
    }
    None
}

fn month(word: &str) -> Option<u8> {
    let word = word.to_lowercase();
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dates_written_in_dutch_english_and_iso() {
        let (date, words) = first_date("De bijeenkomst op 6 oktober 2022 in Utrecht.").unwrap();
        assert_eq!(date.to_string(), "2022-10-06");
        assert_eq!(words, "6 oktober 2022");
        assert_eq!(
            first_date("Held on October 6, 2022.")
                .unwrap()
                .0
                .to_string(),
            "2022-10-06"
        );
        assert_eq!(
            first_date("Zie 2021-03-04.").unwrap().0.to_string(),
            "2021-03-04"
        );
        assert!(first_date("Op 6 oktober was het druk.").is_none());
    }

    #[test]
    fn mentions_ignore_accents_and_need_whole_words() {
        let known = vec![
            "Herman de Mönnink".to_string(),
            "armoede".to_string(),
            "werk".to_string(),
        ];
        let found = mentioned(&known, "Zei Herman de Monnink over het sociaal werken.");
        assert_eq!(found, vec!["Herman de Mönnink"]);
    }
}
