//! Who said what: quotations in a text, the person each is attributed to, and the people
//! mentioned. Rule-based, Dutch and English; pure (no files, no index).
//!
//! Offsets are character offsets into the text as given (not bytes), end exclusive, so a labelled
//! collection (`../shared/data/quotes`) and `lectern quotes FILE` speak the same units. A
//! quotation's span includes its marks (or its dialogue dash).
//!
//! The people an archive already knows (an item's speakers, the names of `speakers.toml`) come in
//! as [`KnownPeople`]: a mention of a known variant resolves to its canonical name.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::analysis::hyphen;
use crate::archive::Language;
use marks::MarkKind;
use text::Doc;

mod attribution;
mod gender;
mod marks;
mod names;
mod text;
mod words;

/// Bump on any change to what [`extract`] returns for a text: indexes store its result (2: the
/// rules of docs/quotes.md replace the first pairing of typographic marks).
pub const QUOTES_VERSION: u32 = 2;

/// A span of characters, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// How a quotation is tied to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A name: "aldus De Mönnink", "Peter ten Have: “...”".
    Name,
    /// A pronoun: "zei hij", "she said".
    Pronoun,
    /// A description: "zei de wethouder", "the minister said".
    Nominal,
}

/// One quotation and, when found, whose it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quotation with its marks.
    pub span: Span,
    /// The words inside the marks, whitespace collapsed, a word broken at a line end joined.
    pub text: String,
    /// The person: the canonical name when known, else the fullest form of the name in the text.
    pub speaker: Option<String>,
    /// The attributing mention as written ("hij", "De Mönnink", "de wethouder").
    pub as_written: Option<String>,
    /// Where that mention is.
    pub mention: Option<Span>,
    pub kind: Option<MentionKind>,
}

/// A person named in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The canonical name when known, else the fullest form in the text.
    pub name: String,
    /// Every mention of this person by name.
    pub mentions: Vec<Span>,
    /// Whether the archive knew the name (a speaker or a `speakers.toml` name).
    pub known: bool,
}

/// What [`extract`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    pub quotes: Vec<Quote>,
    pub people: Vec<Person>,
}

/// Names the archive knows: each variant as written with its canonical name.
#[derive(Debug, Clone, Default)]
pub struct KnownPeople {
    variants: Vec<(String, String)>,
}

impl KnownPeople {
    pub fn new<I, A, B>(variants: I) -> KnownPeople
    where
        I: IntoIterator<Item = (A, B)>,
        A: Into<String>,
        B: Into<String>,
    {
        KnownPeople {
            variants: variants
                .into_iter()
                .map(|(a, b)| (a.into(), b.into()))
                .collect(),
        }
    }

    /// Every variant with its canonical name.
    pub fn variants(&self) -> impl Iterator<Item = (&str, &str)> {
        self.variants.iter().map(|(a, b)| (a.as_str(), b.as_str()))
    }
}

/// The quotations and people in a text.
///
/// Linear in the text: one pass to split it into words, one per kind of quotation mark, one to
/// find names; each quotation looks only at the few words around it.
pub fn extract(text: &str, language: Language, known: &KnownPeople) -> Extraction {
    // The word lists hold both languages; the language is part of the signature for rules that
    // may need it (English and Dutch attribute with the same shapes so far).
    let _ = language;
    let doc = Doc::new(text);
    let marks = marks::find(&doc);
    let mut inside = vec![false; doc.toks.len()];
    for mark in &marks {
        let first = doc.tok_at(mark.start);
        let last = doc.tok_at(mark.end);
        inside[first..last].iter_mut().for_each(|f| *f = true);
    }
    let names = names::find(&doc, known);
    let attributions = attribution::attribute(&doc, &marks, &names, &inside);
    let mut vocabulary = None;
    let mut quotes = Vec::with_capacity(marks.len());
    for (mark, attribution) in marks.iter().zip(attributions) {
        if mark.kind == MarkKind::Single && attribution.is_none() && !personal(&doc, mark) {
            // A title or a slogan: ‘Het geheim van de lange relatie’.
            continue;
        }
        if attribution.is_none() && term(&doc, mark) {
            // A word or a name in quotation marks: `het woord "hotel"`.
            continue;
        }
        let inner = inner_text(&doc, mark, &mut vocabulary);
        if inner.is_empty() {
            continue;
        }
        let (speaker, as_written, mention, kind) = match attribution {
            Some(a) => (
                a.speaker,
                Some(written(&doc, a.first, a.last)),
                Some(Span {
                    start: doc.toks[a.first].start,
                    end: doc.toks[a.last].end,
                }),
                Some(a.kind),
            ),
            None => (None, None, None, None),
        };
        quotes.push(Quote {
            span: Span {
                start: mark.start,
                end: mark.end,
            },
            text: inner,
            speaker,
            as_written,
            mention,
            kind,
        });
    }
    let mut people: Vec<Person> = names
        .people
        .iter()
        .map(|p| Person {
            name: p.name.clone(),
            mentions: Vec::new(),
            known: p.known,
        })
        .collect();
    for m in &names.mentions {
        people[m.person].mentions.push(Span {
            start: doc.toks[m.first].start,
            end: doc.toks[m.last].end,
        });
    }
    Extraction { quotes, people }
}

