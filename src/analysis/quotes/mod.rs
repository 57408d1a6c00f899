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
mod resolve;
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
    (first..last).any(|t| doc.toks[t].word && PERSONAL.contains(&doc.word(t)))
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
mod tests;
