//! People pages and partials: `/people/{slug}` for anyone in the archive (speaker, quoted or
//! mentioned): their roles, what they said (each quotation with where, when and a link to its
//! paragraph, `#p-N`), newest first, a hundred items a page; and, for the item page, its
//! quotations and the people in it. The directory of everyone is `web::directory` (`/people`).
//!
//! One filtered search per page (`browse::find`); the quotations come with the items from the
//! index. Escaping is maud's: no item text is markup.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};

use super::browse::{canonical_of_variant, find_some, page_number, pager, Pages};
use super::error::WebError;
use super::i18n::Ui;
use super::pages::{page, switch_url, ui_of};
use super::structured;
use super::views::{layout_with_head, ui_url};
use super::AppState;
use crate::archive::quotes::{Attributions, ItemQuote, Role};
use crate::archive::slug::slugify;
use crate::archive::Item;
use crate::index::Dimension;
use crate::search::quotes::name_of;
use crate::search::{Filters, SearchResults};

pub fn router() -> Router<AppState> {
    Router::new().route("/people/{slug}", get(person))
}

/// The interface strings of who-said-what, in Dutch and English.
struct Words {
    person: &'static str,
    roles: [&'static str; 3],
    role_counts: &'static str,
    said: &'static str,
    said_nothing: &'static str,
    appears_in: &'static str,
    quotations: &'static str,
    people_here: &'static str,
    paragraph: &'static str,
    unknown_speaker: &'static str,
    speaker_page: &'static str,
    everyone: &'static str,
}

const NL: Words = Words {
    person: "Persoon",
    roles: ["spreker", "geciteerd", "genoemd"],
    role_counts: "Rollen (items)",
    said: "Wat zei",
    said_nothing: "Geen citaten gevonden.",
    appears_in: "Komt voor in",
    quotations: "Citaten",
    people_here: "Personen in dit item",
    paragraph: "alinea",
    unknown_speaker: "spreker onbekend",
    speaker_page: "Sprekerspagina",
    everyone: "Alle personen",
};

const EN: Words = Words {
    person: "Person",
    roles: ["speaker", "quoted", "mentioned"],
    role_counts: "Roles (items)",
    said: "What was said by",
    said_nothing: "No quotations found.",
    appears_in: "Appears in",
    quotations: "Quotations",
    people_here: "People in this item",
    paragraph: "paragraph",
    unknown_speaker: "speaker unknown",
    speaker_page: "Speaker page",
    everyone: "All people",
};

fn words(ui: Ui) -> &'static Words {
    match ui {
        Ui::Nl => &NL,
        Ui::En => &EN,
    }
}

/// The label of a link to someone's person page (their quotations and mentions too).
pub fn person_page_label(ui: Ui) -> &'static str {
    match ui {
        Ui::Nl => "Citaten en vermeldingen",
        Ui::En => "Quotations and mentions",
    }
}

/// A role (`speaker`, `quoted`, `mentioned`) in the interface's language.
pub fn role_name(ui: Ui, role: Role) -> &'static str {
    let w = words(ui);
    match role {
        Role::Speaker => w.roles[0],
        Role::Quoted => w.roles[1],
        Role::Mentioned => w.roles[2],
    }
}

/// The roles of someone in an item, as words: `geciteerd, genoemd`.
fn roles_text(ui: Ui, roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| role_name(ui, *r))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A person's link: `/people/{slug}`.
pub fn person_link(ui: Ui, name: &str) -> Markup {
    html! { a href=(ui_url(&format!("/people/{}", slugify(name)), ui)) { (name) } }
}

/// The link to a quotation's paragraph, `paragraph 3` (or the cue's time).
fn paragraph_link(ui: Ui, item: &Item, quote: &ItemQuote) -> Markup {
    let label = match quote.anchor.strip_prefix("p-") {
        Some(n) => format!("{} {n}", words(ui).paragraph),
        None => quote.anchor.trim_start_matches("t=").to_string(),
    };
    html! { a.anchor href=(format!("{}#{}", ui_url(&format!("/items/{}", item.id), ui), quote.anchor)) { (label) } }
}

async fn person(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let ui = ui_of(&headers, raw.as_deref());
    let filters = Filters {
        people: vec![slug.clone()],
        ..Filters::default()
    };
    let number = page_number(raw.as_deref());
    let found = match find_some(&state, filters, number, ui).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let Some(name) = name_of(&found.results, Dimension::Person, &slug) else {
        // A spelling variant of a speaker (`speakers.toml`): the page is under the canonical name.
        return match canonical_of_variant(&found.results, &slug) {
            Some(name) => Redirect::permanent(&ui_url(&format!("/people/{}", slugify(&name)), ui))
                .into_response(),
            None => WebError::NotFound.page(ui),
        };
    };
    let at = format!("/people/{}", slugify(&name));
    page(person_view(
        ui,
        &name,
        &found.results,
        &switch_url(&at, raw.as_deref(), ui),
        pager(ui, &at, number, found.results.total),
    ))
}

