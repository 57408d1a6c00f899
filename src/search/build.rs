//! Turns a parsed query and filters into a tantivy query.
//!
//! Every word is searched in every language's fields, each analysed by that language's query
//! analyzer (no decompounding at query time), and scored once over all of them with BM25F
//! (`search::bm25f`: per-field weights from [`Ranking`], frequencies added before they
//! saturate); words are AND-ed (or OR-ed for loose matching and evaluation), phrases are phrase
//! queries, and filters are constant-score clauses that do not change the ranking.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use super::bm25f::{Bm25fQuery, Part};
use super::fuzzy;
use super::query::{Clause, Filters, YearRange};
use super::ranking::Ranking;
use super::themes::Expansion;
use crate::analysis::{name_analyzer, positioned_terms, terms, text_analyzer, Mode};
use crate::archive::slug::slugify;
use crate::archive::{Kind, Language};
use crate::index::{Dimension, Fields};

/// What a match on a theme's translation (added by theme expansion, not typed) is worth
/// against a match on the words as typed: an item in the visitor's own words ranks first.
pub const EXPANSION_WEIGHT: f32 = 0.5;

/// The query-time analyzers, built once per search.
pub struct QueryAnalyzers {
    nl: TextAnalyzer,
    en: TextAnalyzer,
    name: TextAnalyzer,
}

impl Default for QueryAnalyzers {
    fn default() -> Self {
        QueryAnalyzers {
            nl: text_analyzer(Language::Nl, Mode::Query),
            en: text_analyzer(Language::En, Mode::Query),
            name: name_analyzer(),
        }
    }
}

impl QueryAnalyzers {
    pub fn terms(&mut self, language: Language, text: &str) -> Vec<String> {
        match language {
            Language::Nl => terms(&mut self.nl, text),
            Language::En => terms(&mut self.en, text),
        }
    }

    pub fn name_terms(&mut self, text: &str) -> Vec<String> {
        terms(&mut self.name, text)
    }

    /// The terms of `text` with their positions in it ([`Words`]).
    pub fn words(&mut self, language: Language, text: &str) -> Words {
        match language {
            Language::Nl => positioned_terms(&mut self.nl, text),
            Language::En => positioned_terms(&mut self.en, text),
        }
    }

    pub fn name_words(&mut self, text: &str) -> Words {
        positioned_terms(&mut self.name, text)
    }
}

/// A clause's terms as a field's analyzer gives them, each with its position in the clause
/// (stop words leave gaps, as in the index).
pub type Words = Vec<(usize, String)>;

/// A query matching `words` in `field`: one term, or a phrase of several (at their positions).
fn words_query(field: Field, words: &[(usize, String)], slop: u32) -> Option<Box<dyn Query>> {
    match words {
        [] => None,
        [(_, word)] => Some(Box::new(TermQuery::new(
            Term::from_field_text(field, word),
            IndexRecordOption::WithFreqs,
        ))),
        [(first, _), ..] => {
            let terms = words
                .iter()
                .map(|(at, w)| (at - first, Term::from_field_text(field, w)))
                .collect();
            Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)))
        }
    }
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

/// A field a clause is searched in: the clause's terms as that field analyses them, the
/// field's weight ([`Ranking`]) and the documents it can occur in ([`Part::scope`]).
struct Target {
    field: Field,
    words: Words,
    weight: f32,
    scope: Option<Term>,
}

/// Every searchable field with the clause's terms as that field analyses them; for a clause
/// within quotations (`citaat:`), only the quotation fields.
fn targets(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    text: &str,
    ranking: &Ranking,
    quote: bool,
) -> Vec<Target> {
    let mut targets = Vec::new();
    for language in Language::ALL {
        let words = analyzers.words(language, text);
        let lf = fields.language(language);
        let scope = Term::from_field_text(fields.language_key, language.code());
        if quote {
            targets.push(Target {
                field: lf.quote,
                words,
                weight: 1.0,
                scope: Some(scope),
            });
            continue;
        }
        for (field, weight) in [
            (lf.title, ranking.title),
            (lf.summary, ranking.summary),
            (lf.themes, ranking.themes),
            (lf.context, ranking.context),
            (lf.body, 1.0),
        ] {
            targets.push(Target {
                field,
                words: words.clone(),
                weight,
                scope: Some(scope.clone()),
            });
        }
    }
    if !quote {
        targets.push(Target {
            field: fields.speakers,
            words: analyzers.name_words(text),
            weight: ranking.speakers,
            scope: None,
        });
    }
    targets
}

