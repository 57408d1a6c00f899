//! Query-string parameters: repeated facet values, year ranges, sort, page and interface language.
//!
//! One place turns `?q=..&speaker=..&speaker=..&year=2018..2022&sort=newest&page=2` into a
//! [`SearchRequest`], and builds the links that change one parameter.

use crate::search::{Filters, SearchRequest, Sort, YearRange};

pub const PAGE_SIZE: usize = 10;
pub const MAX_PAGE: usize = 100;
/// Values per facet dimension by default (years are always all); a page shows 15.
pub const FACET_VALUES: usize = 20;
/// The most values per facet dimension one request may ask for.
pub const MAX_FACET_VALUES: usize = 1000;

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
    pub ui: Option<String>,
}

impl SearchParams {
    /// Parses a raw query string; the error names the parameter and says what it takes.
    pub fn parse(raw: Option<&str>) -> Result<SearchParams, String> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
            .map_err(|_| "the query string is not valid URL encoding".to_string())?;
        let mut params = SearchParams {
            page: 1,
            ..SearchParams::default()
        };
        let (mut from, mut to) = (None, None);
        for (key, value) in pairs {
            let value = value.trim().to_string();
            match key.as_str() {
                "q" => params.q = value,
                "speaker" | "theme" | "series" | "kind" | "lang" | "language" => {
                    let dimension = if key == "lang" {
                        "language"
                    } else {
                        key.as_str()
                    };
                    if let Some(values) = params.filters.values_mut(dimension) {
                        if !value.is_empty() && !values.contains(&value) {
                            values.push(value);
                        }
                    }
                }
                "year" if !value.is_empty() => {
                    params.filters.years = Some(YearRange::parse(&value).ok_or_else(|| {
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
                        .filter(|p| (1..=MAX_PAGE).contains(p))
                        .ok_or_else(|| {
                            format!("`page={value}` is not a page number from 1 to {MAX_PAGE}")
                        })?
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
                "ui" => params.ui = Some(value),
                _ => {}
            }
        }
        if from.is_some() || to.is_some() {
            let from = from.unwrap_or(1000);
            let to = to.unwrap_or(2999);
            params.filters.years = Some(YearRange {
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
            offset: (self.page.max(1) - 1) * limit,
            limit,
            any_word: false,
            facet_limit: Some(self.facets.unwrap_or(FACET_VALUES)),
            exact_values: false,
            ranking: Default::default(),
        }
    }

    /// The query string for these parameters (page 1 is left out).
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        for (key, dimension) in [
            ("speaker", "speaker"),
            ("theme", "theme"),
            ("series", "series"),
            ("kind", "kind"),
            ("lang", "language"),
        ] {
            for value in self.filters.values(dimension) {
                pairs.push((key, value.clone()));
            }
        }
        if let Some(years) = self.filters.years {
            pairs.push(("year", years.to_string()));
        }
        if self.sort != Sort::Relevance {
            pairs.push(("sort", self.sort.as_str().to_string()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
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
    pub fn toggled(&self, dimension: &str, value: &str) -> SearchParams {
        let mut next = self.clone();
        next.page = 1;
        if dimension == "year" {
            next.filters.years = match (self.filters.years, YearRange::parse(value)) {
                (Some(current), Some(clicked)) if current == clicked => None,
                (_, clicked) => clicked,
            };
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

    pub fn is_selected(&self, dimension: &str, value: &str) -> bool {
        match dimension {
            "year" => self
                .filters
                .years
                .is_some_and(|y| y.from == y.to && y.from.to_string() == value),
            _ => self.filters.values(dimension).iter().any(|v| v == value),
        }
    }
}

fn parse_year(value: &str, key: &str) -> Result<u16, String> {
    value
        .parse::<u16>()
        .ok()
        .filter(|y| (1000..=2999).contains(y))
        .ok_or_else(|| format!("`{key}={value}` is not a year such as 2018"))
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
    fn toggling_adds_and_removes() {
        let p = SearchParams::parse(Some("speaker=A")).unwrap();
        assert!(p.toggled("speaker", "A").filters.speakers.is_empty());
        assert_eq!(p.toggled("speaker", "B").filters.speakers, ["A", "B"]);
    }
}
