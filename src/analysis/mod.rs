//! Text analysis: how item text and queries become index terms, per language.
//!
//! Owns the analyzers (tokenizer + filters), their version and the cleanup of PDF-extracted
//! text. Knows nothing of the index schema, HTTP or files.
//!
//! Analyzers by name (registered on every index open, since tantivy stores only the names):
//! - `nl`: simple tokenizer, lowercase, ASCII folding, Dutch stop words, decompounding,
//!   DutchPorter stemming with Dutch rules (`dutch`). At query time the same without
//!   decompounding.
//! - `en`: simple tokenizer, lowercase, ASCII folding, English stop words, English (Porter2) stemming.
//! - `name`: simple tokenizer, lowercase, ASCII folding: speakers, so `monnink` finds Mönnink.

pub mod cleanup;
pub mod compound;
pub mod dutch;
pub(crate) mod filters;
pub(crate) mod hyphen;
pub mod quotes;
pub(crate) mod tokens;

use std::sync::{Arc, LazyLock};

use frostem::Algorithm;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language as StopLanguage, LowerCaser, RemoveLongFilter, SimpleTokenizer,
    StopWordFilter, TextAnalyzer, TokenizerManager,
};

use crate::archive::Language;
use compound::Decompounder;
use dutch::DutchStemming;
use filters::{Decompound, Stem};

/// Bump on any change to what an analyzer emits, or to the text it is given (3: the body field
/// holds the paragraphs' plain text, `archive::paragraphs::indexed_text`, not the Markdown
/// source; 4: Dutch stemming rules measured against the OpenTaal lexicon, `dutch`, and
/// compounds split by the lexicon's parts, `compound`): an index built with another version
/// is rebuilt.
pub const ANALYZER_VERSION: u32 = 4;

/// The decompounder, built once: its lexicon is some 19,000 parts.
static DECOMPOUNDER: LazyLock<Arc<Decompounder>> =
    LazyLock::new(|| Arc::new(Decompounder::default()));

pub const NAME_ANALYZER: &str = "name";

/// The analyzer name for a language's text fields.
pub fn analyzer_name(language: Language) -> &'static str {
    language.code()
}

/// Whether the analyzer decompounds: at index time yes, for queries no.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Index,
    Query,
}

/// Builds the analyzer for a language in the given mode.
pub fn text_analyzer(language: Language, mode: Mode) -> TextAnalyzer {
    match language {
        Language::Nl => {
            let base = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(
                    StopWordFilter::new(StopLanguage::Dutch)
                        .expect("tantivy ships Dutch stop words"),
                );
            let stem = Stem::Dutch(DutchStemming::CHOSEN);
            match mode {
                Mode::Index => base
                    .filter(Decompound(Arc::clone(&DECOMPOUNDER)))
                    .filter(stem)
                    .build(),
                Mode::Query => base.filter(stem).build(),
            }
        }
        Language::En => TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(
                StopWordFilter::new(StopLanguage::English)
                    .expect("tantivy ships English stop words"),
            )
            .filter(Stem::Snowball(Algorithm::English))
            .build(),
    }
}

/// Speakers and other names: no stemming, no stop words, accents folded.
pub fn name_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers the index-time analyzers under the names the schema uses.
pub fn register(manager: &TokenizerManager) {
    for language in Language::ALL {
        manager.register(
            analyzer_name(language),
            text_analyzer(language, Mode::Index),
        );
    }
    manager.register(NAME_ANALYZER, name_analyzer());
}

/// The terms a text gives with an analyzer, in order (positions are not kept).
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    positioned_terms(analyzer, text)
        .into_iter()
        .map(|(_, term)| term)
        .collect()
}

/// The terms a text gives with an analyzer, each with its position counted from the first
/// term's: a stop word leaves a gap, as it does in the index, so that a phrase query built from
/// them matches the phrase as written (`right to development`), not its words side by side.
pub fn positioned_terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    let mut first = None;
    while stream.advance() {
        let token = stream.token();
        let first = *first.get_or_insert(token.position);
        out.push((token.position - first, token.text.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nl(text: &str, mode: Mode) -> Vec<String> {
        terms(&mut text_analyzer(Language::Nl, mode), text)
    }

    #[test]
    fn dutch_folds_stems_and_undoubles() {
        assert_eq!(
            nl("Continuïteit", Mode::Query),
            nl("continuiteit", Mode::Query)
        );
        assert_eq!(nl("sociaal", Mode::Query), nl("sociale", Mode::Query));
        assert_eq!(nl("lezingen", Mode::Query), nl("lezing", Mode::Query));
        assert_ne!(nl("gemeente", Mode::Query), nl("gemeen", Mode::Query));
        assert_eq!(
            nl("organisaties", Mode::Query),
            nl("organisatie", Mode::Query)
        );
        assert_eq!(nl("categorieën", Mode::Query), nl("categorie", Mode::Query));
    }

    #[test]
    fn names_inside_a_sentence_are_not_split() {
        let huis = &nl("huis", Mode::Query)[0];
        for text in [
            "Toen sprak Marie Kamphuis.",
            "Het woord was aan Marie\nKamphuis, die lang sprak.",
        ] {
            assert!(!nl(text, Mode::Index).contains(huis), "{text}");
        }
        for text in [
            "Kamphuis is een woord.",
            "Over de zorg. Kamphuis",
            "Een titel\n\nKamphuis",
            "het kamphuis",
        ] {
            assert!(nl(text, Mode::Index).contains(huis), "{text}");
        }
    }

    #[test]
    fn index_mode_adds_compound_parts() {
        let terms = nl("wijkenbeleid", Mode::Index);
        assert!(terms.len() == 3, "{terms:?}");
        assert!(terms.contains(&nl("beleid", Mode::Query)[0]));
        assert_eq!(nl("wijkenbeleid", Mode::Query).len(), 1);
    }
}
