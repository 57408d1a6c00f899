//! Signed-in sessions, their cookies and CSRF tokens (failed sign-ins: `admin::throttle`).
//!
//! Sessions live in memory (a restart signs everyone out). The cookie is HttpOnly,
//! SameSite=Strict, scoped to `/admin`, and Secure unless the server is told it runs on plain
//! http on localhost. Every form carries the session's CSRF token; the sign-in form, which has
//! no session yet, uses a double-submit cookie.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::HeaderMap;

pub const SESSION_COOKIE: &str = "lectern_session";
pub const LOGIN_CSRF_COOKIE: &str = "lectern_login_csrf";
const IDLE: Duration = Duration::from_secs(8 * 3600);

#[derive(Debug, Clone)]
pub struct Session {
    pub user: String,
    pub csrf: String,
    /// The user's password hash when they signed in: a session lives only while the users
    /// file still holds this user with this hash (a new password or a removed user ends it).
    pub credential: String,
    last_seen: Instant,
}

#[derive(Default)]
pub struct Sessions {
    sessions: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// Starts a session; returns its token (the cookie value).
    pub fn start(&self, user: &str, credential: &str) -> String {
        let token = random_token();
        let session = Session {
            user: user.to_string(),
            csrf: random_token(),
            credential: credential.to_string(),
            last_seen: Instant::now(),
        };
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions.retain(|_, s| s.last_seen.elapsed() < IDLE);
        sessions.insert(token.clone(), session);
        token
    }

    /// The live session the request's cookie names, if any.
    pub fn get(&self, headers: &HeaderMap) -> Option<Session> {
        let token = cookie(headers, SESSION_COOKIE)?;
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        let session = sessions.get_mut(&token)?;
        if session.last_seen.elapsed() > IDLE {
            sessions.remove(&token);
            return None;
        }
        session.last_seen = Instant::now();
        Some(session.clone())
    }

    /// Ends every session of `user` (their password changed or they were removed).
    pub fn end_user(&self, user: &str) {
        self.sessions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|_, s| s.user != user);
    }

    pub fn end(&self, headers: &HeaderMap) {
        if let Some(token) = cookie(headers, SESSION_COOKIE) {
            self.sessions
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&token);
        }
    }
}

/// 32 random bytes as hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A cookie's value from the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` value for the admin pages.
pub fn set_cookie(name: &str, value: &str, secure: bool, max_age: Option<u64>) -> String {
    let mut out = format!("{name}={value}; Path=/admin; HttpOnly; SameSite=Strict");
    if secure {
        out.push_str("; Secure");
    }
    if let Some(age) = max_age {
        out.push_str(&format!("; Max-Age={age}"));
    }
    out
}

/// Compares tokens in time that does not depend on where they differ.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
        && !a.is_empty()
}
