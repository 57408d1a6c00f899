//! Dutch decompounding: `wijkenbeleid` -> `wijk` + `beleid`, `kinderopvang` -> `kind` +
//! `opvang`, `stadsvernieuwing` -> `stad` + `vernieuwing`.
//!
//! The method: a word splits where it is a part that may begin a compound followed by a part
//! that may end one (or, recursively, by another compound), both from the OpenTaal lexicon.
//! `nl_compound_lexicon.txt` is generated from it by `scripts/dutch-lexicon.py table`: the
//! lexicon's own compounding flags say which forms may begin a compound, with their linking
//! forms (`stads` for stad, `kinder` for kind, `wijken` for wijk); the parts that end one are
//! its nouns of four or more letters that it lets end a compound. An inflected last part
//! (`zorgverzekeraars`, `ziekenhuizen`) is recognised by its ending. Our own list
//! (`nl_compound_parts.txt`, the parts checked on the Tweede Kamer corpus before) adds parts with
//! the linkers `-s-`, `-en-`, `-e-`; a no-split list keeps words that are not their parts
//! (`boekhouding` is not boek + houding) whole. Works on lowercased, accent-folded tokens; used
//! at index time only (`filters::Decompound`, which also leaves capitalised names alone).

use std::collections::{HashMap, HashSet};

const PARTS: &str = include_str!("nl_compound_parts.txt");
const LEXICON: &str = include_str!("nl_compound_lexicon.txt");

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

/// Words that end Dutch words as a suffix far more often than as a part: `-ster` makes a
/// woman who does something (speelster, werpster), `-kundige` an expert (verpleegkundige).
const NO_LAST: &[&str] = &[
    "ster", "sters", "kundige", "kundigen", "tien", "tijk", "sten",
];

/// Dutch derivational suffixes: a last part that is little more than one of them is the
/// suffix of a derived word, not a word of a compound (waarde + ring for waardering, combi +
/// naties for combinaties, agent + schappen, bedrijfs + matige).
const SUFFIXES: &[&str] = &[
    "ing", "ingen", "ering", "eringen", "atie", "aties", "tie", "ties", "heid", "heden", "schap",
    "schappen", "matig", "matige", "lijk", "lijke", "teit", "teiten", "isch", "ische",
];

/// The letters a last part needs before such a suffix: woning (won + ing) ends a compound,
/// ring (r + ing) does not.
const MIN_BEFORE_SUFFIX: usize = 3;

/// Endings that make an inflected form of a no-split word (`netwerken`, `regelrechte`), or of
/// a last part (`zorgverzekeraars`, `kinderen`).
const ENDINGS: [&str; 6] = ["s", "en", "n", "e", "es", "eren"];

const MIN_HEAD: usize = 3;
const MIN_TAIL: usize = 4;

pub struct Decompounder {
    /// Our own list: parts that may begin (with a linker) or end a compound.
    parts: HashSet<String>,
    /// The lexicon's forms that may begin a compound, with the part each stands for
    /// (`stads` -> `stad`).
    first: HashMap<String, String>,
    /// The lexicon's words that may end a compound.
    last: HashSet<String>,
    no_split: HashSet<&'static str>,
}

impl Default for Decompounder {
    fn default() -> Self {
        let mut decompounder = Decompounder::list_only();
        for line in LEXICON.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split(' ');
            match (fields.next(), fields.next(), fields.next()) {
                (Some("F"), Some(form), lemma) => {
                    let lemma = lemma.unwrap_or(form);
                    decompounder.first.insert(form.into(), lemma.into());
                }
                (Some("L"), Some(word), None) => {
                    decompounder.last.insert(word.into());
                }
                _ => {}
            }
        }
        decompounder
    }
}

impl Decompounder {
    /// Our own list alone, without the lexicon: the method of analyzer version 3, kept for
    /// `scripts/dutch-lexicon.py` to measure against.
    pub fn list_only() -> Decompounder {
        Decompounder::new(
            PARTS
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#')),
        )
    }

