//! The web layer's one error type: each variant is a status code and a helpful page.
//!
//! Internal errors are logged with their cause; the visitor sees a plain message, never a trace.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use maud::html;

use super::i18n::Ui;
use super::views::layout;

#[derive(Debug)]
pub enum WebError {
    NotFound,
    BadRequest(String),
    /// No usable index (being built, or missing): 503 with a retry hint.
    Unavailable(String),
    Internal(String),
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
        let message = match &self {
            WebError::NotFound => "not found".to_string(),
            WebError::BadRequest(why) | WebError::Unavailable(why) => why.clone(),
            WebError::Internal(_) => "internal error".to_string(),
        };
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
        let message = match &self {
            WebError::NotFound => "not found".to_string(),
            WebError::BadRequest(why) | WebError::Unavailable(why) => why.clone(),
            WebError::Internal(_) => "internal error".to_string(),
        };
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