/// One word or phrase over every searchable field; `None` when it has no searchable terms
/// (stop words only). A single word of 5 letters or more that the index (almost) does not know
/// also matches index terms one typo away, with a lower weight (see [`fuzzy`]).
pub fn clause_query(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    clause: &Clause,
    searcher: &Searcher,
    ranking: &Ranking,
) -> Option<Box<dyn Query>> {
    clause_query_with(
        fields,
        analyzers,
        clause,
        (searcher, ranking),
        &mut Typos::allowed(),
    )
}

/// Whether words may match near terms, and which words did.
pub struct Typos {
    pub allowed: bool,
    /// The words (as typed) that also match index terms one typo away.
    pub widened: Vec<String>,
}

impl Typos {
    pub fn allowed() -> Typos {
        Typos {
            allowed: true,
            widened: Vec::new(),
        }
    }

    pub fn exact() -> Typos {
        Typos {
            allowed: false,
            widened: Vec::new(),
        }
    }
}

/// [`clause_query`], with typo tolerance as `typos` allows; widened words are added to it.
fn clause_query_with(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    clause: &Clause,
    (searcher, ranking): (&Searcher, &Ranking),
    typos: &mut Typos,
) -> Option<Box<dyn Query>> {
    if let Some(pieces) = pieces(clause) {
        // `ggz-cliënten`, `IL-10` as one clause (an exclusion, a theme's words): each piece
        // scored on its own (BM25F), all of them required. A query's own words are split
        // before they get here (`text_query_with`).
        let mut all: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut stop_words: Vec<(usize, Vec<Language>)> = Vec::new();
        for piece in &pieces {
            let Some(query) =
                clause_query_with(fields, analyzers, piece, (searcher, ranking), typos)
            else {
                continue;
            };
            let plain = Clause {
                negated: false,
                ..piece.clone()
            };
            let languages = stop_word_languages(analyzers, &plain);
            if !languages.is_empty() {
                stop_words.push((all.len(), languages));
            }
            all.push((Occur::Must, query));
        }
        // `JAM-A`: the English stop word `a` asks nothing of English items.
        if stop_words.len() < all.len() {
            for (at, languages) in stop_words {
                let query = std::mem::replace(&mut all[at].1, Box::new(EmptyQuery));
                all[at].1 = or_in_languages(fields, query, &languages);
            }
        }
        return (!all.is_empty()).then(|| Box::new(BooleanQuery::new(all)) as Box<dyn Query>);
    }
    let targets = targets(fields, analyzers, &clause.text, ranking, clause.quote);
    let typo = typos.allowed
        && ranking.typo_below > 0
        && !clause.phrase
        && fuzzy::allows_typo(&clause.text)
        && fuzzy::is_rare(
            searcher,
            targets.iter().map(|t| match t.words.as_slice() {
                [(_, word)] => (t.field, Some(word.as_str())),
                _ => (t.field, None),
            }),
            ranking.typo_below,
        );
    // A field where the clause is one term joins the word's BM25F score; a field where it is
    // several (`ggz-cliënten`) gets a phrase of its own.
    let mut parts: Vec<Part> = Vec::new();
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut widened = false;
    for target in targets {
        let [(_, word)] = target.words.as_slice() else {
            if let Some(q) = words_query(target.field, &target.words, 0) {
                should.push((Occur::Should, boosted(q, target.weight)));
            }
            continue;
        };
        if typo {
            for near in fuzzy::near_terms(searcher, target.field, word) {
                parts.push(Part {
                    term: Term::from_field_text(target.field, &near),
                    weight: target.weight * fuzzy::WEIGHT,
                    exact: false,
                    scope: target.scope.clone(),
                });
                widened = true;
            }
        }
        parts.push(Part {
            term: Term::from_field_text(target.field, word),
            weight: target.weight,
            exact: true,
            scope: target.scope,
        });
    }
    if widened && !clause.negated {
        typos.widened.push(clause.text.clone());
    }
    if !parts.is_empty() {
        should.push((
            Occur::Should,
            Box::new(Bm25fQuery::new(parts, ranking.bm25)),
        ));
    }
    match should.len() {
        0 => None,
        1 => should.pop().map(|(_, q)| q),
        _ => Some(Box::new(BooleanQuery::new(should))),
    }
}

