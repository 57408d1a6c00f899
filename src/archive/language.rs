//! Language detection for items whose front matter gives none (whatlang, Dutch/English only).
//!
//! Queries are never detected: a search runs over every language's fields.

use whatlang::{Detector, Lang};

use super::Language;

/// Detects Dutch or English from an item's title and text; Dutch when unsure (most of the archive).
pub fn detect_language(text: &str) -> Language {
    let sample: String = text.chars().take(4000).collect();
    let detector = Detector::with_allowlist(vec![Lang::Nld, Lang::Eng]);
    match detector.detect(&sample) {
        Some(info) if info.lang() == Lang::Eng && info.confidence() > 0.5 => Language::En,
        Some(info) if info.lang() == Lang::Nld => Language::Nl,
        Some(info) if info.lang() == Lang::Eng && sample.split_whitespace().count() > 20 => {
            Language::En
        }
        _ => Language::Nl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_dutch_from_english() {
        assert_eq!(
            detect_language("De sociaal werker staat onder druk, zei hij tijdens de bijeenkomst over het beleid in de wijken."),
            Language::Nl
        );
        assert_eq!(
            detect_language("Social workers are under pressure, he said during the meeting about policy in the neighbourhoods."),
            Language::En
        );
    }
}
