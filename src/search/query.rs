//! The user's query language, parsed leniently into words, phrases, exclusions and filters.
//!
//! `sociaal werk "lange relatie" -jeugdzorg spreker:mönnink jaar:2018..2022 thema:armoede`
//! `citaat:continuïteit` (or `quote:`) searches a word or phrase within quotations only;
//! `persoon:` filters on anyone in an item (speaker, quoted or mentioned).
//! Prefixes come in Dutch and English. Whatever cannot be understood is searched as words
//! or dropped, and a [`Warning`] says so; parsing never fails. Pure: no index access.

use std::fmt;

use crate::index::Dimension;

/// The longest query we read; the rest is ignored with a warning.
pub const MAX_QUERY_CHARS: usize = 1000;
/// The most words and phrases we search for; more are ignored with a warning.
pub const MAX_CLAUSES: usize = 32;

/// A word or phrase to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub text: String,
    pub phrase: bool,
    pub negated: bool,
    /// Searched within quotations only (`citaat:`).
    pub quote: bool,
}

/// An inclusive range of years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    pub from: u16,
    pub to: u16,
}

impl YearRange {
    /// `2022`, `2018..2022`, `2018-2022`, `2018..` or `..2022`.
    pub fn parse(text: &str) -> Option<YearRange> {
        let text = text.trim();
        let year = |s: &str| -> Option<u16> {
            let s = s.trim();
            (s.len() == 4).then(|| s.parse().ok()).flatten()
        };
        if let Some((from, to)) = text.split_once("..").or_else(|| text.split_once('-')) {
            let from = if from.trim().is_empty() {
                Some(1000)
            } else {
                year(from)
            }?;
            let to = if to.trim().is_empty() {
                Some(2999)
            } else {
                year(to)
            }?;
            return Some(YearRange {
                from: from.min(to),
                to: from.max(to),
            });
        }
        year(text).map(|y| YearRange { from: y, to: y })
    }
}

impl fmt::Display for YearRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}..{}", self.from, self.to)
        }
    }
}

/// Restrictions on the results. Several values of one dimension are OR-ed; dimensions are AND-ed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub speakers: Vec<String>,
    pub years: Option<YearRange>,
    /// Further years or ranges, OR-ed with `years` (`year=2019&year=2022`).
    pub more_years: Vec<YearRange>,
    pub themes: Vec<String>,
    pub series: Vec<String>,
    pub kinds: Vec<String>,
    pub languages: Vec<String>,
    /// Anyone in an item: speaker, quoted or mentioned (`person=`, `persoon:`).
    pub people: Vec<String>,
    /// People with a quotation in the item (`quoted=`).
    pub quoted: Vec<String>,
}

impl Filters {
    /// The dimensions filtered on by value, in the order pages show them (years are ranges,
    /// [`Filters::years`]; `mentioned` does not filter).
    pub const DIMENSIONS: [Dimension; 7] = [
        Dimension::Speaker,
        Dimension::Person,
        Dimension::Quoted,
        Dimension::Theme,
        Dimension::Series,
        Dimension::Kind,
        Dimension::Language,
    ];

    pub fn is_empty(&self) -> bool {
        self == &Filters::default()
    }

    /// The values of a facet dimension (`speaker`, `theme`, ...); years are not listed here.
    pub fn values(&self, dimension: Dimension) -> &[String] {
        match dimension {
            Dimension::Speaker => &self.speakers,
            Dimension::Theme => &self.themes,
            Dimension::Series => &self.series,
            Dimension::Kind => &self.kinds,
            Dimension::Language => &self.languages,
            Dimension::Person => &self.people,
            Dimension::Quoted => &self.quoted,
            Dimension::Year | Dimension::Mentioned => &[],
        }
    }

    /// Every year or range filtered on (any of them lets an item through).
    pub fn year_ranges(&self) -> Vec<YearRange> {
        self.years.iter().chain(&self.more_years).copied().collect()
    }

