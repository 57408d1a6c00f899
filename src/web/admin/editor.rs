//! Editor handlers: the new-item form, upload or paste, preview, save, and editing an item.

use std::collections::BTreeMap;

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;

use super::form::ItemForm;
use super::language::ui_of;
use super::{check_csrf, require, require_form, views, Refusal};
use crate::ingest::{build, read_source, Known, Metadata, Source};
use crate::service::editing::Edit;
use crate::service::ServiceError;
use crate::web::error::{message_of, status_of};
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
    let result = tokio::task::spawn_blocking(move || draft_from_upload(ui, &known, upload))
        .await
        .unwrap_or_else(|e| Err(ServiceError::internal(e)));
    match result {
        Ok((form, notes, problems)) => {
            views::review(ui, &session.csrf, &form, &notes, &problems, None)
        }
        Err(error @ ServiceError::Invalid(_)) => {
            let page = views::new_item(ui, &session.csrf, limit >> 20, Some(&message_of(&error)));
            (status_of(&error), page).into_response()
        }
        Err(error) => Refusal::Failed {
            title: ("Fout", "Error"),
            error,
        }
        .page(ui),
    }
}

async fn read_upload(ui: Ui, mut multipart: Multipart, limit: usize) -> Result<Upload, Response> {
    let mut upload = Upload::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(Refusal::TooLarge { limit }.page(ui))
            }
            Err(e) => return Err(Refusal::BadUpload(e.body_text()).page(ui)),
        };
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(Refusal::TooLarge { limit }.page(ui))
            }
            Err(e) => return Err(Refusal::BadUpload(e.body_text()).page(ui)),
        };
        if bytes.len() > limit {
            return Err(Refusal::TooLarge { limit }.page(ui));
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
fn draft_from_upload(ui: Ui, known: &Known, upload: Upload) -> Result<Review, ServiceError> {
    let source = match (&upload.file, upload.text.is_empty()) {
        (Some((name, bytes)), _) => read_source(name, bytes)?,
        (None, false) => read_source("pasted.txt", upload.text.as_bytes())?,
        (None, true) => {
            return Err(ServiceError::Invalid(
                ui.pick(
                    "Kies een bestand of plak een tekst.",
                    "Choose a file or paste a text.",
                )
                .into(),
            ))
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
        Err(problem) => views::review(ui, &session.csrf, &form, &none, &[problem.0], None),
    }
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
    let edit = form.validate("new.md").map(|(text, item)| Edit {
        text,
        item,
        path: Some(form.path.clone()).filter(|path| !path.is_empty()),
        base: form.base.clone(),
    });
    let (user, library) = (session.user.clone(), state.clone());
    let saved = match edit {
        Ok(edit) => {
            tokio::task::spawn_blocking(move || admin.editor.save(library.library(), &user, edit))
                .await
                .unwrap_or_else(|e| Err(ServiceError::internal(e)))
                .and_then(|change| change.indexed.map(|()| change.id))
        }
        Err(problem) => Err(problem.into()),
    };
    match saved {
        Ok(id) => Redirect::to(&format!("/admin?saved={id}")).into_response(),
        Err(error) => {
            let page = match &error {
                ServiceError::Changed { current, version } => {
                    let form = ItemForm {
                        base: version.clone(),
                        ..form
                    };
                    views::conflict(ui, &session.csrf, &form, current)
                }
                _ => views::review(
                    ui,
                    &session.csrf,
                    &form,
                    &BTreeMap::new(),
                    &[message_of(&error)],
                    None,
                ),
            };
            (status_of(&error), page).into_response()
        }
    }
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
    let lookup = state.clone();
    let found = tokio::task::spawn_blocking(move || admin.editor.open(lookup.library(), &id))
        .await
        .ok()
        .flatten();
    match found {
        Some((item, version)) => {
            let mut form = ItemForm::from_item(&item);
            form.path = item.path.clone();
            form.base = version;
            views::review(ui, &session.csrf, &form, &BTreeMap::new(), &[], Some(&item))
        }
        None => Refusal::NoSuchItem.page(ui),
    }
}