/// Words that make a single-quoted passage someone's words rather than a title or a slogan.
const PERSONAL: &[&str] = &[
    "ik", "mij", "me", "mijn", "wij", "we", "ons", "onze", "je", "jij", "jou", "jouw", "u", "uw",
    "i", "my", "our", "you", "your",
];

fn personal(doc: &Doc, mark: &marks::Mark) -> bool {
    let first = doc.tok_at(mark.start);
    let last = doc.tok_at(mark.end);
    (first..last).any(|t| doc.toks[t].word && PERSONAL.contains(&doc.word(t).as_ref()))
}

/// The most words of a term in quotation marks (`"oordeel Kamer"`).
const MAX_TERM_WORDS: usize = 3;

/// A short unattributed passage in marks inside a running sentence, without a sentence's
/// punctuation: a term, a name or an ironic word, not someone's words.
fn term(doc: &Doc, mark: &marks::Mark) -> bool {
    if mark.kind == MarkKind::Dash {
        return false;
    }
    let first = doc.tok_at(mark.start);
    let last = doc.tok_at(mark.end);
    let inner = first + 1..last.saturating_sub(1);
    let words = inner.clone().filter(|&t| doc.toks[t].word).count();
    let punctuated = inner
        .clone()
        .any(|t| matches!(doc.punct(t), Some('.' | '!' | '?' | ',' | ';' | ':')));
    let before = first
        .checked_sub(1)
        .filter(|&t| doc.toks[t].breaks == 0 && doc.toks[first].breaks == 0);
    let in_sentence = before.is_some_and(|t| doc.toks[t].word && !doc.capitalised(t));
    words <= MAX_TERM_WORDS && !punctuated && in_sentence
}