    /// Adds a year or range to those OR-ed (a duplicate is left out).
    pub fn add_years(&mut self, range: YearRange) {
        match self.years {
            None => self.years = Some(range),
            Some(first) if first == range => {}
            Some(_) if self.more_years.contains(&range) => {}
            Some(_) => self.more_years.push(range),
        }
    }

    /// Removes a year or range from those OR-ed.
    pub fn remove_years(&mut self, range: YearRange) {
        let mut rest: Vec<YearRange> = self
            .year_ranges()
            .into_iter()
            .filter(|r| *r != range)
            .collect();
        self.years = (!rest.is_empty()).then(|| rest.remove(0));
        self.more_years = rest;
    }

    /// The years as given: `2019,2022..2024`.
    pub fn years_text(&self) -> Option<String> {
        let ranges = self.year_ranges();
        (!ranges.is_empty()).then(|| {
            ranges
                .iter()
                .map(YearRange::to_string)
                .collect::<Vec<_>>()
                .join(",")
        })
    }

    pub fn values_mut(&mut self, dimension: Dimension) -> Option<&mut Vec<String>> {
        match dimension {
            Dimension::Speaker => Some(&mut self.speakers),
            Dimension::Theme => Some(&mut self.themes),
            Dimension::Series => Some(&mut self.series),
            Dimension::Kind => Some(&mut self.kinds),
            Dimension::Language => Some(&mut self.languages),
            Dimension::Person => Some(&mut self.people),
            Dimension::Quoted => Some(&mut self.quoted),
            Dimension::Year | Dimension::Mentioned => None,
        }
    }
}

/// Something in the query that was not used as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    UnbalancedQuote,
    UnknownPrefix(String),
    BadYear(String),
    EmptyPrefix(String),
    TooLong(usize),
    TooManyWords(usize),
    OnlyExclusions,
    NoSearchableWords(String),
    /// No item has every word; results with some of them are shown.
    NotAllWords,
}

impl Warning {
    /// The warning in the interface language (`nl` or anything else for English).
    pub fn message(&self, language: &str) -> String {
        let nl = language == "nl";
        match self {
            Warning::UnbalancedQuote if nl => "Een aanhalingsteken werd niet gesloten; de zoektermen erna zijn als woordgroep gezocht.".into(),
            Warning::UnbalancedQuote => "A quote was not closed; the words after it were searched as a phrase.".into(),
            Warning::UnknownPrefix(p) if nl => format!("Onbekend voorvoegsel `{p}:`, als gewone woorden gezocht. Bekend zijn spreker:, persoon:, citaat:, jaar:, thema:, serie:, soort:, taal:."),
            Warning::UnknownPrefix(p) => format!("Unknown prefix `{p}:`, searched as plain words. Known prefixes: speaker:, person:, quote:, year:, theme:, series:, kind:, lang:."),
            Warning::BadYear(y) if nl => format!("`{y}` is geen jaar of jaarreeks (schrijf 2022 of 2018..2022); genegeerd."),
            Warning::BadYear(y) => format!("`{y}` is not a year or year range (write 2022 or 2018..2022); ignored."),
            Warning::EmptyPrefix(p) if nl => format!("`{p}:` zonder waarde genegeerd."),
            Warning::EmptyPrefix(p) => format!("`{p}:` without a value was ignored."),
            Warning::TooLong(n) if nl => format!("De zoekvraag is ingekort tot {n} tekens."),
            Warning::TooLong(n) => format!("The query was cut to {n} characters."),
            Warning::TooManyWords(n) if nl => format!("Alleen de eerste {n} woorden zijn gebruikt."),
            Warning::TooManyWords(n) => format!("Only the first {n} words were used."),
            Warning::OnlyExclusions if nl => "Alleen uitsluitingen (-woord): alles behalve die woorden getoond.".into(),
            Warning::OnlyExclusions => "Only exclusions (-word): showing everything except those words.".into(),
            Warning::NoSearchableWords(w) if nl => format!("`{w}` is te algemeen om op te zoeken en is overgeslagen."),
            Warning::NoSearchableWords(w) => format!("`{w}` is too common to search for and was skipped."),
            Warning::NotAllWords if nl => "Geen item bevat alle woorden; items met een deel ervan worden getoond.".into(),
            Warning::NotAllWords => "No item has all the words; items with some of them are shown.".into(),
        }
    }
}

