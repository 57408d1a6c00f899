//! Per hit: the passages where the query matched (up to three, each with the paragraph anchor
//! it links to) and why the hit matched (title, speaker, theme, series, summary, text).
//!
//! Passages are the body's paragraphs (`archive::paragraphs`): `p-12` for paragraph 12, or
//! `t=12:40` for a timed transcript cue. Works from the index's postings: the positions of the
//! query's terms in a hit's body say which words matched, so no text is analysed (stemmed,
//! decompounded) again at search time, and what is marked is exactly what the index matched.
//! The body field holds the paragraphs' plain text (`archive::paragraphs::indexed_text`), so a
//! position is found by counting tokens through the paragraphs.
//! Returns text and byte ranges as data; knows nothing of HTTP or HTML.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::postings::{Postings, SegmentPostings, TermInfo};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Searcher, SegmentOrdinal, Term};

use crate::analysis::tokens::{read_checkpoints, tokens, CHECKPOINT_EVERY};
use crate::archive::paragraphs::{indexed_text, paragraphs, starts_in_indexed_text};
use crate::archive::themes::fold;
use crate::archive::{Item, Language};
use crate::index::Fields;

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
    /// When a matched word is inside a quotation of this paragraph: that quotation.
    pub quote: Option<PassageQuote>,
}

/// The quotation a passage's match is in, and whose it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PassageQuote {
    pub text: String,
    pub speaker: Option<String>,
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

/// Where one query's words occur in its hits: read from the index's postings (positions),
/// so a hit's text is never analysed again at search time.
pub struct Marker<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    /// The query's terms, per field.
    terms: FxHashMap<Field, Vec<Term>>,
    /// Per segment and term: where its postings are (`None`: not in that segment).
    infos: FxHashMap<(SegmentOrdinal, Term), Option<TermInfo>>,
}

