//! "Did you mean": the closest spelling of the query that does find something.
//!
//! For each word of the query that finds nothing on its own, look in the index's term
//! dictionaries (every language's text fields and the speaker names, walked with a Levenshtein
//! automaton) for the term closest in edit distance (1 for words of 4-7 letters, 2 from 8),
//! the most frequent on a tie; then find that term's surface form in an item's text, so the suggestion is a word as written
//! (`continuïteit`, not the stem). A word with no near term may be two words written as one
//! (`sociaalwerk` -> `sociaal werk`, [`split_in_two`]). Used only when a search found nothing.
//! No HTTP or HTML.

use std::collections::BTreeMap;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{FuzzyTermQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Searcher, Term};

use super::build::{assemble, clause_query, filter_clauses, search_text_query, QueryAnalyzers};
use super::query::{parse, Clause, Filters, ParsedQuery};
use super::ranking::Ranking;
use crate::archive::markdown::to_plain_text;
use crate::archive::slug::fold;
use crate::archive::{Item, Language};
use crate::index::{Fields, Generation};

/// How far a word may be from a term in the index to be suggested.
fn max_distance(chars: usize) -> usize {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The most words of one query that are respelled.
const MAX_RESPELLED: usize = 8;

/// A term in one field's dictionary, and how many documents have it.
struct Candidate {
    field: Field,
    term: String,
    distance: usize,
    doc_freq: u32,
}

/// The query with each word that finds nothing replaced by its closest spelling, when at
/// least one word was replaced.
pub fn closest_spelling(
    generation: &Generation,
    searcher: &Searcher,
    query: &str,
    clauses: &[Clause],
) -> tantivy::Result<Option<String>> {
    let fields = &generation.fields;
    let mut analyzers = QueryAnalyzers::default();
    let mut suggestion = query.to_string();
    let mut changed = false;
    for clause in clauses
        .iter()
        .filter(|c| !c.negated && !c.phrase)
        .take(MAX_RESPELLED)
    {
        if let Some(q) = clause_query(
            fields,
            &mut analyzers,
            clause,
            searcher,
            &Ranking::default(),
        ) {
            if searcher.search(&*q, &Count)? > 0 {
                continue;
            }
        }
        let replacement = match respell(generation, searcher, &mut analyzers, &clause.text)? {
            Some(word) => Some(word),
            None => split_in_two(generation, searcher, &mut analyzers, &clause.text)?,
        };
        if let Some(word) = replacement {
            suggestion = suggestion.replacen(&clause.text, &word, 1);
            changed = true;
        }
    }
    Ok(changed.then_some(suggestion))
}

/// The closest word as written in the archive, for one word that finds nothing.
fn respell(
    generation: &Generation,
    searcher: &Searcher,
    analyzers: &mut QueryAnalyzers,
    word: &str,
) -> tantivy::Result<Option<String>> {
    let fields = &generation.fields;
    let mut best: Option<Candidate> = None;
    let mut targets: Vec<(Field, String)> = Vec::new();
    for language in Language::ALL {
        let lf = fields.language(language);
        for term in analyzers.terms(language, word) {
            for field in [lf.title, lf.body, lf.themes, lf.summary, lf.context] {
                targets.push((field, term.clone()));
            }
        }
    }
    for term in analyzers.name_terms(word) {
        targets.push((fields.speakers, term));
    }
    for (field, target) in targets {
        let limit = max_distance(target.chars().count());
        if limit == 0 {
            continue;
        }
        for (term, doc_freq) in near(searcher, field, &target, limit)? {
            let distance = strsim::osa_distance(&term, &target);
            if distance == 0 || distance > limit {
                continue;
            }
            let better = best.as_ref().is_none_or(|b| {
                (distance, std::cmp::Reverse(doc_freq))
                    < (b.distance, std::cmp::Reverse(b.doc_freq))
            });
            if better {
                best = Some(Candidate {
                    field,
                    term,
                    distance,
                    doc_freq,
                });
            }
        }
    }
    let Some(candidate) = best else {
        return Ok(None);
    };
    // The terms are stems: one letter between them can be many between the words (`armoed`
    // and `anmoed` are `armoede` and `aanmoediging`). Offered only when the word as written
    // is as near to the one typed, accents and case aside.
    let surface = surface_form(generation, searcher, &candidate)?;
    let typed = fold(word);
    Ok(surface
        .filter(|s| strsim::osa_distance(&fold(s), &typed) <= max_distance(word.chars().count())))
}

/// The shortest part (in letters) that [`split_in_two`] makes.
const MIN_PART: usize = 3;

/// A word written as one that the archive writes as two (`sociaalwerk` -> `sociaal werk`,
/// `wijkteamaanpak` -> `wijkteam aanpak`): the split into two words that the index knows, the
/// one whose rarer half is found in the most items. Whether the two words find something
/// together is checked by the caller, like every suggestion.
fn split_in_two(
    generation: &Generation,
    searcher: &Searcher,
    analyzers: &mut QueryAnalyzers,
    word: &str,
) -> tantivy::Result<Option<String>> {
    let starts: Vec<usize> = word.char_indices().map(|(at, _)| at).collect();
    if starts.len() < 2 * MIN_PART || !word.chars().all(char::is_alphabetic) {
        return Ok(None);
    }
    let mut best: Option<(u64, String)> = None;
    for &at in &starts[MIN_PART..=starts.len() - MIN_PART] {
        let (left, right) = word.split_at(at);
        let found = known(generation, searcher, analyzers, left)?
            .min(known(generation, searcher, analyzers, right)?);
        if found > 0 && best.as_ref().is_none_or(|(most, _)| found > *most) {
            best = Some((found, format!("{left} {right}")));
        }
    }
    Ok(best.map(|(_, split)| split))
}

/// In how many items (at most, over the languages' titles and bodies) a word's one term is
/// found; 0 for a stop word or a word the analyzers make several terms of.
fn known(
    generation: &Generation,
    searcher: &Searcher,
    analyzers: &mut QueryAnalyzers,
    word: &str,
) -> tantivy::Result<u64> {
    let mut most = 0;
    for language in Language::ALL {
        let lf = generation.fields.language(language);
        if let [term] = analyzers.terms(language, word).as_slice() {
            for field in [lf.title, lf.body] {
                most = most.max(searcher.doc_freq(&Term::from_field_text(field, term))?);
            }
        }
    }
    Ok(most)
}

/// The terms of a field within `limit` edits of `target` (a swap of two letters is one edit),
/// with their document frequencies over all segments. Walks the term dictionary with a
/// Levenshtein automaton, so only the near terms are read, not the whole dictionary.
fn near(
    searcher: &Searcher,
    field: Field,
    target: &str,
    limit: usize,
) -> tantivy::Result<BTreeMap<String, u32>> {
    let query = FuzzyTermQuery::new(Term::from_field_text(field, target), limit as u8, true);
    let automaton = query.automaton()?;
    let mut terms: BTreeMap<String, u32> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().search(&automaton).into_stream()?;
        while stream.advance() {
            if let Ok(term) = std::str::from_utf8(stream.key()) {
                *terms.entry(term.to_string()).or_default() += stream.value().doc_freq;
            }
        }
    }
    Ok(terms)
}