/// A parsed query: clauses, the filters its prefixes set, and warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub clauses: Vec<Clause>,
    pub filters: Filters,
    pub warnings: Vec<Warning>,
}

/// What a query prefix does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    /// Filters on a facet dimension.
    Filter(Dimension),
    /// Searches within quotations (`citaat:`).
    Quote,
}

/// Maps a prefix in either language to what it does.
fn dimension_of(prefix: &str) -> Option<Prefix> {
    let dimension = match prefix.to_lowercase().as_str() {
        "spreker" | "speaker" | "sprekers" | "speakers" => Dimension::Speaker,
        "jaar" | "year" => Dimension::Year,
        "thema" | "theme" | "themas" | "themes" => Dimension::Theme,
        "serie" | "series" | "reeks" => Dimension::Series,
        "soort" | "kind" | "type" => Dimension::Kind,
        "taal" | "lang" | "language" => Dimension::Language,
        "persoon" | "person" | "personen" | "people" => Dimension::Person,
        "citaat" | "quote" | "citaten" | "quotes" => return Some(Prefix::Quote),
        _ => return None,
    };
    Some(Prefix::Filter(dimension))
}

/// Parses a query; never fails.
pub fn parse(input: &str) -> ParsedQuery {
    let mut parsed = ParsedQuery::default();
    let input: String = if input.chars().count() > MAX_QUERY_CHARS {
        parsed.warnings.push(Warning::TooLong(MAX_QUERY_CHARS));
        input.chars().take(MAX_QUERY_CHARS).collect()
    } else {
        input.to_string()
    };
    let chars: Vec<char> = input.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let negated = chars[i] == '-' && chars.get(i + 1).is_some_and(|c| !c.is_whitespace());
        if negated {
            i += 1;
        }
        if chars[i] == '"' {
            let (text, next, closed) = read_quoted(&chars, i);
            if !closed {
                parsed.warnings.push(Warning::UnbalancedQuote);
            }
            i = next;
            push_clause(&mut parsed, text, true, negated);
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        if let Some((prefix, rest)) = word.split_once(':') {
            if !negated && !prefix.is_empty() && prefix.chars().all(char::is_alphabetic) {
                let value = if rest.is_empty() && chars.get(i) == Some(&'"') {
                    let (text, next, closed) = read_quoted(&chars, i);
                    if !closed {
                        parsed.warnings.push(Warning::UnbalancedQuote);
                    }
                    i = next;
                    if dimension_of(prefix) == Some(Prefix::Quote) {
                        push_quote(&mut parsed, prefix, text, true);
                        continue;
                    }
                    text
                } else {
                    rest.to_string()
                };
                match dimension_of(prefix) {
                    Some(Prefix::Quote) => push_quote(&mut parsed, prefix, value, false),
                    Some(Prefix::Filter(dimension)) => {
                        apply_prefix(&mut parsed, prefix, dimension, value)
                    }
                    None => {
                        parsed
                            .warnings
                            .push(Warning::UnknownPrefix(prefix.to_string()));
                        push_clause(&mut parsed, prefix.to_string(), false, false);
                        push_clause(&mut parsed, value, false, false);
                    }
                }
                continue;
            }
        }
        push_clause(&mut parsed, word, false, negated);
    }
    if !parsed.clauses.is_empty() && parsed.clauses.iter().all(|c| c.negated) {
        parsed.warnings.push(Warning::OnlyExclusions);
    }
    parsed
}

/// Reads `"..."` starting at the quote; returns the text, the index after it, and whether it closed.
fn read_quoted(chars: &[char], quote: usize) -> (String, usize, bool) {
    let mut j = quote + 1;
    while j < chars.len() && chars[j] != '"' {
        j += 1;
    }
    let text: String = chars[quote + 1..j].iter().collect();
    let closed = j < chars.len();
    (text, if closed { j + 1 } else { j }, closed)
}

