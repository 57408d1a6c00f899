//! Per hit: the passages where the query matched (up to three, each with the paragraph anchor
//! it links to) and why the hit matched (title, speaker, theme, series, summary, text).
//!
//! Passages are the body's paragraphs (`archive::paragraphs`): `p-12` for paragraph 12, or
//! `t=12:40` for a timed transcript cue. Works on the query's terms through tantivy's snippet
//! generators, one per field and language, made once per search. Returns text and byte
//! ranges as data; knows nothing of HTTP or HTML.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::Serialize;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Field;
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::Searcher;

use super::probes::Probes;
use crate::archive::paragraphs::paragraphs;
use crate::archive::Item;
use crate::index::Fields;

/// A paragraph is probed in pieces of about this many bytes (a speech may be one paragraph).
const PIECE_BYTES: usize = 500;
/// The most passages a hit shows.
pub const MAX_PASSAGES: usize = 3;
const PASSAGE_CHARS: usize = 240;

/// A paragraph of the body where the query matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The paragraph's anchor on the item page: `p-12` or `t=12:40`.
    pub anchor: String,
    /// The cue's time in a timed transcript (`12:40`).
    pub time: Option<String>,
    pub text: String,
    /// Byte ranges in `text` that matched.
    pub highlights: Vec<Range<usize>>,
}

/// A part of an item that the query's words matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Matched {
    Title,
    Speaker,
    Theme,
    Series,
    Summary,
    Text,
}

impl Matched {
    pub fn as_str(self) -> &'static str {
        match self {
            Matched::Title => "title",
            Matched::Speaker => "speaker",
            Matched::Theme => "theme",
            Matched::Series => "series",
            Matched::Summary => "summary",
            Matched::Text => "text",
        }
    }
}

/// The query's positive words and phrases only (no filters, no exclusions): what passages and
/// reasons mark.
pub fn words_query(positive: &[Box<dyn Query>]) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        positive
            .iter()
            .map(|q| (Occur::Should, q.box_clone()))
            .collect(),
    ))
}

/// Snippet generators for one query, made on first use per field.
pub struct Marker<'a> {
    searcher: &'a Searcher,
    query: &'a dyn Query,
    fields: &'a Fields,
    generators: BTreeMap<(u32, usize), SnippetGenerator>,
    /// Per field: what a text must contain to be worth analysing.
    probes: BTreeMap<u32, Probes>,
    /// False when the query has no words (filters only): nothing to mark.
    has_words: bool,
}

