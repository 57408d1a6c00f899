//! Editor handlers: sign-in and sign-out, the item list with the trash, delete and restore.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::language::ui_of;
use super::session::{
    cookie, random_token, same_token, set_cookie, LOGIN_CSRF_COOKIE, SESSION_COOKIE,
};
use super::{
    proxy, require, require_form, users, views, ConnectInfoOpt, Refusal, MAX_PASSWORD,
    MAX_USER_NAME,
};
use crate::search::{SearchRequest, Sort};
use crate::service::ServiceError;
use crate::web::i18n::Ui;
use crate::web::AppState;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Flash {
    saved: Option<String>,
    done: Option<String>,
    page: Option<usize>,
}

/// Items on one page of the editor's list.
const ITEMS_PER_PAGE: usize = 100;

/// The editor's list: the newest items a hundred a page, read from the index (never the whole
/// archive), and the trash.
pub async fn index(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(flash): Query<Flash>,
) -> Response {
    let (admin, session) = match require(&state, &headers, true) {
        Ok(ok) => ok,
        Err(response) => return response,
    };
    let page = flash.page.unwrap_or(1).clamp(1, 10_000);
    let request = SearchRequest {
        sort: Sort::Newest,
        offset: (page - 1) * ITEMS_PER_PAGE,
        limit: ITEMS_PER_PAGE,
        ..SearchRequest::default()
    };
    let (items, total) = match state.search(request).await {
        Ok(results) => (
            results.hits.into_iter().map(|hit| hit.item).collect(),
            results.total,
        ),
        Err(_) => (Vec::new(), 0),
    };
    let trash = tokio::task::spawn_blocking(move || admin.editor.trashed())
        .await
        .unwrap_or_default();
    let ui = ui_of(&headers);
    let flash = flash
        .saved
        .map(|id| match ui {
            Ui::Nl => format!("{id} is bewaard en nu te vinden."),
            Ui::En => format!("Saved {id}; it is searchable now."),
        })
        .or(flash.done);
    let pages = total.div_ceil(ITEMS_PER_PAGE).max(1);
    views::index(
        ui,
        &session.csrf,
        (&items, page, pages, total),
        &trash,
        flash.as_deref(),
    )
}

pub async fn login_form(headers: HeaderMap, State(state): State<AppState>) -> Response {
    let secure = state
        .admin()
        .map(|a| a.config.secure_cookies)
        .unwrap_or(true);
    let token = cookie(&headers, LOGIN_CSRF_COOKIE)
        .filter(|t| t.len() == 64)
        .unwrap_or_else(random_token);
    let mut response = views::login(ui_of(&headers), &token, None);
    if let Ok(value) = set_cookie(LOGIN_CSRF_COOKIE, &token, secure, None).parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    user: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfoOpt(address): ConnectInfoOpt,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let ui = ui_of(&headers);
    let Some(admin) = state.admin().cloned() else {
        return Refusal::NotEnabled.page(ui);
    };
    let address = proxy::client_address(address, &headers, &admin.config.trusted_proxies);
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if !same_token(&form.csrf, &expected) {
        return Refusal::SignInFormExpired.page(ui);
    }
    let user = form.user.trim().to_string();
    if user.len() > MAX_USER_NAME || form.password.len() > MAX_PASSWORD {
        return Refusal::TooLongForSignIn { csrf: expected }.page(ui);
    }
    if let Some(wait) = admin.throttle.wait(&user, address) {
        let seconds = wait.as_secs() + 1;
        return Refusal::TooManyFailures { seconds }.page(ui);
    }
    let Ok(_slot) = admin.password_checks.try_acquire() else {
        return Refusal::Busy.page(ui);
    };
    let (file, name, password) = (admin.config.users.clone(), user.clone(), form.password);
    let credential = tokio::task::spawn_blocking(move || {
        users::verify(&file, &name, &password)
            .then(|| users::credential(&file, &name))
            .flatten()
    })
    .await
    .unwrap_or(None);
    drop(_slot);
    let Some(credential) = credential else {
        admin.throttle.record_failure(&user, address);
        return Refusal::WrongPassword { csrf: expected }.page(ui);
    };
    admin.throttle.clear(&user, address);
    let token = admin.sessions.start(&user, &credential);
    let mut response = Redirect::to("/admin").into_response();
    if let Ok(value) = set_cookie(SESSION_COOKIE, &token, admin.config.secure_cookies, None).parse()
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CsrfForm {
    csrf: String,
    path: String,
}

pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    let (admin, _) = match require_form(&state, &headers, &form.csrf) {
        Ok(ok) => ok,
        Err(response) => return response,
    };
    admin.sessions.end(&headers);
    let mut response = Redirect::to("/admin/login").into_response();
    if let Ok(value) = set_cookie(SESSION_COOKIE, "", admin.config.secure_cookies, Some(0)).parse()
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

pub async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Response {
    let (admin, session) = match require_form(&state, &headers, &form.csrf) {
        Ok(ok) => ok,
        Err(response) => return response,
    };
    let ui = ui_of(&headers);
    let (library, wanted) = (state.clone(), id.clone());
    let moved = tokio::task::spawn_blocking(move || {
        admin
            .editor
            .trash(library.library(), &session.user, &wanted)
    })
    .await
    .unwrap_or_else(|e| Err(ServiceError::internal(e)));
    match moved {
        Ok(change) => done(&match ui {
            Ui::Nl => format!(
                "{} staat in de prullenbak. {}",
                change.path,
                note(change.indexed)
            ),
            Ui::En => format!(
                "Moved {} to the trash. {}",
                change.path,
                note(change.indexed)
            ),
        }),
        Err(error) => Refusal::Failed {
            title: ("Niet verwijderd", "Not deleted"),
            error: match (error, ui) {
                (ServiceError::NotFound(_), Ui::Nl) => {
                    ServiceError::NotFound(format!("geen item {id} in het archief"))
                }
                (error, _) => error,
            },
        }
        .page(ui),
    }
}

pub async fn restore(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    let (admin, session) = match require_form(&state, &headers, &form.csrf) {
        Ok(ok) => ok,
        Err(response) => return response,
    };
    let ui = ui_of(&headers);
    let (library, path) = (state.clone(), form.path.clone());
    let result = tokio::task::spawn_blocking(move || {
        admin
            .editor
            .restore(library.library(), &session.user, &path)
    })
    .await
    .unwrap_or_else(|e| Err(ServiceError::internal(e)));
    match result {
        Ok(change) => done(&match ui {
            Ui::Nl => format!("{} is teruggezet. {}", change.path, note(change.indexed)),
            Ui::En => format!("Restored {}. {}", change.path, note(change.indexed)),
        }),
        Err(error) => Refusal::Failed {
            title: ("Niet teruggezet", "Not restored"),
            error,
        }
        .page(ui),
    }
}

/// What to add to a done message when the index could not follow a change yet.
fn note(indexed: Result<(), ServiceError>) -> String {
    indexed.err().map(|e| e.to_string()).unwrap_or_default()
}

fn done(message: &str) -> Response {
    let query = serde_urlencoded::to_string([("done", message.trim())]).unwrap_or_default();
    Redirect::to(&format!("/admin?{query}")).into_response()
}

pub async fn not_found(
    State(state): State<AppState>,
    headers: HeaderMap,
    method: axum::http::Method,
) -> Response {
    if let Err(response) = require(&state, &headers, method == axum::http::Method::GET) {
        return response;
    }
    Refusal::NoSuchPage.page(ui_of(&headers))
}
