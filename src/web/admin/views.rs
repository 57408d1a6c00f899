//! The editor's views: pure functions from data to markup, with their own page shell (the
//! public layout has no admin links, and these pages are never cached or indexed).

use std::collections::BTreeMap;

use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::form::ItemForm;
use crate::archive::markdown::to_html;
use crate::archive::{Item, Kind};

/// The admin page shell; `csrf` (when signed in) feeds the sign-out form.
pub fn shell(title: &str, csrf: Option<&str>, main: Markup) -> Response {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (title) " · Lectern editor" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                header.site {
                    a.brand href="/admin" { "Lectern editor" }
                    @if let Some(csrf) = csrf {
                        nav {
                            a href="/admin/new" { "New item" } " · "
                            a href="/admin" { "Items" } " · "
                            form.inline method="post" action="/admin/logout" {
                                input type="hidden" name="csrf" value=(csrf);
                                button type="submit" { "Sign out" }
                            }
                        }
                    }
                }
                main #main { (main) }
            }
        }
    };
    (
        [(header::CACHE_CONTROL, "no-store")],
        Html(page.into_string()),
    )
        .into_response()
}

pub fn message(title: &str, text: &str, login_link: bool) -> Response {
    shell(
        title,
        None,
        html! {
            h1 { (title) }
            p role="alert" { (text) }
            @if login_link { p { a href="/admin/login" { "Sign in" } } }
        },
    )
}