/// `citaat:woord` or `citaat:"een zin"`: a clause searched within quotations only.
fn push_quote(parsed: &mut ParsedQuery, prefix: &str, text: String, phrase: bool) {
    if !text.chars().any(char::is_alphanumeric) {
        parsed
            .warnings
            .push(Warning::EmptyPrefix(prefix.to_string()));
        return;
    }
    let before = parsed.clauses.len();
    push_clause(parsed, text, phrase, false);
    if let Some(clause) = parsed.clauses.get_mut(before) {
        clause.quote = true;
    }
}

fn push_clause(parsed: &mut ParsedQuery, text: String, phrase: bool, negated: bool) {
    let text = text.trim().to_string();
    if text.is_empty() || !text.chars().any(char::is_alphanumeric) {
        return;
    }
    if parsed.clauses.len() >= MAX_CLAUSES {
        if !parsed
            .warnings
            .contains(&Warning::TooManyWords(MAX_CLAUSES))
        {
            parsed.warnings.push(Warning::TooManyWords(MAX_CLAUSES));
        }
        return;
    }
    parsed.clauses.push(Clause {
        text,
        phrase,
        negated,
        quote: false,
    });
}

fn apply_prefix(parsed: &mut ParsedQuery, prefix: &str, dimension: Dimension, value: String) {
    let value = value.trim().to_string();
    if value.is_empty() {
        parsed
            .warnings
            .push(Warning::EmptyPrefix(prefix.to_string()));
        return;
    }
    if dimension == Dimension::Year {
        match YearRange::parse(&value) {
            Some(range) => parsed.filters.years = Some(range),
            None => parsed.warnings.push(Warning::BadYear(value)),
        }
        return;
    }
    if let Some(values) = parsed.filters.values_mut(dimension) {
        values.push(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_exclusions_and_prefixes() {
        let q = parse(
            r#"sociaal "lange relatie" -jeugdzorg spreker:mönnink jaar:2018..2022 thema:"sociaal werk""#,
        );
        assert_eq!(q.clauses.len(), 3);
        assert!(q.clauses[1].phrase && q.clauses[2].negated);
        assert_eq!(q.filters.speakers, ["mönnink"]);
        assert_eq!(
            q.filters.years,
            Some(YearRange {
                from: 2018,
                to: 2022
            })
        );
        assert_eq!(q.filters.themes, ["sociaal werk"]);
        assert!(q.warnings.is_empty());
    }

    #[test]
    fn quote_prefix_searches_within_quotations() {
        let q = parse(r#"citaat:continuïteit quote:"lange adem" werk persoon:"Peter ten Have""#);
        assert_eq!(q.clauses.len(), 3);
        assert!(q.clauses[0].quote && !q.clauses[0].phrase);
        assert!(q.clauses[1].quote && q.clauses[1].phrase);
        assert_eq!(q.clauses[1].text, "lange adem");
        assert!(!q.clauses[2].quote);
        assert_eq!(q.filters.people, ["Peter ten Have"]);
        assert!(q.warnings.is_empty());
        assert_eq!(
            parse("citaat:").warnings,
            [Warning::EmptyPrefix("citaat".into())]
        );
    }

    #[test]
    fn unbalanced_quote_and_unknown_prefix_warn() {
        let q = parse(r#""lange relatie auteur:engbersen"#);
        assert_eq!(q.warnings, [Warning::UnbalancedQuote]);
        let q = parse("auteur:engbersen");
        assert_eq!(q.warnings, [Warning::UnknownPrefix("auteur".into())]);
        assert_eq!(q.clauses.len(), 2);
    }

    #[test]
    fn long_queries_are_cut_not_refused() {
        let q = parse(&"woord ".repeat(1000));
        assert!(q.warnings.contains(&Warning::TooLong(MAX_QUERY_CHARS)));
        assert_eq!(q.clauses.len(), MAX_CLAUSES);
    }

    #[test]
    fn year_ranges() {
        assert_eq!(
            YearRange::parse("2022-2018"),
            Some(YearRange {
                from: 2018,
                to: 2022
            })
        );
        assert_eq!(YearRange::parse("abc"), None);
    }
}
