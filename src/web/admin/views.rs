//! The editor's views: pure functions from data to markup, with their own page shell (the
//! public layout has no admin links, and these pages are never cached or indexed). Every view
//! takes the interface language (`language`); its strings are `ui.pick(dutch, english)` pairs
//! beside the markup that uses them. Messages from `ingest` (suggestions, problems with a file)
//! are shown as they come, in English.

use std::collections::BTreeMap;

use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::form::ItemForm;
use super::language::switch_url;
use crate::archive::markdown::to_html;
use crate::archive::{Item, Kind};
use crate::index::Dimension;
use crate::web::i18n::Ui;

/// The admin page shell; `csrf` (when signed in) feeds the sign-out form; `here` is the page
/// the language switch shows in the other language (a GET page).
pub fn shell(ui: Ui, title: &str, csrf: Option<&str>, here: &str, main: Markup) -> Response {
    let editor = ui.pick("Lectern-redactie", "Lectern editor");
    let page = html! {
        (DOCTYPE)
        html lang=(ui.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (title) " · " (editor) }
                link rel="stylesheet" href=(crate::web::site::style_sheet().1);
                link rel="icon" type="image/svg+xml" href="/static/favicon.svg";
            }
            body {
                a.skip href="#main" { (ui.pick("Naar de inhoud", "Skip to content")) }
                header.site {
                    a.brand href="/admin" { (editor) }
                    nav.main aria-label=(ui.pick("Redactie", "Editor")) {
                        ul {
                            @if csrf.is_some() {
                                li { a href="/admin/new" { (ui.pick("Nieuw item", "New item")) } }
                                li { a href="/admin" { (ui.pick("Items", "Items")) } }
                            }
                            li { a href=(if ui == Ui::En { "/?ui=en" } else { "/" }) { (ui.pick("Naar de site", "To the site")) } }
                        }
                    }
                    a.lang href=(switch_url(here, ui)) lang=(ui.other().code()) hreflang=(ui.other().code()) { (ui.pick("English", "Nederlands")) }
                    @if let Some(csrf) = csrf {
                        form.inline method="post" action="/admin/logout" {
                            input type="hidden" name="csrf" value=(csrf);
                            button type="submit" { (ui.pick("Uitloggen", "Sign out")) }
                        }
                    }
                }
                main #main tabindex="-1" { (main) }
            }
        }
    };
    (
        [(header::CACHE_CONTROL, "no-store")],
        Html(page.into_string()),
    )
        .into_response()
}

pub fn message(ui: Ui, title: &str, text: &str, login_link: bool) -> Response {
    shell(
        ui,
        title,
        None,
        "/admin",
        html! {
            h1 { (title) }
            p role="alert" { (text) }
            @if login_link { p { a href="/admin/login" { (ui.pick("Inloggen", "Sign in")) } } }
        },
    )
}