/// The word's terms in every field where it is one term, at the field's weight.
fn exact_parts(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    text: &str,
    ranking: &Ranking,
) -> Vec<Part> {
    targets(fields, analyzers, text, ranking, false)
        .into_iter()
        .filter_map(|t| match t.words.as_slice() {
            [(_, word)] => Some(Part {
                term: Term::from_field_text(t.field, word),
                weight: t.weight,
                exact: true,
                scope: t.scope,
            }),
            _ => None,
        })
        .collect()
}

/// A word that the tokenizer splits (`ggz-cliënten`, `IL-10`) as one clause per piece; `None`
/// for a phrase or a word that is one piece as typed. Words break where Unicode's word
/// boundaries (UAX #29, as Lucene's StandardTokenizer) break them: not at an apostrophe
/// between letters (`don't`, `zo'n` stay one word, searched as their terms side by side) nor
/// at a point or comma between digits (`0.05`, `1,000`), and a possessive `'s` is dropped
/// (`patient's`, `auto's`).
fn pieces(clause: &Clause) -> Option<Vec<Clause>> {
    if clause.phrase {
        return None;
    }
    let pieces = word_pieces(&clause.text);
    if pieces.is_empty() || pieces == [clause.text.as_str()] {
        return None;
    }
    Some(
        pieces
            .into_iter()
            .map(|text| Clause {
                text,
                phrase: false,
                negated: clause.negated,
                quote: clause.quote,
            })
            .collect(),
    )
}

/// The words within `text` ([`pieces`]).
fn word_pieces(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces = vec![String::new()];
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let between = |test: fn(&char) -> bool| {
            before.as_ref().is_some_and(test) && after.as_ref().is_some_and(test)
        };
        let inside = c.is_alphanumeric()
            || (matches!(c, '\'' | '\u{2019}') && between(|c| c.is_alphabetic()))
            || (matches!(c, '.' | ',') && between(char::is_ascii_digit));
        match pieces.last_mut() {
            Some(piece) if inside => piece.push(c),
            Some(piece) if piece.is_empty() => {}
            _ => pieces.push(String::new()),
        }
    }
    for piece in &mut pieces {
        for possessive in ["'s", "'S", "\u{2019}s", "\u{2019}S"] {
            if let Some(word) = piece.strip_suffix(possessive) {
                *piece = word.to_string();
                break;
            }
        }
    }
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// The languages a plain word is a stop word in (`onder` in Dutch, `not` in English): no item
/// in such a language can have it in its fields (it was never indexed there).
fn stop_word_languages(analyzers: &mut QueryAnalyzers, clause: &Clause) -> Vec<Language> {
    if clause.phrase || clause.negated {
        return Vec::new();
    }
    Language::ALL
        .into_iter()
        .filter(|language| analyzers.words(*language, &clause.text).is_empty())
        .collect()
}

/// `query`, or any item in one of `languages`: a stop word of a language asks nothing of the
/// items in that language (`onder` is not missing from a Dutch title that has it).
fn or_in_languages(
    fields: &Fields,
    query: Box<dyn Query>,
    languages: &[Language],
) -> Box<dyn Query> {
    let mut options: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, query)];
    for language in languages {
        let in_language = TermQuery::new(
            Term::from_field_text(fields.language_key, language.code()),
            IndexRecordOption::Basic,
        );
        options.push((
            Occur::Should,
            Box::new(ConstScoreQuery::new(Box::new(in_language), 0.0)),
        ));
    }
    Box::new(BooleanQuery::new(options))
}

