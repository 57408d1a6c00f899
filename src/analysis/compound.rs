//! Dutch decompounding: `wijkenbeleid` -> `wijk` + `beleid`, `gereedschapskist` -> `gereedschap`
//! + `kist`, `stadsvernieuwing` -> `stad` + `vernieuwing`.
//!
//! A word splits only where every part is in our lexicon (`nl_compound_parts.txt`) and is long
//! enough, with the linking morphemes `-s-`, `-en-` and `-e-` allowed between parts. A word in
//! the no-split list (`boekhouding`, a word of its own and not boek + houding) is never split.
//! Works on lowercased, accent-folded tokens; used at index time only.

use std::collections::HashSet;

const PARTS: &str = include_str!("nl_compound_parts.txt");

/// Words that look like compounds of listed parts but are not, or whose parts mean something
/// else on their own (a wrong split would make `houding` find `boekhouding`, `werk` find
/// `netwerk`). Inflected forms (`regelrechte`, `netwerken`) are covered too. The last five
/// were found by reading every split the lexicon makes in the Tweede Kamer corpus.
const NO_SPLIT: &[&str] = &[
    "boekhouding",
    "gemeentehuis",
    "handelingen",
    "verbouwing",
    "opbouwen",
    "netwerk",
    "regelrecht",
    "waterhoofd",
    "levensmiddel",
    "huiswerk",
];

/// Endings that make an inflected form of a no-split word (`netwerken`, `regelrechte`).
const ENDINGS: [&str; 5] = ["s", "en", "n", "e", "es"];

const MIN_HEAD: usize = 3;
const MIN_TAIL: usize = 4;

pub struct Decompounder {
    parts: HashSet<String>,
    no_split: HashSet<&'static str>,
}

impl Default for Decompounder {
    fn default() -> Self {
        Decompounder::new(
            PARTS
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#')),
        )
    }
}

impl Decompounder {
    pub fn new<'a>(parts: impl IntoIterator<Item = &'a str>) -> Decompounder {
        Decompounder {
            parts: parts.into_iter().map(str::to_string).collect(),
            no_split: NO_SPLIT.iter().copied().collect(),
        }
    }

    /// The parts of `word`, or nothing when it is not a compound we know. The word itself is
    /// never among the parts.
    pub fn split(&self, word: &str) -> Vec<String> {
        if word.len() < MIN_HEAD + MIN_TAIL || !word.is_ascii() || self.is_protected(word) {
            return Vec::new();
        }
        self.split_parts(word, 0).unwrap_or_default()
    }

    /// Whether `word` is a no-split word or an inflected form of one.
    fn is_protected(&self, word: &str) -> bool {
        self.no_split.contains(word)
            || ENDINGS.iter().any(|ending| {
                word.strip_suffix(ending)
                    .is_some_and(|stem| self.no_split.contains(stem))
            })
    }

    fn split_parts(&self, word: &str, depth: usize) -> Option<Vec<String>> {
        if depth > 3 {
            return None;
        }
        // Prefer the longest head: `opbouwwerker` is opbouw + werker, not op + bouwwerker.
        for end in (MIN_HEAD..=word.len().saturating_sub(MIN_TAIL)).rev() {
            let (head_text, rest) = word.split_at(end);
            let Some(head) = self.head_of(head_text) else {
                continue;
            };
            if self.is_tail(rest) {
                return Some(vec![head.to_string(), rest.to_string()]);
            }
            if let Some(mut tail_parts) = self.split_parts(rest, depth + 1) {
                let mut parts = vec![head.to_string(), rest.to_string()];
                parts.append(&mut tail_parts);
                return Some(parts);
            }
        }
        None
    }

    /// Whether `text` can end a compound: a part, or a part with a plural or inflection ending
    /// (`opbouwwerkers`); the stemmer later takes the ending off.
    fn is_tail(&self, text: &str) -> bool {
        self.parts.contains(text)
            || ENDINGS.iter().any(|ending| {
                text.strip_suffix(ending)
                    .is_some_and(|stem| stem.len() >= MIN_TAIL && self.parts.contains(stem))
            })
    }

    /// The part `text` stands for as the first half of a compound: itself, or itself less a
    /// linking `s`, `en` or `e`.
    fn head_of<'w>(&self, text: &'w str) -> Option<&'w str> {
        if self.parts.contains(text) {
            return Some(text);
        }
        for linker in ["s", "en", "e"] {
            if let Some(stem) = text.strip_suffix(linker) {
                if stem.len() >= MIN_HEAD && self.parts.contains(stem) {
                    return Some(stem);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(word: &str) -> Vec<String> {
        Decompounder::default().split(word)
    }

    #[test]
    fn splits_compounds_with_and_without_linkers() {
        assert_eq!(split("wijkenbeleid"), ["wijk", "beleid"]);
        assert_eq!(split("gereedschapskist"), ["gereedschap", "kist"]);
        assert_eq!(split("stadsvernieuwing"), ["stad", "vernieuwing"]);
        assert_eq!(split("opbouwwerker"), ["opbouw", "werker"]);
        assert_eq!(split("buurtnetwerk"), ["buurt", "netwerk"]);
        assert_eq!(split("mantelzorg"), ["mantel", "zorg"]);
        assert_eq!(split("opbouwwerkers"), ["opbouw", "werkers"]);
    }

    #[test]
    fn leaves_plain_words_and_exceptions_alone() {
        assert!(split("boekhouding").is_empty());
        assert!(split("gemeente").is_empty());
        assert!(split("beleid").is_empty());
        assert!(split("continuiteit").is_empty());
        assert!(split("netwerken").is_empty());
        assert!(split("regelrechte").is_empty());
    }
}