pub fn login(ui: Ui, csrf: &str, error: Option<&str>) -> Response {
    let sign_in = ui.pick("Inloggen", "Sign in");
    shell(
        ui,
        sign_in,
        None,
        "/admin/login",
        html! {
            h1 { (sign_in) }
            @if let Some(error) = error { p.warnings role="alert" { (error) } }
            form method="post" action="/admin/login" {
                input type="hidden" name="csrf" value=(csrf);
                p { label for="user" { (ui.pick("Naam", "Name")) } br; input #user name="user" autocomplete="username" required; }
                p { label for="password" { (ui.pick("Wachtwoord", "Password")) } br; input #password type="password" name="password" autocomplete="current-password" required; }
                button #sign-in type="submit" { (sign_in) }
            }
        },
    )
}

/// The list of items, newest first, one page of it (`page` of `pages`, `total` items), and
/// the trash.
pub fn index(
    ui: Ui,
    csrf: &str,
    (items, page, pages, total): (&[Item], usize, usize, usize),
    trash: &[String],
    flash: Option<&str>,
) -> Response {
    let count = (ui.t().item_count)(total);
    shell(
        ui,
        "Items",
        Some(csrf),
        "/admin",
        html! {
            h1 { "Items" }
            @if let Some(flash) = flash { p.warnings role="status" { (flash) } }
            p { a href="/admin/new" { (ui.pick("Een item toevoegen: een bestand uploaden of tekst plakken", "Add an item: upload a file or paste text")) } }
            p {
                @match ui {
                    Ui::Nl => { (count) ", nieuwste eerst; pagina " (page) " van " (pages) "." }
                    Ui::En => { (count) ", newest first; page " (page) " of " (pages) "." }
                }
                @if page > 1 { " " a href=(format!("/admin?page={}", page - 1)) { (ui.pick("Nieuwer", "Newer")) } }
                @if page < pages { " " a href=(format!("/admin?page={}", page + 1)) { (ui.pick("Ouder", "Older")) } }
                " " (ui.pick("Eén item vinden: gebruik de zoekfunctie van de site.", "To find one item, use the site's search."))
            }
            table {
                thead { tr { th { (ui.pick("Datum", "Date")) } th { (ui.pick("Titel", "Title")) } th { (ui.pick("Bestand", "File")) } th { span.visually-hidden { (ui.pick("Op de site", "On the site")) } } } }
                tbody {
                    @for item in items {
                        tr {
                            td { (item.date.to_string()) }
                            td { a href=(format!("/admin/items/{}", item.id)) { (item.title) } }
                            td { code { (item.path) } }
                            td { a href=(format!("/items/{}", item.id)) { (ui.pick("bekijken", "view")) } }
                        }
                    }
                }
            }
            h2 { (ui.pick("Prullenbak", "Trash")) }
            @if trash.is_empty() { p { (ui.pick("De prullenbak is leeg.", "The trash is empty.")) } }
            ul {
                @for path in trash {
                    li {
                        code { (path) } " "
                        form.inline method="post" action="/admin/restore" {
                            input type="hidden" name="csrf" value=(csrf);
                            input type="hidden" name="path" value=(path);
                            button type="submit" { (ui.pick("Terugzetten", "Restore")) }
                        }
                    }
                }
            }
        },
    )
}

/// The upload / paste form for a new item.
pub fn new_item(ui: Ui, csrf: &str, limit_mb: usize, error: Option<&str>) -> Response {
    let title = ui.pick("Nieuw item", "New item");
    shell(
        ui,
        title,
        Some(csrf),
        "/admin/new",
        html! {
            h1 { (title) }
            @if let Some(error) = error { p.warnings role="alert" { (error) } }
            form method="post" action="/admin/new" enctype="multipart/form-data" {
                input type="hidden" name="csrf" value=(csrf);
                p { label for="file" { (ui.pick("Bestand (.txt, .md, .pdf, .vtt, .srt; hoogstens ", "File (.txt, .md, .pdf, .vtt, .srt; at most ")) (limit_mb) " MB)" } br;
                    input #file type="file" name="file" accept=".txt,.md,.markdown,.pdf,.vtt,.srt"; }
                p { label for="text" { (ui.pick("of plak de tekst", "or paste the text")) } br; textarea #text name="text" rows="8" cols="80" {} }
                fieldset {
                    legend { (ui.pick("Wat u al weet (de rest wordt op de volgende pagina voorgesteld)", "Metadata you already know (the rest is suggested on the next page)")) }
                    p { label for="title" { (ui.pick("Titel", "Title")) } br; input #title name="title" size="60"; }
                    p { label for="date" { (ui.pick("Datum (JJJJ-MM-DD)", "Date (YYYY-MM-DD)")) } br; input #date name="date"; }
                    p { label for="speakers" { (ui.pick("Sprekers (één per regel)", "Speakers (one per line)")) } br; textarea #speakers name="speakers" rows="2" {} }
                    p { label for="series" { (ui.pick("Serie", "Series")) } br; input #series name="series"; }
                }
                button #continue type="submit" { (ui.pick("Verder", "Continue")) }
            }
        },
    )
}

/// The review form: every field, suggestions marked, a preview, and save.
pub fn review(
    ui: Ui,
    csrf: &str,
    form: &ItemForm,
    notes: &BTreeMap<&'static str, String>,
    problems: &[String],
    preview: Option<&Item>,
) -> Response {
    review_page(ui, csrf, form, notes, problems, preview, None)
}

/// A save that found the file changed since its form was opened: the archivist's version in
/// the form (whose `base` is now the current file, so saving it replaces that knowingly), and
/// the current file below it to take from.
pub fn conflict(ui: Ui, csrf: &str, form: &ItemForm, current: &str) -> Response {
    let problem = ui.pick(
        "Er is niets bewaard: dit item is gewijzigd sinds u het opende (door een andere redacteur, of op schijf). \
        Uw versie staat in het formulier; het huidige bestand staat eronder. Neem daaruit over wat u nodig hebt, \
        en bewaar dan om het huidige bestand door het formulier te vervangen.",
        "Nothing was saved: this item was changed since you opened it (by another archivist, or on disk). \
        Your version is in the form; the current file is below it. Copy what you need from it into the form, \
        then save to replace the current file with the form.",
    )
    .to_string();
    review_page(
        ui,
        csrf,
        form,
        &BTreeMap::new(),
        &[problem],
        None,
        Some(current),
    )
}

fn review_page(
    ui: Ui,
    csrf: &str,
    form: &ItemForm,
    notes: &BTreeMap<&'static str, String>,
    problems: &[String],
    preview: Option<&Item>,
    current: Option<&str>,
) -> Response {
    let suggested = ui.pick("voorgesteld: ", "suggested: ");
    let field = |name: &'static str, label: &str, value: &str| {
        html! {
            p {
                label for=(name) { (label) }
                @if let Some(note) = notes.get(name) { " " small.suggested { (suggested) (note) } }
                br;
                input id=(name) name=(name) value=(value) size="60";
            }
        }
    };
    let area = |name: &'static str, label: &str, value: &str, rows: u32| {
        html! {
            p {
                label for=(name) { (label) }
                @if let Some(note) = notes.get(name) { " " small.suggested { (suggested) (note) } }
                br;
                textarea id=(name) name=(name) rows=(rows) cols="80" { (value) }
            }
        }
    };
    let editing = !form.path.is_empty();
    let check = ui.pick("Controleren en bewaren", "Check and save");
    // The switch shows a GET page: the item's edit form, or the list (a draft is a POST).
    let here = match editing {
        true => format!(
            "/admin/items/{}",
            Item::id_for_path(std::path::Path::new(&form.path))
        ),
        false => "/admin".to_string(),
    };
    shell(
        ui,
        if editing {
            ui.pick("Item bewerken", "Edit item")
        } else {
            check
        },
        Some(csrf),
        &here,
        html! {
            h1 { @if editing { (ui.pick("Bewerken: ", "Edit ")) code { (form.path) } } @else { (check) } }
            @if !problems.is_empty() {
                div.warnings role="alert" { @for p in problems { p { (p) } } }
            }
            @if let Some(note) = notes.get("_") { p.meta { (note) } }
            form method="post" action="/admin/save" {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="path" value=(form.path);
                input type="hidden" name="base" value=(form.base);
                // The archivist's `[[quotes]]` corrections, kept as they are (JSON).
                input type="hidden" name="quotes" value=(form.quotes);
                (field("title", ui.pick("Titel", "Title"), &form.title))
                (field("date", ui.pick("Datum (JJJJ-MM-DD, JJJJ-MM of JJJJ)", "Date (YYYY-MM-DD, YYYY-MM or YYYY)"), &form.date))
                p {
                    label for="kind" { (ui.pick("Soort", "Kind")) }
                    @if let Some(note) = notes.get("kind") { " " small.suggested { (suggested) (note) } }
                    br;
                    select #kind name="kind" {
                        @for kind in Kind::ALL { option value=(kind.as_str()) selected[form.kind == kind.as_str()] { (ui.value(Dimension::Kind, kind.as_str())) } }
                    }
                }
                (area("speakers", ui.pick("Sprekers (één per regel; `Naam (rol)`)", "Speakers (one per line; `Name (role)`)"), &form.speakers, 3))
                (area("themes", ui.pick("Thema's (één per regel)", "Themes (one per line)"), &form.themes, 3))
                (field("series", ui.pick("Serie", "Series"), &form.series))
                (field("event", ui.pick("Evenement", "Event"), &form.event))
                (field("organisation", ui.pick("Organisatie", "Organisation"), &form.organisation))
                (field("language", ui.pick("Taal (nl of en)", "Language (nl or en)"), &form.language))
                (field("source", ui.pick("Bron", "Source"), &form.source))
                (field("url", ui.pick("URL", "URL"), &form.url))
                (area("summary", ui.pick("Samenvatting", "Summary"), &form.summary, 2))
                (area("body", ui.pick("Tekst (Markdown)", "Text (Markdown)"), &form.body, 20))
                button type="submit" formaction="/admin/preview" { (ui.pick("Voorbeeld", "Preview")) } " "
                button type="submit" #save { (ui.pick("Bewaren", "Save")) }
            }
            @if let Some(current) = current {
                h2 #current { (ui.pick("Het huidige bestand", "The current file")) }
                pre.current { (current) }
            }
            @if let Some(item) = preview {
                h2 { (ui.pick("Voorbeeld", "Preview")) }
                article.preview lang=(item.language.code()) {
                    h1 { (item.title) }
                    p.meta { (item.date.to_string()) " · " (item.speakers.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ")) }
                    div.item-body { (PreEscaped(to_html(&item.body))) }
                }
            }
            @if editing {
                h2 { (ui.pick("Verwijderen", "Delete")) }
                form method="post" action=(format!("/admin/items/{}/delete", crate::archive::Item::id_for_path(std::path::Path::new(&form.path)))) {
                    input type="hidden" name="csrf" value=(csrf);
                    p { (ui.pick("Verplaatst het bestand naar de prullenbak (", "Moves the file to the trash (")) code { "_trash/" (form.path) } (ui.pick("), van waaruit het terug te zetten is.", "), from where it can be restored.")) }
                    button type="submit" { (ui.pick("Verwijderen", "Delete")) }
                }
            }
        },
    )
}
