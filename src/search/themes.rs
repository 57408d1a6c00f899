//! Theme expansion: a query that names a theme of the archive's bilingual list also searches
//! its other-language term (`sociaal werk` also searches `social work`, and back), and a
//! `thema:` filter also accepts items tagged with the translation.
//!
//! Pure: works on parsed clauses, filters and the theme list; the caller builds the queries
//! and shows what was added ("ook gezocht: social work").

use super::query::{Clause, Filters};
use super::FacetCount;
use crate::archive::themes::{fold, ThemeList};

/// The longest theme, in words, that is looked for in a query.
const MAX_THEME_WORDS: usize = 4;

/// Clauses `start..start + len` of a query name a theme; `alternatives` are its translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    pub start: usize,
    pub len: usize,
    pub alternatives: Vec<String>,
}

/// The themes named in a query: a quoted phrase, or a run of plain words, that equals a theme
/// term (case and accents ignored). Longer runs win; runs do not overlap.
pub fn find(clauses: &[Clause], themes: &ThemeList) -> Vec<Expansion> {
    let mut out = Vec::new();
    if themes.pairs.is_empty() {
        return out;
    }
    let mut i = 0;
    while i < clauses.len() {
        let found = (1..=MAX_THEME_WORDS).rev().find_map(|len| {
            let run = clauses.get(i..i + len)?;
            // Within quotations (`citaat:`) the words are searched as typed, not as a theme.
            if run.iter().any(|c| c.quote) {
                return None;
            }
            let plain_run = run.iter().all(|c| !c.negated && !c.phrase);
            let single_phrase = len == 1 && run[0].phrase && !run[0].negated;
            if !plain_run && !single_phrase {
                return None;
            }
            let text: Vec<&str> = run.iter().map(|c| c.text.as_str()).collect();
            let alternatives = themes.translations(&text.join(" "));
            (!alternatives.is_empty()).then(|| Expansion {
                start: i,
                len,
                alternatives: alternatives.into_iter().map(str::to_string).collect(),
            })
        });
        match found {
            Some(expansion) => {
                i += expansion.len;
                out.push(expansion);
            }
            None => i += 1,
        }
    }
    out
}

/// The filters with each theme value's translations added (for the query only; the filters
/// shown to the user stay as chosen), and the added values.
pub fn expand_filters(filters: &Filters, themes: &ThemeList) -> (Filters, Vec<String>) {
    let mut expanded = filters.clone();
    let mut added = Vec::new();
    for value in &filters.themes {
        for translation in themes.translations(value) {
            if !expanded.themes.iter().any(|t| fold(t) == fold(translation)) {
                expanded.themes.push(translation.to_string());
                added.push(translation.to_string());
            }
        }
    }
    (expanded, added)
}

/// Theme counts with each theme and its translation as one value (under the list's Dutch
/// term), counted once: the two counts added up (an item tagged with both counts twice),
/// most frequent first. What the theme's page lists, which takes the translation too.
pub fn merge_counts(values: &mut Vec<FacetCount>, themes: &ThemeList) {
    if themes.pairs.is_empty() {
        return;
    }
    let mut merged: Vec<FacetCount> = Vec::with_capacity(values.len());
    for value in values.drain(..) {
        let key = fold(&value.value);
        let pair = themes
            .pairs
            .iter()
            .find(|p| fold(&p.nl) == key || fold(&p.en) == key);
        let name = pair.map_or(value.value, |p| p.nl.clone());
        match merged.iter_mut().find(|m| fold(&m.value) == fold(&name)) {
            Some(same) => same.count += value.count,
            None => merged.push(FacetCount {
                value: name,
                count: value.count,
            }),
        }
    }
    merged.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    *values = merged;
}

/// A theme as shown in an interface language (`nl` or `en`): its term in that language when
/// the list has it, else as written.
pub fn label<'a>(themes: &'a ThemeList, value: &'a str, language: &str) -> &'a str {
    let key = fold(value);
    themes
        .pairs
        .iter()
        .find(|p| fold(&p.nl) == key || fold(&p.en) == key)
        .map_or(value, |p| if language == "en" { &p.en } else { &p.nl })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::themes::ThemePair;
    use crate::search::query::parse;

    fn themes() -> ThemeList {
        ThemeList {
            pairs: vec![
                ThemePair {
                    nl: "sociaal werk".into(),
                    en: "social work".into(),
                },
                ThemePair {
                    nl: "armoede".into(),
                    en: "poverty".into(),
                },
            ],
        }
    }

    #[test]
    fn finds_themes_as_word_runs_and_phrases() {
        let found = find(&parse("Sociaal werk in de wijk").clauses, &themes());
        assert_eq!(
            found,
            [Expansion {
                start: 0,
                len: 2,
                alternatives: vec!["social work".into()]
            }]
        );
        let found = find(&parse("\"social work\" poverty").clauses, &themes());
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].alternatives, ["armoede"]);
        assert!(find(&parse("-armoede sociaal").clauses, &themes()).is_empty());
    }

    #[test]
    fn a_theme_and_its_translation_count_as_one_under_the_dutch_term() {
        let count = |value: &str, count| FacetCount {
            value: value.into(),
            count,
        };
        let mut values = vec![
            count("sociaal werk", 11),
            count("wijk", 5),
            count("Social work", 4),
            count("poverty", 2),
        ];
        merge_counts(&mut values, &themes());
        assert_eq!(
            values,
            [
                count("sociaal werk", 15),
                count("wijk", 5),
                count("armoede", 2)
            ]
        );
        assert_eq!(label(&themes(), "armoede", "en"), "poverty");
        assert_eq!(label(&themes(), "Social work", "nl"), "sociaal werk");
        assert_eq!(label(&themes(), "wijk", "en"), "wijk");
    }

    #[test]
    fn theme_filters_take_their_translation_too() {
        let filters = Filters {
            themes: vec!["Armoede".into()],
            ..Filters::default()
        };
        let (expanded, added) = expand_filters(&filters, &themes());
        assert_eq!(expanded.themes, ["Armoede", "poverty"]);
        assert_eq!(added, ["poverty"]);
    }
}
