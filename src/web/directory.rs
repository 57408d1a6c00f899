//! The directory pages: every speaker, person (speaker, quoted or mentioned, with their role
//! counts), theme and series A–Z with a jump to each letter (`/speakers`, `/people`,
//! `/themes`, `/series`), and every year by decade (`/years`), each value with
//! its number of items and a link to its own page.
//!
//! One count over the whole index (`search::all_facets`); a long list shows one letter at a
//! time (`?letter=B`), so a page stays small at any archive size.

use std::collections::BTreeMap;

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};

use super::i18n::Ui;
use super::pages::{page, query_param, switch_url, ui_of};
use super::views::{self, layout, ui_url};
use super::AppState;
use crate::archive::quotes::Role;
use crate::archive::slug::slugify;
use crate::archive::themes::fold;
use crate::index::Dimension;
use crate::search::{self, themes, FacetCount};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/speakers", get(speakers))
        .route("/people", get(people))
        .route("/themes", get(theme_list))
        .route("/series", get(series_list))
        .route("/years", get(years))
}

/// Up to this many values are listed on one page; more are shown one letter at a time.
pub const ONE_PAGE: usize = 400;
/// Names a page of one letter lists at most (`?letter=M&page=2`): at archive scale one letter
/// of everyone mentioned runs to thousands.
pub const LETTER_PAGE: usize = 400;

/// A value's letter: its first letter without accents (as in its slug), upper case; `#` for
/// anything else (sorted last).
pub fn letter_of(value: &str) -> char {
    slugify(value)
        .chars()
        .find(char::is_ascii_alphanumeric)
        .filter(char::is_ascii_alphabetic)
        .map_or('#', |c| c.to_ascii_uppercase())
}

/// A letter in a URL's query (`#` escaped).
fn letter_param(letter: char) -> String {
    match letter {
        '#' => "%23".to_string(),
        l => l.to_string(),
    }
}

/// A letter's section id (`letter-B`, `letter-other`).
fn letter_id(letter: char) -> String {
    match letter {
        '#' => "other".to_string(),
        l => l.to_string(),
    }
}

/// Letters in order, `#` last.
fn letter_order(letter: &char) -> (bool, char) {
    (*letter == '#', *letter)
}

async fn speakers(state: State<AppState>, headers: HeaderMap, raw: RawQuery) -> Response {
    a_to_z(state, headers, raw, Dimension::Speaker).await
}

async fn people(state: State<AppState>, headers: HeaderMap, raw: RawQuery) -> Response {
    a_to_z(state, headers, raw, Dimension::Person).await
}

async fn theme_list(state: State<AppState>, headers: HeaderMap, raw: RawQuery) -> Response {
    a_to_z(state, headers, raw, Dimension::Theme).await
}

async fn series_list(state: State<AppState>, headers: HeaderMap, raw: RawQuery) -> Response {
    a_to_z(state, headers, raw, Dimension::Series).await
}

/// The values of `dimension` A–Z (themes in the interface's language, each with its
/// translation counted once).
async fn a_to_z(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    dimension: Dimension,
) -> Response {
    let ui = ui_of(&headers, raw.as_deref());
    let counted = state
        .with_index(move |generation| {
            let mut all = search::all_facets(generation)?;
            let mut values = all.remove(&dimension).unwrap_or_default();
            // Everyone with their roles: how many items each has them as speaker, quoted,
            // mentioned.
            let mut notes: BTreeMap<String, String> = BTreeMap::new();
            if dimension == Dimension::Person {
                for role in [Role::Speaker, Role::Quoted, Role::Mentioned] {
                    for value in all.get(&Dimension::of_role(role)).into_iter().flatten() {
                        let note = notes.entry(value.value.clone()).or_default();
                        if !note.is_empty() {
                            note.push_str(" · ");
                        }
                        note.push_str(&format!(
                            "{} {}",
                            super::people::role_name(ui, role),
                            value.count
                        ));
                    }
                }
            }
            if dimension == Dimension::Theme {
                let list = &generation.versions.themes;
                themes::merge_counts(&mut values, list);
                for value in &mut values {
                    value.value = themes::label(list, &value.value, ui.code()).to_string();
                }
            }
            Ok((values, notes))
        })
        .await;
    let (values, notes) = match counted {
        Ok(found) => found,
        Err(e) => return e.page(ui),
    };
    let path = format!("/{}", plural(dimension));
    let letter = query_param(raw.as_deref(), "letter")
        .and_then(|l| l.chars().next())
        .map(|c| c.to_ascii_uppercase());
    let number = super::browse::page_number(raw.as_deref());
    page(a_to_z_view(
        ui,
        dimension,
        (&values, &notes),
        (letter, number),
        &switch_url(&path, raw.as_deref(), ui),
    ))
}

fn plural(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Speaker => "speakers",
        Dimension::Person => "people",
        Dimension::Theme => "themes",
        Dimension::Series => "series",
        _ => "years",
    }
}

