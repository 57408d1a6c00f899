//! Editor handlers: the new-item form, upload or paste, preview, save, and editing an item.

use std::collections::BTreeMap;

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;

use super::form::{changed_fields, ItemForm};
use super::language::ui_of;
use super::{audit, check_csrf, reindex, require, require_form, views};
use crate::archive::load::load_file;
use crate::archive::Item;
use crate::ingest::save::{self as store, path_for, Mode};
use crate::ingest::{build, read_source, Known, Metadata, Source};
use crate::web::i18n::Ui;
use crate::web::AppState;

pub async fn new_form(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let (admin, session) = match require(&state, &headers, true) {
        Ok(ok) => ok,
        Err(response) => return response,
    };
    views::new_item(
        ui_of(&headers),
        &session.csrf,
        admin.config.upload_limit >> 20,
        None,
    )
}

/// What the upload form sent.
#[derive(Default)]
struct Upload {
    csrf: String,
    file: Option<(String, Vec<u8>)>,
    text: String,
    given: Metadata,
}

pub async fn upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let (admin, session) = match require(&state, &headers, false) {
        Ok(ok) => ok,
        Err(response) => return response,
    };
    let ui = ui_of(&headers);
    let limit = admin.config.upload_limit;
    let upload = match read_upload(ui, multipart, limit).await {
        Ok(upload) => upload,
        Err(response) => return response,
    };
    if let Err(response) = check_csrf(ui, &session, Some(&upload.csrf)) {
        return response;
    }
    // The names the archive already uses, from the index's facet values (not the archive).
    let known = state
        .with_index(crate::search::all_facets)
        .await
        .map(|facets| Known::from_values(|dimension| crate::search::values_of(&facets, dimension)))
        .unwrap_or_default();
    let result = tokio::task::spawn_blocking(move || draft_from_upload(ui, &known, upload)).await;
    match result {
        Ok(Ok((form, notes, problems))) => {
            views::review(ui, &session.csrf, &form, &notes, &problems, None)
        }
        Ok(Err(problem)) => {
            let page = views::new_item(ui, &session.csrf, limit >> 20, Some(&problem));
            (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
        }
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            views::message(ui, ui.pick("Fout", "Error"), &e.to_string(), false),
        )
            .into_response(),
    }
}

fn too_large(ui: Ui, limit: usize) -> Response {
    let text = match ui {
        Ui::Nl => format!("Het bestand is groter dan de grens van {} MB. Splits het, of vraag de beheerder de grens te verhogen (--upload-limit-mb).", limit >> 20),
        Ui::En => format!("The upload is larger than the limit of {} MB. Split the file, or ask the maintainer to raise the limit (--upload-limit-mb).", limit >> 20),
    };
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        views::message(
            ui,
            ui.pick("Bestand te groot", "File too large"),
            &text,
            false,
        ),
    )
        .into_response()
}

fn bad_upload(ui: Ui, e: &axum::extract::multipart::MultipartError) -> Response {
    (
        StatusCode::BAD_REQUEST,
        views::message(
            ui,
            ui.pick("Upload mislukt", "Bad upload"),
            &e.body_text(),
            false,
        ),
    )
        .into_response()
}

async fn read_upload(ui: Ui, mut multipart: Multipart, limit: usize) -> Result<Upload, Response> {
    let mut upload = Upload::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(too_large(ui, limit))
            }
            Err(e) => return Err(bad_upload(ui, &e)),
        };
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(too_large(ui, limit))
            }
            Err(e) => return Err(bad_upload(ui, &e)),
        };
        if bytes.len() > limit {
            return Err(too_large(ui, limit));
        }
        let text = || String::from_utf8_lossy(&bytes).trim().to_string();
        let some = |t: String| Some(t).filter(|t| !t.is_empty());
        match name.as_str() {
            "csrf" => upload.csrf = text(),
            "file" if !bytes.is_empty() => {
                upload.file = Some((
                    file_name.unwrap_or_else(|| "upload.txt".into()),
                    bytes.to_vec(),
                ))
            }
            "text" => upload.text = text(),
            "title" => upload.given.title = some(text()),
            "date" => upload.given.date = some(text()),
            "series" => upload.given.series = some(text()),
            "speakers" => {
                upload.given.speakers = text()
                    .lines()
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty())
                    .collect()
            }
            _ => {}
        }
    }
    Ok(upload)
}

