//! The web layer's one error type and its one mapping to HTTP: each error is a status code
//! and a message, answered as an HTML page, JSON (`/api`) or XML (OAI-PMH). The application
//! layer's `ServiceError` gets its status here too ([`status_of`]), also for the editor's pages.
//!
//! Internal errors are logged with their cause; the visitor sees a plain message, never a trace.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use maud::html;

use super::i18n::Ui;
use super::views::layout;
use crate::service::ServiceError;

#[derive(Debug)]
pub enum WebError {
    NotFound,
    BadRequest(String),
    /// No usable index (being built, or missing): 503 with a retry hint.
    Unavailable(String),
    Internal(String),
    /// A use-case that did not happen (`service`), with the status [`status_of`] gives it.
    Service(ServiceError),
}

impl From<ServiceError> for WebError {
    fn from(error: ServiceError) -> WebError {
        match error {
            ServiceError::Unavailable(why) => WebError::Unavailable(why),
            ServiceError::Internal(cause) => WebError::Internal(cause),
            other => WebError::Service(other),
        }
    }
}

/// The HTTP status of each way a use-case can fail.
pub fn status_of(error: &ServiceError) -> StatusCode {
    match error {
        ServiceError::NotFound(_) => StatusCode::NOT_FOUND,
        // Something to fix in the form; an index that could not follow a save is shown on
        // the form as well.
        ServiceError::Invalid(_) | ServiceError::NotIndexed(_) => StatusCode::UNPROCESSABLE_ENTITY,
        ServiceError::Exists(_) | ServiceError::Changed { .. } => StatusCode::CONFLICT,
        ServiceError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        ServiceError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// What the person who asked is told: the error's own words, except for internal errors
/// (logged, never shown).
pub fn message_of(error: &ServiceError) -> String {
    match error {
        ServiceError::Internal(_) => "internal error".to_string(),
        other => other.to_string(),
    }
}

impl WebError {
    pub fn internal(error: impl std::fmt::Display) -> WebError {
        WebError::Internal(error.to_string())
    }

    fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            WebError::Service(error) => status_of(error),
        }
    }

    /// The message of a JSON or XML answer.
    fn message(&self) -> String {
        match self {
            WebError::NotFound => "not found".to_string(),
            WebError::BadRequest(why) | WebError::Unavailable(why) => why.clone(),
            WebError::Internal(_) => "internal error".to_string(),
            WebError::Service(error) => message_of(error),
        }
    }

    fn log(&self) {
        if let WebError::Internal(cause) = self {
            tracing::error!("internal error: {cause}");
        }
    }

    /// The error as an HTML page in the visitor's language.
    pub fn page(self, ui: Ui) -> Response {
        self.log();
        let t = ui.t();
        let (title, detail) = match &self {
            WebError::NotFound => (t.not_found, t.not_found_text.to_string()),
            WebError::BadRequest(why) => (t.bad_request, why.clone()),
            WebError::Unavailable(why) => (t.unavailable, why.clone()),
            WebError::Internal(_) => (t.unavailable, String::new()),
            WebError::Service(error) => (
                match status_of(error) {
                    StatusCode::NOT_FOUND => t.not_found,
                    _ => t.bad_request,
                },
                message_of(error),
            ),
        };
        let body = layout(
            ui,
            title,
            "",
            "/",
            html! {
                h1 { (title) }
                @if !detail.is_empty() { p { (detail) } }
                p { a href="/" { (t.home) } }
            },
        );
        (self.status(), Html(body.into_string())).into_response()
    }

    /// The error as JSON: `{"error": "..."}`.
    pub fn json(self) -> Response {
        self.log();
        let message = self.message();
        (
            self.status(),
            Json(super::api::ErrorJson { error: message }),
        )
            .into_response()
    }

    /// The error for an XML endpoint (OAI-PMH): the status with a small XML document, so a
    /// harvester that parses every answer as XML gets XML. A 503 says when to retry, as
    /// OAI-PMH's flow control expects.
    pub fn xml(self) -> Response {
        self.log();
        let message = self.message();
        let status = self.status();
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error status=\"{}\">{}</error>\n",
            status.as_u16(),
            super::xml::escape(&message)
        );
        let mut response = (
            status,
            [(axum::http::header::CONTENT_TYPE, "text/xml; charset=utf-8")],
            body,
        )
            .into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("5"),
            );
        }
        response
    }
}