/// `values` with counts, and for people their roles (`notes`).
fn a_to_z_view(
    ui: Ui,
    dimension: Dimension,
    (values, notes): (&[FacetCount], &BTreeMap<String, String>),
    (letter, number): (Option<char>, usize),
    switch: &str,
) -> Markup {
    let t = ui.t();
    let mut grouped: BTreeMap<(bool, char), Vec<&FacetCount>> = BTreeMap::new();
    for value in values {
        grouped
            .entry(letter_order(&letter_of(&value.value)))
            .or_default()
            .push(value);
    }
    let by_letter: Vec<(char, Vec<&FacetCount>)> = grouped
        .into_iter()
        .map(|((_, l), mut list)| {
            list.sort_by_cached_key(|v| fold(&v.value));
            (l, list)
        })
        .collect();
    let path = format!("/{}", plural(dimension));
    // A long list: one letter a page (the first letter unless one is asked for).
    let one_letter = (values.len() > ONE_PAGE).then(|| {
        letter
            .filter(|l| by_letter.iter().any(|(have, _)| have == l))
            .or_else(|| by_letter.first().map(|(l, _)| *l))
            .unwrap_or('A')
    });
    // One letter's names, a page at a time when there are more than a page of them.
    let (shown, pages) = match one_letter {
        Some(one) => {
            let list = by_letter
                .iter()
                .find(|(l, _)| *l == one)
                .map_or(&[][..], |(_, list)| list.as_slice());
            let pages = list.len().div_ceil(LETTER_PAGE).max(1);
            let number = number.min(pages);
            let start = (number - 1) * LETTER_PAGE;
            let end = (start + LETTER_PAGE).min(list.len());
            (vec![(one, &list[start..end])], Some((number, pages)))
        }
        None => (
            by_letter
                .iter()
                .map(|(l, list)| (*l, list.as_slice()))
                .collect(),
            None,
        ),
    };
    let jump = |l: char| match one_letter {
        Some(_) => ui_url(&format!("{path}?letter={}", letter_param(l)), ui),
        None => format!("#letter-{}", letter_id(l)),
    };
    let title = ui.dimension(dimension);
    layout(
        ui,
        title,
        "",
        switch,
        html! {
            h1 { (title) }
            p { ((t.value_count)(values.len())) }
            nav.letters aria-label=(t.letters) {
                ul {
                    @for (l, _) in &by_letter {
                        li {
                            @if one_letter == Some(*l) { a aria-current="page" href=(jump(*l)) { (l) } }
                            @else { a href=(jump(*l)) { (l) } }
                        }
                    }
                }
            }
            @for (l, list) in shown {
                section.letter aria-labelledby=(format!("letter-{}", letter_id(l))) {
                    h2 #(format!("letter-{}", letter_id(l))) { (l) }
                    ul.directory {
                        @for value in list {
                            li {
                                a href=(ui_url(&format!("{path}/{}", slugify(&value.value)), ui)) { (value.value) }
                                " " span.count { (ui.number(value.count)) }
                                @if let Some(note) = notes.get(&value.value) { " " span.roles { "(" (note) ")" } }
                            }
                        }
                    }
                }
            }
            @if let (Some(one), Some((number, pages))) = (one_letter, pages) {
                (views::pager(ui, number, pages, |n| {
                    ui_url(&format!("{path}?letter={}&page={n}", letter_param(one)), ui)
                }))
            }
        },
    )
}

/// Every year with items, by decade, newest first.
async fn years(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let ui = ui_of(&headers, raw.as_deref());
    let counted = state
        .with_index(|generation| Ok(search::all_facets(generation)?.remove(&Dimension::Year)))
        .await;
    let mut years: Vec<(u16, u64)> = match counted {
        Ok(values) => values
            .unwrap_or_default()
            .iter()
            .filter_map(|v| Some((v.value.parse().ok()?, v.count)))
            .collect(),
        Err(e) => return e.page(ui),
    };
    years.sort_by_key(|y| std::cmp::Reverse(y.0));
    let mut decades: Vec<(u16, Vec<(u16, u64)>)> = Vec::new();
    for (year, count) in years {
        match decades.last_mut() {
            Some((decade, list)) if *decade == year / 10 * 10 => list.push((year, count)),
            _ => decades.push((year / 10 * 10, vec![(year, count)])),
        }
    }
    let t = ui.t();
    page(layout(
        ui,
        t.years,
        "",
        &switch_url("/years", raw.as_deref(), ui),
        html! {
            h1 { (t.years) }
            nav.letters aria-label=(t.decades) {
                ul { @for (decade, _) in &decades { li { a href=(format!("#decade-{decade}")) { (decade) "s" } } } }
            }
            @for (decade, list) in &decades {
                section.letter aria-labelledby=(format!("decade-{decade}")) {
                    h2 #(format!("decade-{decade}")) { (decade) "–" (decade + 9) " " span.count { (ui.number(list.iter().map(|y| y.1).sum::<u64>())) } }
                    ul.directory.years {
                        @for (year, count) in list {
                            li { a href=(ui_url(&format!("/years/{year}"), ui)) { (year) } " " span.count { (ui.number(*count)) } }
                        }
                    }
                }
            }
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::letter_of;

    #[test]
    fn letters_ignore_accents_and_case() {
        assert_eq!(letter_of("Éva Öztürk"), 'E');
        assert_eq!(letter_of("barack obama"), 'B');
        assert_eq!(letter_of("'s-Hertogenbosch"), 'S');
        assert_eq!(letter_of("1968"), '#');
        assert_eq!(letter_of("Želijko Komšić"), 'Z');
    }
}