impl<'a> Marker<'a> {
    pub fn new(searcher: &'a Searcher, query: &'a dyn Query, fields: &'a Fields) -> Marker<'a> {
        let mut has_words = false;
        query.query_terms(&mut |_, _| has_words = true);
        Marker {
            searcher,
            query,
            fields,
            generators: BTreeMap::new(),
            probes: BTreeMap::new(),
            has_words,
        }
    }

    fn snippet(&mut self, field: Field, max_chars: usize, text: &str) -> tantivy::Result<Snippet> {
        let key = (field.field_id(), max_chars);
        if !self.generators.contains_key(&key) {
            let mut generator = SnippetGenerator::create(self.searcher, self.query, field)?;
            generator.set_max_num_chars(max_chars);
            self.generators.insert(key, generator);
        }
        Ok(self.generators[&key].snippet(text))
    }

    fn probes(&mut self, field: Field) -> &mut Probes {
        let query = self.query;
        self.probes
            .entry(field.field_id())
            .or_insert_with(|| Probes::new(query, field))
    }

    fn matches(&mut self, field: Field, text: &str) -> tantivy::Result<bool> {
        Ok(!text.is_empty()
            && self.probes(field).may_match(text)
            && !self.snippet(field, 10_000, text)?.highlighted().is_empty())
    }

    /// Up to [`MAX_PASSAGES`] paragraphs that match best (most different words, then most
    /// matches), in the order they appear in the body. Only the pieces of paragraphs that
    /// hold a probe of the query's terms ([`Probes`], [`pieces`]) are analysed, once: one
    /// snippet as long as all of them gives every match, which is then assigned to its paragraph.
    pub fn passages(&mut self, item: &Item) -> tantivy::Result<Vec<Passage>> {
        if !self.has_words {
            return Ok(Vec::new());
        }
        let field = self.fields.language(item.language).body;
        let paragraphs = paragraphs(&item.body);
        let probes = self.probes(field);
        let mut joined = String::new();
        // Per kept piece: where it starts in `joined`, its paragraph and its offset there.
        let mut starts = Vec::with_capacity(paragraphs.len());
        let mut kept = Vec::with_capacity(paragraphs.len());
        for (index, paragraph) in paragraphs.iter().enumerate() {
            for (offset, piece) in pieces(&paragraph.text) {
                if probes.may_match(piece) {
                    starts.push(joined.len());
                    kept.push((index, offset));
                    joined.push_str(piece);
                    joined.push('\n');
                }
            }
        }
        if joined.is_empty() {
            return Ok(Vec::new());
        }
        let whole = self.snippet(field, usize::MAX / 2, &joined)?;
        let offset = whole.fragment_range().start;
        let mut per_paragraph: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
        for range in whole.highlighted() {
            let (start, end) = (range.start + offset, range.end + offset);
            let nth = starts.partition_point(|s| *s <= start) - 1;
            let (index, offset) = kept[nth];
            let (start, end) = (start - starts[nth] + offset, end - starts[nth] + offset);
            per_paragraph.entry(index).or_default().push(start..end);
        }
        let mut ranked: Vec<(usize, usize, usize)> = per_paragraph
            .iter()
            .map(|(index, ranges)| {
                let text = &paragraphs[*index].text;
                let distinct: BTreeSet<String> = ranges
                    .iter()
                    .map(|r| text[r.clone()].to_lowercase())
                    .collect();
                (distinct.len(), ranges.len(), *index)
            })
            .collect();
        ranked.sort_by(|a, b| (b.0, b.1, a.2).cmp(&(a.0, a.1, b.2)));
        ranked.truncate(MAX_PASSAGES);
        ranked.sort_by_key(|r| r.2);
        let mut out = Vec::with_capacity(ranked.len());
        for (_, _, index) in ranked {
            let paragraph = &paragraphs[index];
            let (text, highlights) = if paragraph.text.chars().count() <= PASSAGE_CHARS {
                (paragraph.text.clone(), per_paragraph[&index].clone())
            } else {
                excerpt(
                    &paragraph.text,
                    &self.snippet(field, PASSAGE_CHARS, &paragraph.text)?,
                )
            };
            out.push(Passage {
                anchor: paragraph.anchor.clone(),
                time: paragraph.time.clone(),
                text,
                highlights,
            });
        }
        Ok(out)
    }

    /// The parts of the item that the query's words matched.
    pub fn matched(&mut self, item: &Item, passages: &[Passage]) -> tantivy::Result<Vec<Matched>> {
        if !self.has_words {
            return Ok(Vec::new());
        }
        let lf = *self.fields.language(item.language);
        let mut out = Vec::new();
        if self.matches(lf.title, &item.title)? {
            out.push(Matched::Title);
        }
        let names: Vec<&str> = item
            .speakers
            .iter()
            .flat_map(|s| std::iter::once(s.name.as_str()).chain(s.as_written.as_deref()))
            .collect();
        if self.matches(self.fields.speakers, &names.join(" · "))? {
            out.push(Matched::Speaker);
        }
        if self.matches(lf.themes, &item.themes.join(" · "))? {
            out.push(Matched::Theme);
        }
        let context: Vec<&str> = [&item.series, &item.event, &item.organisation]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if self.matches(lf.context, &context.join(" · "))? {
            out.push(Matched::Series);
        }
        if self.matches(lf.summary, item.summary.as_deref().unwrap_or(""))? {
            out.push(Matched::Summary);
        }
        if !passages.is_empty() {
            out.push(Matched::Text);
        }
        Ok(out)
    }
}

/// The passage with the most different matched words (the first on a tie).
pub fn best(passages: &[Passage]) -> Option<&Passage> {
    let distinct = |p: &Passage| {
        p.highlights
            .iter()
            .map(|r| p.text[r.clone()].to_lowercase())
            .collect::<BTreeSet<_>>()
            .len()
    };
    passages
        .iter()
        .rev()
        .max_by_key(|p| (distinct(p), p.highlights.len()))
}

/// A passage as a hit's snippet: a cue keeps its `[12:40]` in front, as in the text.
pub fn as_snippet(passage: &Passage) -> (String, Vec<Range<usize>>) {
    let prefix = match &passage.time {
        Some(time) if !passage.text.starts_with('…') => format!("[{time}] "),
        _ => String::new(),
    };
    let shift = prefix.len();
    (
        prefix + &passage.text,
        passage
            .highlights
            .iter()
            .map(|r| r.start + shift..r.end + shift)
            .collect(),
    )
}

/// A paragraph in pieces of about [`PIECE_BYTES`], each with its byte offset, cut just before
/// whitespace: never inside a word, so the analyzer finds the same words in the pieces.
fn pieces(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + PIECE_BYTES).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        end += text[end..]
            .find(char::is_whitespace)
            .unwrap_or(text.len() - end);
        out.push((start, &text[start..end]));
        start = end;
    }
    out
}

/// The snippet's fragment, with `…` where it cuts the paragraph, and its highlights moved along.
fn excerpt(paragraph: &str, snippet: &Snippet) -> (String, Vec<Range<usize>>) {
    let range = snippet.fragment_range();
    let mut text = String::new();
    let mut shift = 0;
    if paragraph[..range.start].chars().any(char::is_alphanumeric) {
        text.push_str("… ");
        shift = text.len();
    }
    text.push_str(snippet.fragment().trim_end());
    if paragraph[range.end.min(paragraph.len())..]
        .chars()
        .any(char::is_alphanumeric)
    {
        text.push_str(" …");
    }
    let highlights = snippet
        .highlighted()
        .iter()
        .map(|r| r.start + shift..r.end + shift)
        .collect();
    (text, highlights)
}