fn person_view(ui: Ui, name: &str, results: &SearchResults, switch: &str, pages: Pages) -> Markup {
    let w = words(ui);
    let t = ui.t();
    // Over all the person's items (`counts_as_filtered`): in how many they have each role.
    let role_counts: Vec<(Role, u64)> = [Role::Speaker, Role::Quoted, Role::Mentioned]
        .into_iter()
        .filter_map(|role| {
            let count = results
                .facets
                .get(&Dimension::of_role(role))?
                .iter()
                .find(|v| v.value == name)?
                .count;
            Some((role, count))
        })
        .collect();
    let is_speaker = role_counts.iter().any(|(r, _)| *r == Role::Speaker);
    let items: Vec<Item> = results.hits.iter().map(|h| h.item.clone()).collect();
    let said: Vec<(&Item, Vec<&ItemQuote>)> = results
        .hits
        .iter()
        .map(|h| {
            (
                &h.item,
                h.item.attributions.quotes_of(name).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, quotes)| !quotes.is_empty())
        .collect();
    layout_with_head(
        ui,
        name,
        "",
        switch,
        structured::person_head(name, &items, pages.number),
        html! {
            p.meta { (w.person) " · " a href=(ui_url("/people", ui)) { (w.everyone) } }
            h1 { (name) }
            dl.props {
                dt { (w.role_counts) }
                dd {
                    @for (i, (role, count)) in role_counts.iter().enumerate() {
                        @if i > 0 { ", " }
                        (role_name(ui, *role)) " " (count)
                    }
                }
                @if is_speaker {
                    dt { (w.speaker_page) }
                    dd { a href=(ui_url(&format!("/speakers/{}", slugify(name)), ui)) { (name) } }
                }
            }
            section.said aria-labelledby="said" {
                h2 #said { (w.said) " " (name) }
                @if said.is_empty() { p { (w.said_nothing) } }
                ol.quotations {
                    @for (item, quotes) in &said {
                        @for quote in quotes {
                            li {
                                blockquote.quote { p { "“" (quote.text) "”" } }
                                p.meta {
                                    time datetime=(item.date.to_string()) { (ui.date(&item.date)) } " · "
                                    a href=(ui_url(&format!("/items/{}", item.id), ui)) { (item.title) } " · "
                                    (paragraph_link(ui, item, quote))
                                }
                            }
                        }
                    }
                }
            }
            table.chronology {
                caption { (w.appears_in) }
                thead { tr { th scope="col" { (t.date) } th scope="col" { (t.title) } th scope="col" { (t.role) } } }
                tbody {
                    @for hit in &results.hits {
                        @let item = &hit.item;
                        @let roles = item.attributions.people.iter().find(|p| p.name == name).map(|p| p.roles.clone()).unwrap_or_default();
                        tr {
                            th scope="row" { time datetime=(item.date.to_string()) { (ui.date(&item.date)) } }
                            td { a href=(ui_url(&format!("/items/{}", item.id), ui)) { (item.title) } }
                            td { (roles_text(ui, &roles)) }
                        }
                    }
                }
            }
            (pages.links)
        },
    )
}

/// The item page's list of its quotations (whose, and a link to the paragraph) and of the
/// people in it with their roles; nothing when it has neither.
pub fn item_people(ui: Ui, item: &Item) -> Markup {
    let w = words(ui);
    let found: &Attributions = &item.attributions;
    html! {
        @if !found.people.is_empty() {
            section.people aria-labelledby="people-here" {
                h2 #people-here { (w.people_here) }
                ul.people {
                    @for person in &found.people {
                        li { (person_link(ui, &person.name)) " " span.roles { "(" (roles_text(ui, &person.roles)) ")" } }
                    }
                }
            }
        }
        @if !found.quotes.is_empty() {
            section.quotations aria-labelledby="quotations" {
                h2 #quotations { (w.quotations) }
                ol.quotations {
                    @for quote in &found.quotes {
                        li {
                            q { (quote.text) }
                            " — "
                            @match &quote.speaker {
                                Some(name) => span.who { (person_link(ui, name)) },
                                None => span.who { (w.unknown_speaker) },
                            }
                            " · " (paragraph_link(ui, item, quote))
                        }
                    }
                }
            }
        }
    }
}