/// The term as written in the first item that has it (`continuiteit` -> `continuïteit`).
fn surface_form(
    generation: &Generation,
    searcher: &Searcher,
    candidate: &Candidate,
) -> tantivy::Result<Option<String>> {
    let query = TermQuery::new(
        Term::from_field_text(candidate.field, &candidate.term),
        IndexRecordOption::Basic,
    );
    let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    let Some((_, address)) = top.first() else {
        return Ok(None);
    };
    let item = super::read_item(searcher, generation, *address)?;
    let text = field_text(&generation.fields, &item, candidate.field);
    let generator = SnippetGenerator::create(searcher, &query as &dyn Query, candidate.field)?;
    let snippet = generator.snippet(&text);
    Ok(snippet
        .highlighted()
        .first()
        .map(|r| snippet.fragment()[r.clone()].to_lowercase()))
}

/// The text an item put into one field.
fn field_text(fields: &Fields, item: &Item, field: Field) -> String {
    let lf = fields.language(item.language);
    if field == fields.speakers {
        item.speakers
            .iter()
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
            .join(" · ")
    } else if field == lf.title {
        item.title.clone()
    } else if field == lf.themes {
        item.themes.join(" · ")
    } else if field == lf.summary {
        item.summary.clone().unwrap_or_default()
    } else if field == lf.context {
        [&item.series, &item.event, &item.organisation]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" · ")
    } else {
        to_plain_text(&item.body)
    }
}

/// What to offer when a search found nothing: a respelled query that finds something with
/// the same filters, and how many items the query finds without any filter.
pub fn help(
    generation: &Generation,
    searcher: &Searcher,
    query: &str,
    filters: &Filters,
    all_words: bool,
) -> tantivy::Result<(Option<String>, Option<usize>)> {
    let fields = &generation.fields;
    let mut analyzers = QueryAnalyzers::default();
    let parsed = parse(query);
    // The query without filters is counted as the search the page links to would count it:
    // themes with their translations, and any word when no item has all of them. (A
    // respelling is offered only when its own words find something with the filters.)
    let theme_list = &generation.versions.themes;
    let (filters, _) = super::themes::expand_filters(filters, theme_list);
    let count = |text: &str,
                 with_filters: bool,
                 analyzers: &mut QueryAnalyzers|
     -> tantivy::Result<usize> {
        let parsed = parse(text);
        let expansions = match with_filters {
            true => Vec::new(),
            false => super::themes::find(&parsed.clauses, theme_list),
        };
        let words = search_text_query(
            fields,
            analyzers,
            (&parsed.clauses, &expansions),
            searcher,
            &Ranking::default(),
            all_words,
        )?;
        let filter = |analyzers: &mut QueryAnalyzers| match with_filters {
            true => filter_clauses(fields, analyzers, &filters, None, false),
            false => Vec::new(),
        };
        let found = searcher.search(&*assemble(&words, filter(analyzers), all_words), &Count)?;
        match found {
            0 if !with_filters && all_words && words.positive.len() > 1 => {
                searcher.search(&*assemble(&words, filter(analyzers), false), &Count)
            }
            n => Ok(n),
        }
    };
    let suggestion = match closest_spelling(generation, searcher, query, &parsed.clauses)? {
        Some(s) if count(&s, true, &mut analyzers)? > 0 => Some(s),
        _ => None,
    };
    let without_filters = if filters.is_empty() || parsed.clauses.is_empty() {
        None
    } else {
        Some(count(&without_prefixes(&parsed), false, &mut analyzers)?)
    };
    Ok((suggestion, without_filters))
}

/// The query's words and phrases without its prefixes (`spreker:`, `jaar:`, ...).
pub fn without_prefixes(parsed: &ParsedQuery) -> String {
    parsed
        .clauses
        .iter()
        .map(|c| {
            let text = if c.phrase {
                format!("\"{}\"", c.text)
            } else {
                c.text.clone()
            };
            if c.negated {
                format!("-{text}")
            } else {
                text
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