/// Tokens `first..=last` as written, whitespace collapsed.
fn written(doc: &Doc, first: usize, last: usize) -> String {
    let raw: String = doc.chars[doc.toks[first].start..doc.toks[last].end]
        .iter()
        .collect();
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words inside the marks (or after the dash), whitespace collapsed, a word broken at a
/// line end joined (`analysis::hyphen`).
fn inner_text(doc: &Doc, mark: &marks::Mark, vocabulary: &mut Option<HashSet<String>>) -> String {
    let (from, to) = match mark.kind {
        MarkKind::Dash => (mark.start + 1, mark.end),
        _ => (
            mark.start + 1,
            mark.end.saturating_sub(1).max(mark.start + 1),
        ),
    };
    let to = if mark.kind != MarkKind::Dash
        && matches!(doc.chars.get(mark.end - 1), Some(c) if !matches!(c, '”' | '»' | '"' | '’' | '“'))
    {
        mark.end
    } else {
        to
    };
    let inner: String = doc.chars[from..to].iter().collect();
    let lines: Vec<String> = inner
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if lines.len() > 1 && lines.iter().any(|l| l.ends_with('-')) {
        let vocabulary = vocabulary.get_or_insert_with(|| hyphen::vocabulary(doc.text));
        hyphen::join_lines(&lines, vocabulary)
    } else {
        lines
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nl(text: &str) -> Extraction {
        extract(text, Language::Nl, &KnownPeople::default())
    }

    fn en(text: &str) -> Extraction {
        extract(text, Language::En, &KnownPeople::default())
    }

    /// Quotation text, speaker, mention as written, kind.
    type Who = (String, Option<String>, Option<String>, Option<MentionKind>);

    /// (quotation text, speaker, mention as written, kind) for each quotation.
    fn who(found: &Extraction) -> Vec<Who> {
        found
            .quotes
            .iter()
            .map(|q| {
                (
                    q.text.clone(),
                    q.speaker.clone(),
                    q.as_written.clone(),
                    q.kind,
                )
            })
            .collect()
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn finds_a_typographic_quotation() {
        let found = nl("Ze zei: “Dit is een test.” Daarna niets.");
        assert_eq!(found.quotes.len(), 1);
        assert_eq!(found.quotes[0].span, Span { start: 8, end: 26 });
        assert_eq!(found.quotes[0].text, "Dit is een test.");
    }

    #[test]
    fn a_name_after_the_verb_with_words_between() {
        let found = nl("“Het werk is zwaar”, zei wijkagent Jan van der Berg in de \nzaal.");
        assert_eq!(
            who(&found),
            [(
                "Het werk is zwaar".into(),
                some("Jan van der Berg"),
                some("Jan van der Berg"),
                Some(MentionKind::Name)
            )]
        );
        assert_eq!(found.quotes[0].mention, Some(Span { start: 35, end: 51 }));
    }

    #[test]
    fn a_pronoun_resolves_to_the_person_the_last_naming_sentence_opens_with() {
        let text = "Anna Smit sprak met Piet Jansen over Utrecht. “We moeten door”, zei ze. \
                    Later kwam Kees de Vries. “Niet nu”, zei hij.";
        let found = nl(text);
        assert_eq!(found.quotes[0].speaker, some("Anna Smit"));
        assert_eq!(found.quotes[0].kind, Some(MentionKind::Pronoun));
        assert_eq!(found.quotes[1].speaker, some("Kees de Vries"));
    }

    #[test]
    fn a_pronoun_skips_people_of_the_other_gender() {
        let text = "Mevrouw Bakker keek naar Jan Peters. Hij knikte. Zij glimlachte. \
                    Toen kwamen Jan Peters en mevrouw Bakker binnen. “Mooi zo”, zei ze.";
        assert_eq!(nl(text).quotes[0].speaker, some("Bakker"));
    }

    #[test]
    fn a_surname_resolves_to_the_fullest_earlier_form() {
        let text = "Spreker was Herman de Mönnink. “Het kan beter”, aldus De Mönnink.";
        let found = nl(text);
        assert_eq!(found.quotes[0].speaker, some("Herman de Mönnink"));
        assert_eq!(found.quotes[0].as_written, some("De Mönnink"));
        assert_eq!(found.people.len(), 1);
        assert_eq!(found.people[0].mentions.len(), 2);
    }

    #[test]
    fn a_name_and_a_colon_before_the_quotation() {
        let text = "Na de pauze sprak Peter ten Have.\nTen Have: “Wij blijven.”";
        let found = nl(text);
        assert_eq!(found.quotes[0].speaker, some("Peter ten Have"));
        assert_eq!(found.quotes[0].kind, Some(MentionKind::Name));
        let found = nl("In eens zei Japi: \" kijk eens daar. \"");
        assert_eq!(found.quotes[0].speaker, some("Japi"));
    }

    #[test]
    fn a_quotation_interrupted_by_its_attribution_keeps_it() {
        let text = "Bas Kok was er. “Eerst dit”, zei hij, “en dan dat.”";
        let found = nl(text);
        assert_eq!(found.quotes.len(), 2);
        assert_eq!(found.quotes[1].speaker, some("Bas Kok"));
        assert_eq!(found.quotes[1].mention, found.quotes[0].mention);
    }

    #[test]
    fn a_description_is_a_nominal_mention_without_a_speaker() {
        let found = nl("“Dat kan niet”, zei de oude wethouder tegen ons.");
        assert_eq!(
            who(&found),
            [(
                "Dat kan niet".into(),
                None,
                some("de oude wethouder"),
                Some(MentionKind::Nominal)
            )]
        );
    }

    #[test]
    fn english_subject_before_the_verb() {
        let text = "Mary Robinson spoke first. \"We cannot wait,\" she said. \"Not now,\" the minister replied. \"Never,\" John Smith said.";
        let found = en(text);
        assert_eq!(found.quotes[0].speaker, some("Mary Robinson"));
        assert_eq!(found.quotes[1].kind, Some(MentionKind::Nominal));
        assert_eq!(found.quotes[1].as_written, some("the minister"));
        assert_eq!(found.quotes[2].speaker, some("John Smith"));
    }

    #[test]
    fn according_to_attributes() {
        let found = en("\"It is over,\" according to Kofi Annan.");
        assert_eq!(found.quotes[0].speaker, some("Kofi Annan"));
    }

    #[test]
    fn titles_and_slogans_in_single_quotes_are_not_quotations() {
        let text = "Het essay ‘Het geheim van de lange relatie’ verscheen. Een werker zei: \
                    ‘Ik ben een soort wegwijzer’.";
        let found = nl(text);
        assert_eq!(found.quotes.len(), 1);
        assert_eq!(found.quotes[0].text, "Ik ben een soort wegwijzer");
    }

    #[test]
    fn dialogue_dashes_with_inversion() {
        let text = "- Klaar? vroeg Lili.\n- Ja! riep Paul.\n- Goed, zeide hij.";
        let found = nl(text);
        assert_eq!(
            who(&found),
            [
                (
                    "Klaar?".into(),
                    some("Lili"),
                    some("Lili"),
                    Some(MentionKind::Name)
                ),
                (
                    "Ja!".into(),
                    some("Paul"),
                    some("Paul"),
                    Some(MentionKind::Name)
                ),
                (
                    "Goed,".into(),
                    some("Paul"),
                    some("hij"),
                    Some(MentionKind::Pronoun)
                ),
            ]
        );
    }

    #[test]
    fn a_word_broken_at_a_line_end_is_joined_in_the_text() {
        let found = nl("“Een zwakke identi-\nteit is het”, zei hij.");
        assert_eq!(found.quotes[0].text, "Een zwakke identiteit is het");
    }

    #[test]
    fn first_person_attribution_has_no_speaker() {
        let found = nl("\" Wat is het vandaag, \" vroeg ik.");
        assert_eq!(found.quotes[0].kind, Some(MentionKind::Pronoun));
        assert_eq!(found.quotes[0].speaker, None);
        assert_eq!(found.quotes[0].as_written, some("ik"));
    }

    #[test]
    fn known_people_give_the_canonical_name() {
        let known = KnownPeople::new([("H. de Mönnink", "Herman de Mönnink")]);
        let found = extract(
            "Vandaag sprak h. de monnink. “Het is tijd”, zei hij.",
            Language::Nl,
            &known,
        );
        assert_eq!(found.people.len(), 1);
        assert!(found.people[0].known);
        assert_eq!(found.quotes[0].speaker, some("Herman de Mönnink"));
    }

    #[test]
    fn terms_in_marks_are_not_quotations() {
        let found = nl("Lees het woord \"hotel\" als \"pension\". Zij zei: \"Nee.\"");
        assert_eq!(found.quotes.len(), 1);
        assert_eq!(found.quotes[0].text, "Nee.");
    }

    #[test]
    fn volgens_and_stelt_dat_and_the_words_of_attribute() {
        let found = nl("Volgens het bestuur is er nog \"een groot risico\" voor ons.");
        assert_eq!(found.quotes[0].as_written, some("het bestuur"));
        let found = nl("Het rapport stelt dat \"de zorg tekortschiet\".");
        assert_eq!(found.quotes[0].as_written, some("Het rapport"));
        let found = nl("\"Ik maak mij zorgen.\" Dat zijn de woorden van Bas Kuiper.");
        assert_eq!(found.quotes[0].speaker, some("Bas Kuiper"));
    }

    #[test]
    fn any_verb_that_inverts_with_a_name_attributes() {
        let found = nl("\" Kom binnen! \" inviteerde Bavink.");
        assert_eq!(found.quotes[0].speaker, some("Bavink"));
        // but not a first person inside the speech (`geloof ik`)
        let found = nl("- Ze was moe, geloof ik.\n- Ja.\n- Nee.");
        assert_eq!(found.quotes[0].kind, None);
    }

    #[test]
    fn a_split_quotation_keeps_its_attribution_over_a_clause() {
        let text = "Toen keek Sherlock Holmes op. \" Goed, \" zeide hij, terwijl hij zijn pijp stopte, \" nu dan. \"";
        let found = nl(text);
        assert_eq!(found.quotes.len(), 2);
        assert_eq!(found.quotes[1].as_written, some("hij"));
        assert_eq!(found.quotes[1].speaker, some("Sherlock Holmes"));
    }
}
