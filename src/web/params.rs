//! Query-string parameters: repeated facet values, year ranges, sort, page and interface language.
//!
//! One place turns `?q=..&speaker=..&speaker=..&year=2018..2022&sort=newest&page=2` into a
//! [`SearchRequest`], and builds the links that change one parameter.

use super::i18n::Ui;
use crate::index::Dimension;
use crate::search::query::MAX_QUERY_CHARS;
use crate::search::{Filters, SearchRequest, Sort, YearRange};

pub const PAGE_SIZE: usize = 10;
/// The deepest page a search shows (10,000 results at 10 a page); a page number past it, or
/// past a search's last page, gets a page that says so and keeps the query.
pub const MAX_PAGE: usize = 1000;
/// Values per facet dimension by default (years are always all); a page shows
/// [`FACET_SHOWN`], and all of one dimension with `more=`.
pub use crate::service::json::FACET_VALUES;
/// Values per facet dimension a result page lists before its "all" link.
pub const FACET_SHOWN: usize = 15;
/// The most values per facet dimension one request may ask for.
pub const MAX_FACET_VALUES: usize = 1000;
/// The most filter values (speaker, person, theme, series, kind, language together) in one request:
/// every facet and "remove" link of a page repeats them all, so they bound the page's size.
pub const MAX_FILTER_VALUES: usize = 20;
/// The longest filter value, in characters (the longest real one is far shorter).
pub const MAX_FILTER_CHARS: usize = 200;

/// The parameters of `/search` and `/api/search`, as given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchParams {
    pub q: String,
    pub filters: Filters,
    pub sort: Sort,
    pub page: usize,
    pub limit: Option<usize>,
    /// Values per facet dimension (`facets=N`).
    pub facets: Option<usize>,
    /// A facet dimension to show every value of (`more=speaker`), not only the first 15.
    pub more: Option<Dimension>,
    pub ui: Option<String>,
}

impl SearchParams {
    /// [`SearchParams::parse`] with the error in the interface language.
    pub fn parse_in(raw: Option<&str>, ui: Ui) -> Result<SearchParams, String> {
        SearchParams::parse_with_limits(raw, ui).map_err(|why| match ui {
            Ui::Nl => in_dutch(&why),
            _ => why,
        })
    }

    /// Parses a raw query string; the error names the parameter and says what it takes.
    pub fn parse(raw: Option<&str>) -> Result<SearchParams, String> {
        SearchParams::parse_in(raw, Ui::En)
    }