/// A phrase clause that is cheap to match in every document, and what to rescore it with.
/// Each field's phrase is a filter (which stops at its first occurrence) and, for a score, the
/// phrase's words on their own in the fields the phrase matched. For the best candidates, each
/// field's words' score is taken off again and its phrase's own score added (one rescore
/// query per field: a union of them would match phrases in every document it skips over).
fn phrase_by_words(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    clause: &Clause,
    ranking: &Ranking,
) -> (Box<dyn Query>, Vec<Rescore>) {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut rescore: Vec<Rescore> = Vec::new();
    for target in targets(fields, analyzers, &clause.text, ranking, clause.quote) {
        let (field, words, boost) = (target.field, target.words, target.weight);
        let Some(phrase) = words_query(field, &words, 0) else {
            continue;
        };
        let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(ConstScoreQuery::new(phrase.box_clone(), 0.0)),
        )];
        for word in &words {
            let term = words_query(field, std::slice::from_ref(word), 0);
            parts.extend(term.map(|q| (Occur::Should, boosted(q, boost))));
        }
        let by_words: Box<dyn Query> = Box::new(BooleanQuery::new(parts));
        rescore.push((-1.0, by_words.box_clone()));
        rescore.push((boost, phrase));
        should.push((Occur::Should, by_words));
    }
    (Box::new(BooleanQuery::new(should)), rescore)
}

/// The proximity boost's phrases, one per pair of neighbouring words and field (title and
/// body), to rescore with, each weighing [`Ranking::proximity`].
fn proximity_leaves(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    words: &[&Clause],
    ranking: &Ranking,
) -> Vec<Rescore> {
    let mut leaves = Vec::new();
    if words.len() < 2 || ranking.proximity <= 0.0 {
        return leaves;
    }
    let text = words
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for language in Language::ALL {
        let terms = analyzers.words(language, &text);
        let lf = fields.language(language);
        for field in [lf.title, lf.body] {
            for pair in terms.windows(2).filter(|pair| pair[0].1 != pair[1].1) {
                leaves.extend(
                    words_query(field, pair, ranking.proximity_slop)
                        .map(|q| (ranking.proximity, q)),
                );
            }
        }
    }
    leaves
}

/// The filter for one facet dimension: any of its values (exact key or the words of the name;
/// with `exact`, the key only).
pub fn dimension_filter(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    dimension: Dimension,
    values: &[String],
    exact: bool,
) -> Option<Box<dyn Query>> {
    if values.is_empty() {
        return None;
    }
    let key_field = fields.key_field(dimension)?;
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for value in values {
        let key = match dimension {
            Dimension::Kind => Kind::parse(value)
                .map(|k| k.as_str().to_string())
                .unwrap_or_else(|| slugify(value)),
            Dimension::Language => Language::parse(value)
                .map(|l| l.code().to_string())
                .unwrap_or_else(|| slugify(value)),
            Dimension::Quoted => crate::index::schema::quoted_key(value),
            _ => slugify(value),
        };
        should.push((
            Occur::Should,
            Box::new(TermQuery::new(
                Term::from_field_text(key_field, &key),
                IndexRecordOption::Basic,
            )),
        ));
        if exact {
            continue;
        }
        // Lenient: `spreker:mönnink` matches "Herman de Mönnink"; `thema:armoede` a theme containing it.
        let text_fields: Vec<(Field, Words)> = match dimension {
            Dimension::Speaker => vec![(fields.speakers, analyzers.name_words(value))],
            Dimension::Theme => Language::ALL
                .into_iter()
                .map(|l| (fields.language(l).themes, analyzers.words(l, value)))
                .collect(),
            Dimension::Series => Language::ALL
                .into_iter()
                .map(|l| (fields.language(l).context, analyzers.words(l, value)))
                .collect(),
            _ => Vec::new(),
        };
        for (field, words) in text_fields {
            if let Some(q) = words_query(field, &words, 0) {
                should.push((Occur::Should, q));
            }
        }
    }
    Some(Box::new(BooleanQuery::new(should)))
}

pub fn year_filter(fields: &Fields, years: YearRange) -> Box<dyn Query> {
    Box::new(tantivy::query::RangeQuery::new(
        Bound::Included(Term::from_field_u64(fields.year, years.from as u64)),
        Bound::Included(Term::from_field_u64(fields.year, years.to as u64)),
    ))
}

/// All filters as MUST clauses, leaving out the dimension `except` (for "what if" facet counts);
/// `exact`: values match their key only ([`dimension_filter`]).
pub fn filter_clauses(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    filters: &Filters,
    except: Option<Dimension>,
    exact: bool,
) -> Vec<(Occur, Box<dyn Query>)> {
    Dimension::ALL
        .into_iter()
        .filter(|dimension| except != Some(*dimension))
        .filter_map(|dimension| filter_of(fields, analyzers, filters, dimension, exact))
        .map(|q| {
            (
                Occur::Must,
                Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>,
            )
        })
        .collect()
}