impl<'a> Marker<'a> {
    pub fn new(searcher: &'a Searcher, query: &'a dyn Query, fields: &'a Fields) -> Marker<'a> {
        let mut terms: FxHashMap<Field, Vec<Term>> = FxHashMap::default();
        // A word searched within quotations (`citaat:`) is marked where it stands in the body.
        let in_body = |field: Field| {
            Language::ALL
                .into_iter()
                .map(|l| fields.language(l))
                .find(|lf| lf.quote == field)
                .map_or(field, |lf| lf.body)
        };
        query.query_terms(&mut |term, _| {
            let field = in_body(term.field());
            let term = if field == term.field() {
                term.clone()
            } else {
                Term::from_field_text(field, term.value().as_str().unwrap_or_default())
            };
            let list = terms.entry(field).or_default();
            if !list.contains(&term) {
                list.push(term);
            }
        });
        Marker {
            searcher,
            fields,
            terms,
            infos: FxHashMap::default(),
        }
    }

    /// The postings of each of the query's terms in `field` that hold the hit at `address`,
    /// each at that hit.
    fn postings_at(
        &mut self,
        address: DocAddress,
        field: Field,
        option: IndexRecordOption,
    ) -> tantivy::Result<Vec<SegmentPostings>> {
        let mut out = Vec::new();
        let Some(terms) = self.terms.get(&field) else {
            return Ok(out);
        };
        let inverted = self
            .searcher
            .segment_reader(address.segment_ord)
            .inverted_index(field)?;
        for term in terms {
            let key = (address.segment_ord, term.clone());
            let info = match self.infos.get(&key) {
                Some(info) => info.clone(),
                None => {
                    let info = inverted.get_term_info(term)?;
                    self.infos.insert(key, info.clone());
                    info
                }
            };
            let Some(info) = info else { continue };
            let mut postings = inverted.read_postings_from_terminfo(&info, option)?;
            // `seek` must not go backwards: the first document may already be past the hit.
            let doc = match postings.doc() {
                doc if doc >= address.doc_id => doc,
                _ => postings.seek(address.doc_id),
            };
            if doc == address.doc_id {
                out.push(postings);
            }
        }
        Ok(out)
    }

    /// The positions (token numbers) in `field` of the hit at `address` where one of the
    /// query's terms occurs, in order.
    fn positions(&mut self, address: DocAddress, field: Field) -> tantivy::Result<Vec<u32>> {
        let mut out = Vec::new();
        let mut found = Vec::new();
        let option = IndexRecordOption::WithFreqsAndPositions;
        for mut postings in self.postings_at(address, field, option)? {
            postings.positions(&mut found);
            out.append(&mut found);
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// Whether one of the query's terms occurs in `field` of the hit at `address`.
    fn has_term(&mut self, address: DocAddress, field: Field) -> tantivy::Result<bool> {
        Ok(!self
            .postings_at(address, field, IndexRecordOption::Basic)?
            .is_empty())
    }

    /// Up to [`MAX_PASSAGES`] paragraphs that match best (most different words, then most
    /// matches), in the order they appear in the body. The postings give the positions of the
    /// query's terms in the body; counting tokens through the paragraphs (the text the index
    /// holds, `archive::paragraphs::indexed_text`) turns them into byte ranges.
    pub fn passages(
        &mut self,
        item: &Item,
        address: DocAddress,
        marks: &[u8],
    ) -> tantivy::Result<Vec<Passage>> {
        let field = self.fields.language(item.language).body;
        let positions = self.positions(address, field)?;
        if positions.is_empty() {
            return Ok(Vec::new());
        }
        let paragraphs = paragraphs(&item.body);
        let text = indexed_text(&paragraphs);
        // Where each paragraph starts in the indexed text, in bytes.
        let starts = starts_in_indexed_text(&paragraphs, str::len);
        let marks = read_checkpoints(marks, &text).unwrap_or_default();
        let mut per_paragraph: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
        for range in token_ranges(&text, &positions, &marks) {
            let index = starts.partition_point(|&s| s <= range.start) - 1;
            let start = starts[index];
            per_paragraph
                .entry(index)
                .or_default()
                .push(range.start - start..range.end - start);
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
                excerpt(&paragraph.text, &per_paragraph[&index])
            };
            let quote = quote_of(item, &paragraph.anchor, &text, &highlights);
            out.push(Passage {
                anchor: paragraph.anchor.clone(),
                time: paragraph.time.clone(),
                text,
                highlights,
                quote,
            });
        }
        Ok(out)
    }

    /// The parts of the item that the query's words matched (from the postings: a part matched
    /// when the hit is in the postings of one of the query's terms for that part's field).
    pub fn matched(
        &mut self,
        item: &Item,
        address: DocAddress,
        passages: &[Passage],
    ) -> tantivy::Result<Vec<Matched>> {
        let lf = *self.fields.language(item.language);
        let mut out = Vec::new();
        for (field, part) in [
            (lf.title, Matched::Title),
            (self.fields.speakers, Matched::Speaker),
            (lf.themes, Matched::Theme),
            (lf.context, Matched::Series),
            (lf.summary, Matched::Summary),
        ] {
            if self.has_term(address, field)? {
                out.push(part);
            }
        }
        if !passages.is_empty() {
            out.push(Matched::Text);
        }
        Ok(out)
    }
}

/// The quotation of the paragraph at `anchor` that holds a matched word of the passage, if any
/// (compared without case or accents: a passage may be an excerpt, so offsets do not help).
fn quote_of(
    item: &Item,
    anchor: &str,
    text: &str,
    highlights: &[Range<usize>],
) -> Option<PassageQuote> {
    let words: Vec<String> = highlights
        .iter()
        .filter_map(|r| text.get(r.clone()))
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    item.attributions
        .quotes
        .iter()
        .filter(|q| q.anchor == anchor)
        .find(|q| {
            let inside = format!(" {} ", fold(&q.text));
            words.iter().any(|w| inside.contains(&format!(" {w} ")))
        })
        .map(|q| PassageQuote {
            text: q.text.clone(),
            speaker: q.speaker.clone(),
        })
}

/// The byte ranges in `text` of the tokens at the given positions (sorted), counting from the
/// nearest checkpoint before each (`marks`: the byte offset of every
/// [`CHECKPOINT_EVERY`]th token; empty: count from the start).
fn token_ranges(text: &str, positions: &[u32], marks: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(positions.len());
    // The next token's number and where to look for it.
    let (mut position, mut at) = (0usize, 0usize);
    for &wanted in positions {
        let wanted = wanted as usize;
        if wanted < position {
            continue;
        }
        let mark = wanted / CHECKPOINT_EVERY;
        if mark * CHECKPOINT_EVERY > position && mark < marks.len() {
            (position, at) = (mark * CHECKPOINT_EVERY, marks[mark]);
        }
        for range in tokens(&text[at..]) {
            let range = at + range.start..at + range.end;
            position += 1;
            if position - 1 == wanted {
                at = range.end;
                out.push(range);
                break;
            }
        }
        if position <= wanted {
            break; // the text has fewer tokens than the index says: nothing more to find
        }
    }
    out
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

/// At most [`PASSAGE_CHARS`] of a long paragraph around its best run of matches (most
/// different words, then most matches; the first on a tie), cut at whitespace, with `…` where
/// it cuts the paragraph, and the highlights inside it moved along. Works on the matches found
/// already: the paragraph is not analysed again.
fn excerpt(paragraph: &str, highlights: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    let (first, last) = best_run(paragraph, highlights);
    let (span_start, span_end) = match (highlights.get(first), highlights.get(last)) {
        (Some(a), Some(b)) => (a.start, b.end.max(a.end)),
        _ => (0, 0),
    };
    let spare = PASSAGE_CHARS.saturating_sub(paragraph[span_start..span_end].chars().count());
    // A third of what is left goes before the first match, the rest after the last.
    let mut start = chars_back(paragraph, span_start, spare / 3);
    if start > 0 {
        start = match paragraph[start..span_start].find(char::is_whitespace) {
            Some(ws) => start + ws,
            None => span_start,
        };
    }
    let used = paragraph[start..span_end].chars().count();
    let mut end = chars_forward(paragraph, span_end, PASSAGE_CHARS.saturating_sub(used));
    if end < paragraph.len() {
        end = match paragraph[span_end..end].rfind(char::is_whitespace) {
            Some(ws) => span_end + ws,
            None => span_end,
        };
    }
    let fragment = paragraph[start..end].trim();
    let start = start + (paragraph[start..end].len() - paragraph[start..end].trim_start().len());
    let end = start + fragment.len();
    let mut text = String::new();
    if paragraph[..start].chars().any(char::is_alphanumeric) {
        text.push_str("… ");
    }
    let shift = text.len();
    text.push_str(fragment);
    if paragraph[end..].chars().any(char::is_alphanumeric) {
        text.push_str(" …");
    }
    let moved = highlights
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| r.start - start + shift..r.end - start + shift)
        .collect();
    (text, moved)
}

/// The run of highlights (first and last index) that fits in [`PASSAGE_CHARS`] bytes and holds
/// the most different words, then the most matches; the earliest on a tie.
fn best_run(paragraph: &str, highlights: &[Range<usize>]) -> (usize, usize) {
    let mut best = (0, 0);
    let mut best_score = (0, 0);
    for first in 0..highlights.len() {
        let mut words: BTreeSet<String> = BTreeSet::new();
        let mut last = first;
        for (n, range) in highlights.iter().enumerate().skip(first) {
            if range.end.saturating_sub(highlights[first].start) > PASSAGE_CHARS {
                break;
            }
            words.insert(paragraph[range.clone()].to_lowercase());
            last = n;
        }
        let score = (words.len(), last - first + 1);
        if score > best_score {
            best_score = score;
            best = (first, last);
        }
    }
    best
}

/// The byte index `chars` characters before `at` (or 0).
fn chars_back(text: &str, at: usize, chars: usize) -> usize {
    if chars == 0 {
        return at;
    }
    text[..at]
        .char_indices()
        .rev()
        .nth(chars - 1)
        .map_or(0, |(i, _)| i)
}

/// The byte index `chars` characters after `at` (or the end).
fn chars_forward(text: &str, at: usize, chars: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges_of(text: &str, word: &str) -> Vec<Range<usize>> {
        text.match_indices(word)
            .map(|(i, w)| i..i + w.len())
            .collect()
    }

    #[test]
    fn token_ranges_from_checkpoints_equal_counting_from_the_start() {
        let text = (0..300)
            .map(|n| format!("wörd{n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let all: Vec<Range<usize>> = tokens(&text).collect();
        let stored = crate::analysis::tokens::checkpoints(&text);
        let marks = read_checkpoints(&stored, &text).unwrap();
        let positions = [0u32, 5, 63, 64, 65, 130, 200, 299, 300, 5000];
        let expected: Vec<Range<usize>> = positions
            .iter()
            .filter_map(|&p| all.get(p as usize).cloned())
            .collect();
        assert_eq!(token_ranges(&text, &positions, &marks), expected);
        assert_eq!(token_ranges(&text, &positions, &[]), expected);
    }

    #[test]
    fn excerpt_is_cut_around_the_best_run_of_matches() {
        let filler = "woord ".repeat(100);
        let paragraph =
            format!("{filler}vrede hier {filler}vrede en continuïteit samen {filler}einde");
        let mut highlights = ranges_of(&paragraph, "vrede");
        highlights.extend(ranges_of(&paragraph, "continuïteit"));
        highlights.sort_by_key(|r| r.start);
        let (text, marked) = excerpt(&paragraph, &highlights);
        assert!(text.starts_with("… ") && text.ends_with(" …"), "{text}");
        assert!(text.chars().count() <= PASSAGE_CHARS + 4, "{text}");
        let words: Vec<&str> = marked.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, ["vrede", "continuïteit"]);
        assert!(
            !text.contains("hier"),
            "the run with two words wins: {text}"
        );
    }

    #[test]
    fn excerpt_at_the_start_has_no_leading_ellipsis() {
        let paragraph = format!("Vrede eerst. {}", "woord ".repeat(100));
        let (text, marked) = excerpt(&paragraph, &ranges_of(&paragraph, "Vrede"));
        assert!(text.starts_with("Vrede eerst."), "{text}");
        assert!(text.ends_with(" …"));
        assert_eq!(&text[marked[0].clone()], "Vrede");
    }
}