    /// A decompounder with only the given parts (no lexicon).
    pub fn new<'a>(parts: impl IntoIterator<Item = &'a str>) -> Decompounder {
        Decompounder {
            parts: parts.into_iter().map(str::to_string).collect(),
            first: HashMap::new(),
            last: HashSet::new(),
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
            if self.is_tail(rest) || self.is_protected(rest) {
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

    fn is_last(&self, text: &str) -> bool {
        text.len() >= MIN_TAIL
            && (self.parts.contains(text) || self.last.contains(text))
            && !NO_LAST.contains(&text)
    }

    /// Whether `text` can end a compound: a part, or a part with a plural or inflection ending
    /// (`opbouwwerkers`, `huizen`, `tassen`, `straten`); the stemmer later takes the ending off.
    fn is_tail(&self, text: &str) -> bool {
        let suffix_only = SUFFIXES.iter().any(|suffix| {
            text.strip_suffix(suffix)
                .is_some_and(|before| before.len() < MIN_BEFORE_SUFFIX)
        });
        !suffix_only
            && (self.is_last(text)
                || ENDINGS.iter().any(|ending| {
                    text.strip_suffix(ending)
                        .is_some_and(|stem| singulars(stem).iter().any(|s| self.is_last(s)))
                }))
    }

    /// The part `text` stands for as the first half of a compound: a form the lexicon lets
    /// begin one (`stads` -> stad), or one of our parts, itself or less a linking `s`, `en`
    /// or `e`.
    fn head_of<'w>(&'w self, text: &'w str) -> Option<&'w str> {
        if let Some(lemma) = self.first.get(text) {
            return Some(lemma);
        }
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

/// What a word less its ending may be written as on its own: itself, devoiced (huiz -> huis,
/// briev -> brief), undoubled (tass -> tas) or with its vowel doubled (strat -> straat).
fn singulars(stem: &str) -> Vec<String> {
    let mut out = vec![stem.to_string()];
    let bytes = stem.as_bytes();
    let n = bytes.len();
    if n < 3 {
        return out;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let last = match bytes[n - 1] {
        b'z' => b's',
        b'v' => b'f',
        c => c,
    };
    let mut plain = stem[..n - 1].to_string();
    plain.push(last as char);
    if last != bytes[n - 1] {
        out.push(plain.clone());
    }
    if bytes[n - 1] == bytes[n - 2] && !vowel(bytes[n - 1]) {
        out.push(stem[..n - 1].to_string());
    }
    // A single vowel between consonants before the ending was a long one: strat -> straat.
    if !vowel(last) && vowel(bytes[n - 2]) && !vowel(bytes[n - 3]) && bytes[n - 2] != b'i' {
        let mut long = stem[..n - 1].to_string();
        long.push(bytes[n - 2] as char);
        long.push(last as char);
        out.push(long);
    }
    out
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
    fn splits_by_the_lexicon_not_by_our_list() {
        assert_eq!(split("kinderopvang"), ["kind", "opvang"]);
        assert_eq!(split("zorgverzekeraar"), ["zorg", "verzekeraar"]);
        assert_eq!(split("zorgverzekeraars"), ["zorg", "verzekeraars"]);
        assert_eq!(split("kasteelruine"), ["kasteel", "ruine"]);
        assert_eq!(split("ziekenhuizen").last().unwrap(), "huizen");
        assert_eq!(split("stadsvernieuwing"), ["stad", "vernieuwing"]);
    }

    #[test]
    fn leaves_plain_words_and_exceptions_alone() {
        assert!(split("boekhouding").is_empty());
        assert!(split("gemeente").is_empty());
        assert!(split("beleid").is_empty());
        assert!(split("continuiteit").is_empty());
        assert!(split("netwerken").is_empty());
        assert!(split("regelrechte").is_empty());
        // By the rules, not by a list: adjectives and derived words do not end compounds.
        for word in ["belangrijke", "belangrijkste", "waardering", "combinaties"] {
            assert!(split(word).is_empty(), "{word}: {:?}", split(word));
        }
    }
}