/// The filter on one dimension (`year` or a facet dimension), if the request sets one.
pub fn filter_of(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    filters: &Filters,
    dimension: Dimension,
    exact: bool,
) -> Option<Box<dyn Query>> {
    match dimension {
        Dimension::Year => match filters.year_ranges().as_slice() {
            [] => None,
            [one] => Some(year_filter(fields, *one)),
            several => Some(Box::new(BooleanQuery::new(
                several
                    .iter()
                    .map(|years| (Occur::Should, year_filter(fields, *years)))
                    .collect(),
            ))),
        },
        _ => dimension_filter(
            fields,
            analyzers,
            dimension,
            filters.values(dimension),
            exact,
        ),
    }
}

/// A factor and a query: a candidate the query matches gets its score times the factor added.
pub type Rescore = (f32, Box<dyn Query>);

/// Text clauses as built once: positive ones, exclusions, and the scores to add to the best
/// candidates afterwards (`rescore`).
pub struct TextQuery {
    pub positive: Vec<Box<dyn Query>>,
    pub negative: Vec<Box<dyn Query>>,
    /// Per query: a factor and the query whose score, times the factor, a candidate gets added
    /// when it matches. The proximity boost: for items whose title or body has neighbouring
    /// query words near each other, one sloppy phrase per pair of neighbouring words (so long
    /// queries are rewarded too). A phrase is matched as a filter (the first occurrence in a
    /// document settles it) and scored by its words; for the best candidates its words' score
    /// is taken off again and the phrase's own score added, so they rank as by the phrase's
    /// score.
    pub rescore: Vec<Rescore>,
    /// Words that had no searchable terms at all (stop words).
    pub skipped: Vec<String>,
    /// Clauses that score where they match but are not required ([`assemble`]).
    pub optional: Vec<Box<dyn Query>>,
    /// The words that also match near terms (typos), as typed.
    pub widened: Vec<String>,
    /// When words were widened: `positive` without the near terms, to tell exact matches
    /// from approximate ones.
    pub exact: Vec<Box<dyn Query>>,
    /// Terms added by pseudo-relevance feedback (`search::feedback`): they score, and with
    /// any word allowed they also find, but they are never required.
    pub expansion: Vec<Box<dyn Query>>,
}

pub fn text_query(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    clauses: &[Clause],
    expansions: &[Expansion],
    searcher: &Searcher,
    ranking: &Ranking,
) -> TextQuery {
    let mut typos = Typos::allowed();
    let mut text = text_query_with(
        fields,
        analyzers,
        clauses,
        expansions,
        (searcher, ranking),
        &mut typos,
    );
    text.widened = typos.widened;
    if !text.widened.is_empty() {
        let exact = text_query_as_typed(fields, analyzers, clauses, expansions, searcher, ranking);
        text.exact = exact.positive;
    }
    text
}

/// The text query a search runs (and counts, `spelling::help`): [`text_query`], except that
/// when every word is required (`all_words`) and the archive has all of them as typed
/// ([`found_as_typed`], filters aside), near spellings are left out altogether. Typo matches
/// are a fallback for words found nowhere, never an addition to exact ones: an item that only
/// has a word one letter away from one the visitor typed, and the archive has, is noise.
pub fn search_text_query(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    (clauses, expansions): (&[Clause], &[Expansion]),
    searcher: &Searcher,
    ranking: &Ranking,
    all_words: bool,
) -> tantivy::Result<TextQuery> {
    let text = text_query(fields, analyzers, clauses, expansions, searcher, ranking);
    if text.widened.is_empty() || !all_words || !found_as_typed(searcher, &text)? {
        return Ok(text);
    }
    Ok(text_query_as_typed(
        fields, analyzers, clauses, expansions, searcher, ranking,
    ))
}

/// [`text_query`] with every word as typed: no near terms (typos) at all.
pub fn text_query_as_typed(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    clauses: &[Clause],
    expansions: &[Expansion],
    searcher: &Searcher,
    ranking: &Ranking,
) -> TextQuery {
    text_query_with(
        fields,
        analyzers,
        clauses,
        expansions,
        (searcher, ranking),
        &mut Typos::exact(),
    )
}

