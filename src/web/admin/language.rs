//! The editor's interface language: Dutch or English like the public pages (`web::i18n`), kept
//! for the editor in a cookie so that forms, redirects and error pages follow it.
//!
//! `?ui=en` (or `nl`) on any editor page sets the cookie `lectern_ui` (path `/admin`) and
//! redirects to the same page without it, so every handler reads the language from the
//! request's headers alone: the cookie, else the browser's Accept-Language, else Dutch.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::session::{cookie, set_cookie};
use crate::web::i18n::Ui;
use crate::web::AppState;

/// The cookie that holds the editor's language.
pub const UI_COOKIE: &str = "lectern_ui";

/// The editor's language for a request: the cookie, else Accept-Language, else Dutch.
pub fn ui_of(headers: &HeaderMap) -> Ui {
    let chosen = cookie(headers, UI_COOKIE);
    let accept = headers.get("accept-language").and_then(|v| v.to_str().ok());
    Ui::choose(chosen.as_deref(), accept)
}

/// A GET with `?ui=nl|en`: set the cookie and redirect to the page without the parameter.
pub async fn remember(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let query = request.uri().query().unwrap_or("");
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    let chosen = pairs
        .iter()
        .find(|(k, _)| k == "ui")
        .and_then(|(_, v)| matches!(v.as_str(), "nl" | "en").then(|| v.clone()));
    let (Some(chosen), true) = (chosen, request.method() == Method::GET) else {
        return next.run(request).await;
    };
    let rest: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| k != "ui").collect();
    let path = request.uri().path();
    let target = match serde_urlencoded::to_string(&rest).unwrap_or_default() {
        rest if rest.is_empty() => path.to_string(),
        rest => format!("{path}?{rest}"),
    };
    let mut response = Redirect::to(&target).into_response();
    let secure = state
        .admin()
        .map(|a| a.config.secure_cookies)
        .unwrap_or(true);
    let value = set_cookie(UI_COOKIE, &chosen, secure, Some(365 * 24 * 3600));
    if let Ok(value) = value.parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The editor page `path` in the other language (the language switch).
pub fn switch_url(path: &str, ui: Ui) -> String {
    format!("{path}?ui={}", ui.other().code())
}
