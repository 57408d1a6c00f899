//! The web editor at `/admin`: archivists sign in, upload or paste a text, check the metadata
//! (with suggestions) and a preview, save; edit, delete (to `archive/_trash/`) and restore.
//!
//! Owns sign-in, sessions, CSRF checks and the editor pages. Saving, trash and restore with
//! their audit log and index update are `service::editing`'s, called on a blocking thread;
//! the handlers parse the form and render the answer. Public pages never
//! link here, and every route but the sign-in page needs a session (GET: redirect to sign-in,
//! POST: 401). The pages are in Dutch or English (`language`), with a switch and a link to
//! the public site.

mod editor;
mod form;
pub(crate) mod language;
mod pages;
pub(crate) mod proxy;
mod refusal;
pub(crate) mod session;
pub(crate) mod throttle;
/// The users file moved to the application layer; this path stays for callers of the editor.
pub use crate::service::users;
mod views;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use super::i18n::Ui;
use super::AppState;
use crate::service::editing::Editor;
pub use refusal::Refusal;
use session::{Session, Sessions};

/// How the editor is set up.
#[derive(Debug, Clone)]
pub struct AdminConfig {
    pub archive: PathBuf,
    pub users: PathBuf,
    /// `Secure` on cookies; off only for plain http on localhost.
    pub secure_cookies: bool,
    /// The largest upload, in bytes.
    pub upload_limit: usize,
    /// Reverse proxies whose `X-Forwarded-For` names the client for the sign-in throttle
    /// (`proxy`); none by default, and then the header is ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// Password checks (argon2, 19 MiB each) running at once; more sign-ins get 503 + Retry-After.
pub const PASSWORD_CHECKS: usize = 4;
/// The longest user name and password a sign-in form may carry (bytes), checked before argon2.
pub const MAX_USER_NAME: usize = 64;
pub const MAX_PASSWORD: usize = 1024;
/// The largest sign-in request body.
pub const LOGIN_BODY_LIMIT: usize = 8 * 1024;

/// The editor's shared state.
pub struct Admin {
    pub config: AdminConfig,
    pub sessions: Sessions,
    /// Failed sign-ins per name and address.
    pub throttle: throttle::Throttle,
    /// Free slots for password checks.
    pub password_checks: tokio::sync::Semaphore,
    /// Saves, trash and restore (`service::editing`).
    pub editor: Editor,
}

impl Admin {
    pub fn new(config: AdminConfig) -> Admin {
        Admin {
            editor: Editor::new(&config.archive),
            config,
            sessions: Sessions::default(),
            throttle: throttle::Throttle::default(),
            password_checks: tokio::sync::Semaphore::new(PASSWORD_CHECKS),
        }
    }
}

/// The editor's routes, with the upload limit applied to its request bodies; none at all when
/// the editor is off (no users), so `/admin/login` is an ordinary 404.
pub fn router(state: &AppState) -> Router<AppState> {
    let Some(admin) = state.admin() else {
        return Router::new();
    };
    let limit = admin.config.upload_limit;
    let protected = Router::new()
        .route("/admin", get(pages::index))
        .route("/admin/", get(pages::index))
        .route("/admin/logout", post(pages::logout))
        .route("/admin/new", get(editor::new_form).post(editor::upload))
        .route("/admin/preview", post(editor::preview))
        .route("/admin/save", post(editor::save))
        .route("/admin/items/{id}", get(editor::edit_form))
        .route("/admin/items/{id}/delete", post(pages::delete))
        .route("/admin/restore", post(pages::restore))
        .route(
            "/admin/{*rest}",
            get(pages::not_found).post(pages::not_found),
        )
        // Checked before any body is read, so no extractor answers a visitor first.
        .route_layer(middleware::from_fn_with_state(state.clone(), guard));
    let login = Router::new()
        .route("/admin/login", get(pages::login_form).post(pages::login))
        .layer(DefaultBodyLimit::max(LOGIN_BODY_LIMIT));
    protected
        // Room for the form fields around the largest file; the file itself is checked exactly.
        .layer(DefaultBodyLimit::max(limit + 1024 * 1024))
        .merge(login)
        // Outside the guard: `?ui=en` works on the sign-in page and before it.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            language::remember,
        ))
}

/// Lets only signed-in archivists through: GET redirects to the sign-in page, others get 401.
async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let is_get = request.method() == Method::GET || request.method() == Method::HEAD;
    match require(&state, request.headers(), is_get) {
        Ok(_) => next.run(request).await,
        Err(response) => response,
    }
}

/// The signed-in session, or the response for someone who is not signed in.
#[allow(clippy::result_large_err)] // the error is the handler's own response, returned at once
pub fn require(
    state: &AppState,
    headers: &HeaderMap,
    is_get: bool,
) -> Result<(Arc<Admin>, Session), Response> {
    let ui = language::ui_of(headers);
    let Some(admin) = state.admin() else {
        return Err(Refusal::NotEnabled.page(ui));
    };
    let session = admin.sessions.get(headers).filter(|session| {
        let current = users::credential(&admin.config.users, &session.user);
        let valid = current.is_some_and(|hash| session::same_token(&hash, &session.credential));
        if !valid {
            admin.sessions.end_user(&session.user);
        }
        valid
    });
    match session {
        Some(session) => Ok((admin.clone(), session)),
        None if is_get => Err(Redirect::to("/admin/login").into_response()),
        None => Err(Refusal::SignInFirst.page(ui)),
    }
}

/// Refuses a form whose CSRF token is not the session's.
#[allow(clippy::result_large_err)] // the error is the handler's own response, returned at once
pub fn check_csrf(ui: Ui, session: &Session, token: Option<&str>) -> Result<(), Response> {
    if token.is_some_and(|t| session::same_token(t, &session.csrf)) {
        Ok(())
    } else {
        Err(Refusal::FormExpired.page(ui))
    }
}

/// For a form post: the signed-in session whose CSRF token the form carries, or the refusal.
#[allow(clippy::result_large_err)] // the error is the handler's own response, returned at once
pub fn require_form(
    state: &AppState,
    headers: &HeaderMap,
    csrf: &str,
) -> Result<(Arc<Admin>, Session), Response> {
    let (admin, session) = require(state, headers, false)?;
    check_csrf(language::ui_of(headers), &session, Some(csrf))?;
    Ok((admin, session))
}

/// The client's address when the server knows it (`serve` records it; a test may leave it out).
pub struct ConnectInfoOpt(pub Option<std::net::IpAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ConnectInfoOpt {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(ConnectInfoOpt(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip()),
        ))
    }
}
