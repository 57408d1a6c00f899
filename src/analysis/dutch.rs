//! Dutch stemming: a Snowball stemmer (DutchPorter) with Dutch rules around it, each rule a
//! switch so that `scripts/dutch-lexicon.py` can measure every combination against the OpenTaal
//! lexicon (docs/relevance.md, "Dutch inflection").
//!
//! The rules, in the order they run:
//! - `ie`: -ies and folded -ieën plurals become -ie first (organisaties, categorieën), which
//!   DutchPorter leaves alone;
//! - `irregular`: plurals no rule makes become singular (kinderen, kamerleden, steden, zeeën);
//! - `es`: a word in consonant + -es loses the `s` first (ruïnes -> ruine, gemeentes), which
//!   DutchPorter keeps;
//! - the Snowball stemmer;
//! - `s`: a stem ending in a consonant + `s` loses the `s` (mensen -> mens -> men, like mens),
//!   as DutchPorter does to a word but not to what is left after it took off -en;
//! - `devoice`: a final `z` or `v` becomes `s` or `f` (huizen -> huiz -> huis, brieven -> brief);
//! - `cons`: a doubled final consonant is undoubled (tassen -> tass -> tas, ballen -> bal);
//! - `vowels`: aa/ee/oo/uu become a/e/o/u (sociaal ~ sociale, duurzaam ~ duurzame).
//!
//! Works on lowercased, accent-folded words. Knows nothing of tokens or the index.

use frostem::{Algorithm, Stemmer};

/// A Snowball algorithm and the rules around it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct DutchStemming {
    pub algorithm: Algorithm,
    pub ie: bool,
    pub es: bool,
    pub irregular: bool,
    pub s: bool,
    pub devoice: bool,
    pub cons: bool,
    pub vowels: bool,
}

impl DutchStemming {
    /// What analyzer version 3 did: -ie plurals, DutchPorter, vowel undoubling.
    pub const VERSION_3: DutchStemming = DutchStemming {
        algorithm: Algorithm::DutchPorter,
        ie: true,
        es: false,
        irregular: false,
        s: false,
        devoice: false,
        cons: false,
        vowels: true,
    };

    /// The rules chosen by the measurement in docs/relevance.md.
    pub const CHOSEN: DutchStemming = DutchStemming {
        algorithm: Algorithm::DutchPorter,
        ie: true,
        es: true,
        irregular: true,
        s: true,
        devoice: true,
        cons: true,
        vowels: true,
    };

    /// Reads a spec such as `porter+ie+es+s+devoice+cons+vowels` or `kp` (Kraaij-Pohlmann,
    /// tantivy's `Language::Dutch`): an algorithm, then the rules to switch on.
    pub fn parse(spec: &str) -> Result<DutchStemming, String> {
        let mut names = spec.split('+');
        let algorithm = match names.next().unwrap_or("") {
            "porter" => Algorithm::DutchPorter,
            "kp" => Algorithm::Dutch,
            other => return Err(format!("unknown Dutch stemmer `{other}`: porter or kp")),
        };
        let mut stemming = DutchStemming {
            algorithm,
            ie: false,
            es: false,
            irregular: false,
            s: false,
            devoice: false,
            cons: false,
            vowels: false,
        };
        for name in names {
            let rule = match name {
                "ie" => &mut stemming.ie,
                "es" => &mut stemming.es,
                "irregular" => &mut stemming.irregular,
                "s" => &mut stemming.s,
                "devoice" => &mut stemming.devoice,
                "cons" => &mut stemming.cons,
                "vowels" => &mut stemming.vowels,
                other => {
                    return Err(format!(
                        "unknown rule `{other}`: ie, es, irregular, s, devoice, cons or vowels"
                    ))
                }
            };
            *rule = true;
        }
        Ok(stemming)
    }