pub fn login(csrf: &str, error: Option<&str>) -> Response {
    shell(
        "Sign in",
        None,
        html! {
            h1 { "Sign in" }
            @if let Some(error) = error { p.warnings role="alert" { (error) } }
            form method="post" action="/admin/login" {
                input type="hidden" name="csrf" value=(csrf);
                p { label for="user" { "Name" } br; input #user name="user" autocomplete="username" required; }
                p { label for="password" { "Password" } br; input #password type="password" name="password" autocomplete="current-password" required; }
                button #sign-in type="submit" { "Sign in" }
            }
        },
    )
}

/// Items and trash.
/// The list of items, newest first, one page of it (`page` of `pages`, `total` items).
pub fn index(
    csrf: &str,
    (items, page, pages, total): (&[Item], usize, usize, usize),
    trash: &[String],
    flash: Option<&str>,
) -> Response {
    shell(
        "Items",
        Some(csrf),
        html! {
            h1 { "Items" }
            @if let Some(flash) = flash { p.warnings role="status" { (flash) } }
            p { a href="/admin/new" { "Add an item: upload a file or paste text" } }
            p { (total) " items, newest first; page " (page) " of " (pages) "."
                @if page > 1 { " " a href=(format!("/admin?page={}", page - 1)) { "Newer" } }
                @if page < pages { " " a href=(format!("/admin?page={}", page + 1)) { "Older" } }
                " To find one item, use the site's search." }
            table {
                thead { tr { th { "Date" } th { "Title" } th { "File" } th {} } }
                tbody {
                    @for item in items {
                        tr {
                            td { (item.date.to_string()) }
                            td { a href=(format!("/admin/items/{}", item.id)) { (item.title) } }
                            td { code { (item.path) } }
                            td { a href=(format!("/items/{}", item.id)) { "view" } }
                        }
                    }
                }
            }
            h2 { "Trash" }
            @if trash.is_empty() { p { "The trash is empty." } }
            ul {
                @for path in trash {
                    li {
                        code { (path) } " "
                        form.inline method="post" action="/admin/restore" {
                            input type="hidden" name="csrf" value=(csrf);
                            input type="hidden" name="path" value=(path);
                            button type="submit" { "Restore" }
                        }
                    }
                }
            }
        },
    )
}

/// The upload / paste form for a new item.
pub fn new_item(csrf: &str, limit_mb: usize, error: Option<&str>) -> Response {
    shell(
        "New item",
        Some(csrf),
        html! {
            h1 { "New item" }
            @if let Some(error) = error { p.warnings role="alert" { (error) } }
            form method="post" action="/admin/new" enctype="multipart/form-data" {
                input type="hidden" name="csrf" value=(csrf);
                p { label for="file" { "File (.txt, .md, .pdf, .vtt, .srt; at most " (limit_mb) " MB)" } br;
                    input #file type="file" name="file" accept=".txt,.md,.markdown,.pdf,.vtt,.srt"; }
                p { label for="text" { "or paste the text" } br; textarea #text name="text" rows="8" cols="80" {} }
                fieldset {
                    legend { "Metadata you already know (the rest is suggested on the next page)" }
                    p { label for="title" { "Title" } br; input #title name="title" size="60"; }
                    p { label for="date" { "Date (YYYY-MM-DD)" } br; input #date name="date"; }
                    p { label for="speakers" { "Speakers (one per line)" } br; textarea #speakers name="speakers" rows="2" {} }
                    p { label for="series" { "Series" } br; input #series name="series"; }
                }
                button #continue type="submit" { "Continue" }
            }
        },
    )
}

/// The review form: every field, suggestions marked, a preview, and save.
pub fn review(
    csrf: &str,
    form: &ItemForm,
    notes: &BTreeMap<&'static str, String>,
    problems: &[String],
    preview: Option<&Item>,
) -> Response {
    review_page(csrf, form, notes, problems, preview, None)
}

/// A save that found the file changed since its form was opened: the archivist's version in
/// the form (whose `base` is now the current file, so saving it replaces that knowingly), and
/// the current file below it to take from.
pub fn conflict(csrf: &str, form: &ItemForm, current: &str) -> Response {
    let problem = "Nothing was saved: this item was changed since you opened it (by another archivist, or on disk). \
        Your version is in the form; the current file is below it. Copy what you need from it into the form, \
        then save to replace the current file with the form."
        .to_string();
    review_page(
        csrf,
        form,
        &BTreeMap::new(),
        &[problem],
        None,
        Some(current),
    )
}

fn review_page(
    csrf: &str,
    form: &ItemForm,
    notes: &BTreeMap<&'static str, String>,
    problems: &[String],
    preview: Option<&Item>,
    current: Option<&str>,
) -> Response {
    let field = |name: &'static str, label: &str, value: &str| {
        html! {
            p {
                label for=(name) { (label) }
                @if let Some(note) = notes.get(name) { " " small.suggested { "suggested: " (note) } }
                br;
                input id=(name) name=(name) value=(value) size="60";
            }
        }
    };
    let area = |name: &'static str, label: &str, value: &str, rows: u32| {
        html! {
            p {
                label for=(name) { (label) }
                @if let Some(note) = notes.get(name) { " " small.suggested { "suggested: " (note) } }
                br;
                textarea id=(name) name=(name) rows=(rows) cols="80" { (value) }
            }
        }
    };
    let editing = !form.path.is_empty();
    shell(
        if editing {
            "Edit item"
        } else {
            "Check and save"
        },
        Some(csrf),
        html! {
            h1 { @if editing { "Edit " code { (form.path) } } @else { "Check and save" } }
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
                (field("title", "Title", &form.title))
                (field("date", "Date (YYYY-MM-DD, YYYY-MM or YYYY)", &form.date))
                p {
                    label for="kind" { "Kind" }
                    @if let Some(note) = notes.get("kind") { " " small.suggested { "suggested: " (note) } }
                    br;
                    select #kind name="kind" {
                        @for kind in Kind::ALL { option value=(kind.as_str()) selected[form.kind == kind.as_str()] { (kind.as_str()) } }
                    }
                }
                (area("speakers", "Speakers (one per line; `Name (role)`)", &form.speakers, 3))
                (area("themes", "Themes (one per line)", &form.themes, 3))
                (field("series", "Series", &form.series))
                (field("event", "Event", &form.event))
                (field("organisation", "Organisation", &form.organisation))
                (field("language", "Language (nl or en)", &form.language))
                (field("source", "Source", &form.source))
                (field("url", "URL", &form.url))
                (area("summary", "Summary", &form.summary, 2))
                (area("body", "Text (Markdown)", &form.body, 20))
                button type="submit" formaction="/admin/preview" { "Preview" } " "
                button type="submit" #save { "Save" }
            }
            @if let Some(current) = current {
                h2 #current { "The current file" }
                pre.current { (current) }
            }
            @if let Some(item) = preview {
                h2 { "Preview" }
                article.preview lang=(item.language.code()) {
                    h1 { (item.title) }
                    p.meta { (item.date.to_string()) " · " (item.speakers.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ")) }
                    div.item-body { (PreEscaped(to_html(&item.body))) }
                }
            }
            @if editing {
                h2 { "Delete" }
                form method="post" action=(format!("/admin/items/{}/delete", crate::archive::Item::id_for_path(std::path::Path::new(&form.path)))) {
                    input type="hidden" name="csrf" value=(csrf);
                    p { "Moves the file to the trash (" code { "_trash/" (form.path) } "), from where it can be restored." }
                    button type="submit" { "Delete" }
                }
            }
        },
    )
}