type Review = (ItemForm, BTreeMap<&'static str, String>, Vec<String>);

/// Reads the upload into a review form; a file that cannot be read is an error for the form.
fn draft_from_upload(ui: Ui, known: &Known, upload: Upload) -> Result<Review, String> {
    let source = match (&upload.file, upload.text.is_empty()) {
        (Some((name, bytes)), _) => read_source(name, bytes)?,
        (None, false) => read_source("pasted.txt", upload.text.as_bytes())?,
        (None, true) => {
            return Err(ui
                .pick(
                    "Kies een bestand of plak een tekst.",
                    "Choose a file or paste a text.",
                )
                .into())
        }
    };
    let fallback = source.clone();
    match build(source, &upload.given, known) {
        Ok(draft) => {
            let mut notes: BTreeMap<&'static str, String> = draft
                .suggestions()
                .map(|(f, why)| (f, why.clone()))
                .collect();
            notes.insert("_", draft.notes.join("; "));
            Ok((ItemForm::from_item(&draft.item), notes, Vec::new()))
        }
        Err(problems) => Ok((
            partial_form(&fallback, &upload.given),
            BTreeMap::new(),
            problems,
        )),
    }
}

/// A form from what is known when the draft could not be completed (e.g. no date found).
fn partial_form(source: &Source, given: &Metadata) -> ItemForm {
    ItemForm {
        title: given.title.clone().unwrap_or_default(),
        date: given.date.clone().unwrap_or_default(),
        speakers: given.speakers.join("\n"),
        series: given.series.clone().unwrap_or_default(),
        kind: "other".into(),
        body: source.body.clone(),
        ..ItemForm::default()
    }
}

pub async fn preview(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<ItemForm>,
) -> Response {
    let (_, session) = match require_form(&state, &headers, &form.csrf) {
        Ok(ok) => ok,
        Err(response) => return response,
    };
    let ui = ui_of(&headers);
    let none = BTreeMap::new();
    match form.validate("preview.md") {
        Ok((_, item)) => views::review(ui, &session.csrf, &form, &none, &[], Some(&item)),
        Err(problem) => views::review(ui, &session.csrf, &form, &none, &[problem], None),
    }
}

/// Why a save did not happen.
enum NotSaved {
    /// Something for the archivist to fix in the form.
    Problem(String),
    /// The file changed since the form was opened: its current text and version.
    Conflict { current: String, version: String },
}

impl From<String> for NotSaved {
    fn from(problem: String) -> NotSaved {
        NotSaved::Problem(problem)
    }
}

async fn save_item(
    state: &AppState,
    admin: &super::Admin,
    session_user: &str,
    form: ItemForm,
) -> Result<String, NotSaved> {
    let archive = admin.config.archive.clone();
    let (text, item) = form.validate("new.md")?;
    let editing = !form.path.is_empty();
    let relative = if editing {
        form.path.clone()
    } else {
        path_for(&item, None).map_err(|e| e.to_string())?
    };
    // One save at a time: the version check and the write happen together.
    let _saving = admin.saving.lock().await;
    let old = editing.then(|| find_by_path(&archive, &relative)).flatten();
    if editing && old.is_none() {
        return Err(NotSaved::Problem(format!(
            "{relative} is no longer in the archive (deleted meanwhile?): nothing saved"
        )));
    }
    if editing && !form.base.is_empty() {
        let current = std::fs::read(archive.join(&relative)).unwrap_or_default();
        let version = super::form::file_version(&current);
        if version != form.base {
            return Err(NotSaved::Conflict {
                current: String::from_utf8_lossy(&current).into_owned(),
                version,
            });
        }
    }
    let mode = if editing {
        Mode::Replace
    } else {
        Mode::NewUnique
    };
    let dir = archive.clone();
    let saved = tokio::task::spawn_blocking(move || {
        let mut item = item;
        store::save(&dir, &mut item, Some(&text), &relative, mode).map(|_| item)
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(|e| e.to_string())?;
    drop(_saving);
    let changed = match &old {
        Some(old) => changed_fields(old, &saved),
        None => vec!["created".to_string()],
    };
    let action = if editing { "update" } else { "create" };
    audit::record(
        &archive,
        session_user,
        action,
        &saved.id,
        &saved.path,
        &changed,
    );
    reindex(state, archive, vec![saved.path.clone()]).await?;
    Ok(saved.id)
}

pub async fn save(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<ItemForm>,
) -> Response {
    let (admin, session) = match require_form(&state, &headers, &form.csrf) {
        Ok(ok) => ok,
        Err(response) => return response,
    };
    let ui = ui_of(&headers);
    match save_item(&state, &admin, &session.user, form.clone()).await {
        Ok(id) => Redirect::to(&format!("/admin?saved={id}")).into_response(),
        Err(NotSaved::Conflict { current, version }) => {
            let form = ItemForm {
                base: version,
                ..form
            };
            (
                StatusCode::CONFLICT,
                views::conflict(ui, &session.csrf, &form, &current),
            )
                .into_response()
        }
        Err(NotSaved::Problem(problem)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            views::review(ui, &session.csrf, &form, &BTreeMap::new(), &[problem], None),
        )
            .into_response(),
    }
}

/// The item in the file at `relative`, parsed from that one file.
fn find_by_path(archive: &std::path::Path, relative: &str) -> Option<Item> {
    let path = archive.join(relative);
    load_file(&path, std::path::Path::new(relative))
        .ok()
        .map(|l| l.item)
}

/// The item with this id, read from its file (the file is what gets edited). The index says
/// which file; only when the index does not know the id yet (a file added by hand a moment ago)
/// are the archive's file names listed (paths give ids; nothing else is read).
pub fn find_by_id(state: &AppState, archive: &std::path::Path, id: &str) -> Option<Item> {
    let indexed = state
        .generation()
        .ok()
        .and_then(|generation| crate::search::records::get(&generation, id).ok().flatten());
    if let Some(record) = indexed {
        if let Some(item) = find_by_path(archive, &record.item.path).filter(|i| i.id == id) {
            return Some(item);
        }
    }
    let listed = crate::archive::scan::ids(archive).ok()?;
    find_by_path(archive, listed.get(id)?).filter(|i| i.id == id)
}

pub async fn edit_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (admin, session) = match require(&state, &headers, true) {
        Ok(ok) => ok,
        Err(response) => return response,
    };
    let ui = ui_of(&headers);
    let archive = admin.config.archive.clone();
    let lookup = state.clone();
    let found = tokio::task::spawn_blocking(move || {
        let item = find_by_id(&lookup, &archive, &id)?;
        let bytes = std::fs::read(archive.join(&item.path)).ok()?;
        Some((item, bytes))
    })
    .await
    .ok()
    .flatten();
    match found {
        Some((item, bytes)) => {
            let mut form = ItemForm::from_item(&item);
            form.path = item.path.clone();
            form.base = super::form::file_version(&bytes);
            views::review(ui, &session.csrf, &form, &BTreeMap::new(), &[], Some(&item))
        }
        None => (
            StatusCode::NOT_FOUND,
            views::message(
                ui,
                ui.pick("Niet gevonden", "Not found"),
                ui.pick(
                    "Het archief heeft geen item met deze id.",
                    "No item with this id in the archive.",
                ),
                false,
            ),
        )
            .into_response(),
    }
}
