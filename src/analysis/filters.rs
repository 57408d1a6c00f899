//! Token filters of our own: Snowball stemming with a chosen algorithm, Dutch vowel
//! undoubling, and Dutch decompounding.
//!
//! tantivy's `Language::Dutch` is Kraaij-Pohlmann since 0.27 (gemeente ~ gemeen ~ menen);
//! we use `DutchPorter` with the rules of `analysis::dutch` around it, see docs/internals.md.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::Arc;

use frostem::Algorithm;
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::compound::Decompounder;
use super::dutch::DutchStemming;

/// Stems with a frostem algorithm, or for Dutch with the rules of `analysis::dutch`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stem {
    Snowball(Algorithm),
    Dutch(DutchStemming),
}

impl Stem {
    fn algorithm(self) -> Algorithm {
        match self {
            Stem::Snowball(algorithm) => algorithm,
            Stem::Dutch(dutch) => dutch.algorithm,
        }
    }
}

impl TokenFilter for Stem {
    type Tokenizer<T: Tokenizer> = StemFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> StemFilter<T> {
        StemFilter { stem: self, inner }
    }
}

/// Words stemmed before, per thread and stemmer: an indexing thread, and a server thread from
/// one result page to the next, meet the same words again and again, and a lookup costs a
/// fraction of a Snowball run. Per thread, not per analyzer copy: a snippet generator gets a
/// fresh copy for every search, and a shared map would need a lock on every token. Stems do not
/// change by this, so the analyzer version does not either.
const MEMO_LIMIT: usize = 100_000;

type Memo = FxHashMap<Box<str>, Box<str>>;

thread_local! {
    static MEMOS: RefCell<FxHashMap<Stem, Memo>> = RefCell::new(FxHashMap::default());
}

#[derive(Clone)]
pub struct StemFilter<T> {
    stem: Stem,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for StemFilter<T> {
    type TokenStream<'a> = StemStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemStream {
            tail: self.inner.token_stream(text),
            stemmer: frostem::Stemmer::new(self.stem.algorithm()),
            stem: self.stem,
        }
    }
}

pub struct StemStream<T> {
    tail: T,
    stemmer: frostem::Stemmer,
    stem: Stem,
}

impl<T: TokenStream> TokenStream for StemStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let (stemmer, stem) = (&self.stemmer, self.stem);
        MEMOS.with_borrow_mut(|memos| {
            let memo = memos.entry(stem).or_default();
            if let Some(stemmed) = memo.get(token.text.as_str()) {
                token.text.clear();
                token.text.push_str(stemmed);
                return;
            }
            let stemmed = match stem {
                Stem::Dutch(dutch) => dutch.stem(stemmer, &token.text),
                Stem::Snowball(_) => stemmer.stem(&token.text).into_owned(),
            };
            if memo.len() >= MEMO_LIMIT {
                memo.clear();
            }
            let word = std::mem::replace(&mut token.text, stemmed);
            memo.insert(word.into_boxed_str(), token.text.as_str().into());
        });
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Splits made before, per thread and decompounder (by its address: the analyzers share one,
/// built once for the program's life, `analysis::DECOMPOUNDER`), like the stem memo.
type SplitMemo = FxHashMap<Box<str>, Box<[String]>>;

thread_local! {
    static SPLITS: RefCell<FxHashMap<usize, SplitMemo>> = RefCell::new(FxHashMap::default());
}

/// Adds the parts of Dutch compounds at the position of the compound, keeping the original.
/// A word written with a capital inside a sentence is taken for a name and left whole
/// (`Marie Kamphuis` does not give `huis`); at the start of a text, a sentence (after `.`, `!`,
/// `?` or `:`) or a paragraph (a blank line) it is split. A single line break is no boundary:
/// text from PDFs and subtitles breaks lines inside sentences.
#[derive(Clone)]
pub struct Decompound(pub Arc<Decompounder>);

impl TokenFilter for Decompound {
    type Tokenizer<T: Tokenizer> = DecompoundFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> DecompoundFilter<T> {
        DecompoundFilter {
            lexicon: self.0,
            inner,
        }
    }
}

#[derive(Clone)]
pub struct DecompoundFilter<T> {
    lexicon: Arc<Decompounder>,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for DecompoundFilter<T> {
    type TokenStream<'a> = DecompoundStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DecompoundStream {
            tail: self.inner.token_stream(text),
            text,
            previous_end: None,
            lexicon: &self.lexicon,
            pending: VecDeque::new(),
            current: Token::default(),
        }
    }
}

pub struct DecompoundStream<'a, T> {
    tail: T,
    text: &'a str,
    /// Where the previous token ended in the text, to see whether a sentence ended since.
    previous_end: Option<usize>,
    lexicon: &'a Decompounder,
    pending: VecDeque<String>,
    current: Token,
}

impl<T: TokenStream> TokenStream for DecompoundStream<'_, T> {
    fn advance(&mut self) -> bool {
        if let Some(part) = self.pending.pop_front() {
            self.current.text = part;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        self.current = self.tail.token().clone();
        let (from, to) = (self.current.offset_from, self.current.offset_to);
        let written = self.text.get(from..to).unwrap_or("");
        let sentence_start = match self.previous_end {
            None => true,
            Some(end) => self
                .text
                .get(end..from)
                .is_none_or(|gap| gap.contains(['.', '!', '?', ':']) || gap.contains("\n\n")),
        };
        self.previous_end = Some(to);
        if sentence_start || !is_capitalised(written) {
            let (word, lexicon, pending) = (&self.current.text, self.lexicon, &mut self.pending);
            SPLITS.with_borrow_mut(|memos| {
                let memo = memos
                    .entry(lexicon as *const Decompounder as usize)
                    .or_default();
                if let Some(parts) = memo.get(word.as_str()) {
                    pending.extend(parts.iter().cloned());
                    return;
                }
                let parts = lexicon.split(word);
                if memo.len() >= MEMO_LIMIT {
                    memo.clear();
                }
                pending.extend(parts.iter().cloned());
                memo.insert(word.as_str().into(), parts.into_boxed_slice());
            });
        }
        true
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

/// `Kamphuis`, not `kamphuis` or `KINDEROPVANG`: a capital followed by a lowercase letter.
fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}