/// Whether some document of the archive matches every positive word of `text` as typed (its
/// `exact` clauses) and none of its exclusions: filters aside, the words are not typos.
pub fn found_as_typed(searcher: &Searcher, text: &TextQuery) -> tantivy::Result<bool> {
    if text.exact.is_empty() {
        return Ok(false);
    }
    let clauses: Vec<(Occur, Box<dyn Query>)> = text
        .exact
        .iter()
        .map(|q| (Occur::Must, q.box_clone()))
        .chain(
            text.negative
                .iter()
                .map(|q| (Occur::MustNot, q.box_clone())),
        )
        .collect();
    Ok(searcher.search(&BooleanQuery::new(clauses), &tantivy::collector::Count)? > 0)
}

fn text_query_with(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    clauses: &[Clause],
    expansions: &[Expansion],
    (searcher, ranking): (&Searcher, &Ranking),
    typos: &mut Typos,
) -> TextQuery {
    let mut text = TextQuery {
        positive: Vec::new(),
        negative: Vec::new(),
        rescore: Vec::new(),
        skipped: Vec::new(),
        optional: Vec::new(),
        widened: Vec::new(),
        exact: Vec::new(),
        expansion: Vec::new(),
    };
    // Words that are stop words in some language, with those languages, and where they are
    // in `positive`.
    let mut stop_words: Vec<(usize, Vec<Language>)> = Vec::new();
    let mut i = 0;
    while i < clauses.len() {
        if let Some(expansion) = expansions.iter().find(|e| e.start == i) {
            let run = &clauses[i..i + expansion.len];
            text.positive.extend(theme_query(
                fields,
                analyzers,
                run,
                &expansion.alternatives,
                (searcher, ranking, typos),
            ));
            i += expansion.len;
            continue;
        }
        let clause = &clauses[i];
        // A word the tokenizer splits (`IL-10`, `ggz-cliënten`) is its pieces, each a word of
        // the query: with every word required all of them are, and with any word allowed each
        // one counts on its own, as separate words do. An exclusion stays one clause.
        let pieces = (!clause.negated).then(|| pieces(clause)).flatten();
        for clause in pieces.as_deref().unwrap_or(std::slice::from_ref(clause)) {
            add_clause(
                fields,
                analyzers,
                clause,
                (searcher, ranking, typos),
                (&mut text, &mut stop_words),
            );
        }
        i += 1;
    }
    // With other words beside them, stop words ask nothing of items in their stop language;
    // on their own they are what was asked for.
    if stop_words.len() < text.positive.len() {
        for (at, languages) in stop_words {
            let query = std::mem::replace(&mut text.positive[at], Box::new(EmptyQuery));
            text.positive[at] = or_in_languages(fields, query, &languages);
        }
    }
    let words: Vec<&Clause> = clauses
        .iter()
        .filter(|c| !c.negated && !c.phrase && !c.quote)
        .collect();
    text.rescore
        .extend(proximity_leaves(fields, analyzers, &words, ranking));
    text
}

/// Adds one clause to `text`: an exclusion, a phrase (matched cheaply, rescored) or a word
/// (noting the languages it is a stop word in, `stop_words`), or a word with no searchable
/// terms to `skipped`.
fn add_clause(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    clause: &Clause,
    (searcher, ranking, typos): (&Searcher, &Ranking, &mut Typos),
    (text, stop_words): (&mut TextQuery, &mut Vec<(usize, Vec<Language>)>),
) {
    match clause_query_with(fields, analyzers, clause, (searcher, ranking), typos) {
        Some(q) if clause.negated => text.negative.push(q),
        Some(_) if clause.phrase => {
            let (cheap, rescore) = phrase_by_words(fields, analyzers, clause, ranking);
            text.rescore.extend(rescore);
            text.positive.push(cheap);
        }
        Some(q) => {
            let languages = stop_word_languages(analyzers, clause);
            if !languages.is_empty() {
                stop_words.push((text.positive.len(), languages));
            }
            text.positive.push(q);
        }
        None if !clause.negated => text.skipped.push(clause.text.clone()),
        None => {}
    }
}

