//! Security headers on every response: a Content-Security-Policy that allows scripts, styles
//! and everything else only from this site (no inline script or style, no plugins, no framing),
//! `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY` for browsers without
//! `frame-ancestors`, and a `Referrer-Policy` that sends no address to other sites.
//!
//! Pages keep working under the policy because views have no inline scripts, styles or event
//! handler attributes (`/static/suggest.js` and `/static/style.css` are files; JSON-LD is a data
//! block, which the policy does not run). Images in item bodies may also come from https sites.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The policy for every response.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self'; img-src 'self' https:; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

pub async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
    ] {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}