    /// The stem of a lowercased, folded word; `stemmer` must be of `self.algorithm`.
    pub fn stem(&self, stemmer: &Stemmer, word: &str) -> String {
        let word = if self.ie {
            dutch_ie_singular(word)
        } else {
            word
        };
        let word = if self.es {
            e_plural_singular(word)
        } else {
            word
        };
        let irregular = self.irregular.then(|| irregular_singular(word)).flatten();
        let word = irregular.as_deref().unwrap_or(word);
        let mut stem = stemmer.stem(word).into_owned();
        if self.s {
            drop_s_after_consonant(&mut stem);
        }
        if self.devoice {
            devoice(&mut stem);
        }
        if self.cons {
            undouble_final_consonant(&mut stem);
        }
        if self.vowels {
            stem = undouble_vowels(&stem);
        }
        stem
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// The singular of Dutch plurals of words in -ie, which DutchPorter leaves alone:
/// organisaties -> organisatie, categorieen (folded categorieën) -> categorie.
pub fn dutch_ie_singular(word: &str) -> &str {
    if word.len() >= 6 && word.ends_with("ies") {
        &word[..word.len() - 1]
    } else if word.len() >= 7 && word.ends_with("ieen") {
        &word[..word.len() - 2]
    } else {
        word
    }
}

/// Plurals no rule makes: the closed class of -eren plurals (kinderen, eieren, goederen),
/// also at the end of a compound (pleegkinderen, kamerleden), vowel-changing plurals (steden,
/// schepen) as whole words, and folded -eeën (zeeën, ideeën).
const IRREGULAR_ENDINGS: &[(&str, &str)] = &[
    ("kinderen", "kind"),
    ("eieren", "ei"),
    ("bladeren", "blad"),
    ("liederen", "lied"),
    ("volkeren", "volk"),
    ("goederen", "goed"),
    ("runderen", "rund"),
    ("beenderen", "been"),
    ("kalveren", "kalf"),
    ("lammeren", "lam"),
    ("leden", "lid"),
];
const IRREGULAR_WORDS: &[(&str, &str)] =
    &[("steden", "stad"), ("schepen", "schip"), ("smeden", "smid")];

fn irregular_singular(word: &str) -> Option<String> {
    if let Some((_, singular)) = IRREGULAR_WORDS.iter().find(|(plural, _)| *plural == word) {
        return Some((*singular).to_string());
    }
    for (plural, singular) in IRREGULAR_ENDINGS {
        if let Some(head) = word.strip_suffix(plural) {
            // -leden ends verbs too: geleden, verleden, ontleden, overleden, (be)kleden.
            let verb = *plural == "leden"
                && (!head.is_empty() && head.len() < 3
                    || head.ends_with('k')
                    || ["ver", "ont", "over"].contains(&head));
            if !verb {
                return Some(format!("{head}{singular}"));
            }
        }
    }
    if word.len() >= 6 && word.ends_with("eeen") {
        return Some(word[..word.len() - 2].to_string());
    }
    None
}

/// ruines -> ruine: the -s plural of a word in -e after a consonant, which DutchPorter keeps
/// (it takes -s off only after a consonant).
fn e_plural_singular(word: &str) -> &str {
    let bytes = word.as_bytes();
    let n = bytes.len();
    if n >= 6 && word.ends_with("es") && !is_vowel(bytes[n - 3]) {
        &word[..n - 1]
    } else {
        word
    }
}

/// mens -> men: what DutchPorter does to a word ending in a consonant (not `j`) + `s`, done
/// again to a stem, so that the stem of mensen (mens) meets that of mens.
fn drop_s_after_consonant(stem: &mut String) {
    let bytes = stem.as_bytes();
    let n = bytes.len();
    if n >= 4 && bytes[n - 1] == b's' && !is_vowel(bytes[n - 2]) && bytes[n - 2] != b'j' {
        stem.pop();
    }
}

/// huiz -> huis, briev -> brief: Dutch writes a voiced z/v before a vowel (huizen, brieven)
/// and s/f at the end of a word (huis, brief).
fn devoice(stem: &mut String) {
    if stem.len() < 3 {
        return;
    }
    match stem.as_bytes()[stem.len() - 1] {
        b'z' => stem.replace_range(stem.len() - 1.., "s"),
        b'v' => stem.replace_range(stem.len() - 1.., "f"),
        _ => {}
    }
}

/// tass -> tas: a consonant doubled before an ending (tassen, ballen) is single at the end.
fn undouble_final_consonant(stem: &mut String) {
    let bytes = stem.as_bytes();
    let n = bytes.len();
    if n >= 4
        && bytes[n - 1] == bytes[n - 2]
        && bytes[n - 1].is_ascii_lowercase()
        && !is_vowel(bytes[n - 1])
    {
        stem.pop();
    }
}

/// aa/ee/oo/uu -> a/e/o/u, so Dutch open and closed syllables meet (sociaal ~ sociale).
pub fn undouble_vowels(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut previous = None;
    for c in word.chars() {
        if previous == Some(c) && matches!(c, 'a' | 'e' | 'o' | 'u') {
            continue;
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(word: &str) -> String {
        let chosen = DutchStemming::CHOSEN;
        chosen.stem(&Stemmer::new(chosen.algorithm), word)
    }

    #[test]
    fn forms_of_one_word_meet() {
        for (a, b) in [
            ("mens", "mensen"),
            ("huis", "huizen"),
            ("brief", "brieven"),
            ("belangrijk", "belangrijke"),
            ("tas", "tassen"),
            ("sociaal", "sociale"),
            ("organisatie", "organisaties"),
            ("ruine", "ruines"),
            ("gemeente", "gemeentes"),
            ("kind", "kinderen"),
            ("kamerlid", "kamerleden"),
            ("stad", "steden"),
            ("idee", "ideeen"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
    }

    #[test]
    fn different_words_stay_apart() {
        for (a, b) in [
            ("gemeen", "gemeente"),
            ("lezing", "lezen"),
            ("lid", "geleden"),
            ("lid", "kleden"),
        ] {
            assert_ne!(stem(a), stem(b), "{a} / {b}");
        }
    }

    #[test]
    fn specs_parse_and_bad_ones_say_why() {
        assert_eq!(
            DutchStemming::parse("porter+ie+vowels"),
            Ok(DutchStemming::VERSION_3)
        );
        assert_eq!(
            DutchStemming::parse("porter+ie+es+irregular+s+devoice+cons+vowels"),
            Ok(DutchStemming::CHOSEN)
        );
        assert!(DutchStemming::parse("kp+x")
            .unwrap_err()
            .contains("unknown rule"));
        assert!(DutchStemming::parse("lovins").is_err());
    }
}