/// A theme named in the query: all of its words as typed, or any of its translations as a
/// phrase.
fn theme_query(
    fields: &Fields,
    analyzers: &mut QueryAnalyzers,
    run: &[Clause],
    alternatives: &[String],
    (searcher, ranking, typos): (&Searcher, &Ranking, &mut Typos),
) -> Option<Box<dyn Query>> {
    let typed: Vec<(Occur, Box<dyn Query>)> = run
        .iter()
        .filter_map(|c| clause_query_with(fields, analyzers, c, (searcher, ranking), typos))
        .map(|q| (Occur::Must, q))
        .collect();
    let mut options: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !typed.is_empty() {
        options.push((Occur::Should, Box::new(BooleanQuery::new(typed))));
    }
    for alternative in alternatives {
        let phrase = Clause {
            text: alternative.clone(),
            phrase: true,
            negated: false,
            quote: false,
        };
        let Some(filter) = clause_query(fields, analyzers, &phrase, searcher, ranking) else {
            continue;
        };
        // The translation must stand as a phrase, and is scored as a synonym of the words as
        // typed: its words' frequencies (at EXPANSION_WEIGHT) in one BM25F with the typed
        // words' idf, so a rare translation does not outrank the word the visitor typed.
        let mut parts: Vec<Part> = Vec::new();
        for clause in run {
            parts.extend(
                exact_parts(fields, analyzers, &clause.text, ranking)
                    .into_iter()
                    .map(|p| Part { weight: 0.0, ..p }),
            );
        }
        let words: Vec<&str> = alternative
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        // The translation's words share the weight: a phrase stands for one typed word.
        let share = EXPANSION_WEIGHT / words.len().max(1) as f32;
        for word in words {
            parts.extend(
                exact_parts(fields, analyzers, word, ranking)
                    .into_iter()
                    .map(|p| Part {
                        weight: p.weight * share,
                        exact: false,
                        ..p
                    }),
            );
        }
        let parts: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))),
            (
                Occur::Should,
                Box::new(Bm25fQuery::new(parts, ranking.bm25)),
            ),
        ];
        options.push((Occur::Should, Box::new(BooleanQuery::new(parts))));
    }
    (!options.is_empty()).then(|| Box::new(BooleanQuery::new(options)) as Box<dyn Query>)
}

/// Assembles the final query. `all_words`: every positive clause must match (else any).
pub fn assemble(
    text: &TextQuery,
    filters: Vec<(Occur, Box<dyn Query>)>,
    all_words: bool,
) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if text.positive.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    } else if all_words {
        clauses.extend(text.positive.iter().map(|q| (Occur::Must, q.box_clone())));
        clauses.extend(
            text.expansion
                .iter()
                .map(|q| (Occur::Should, q.box_clone())),
        );
    } else {
        let any: Vec<(Occur, Box<dyn Query>)> = text
            .positive
            .iter()
            .chain(&text.expansion)
            .map(|q| (Occur::Should, q.box_clone()))
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    clauses.extend(
        text.negative
            .iter()
            .map(|q| (Occur::MustNot, q.box_clone())),
    );
    clauses.extend(text.optional.iter().map(|q| (Occur::Should, q.box_clone())));
    clauses.extend(filters);
    if clauses.is_empty() {
        return Box::new(EmptyQuery);
    }
    Box::new(BooleanQuery::new(clauses))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_where_word_boundaries_are() {
        assert_eq!(word_pieces("IL-10"), ["IL", "10"]);
        assert_eq!(word_pieces("ggz-cliënten,"), ["ggz", "cliënten"]);
        assert_eq!(word_pieces("(RORγ)"), ["RORγ"]);
        assert_eq!(word_pieces("don't"), ["don't"]);
        assert_eq!(word_pieces("zo’n"), ["zo’n"]);
        assert_eq!(word_pieces("patient's"), ["patient"]);
        assert_eq!(word_pieces("0.05,"), ["0.05"]);
        assert_eq!(word_pieces("1,000-fold"), ["1,000", "fold"]);
        assert_eq!(word_pieces("'s-Hertogenbosch"), ["s", "Hertogenbosch"]);
        assert!(word_pieces("--").is_empty());
    }

    #[test]
    fn a_word_of_one_piece_is_not_split() {
        let clause = |text: &str| Clause {
            text: text.to_string(),
            phrase: false,
            negated: false,
            quote: false,
        };
        assert_eq!(pieces(&clause("armoede")), None);
        assert_eq!(pieces(&clause("don't")), None);
        let patient = pieces(&clause("patient's")).expect("the possessive is dropped");
        assert_eq!(patient[0].text, "patient");
        assert_eq!(pieces(&clause("JAM-A")).map(|p| p.len()), Some(2));
    }
}