    /// The parsing itself; the limits' messages are written in the interface language.
    fn parse_with_limits(raw: Option<&str>, ui: Ui) -> Result<SearchParams, String> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
            .map_err(|_| "the query string is not valid URL encoding".to_string())?;
        let mut params = SearchParams {
            page: 1,
            ..SearchParams::default()
        };
        let (mut from, mut to) = (None, None);
        for (key, value) in pairs {
            let value = value.trim().to_string();
            if let Some(dimension) = filter_dimension(&key) {
                if value.chars().count() > MAX_FILTER_CHARS {
                    return Err(match ui {
                        Ui::Nl => format!("Een filter (`{key}=`) is te lang: ten hoogste {MAX_FILTER_CHARS} tekens."),
                        Ui::En => format!("A filter (`{key}=`) is too long: at most {MAX_FILTER_CHARS} characters."),
                    });
                }
                if let Some(values) = params.filters.values_mut(dimension) {
                    if !value.is_empty() && !values.contains(&value) {
                        values.push(value);
                    }
                }
                if filter_count(&params.filters) > MAX_FILTER_VALUES {
                    return Err(match ui {
                        Ui::Nl => format!("Te veel filters: een zoekopdracht heeft er ten hoogste {MAX_FILTER_VALUES} (sprekers, personen, thema's, reeksen, soorten en talen samen). Haal er een paar weg."),
                        Ui::En => format!("Too many filters: a search takes at most {MAX_FILTER_VALUES} (speakers, people, themes, series, kinds and languages together). Remove a few."),
                    });
                }
                continue;
            }
            match key.as_str() {
                // One character more than the query parser keeps, so that it still says it cut
                // the query; links on the page then repeat at most this much.
                "q" => params.q = value.chars().take(MAX_QUERY_CHARS + 1).collect(),
                "year" if !value.is_empty() => {
                    // Repeated, any of them (like the other facets).
                    params
                        .filters
                        .add_years(YearRange::parse(&value).ok_or_else(|| {
                            format!(
                            "`year={value}` is not a year: use 2022 or a range such as 2018..2022"
                        )
                        })?)
                }
                "from" if !value.is_empty() => from = Some(parse_year(&value, "from")?),
                "to" if !value.is_empty() => to = Some(parse_year(&value, "to")?),
                "sort" => {
                    params.sort = Sort::parse(&value).ok_or_else(|| {
                        format!("`sort={value}` is unknown: use relevance, newest or oldest")
                    })?
                }
                "page" if !value.is_empty() => {
                    params.page = value
                        .parse::<usize>()
                        .ok()
                        .filter(|p| *p >= 1)
                        .ok_or_else(|| format!("`page={value}` is not a page number such as 2"))?
                }
                "limit" if !value.is_empty() => {
                    params.limit = Some(
                        value
                            .parse::<usize>()
                            .ok()
                            .filter(|l| (1..=100).contains(l))
                            .ok_or_else(|| {
                                format!("`limit={value}` must be a number from 1 to 100")
                            })?,
                    )
                }
                "facets" if !value.is_empty() => {
                    params.facets = Some(
                        value
                            .parse::<usize>()
                            .ok()
                            .filter(|l| (1..=MAX_FACET_VALUES).contains(l))
                            .ok_or_else(|| {
                                format!(
                                    "`facets={value}` must be a number from 1 to {MAX_FACET_VALUES}"
                                )
                            })?,
                    )
                }
                "more" => {
                    if let Some(dimension) = Dimension::parse(&value) {
                        params.more = Some(dimension)
                    }
                }
                "ui" => params.ui = Some(value),
                _ => {}
            }
        }
        if from.is_some() || to.is_some() {
            let from = from.unwrap_or(1000);
            let to = to.unwrap_or(2999);
            params.filters.add_years(YearRange {
                from: from.min(to),
                to: from.max(to),
            });
        }
        Ok(params)
    }

    pub fn request(&self) -> SearchRequest {
        let limit = self.limit.unwrap_or(PAGE_SIZE);
        SearchRequest {
            query: self.q.clone(),
            filters: self.filters.clone(),
            sort: self.sort,
            // Past the deepest page: no hits (the page says so), the total still counted.
            offset: (self.page.clamp(1, MAX_PAGE + 1) - 1) * limit,
            limit,
            any_word: false,
            facet_limit: Some(match &self.more {
                Some(_) => MAX_FACET_VALUES,
                None => self.facets.unwrap_or(FACET_VALUES),
            }),
            exact_values: false,
            counts_as_filtered: false,
            ranking: Default::default(),
        }
    }

    /// The query string for these parameters (page 1 is left out).
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        for dimension in Filters::DIMENSIONS {
            for value in self.filters.values(dimension) {
                pairs.push((parameter(dimension), value.clone()));
            }
        }
        for years in self.filters.year_ranges() {
            pairs.push(("year", years.to_string()));
        }
        if self.sort != Sort::Relevance {
            pairs.push(("sort", self.sort.as_str().to_string()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if let Some(limit) = self.limit {
            pairs.push(("limit", limit.to_string()));
        }
        if let Some(more) = self.more {
            pairs.push(("more", more.as_str().to_string()));
        }
        if let Some(ui) = &self.ui {
            pairs.push(("ui", ui.clone()));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    pub fn url(&self) -> String {
        format!("/search?{}", self.to_query())
    }

    /// The same search with `value` of `dimension` switched on or off, back on page 1.
    pub fn toggled(&self, dimension: Dimension, value: &str) -> SearchParams {
        let mut next = self.clone();
        next.page = 1;
        if dimension == Dimension::Year {
            if let Some(clicked) = YearRange::parse(value) {
                match self.filters.year_ranges().contains(&clicked) {
                    true => next.filters.remove_years(clicked),
                    false => next.filters.add_years(clicked),
                }
            }
            return next;
        }
        if let Some(values) = next.filters.values_mut(dimension) {
            if let Some(pos) = values.iter().position(|v| v == value) {
                values.remove(pos);
            } else {
                values.push(value.to_string());
            }
        }
        next
    }

    pub fn with_page(&self, page: usize) -> SearchParams {
        SearchParams {
            page,
            ..self.clone()
        }
    }

    pub fn with_sort(&self, sort: Sort) -> SearchParams {
        SearchParams {
            sort,
            page: 1,
            ..self.clone()
        }
    }

    pub fn without_filters(&self) -> SearchParams {
        SearchParams {
            filters: Filters::default(),
            page: 1,
            ..self.clone()
        }
    }

    pub fn is_selected(&self, dimension: Dimension, value: &str) -> bool {
        match dimension {
            Dimension::Year => self
                .filters
                .year_ranges()
                .iter()
                .any(|y| y.from == y.to && y.from.to_string() == value),
            _ => self.filters.values(dimension).iter().any(|v| v == value),
        }
    }
}

/// A message of [`SearchParams::parse`] in Dutch: its parameter as given, then what it takes.
fn in_dutch(message: &str) -> String {
    const PHRASES: [(&str, &str); 6] = [
        (
            " is not a year: use 2022 or a range such as 2018..2022",
            " is geen jaar: gebruik 2022 of een reeks zoals 2018..2022",
        ),
        (
            " is unknown: use relevance, newest or oldest",
            " is onbekend: gebruik relevance, newest of oldest",
        ),
        (
            " is not a page number such as 2",
            " is geen paginanummer (zoals 2)",
        ),
        (
            " must be a number from 1 to ",
            " moet een getal zijn van 1 tot en met ",
        ),
        (" is not a year such as 2018", " is geen jaar (zoals 2018)"),
        (
            "the query string is not valid URL encoding",
            "de zoekvraag in het adres is niet goed gecodeerd",
        ),
    ];
    let mut out = message.to_string();
    for (english, dutch) in PHRASES {
        out = out.replace(english, dutch);
    }
    out
}

fn parse_year(value: &str, key: &str) -> Result<u16, String> {
    value
        .parse::<u16>()
        .ok()
        .filter(|y| (1000..=2999).contains(y))
        .ok_or_else(|| format!("`{key}={value}` is not a year such as 2018"))
}

/// How many filter values `filters` holds (years not counted: one range at most).
fn filter_count(filters: &Filters) -> usize {
    Filters::DIMENSIONS
        .into_iter()
        .map(|d| filters.values(d).len())
        .sum()
}

/// The URL parameter of a dimension filtered by value: its name, `lang` for languages.
fn parameter(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Language => "lang",
        _ => dimension.as_str(),
    }
}

/// The dimension a URL parameter filters, if it filters one: its name or [`parameter`].
fn filter_dimension(key: &str) -> Option<Dimension> {
    match key {
        "lang" => Some(Dimension::Language),
        _ => Dimension::parse(key).filter(|d| Filters::DIMENSIONS.contains(d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_facets_and_ranges() {
        let p = SearchParams::parse(Some(
            "q=zorg&speaker=A&speaker=B&from=2018&to=2022&sort=newest&page=2",
        ))
        .unwrap();
        assert_eq!(p.filters.speakers, ["A", "B"]);
        assert_eq!(
            p.filters.years,
            Some(YearRange {
                from: 2018,
                to: 2022
            })
        );
        assert_eq!(p.request().offset, 10);
        let back = SearchParams::parse(Some(&p.to_query())).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn bad_values_name_the_parameter() {
        assert!(SearchParams::parse(Some("page=0"))
            .unwrap_err()
            .contains("page"));
        assert!(SearchParams::parse(Some("sort=best"))
            .unwrap_err()
            .contains("sort"));
    }

    #[test]
    fn several_years_are_kept_and_toggle_one_by_one() {
        let p = SearchParams::parse(Some("year=2019&year=2022&year=2019")).unwrap();
        assert_eq!(p.filters.years_text().as_deref(), Some("2019,2022"));
        assert_eq!(p.to_query(), "year=2019&year=2022");
        assert!(p.is_selected(Dimension::Year, "2019") && p.is_selected(Dimension::Year, "2022"));
        let without = p.toggled(Dimension::Year, "2019");
        assert_eq!(without.filters.years_text().as_deref(), Some("2022"));
        let more = p.toggled(Dimension::Year, "2020");
        assert_eq!(more.filters.years_text().as_deref(), Some("2019,2022,2020"));
    }

    #[test]
    fn errors_speak_the_interface_language() {
        for raw in ["page=0", "sort=best", "year=twenty", "limit=500", "from=99"] {
            let dutch = SearchParams::parse_in(Some(raw), Ui::Nl).unwrap_err();
            let english = SearchParams::parse_in(Some(raw), Ui::En).unwrap_err();
            assert_ne!(dutch, english, "{raw}: {dutch}");
            assert!(dutch.contains(raw.split('=').next().unwrap()), "{dutch}");
        }
    }

    #[test]
    fn toggling_adds_and_removes() {
        let p = SearchParams::parse(Some("speaker=A")).unwrap();
        assert!(p
            .toggled(Dimension::Speaker, "A")
            .filters
            .speakers
            .is_empty());
        assert_eq!(
            p.toggled(Dimension::Speaker, "B").filters.speakers,
            ["A", "B"]
        );
    }
}
