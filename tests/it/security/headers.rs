//! Item 17: security headers on every response, and no inline script, style or event handler
//! in the pages that the policy would block.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

use crate::admin::editor;

#[tokio::test]
async fn every_response_carries_the_security_headers_and_pages_obey_the_policy() {
    let editor = editor(20 << 20);
    for uri in [
        "/",
        "/search?q=wijkteams",
        "/search?q=zorg&ui=en",
        "/items/panels-2019-panel-wijkteams",
        "/speakers",
        "/api/search?q=zorg",
        "/static/style.css",
        "/static/suggest.js",
        "/feed.atom",
        "/healthz",
        "/does-not-exist",
        "/admin/login",
        "/admin",
    ] {
        let request = Request::builder().uri(uri).body(Body::empty()).unwrap();
        let response = editor.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{uri}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY", "{uri}");
        assert_eq!(headers[header::REFERRER_POLICY], "same-origin", "{uri}");
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 24)
            .await
            .unwrap();
        let body = String::from_utf8_lossy(&bytes);
        if status == StatusCode::OK && body.starts_with("<!DOCTYPE html>") {
            assert_no_inline_code(uri, &body);
        }
    }
}

/// Fails on an inline `<script>` (other than a JSON data block), a `<style>` element, a `style`
/// attribute or an `on...=` event handler attribute.
fn assert_no_inline_code(uri: &str, page: &str) {
    let lower = page.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(start) = rest.find("<script") {
        let tag = &rest[start..start + rest[start..].find('>').unwrap()];
        assert!(
            tag.contains(" src=") || tag.contains("type=\"application/ld+json\""),
            "{uri}: inline script {tag}"
        );
        rest = &rest[start + 7..];
    }
    assert!(!lower.contains("<style"), "{uri}: <style>");
    for tag in lower.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        let attributes = tag.split_whitespace().skip(1);
        for attribute in attributes {
            let name = attribute.split('=').next().unwrap_or("");
            assert!(name != "style", "{uri}: style attribute in <{tag}>");
            assert!(
                !(name.starts_with("on") && attribute.contains('=')),
                "{uri}: event handler in <{tag}>"
            );
        }
    }
}
