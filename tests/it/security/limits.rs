//! Items 3 and 5: a request cannot make a page grow with its filters, nor the metrics grow
//! with what it sends.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use lectern::web::{app, AppState};
use tower::ServiceExt;

use crate::support::{get, TestArchive};

fn served() -> (TestArchive, axum::Router) {
    let archive = TestArchive::sample_plus(&[]);
    archive.build();
    let router = app(AppState::new(&archive.index()));
    (archive, router)
}

fn filters(count: usize, length: usize) -> String {
    (0..count)
        .map(|i| format!("&theme={i}{}", "t".repeat(length - i.to_string().len())))
        .collect()
}

#[tokio::test]
async fn too_many_filter_values_get_a_clear_400_in_the_interface_language() {
    let (_archive, app) = served();
    let (status, page) = get(&app, &format!("/search?q=zorg&ui=en{}", filters(21, 3))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        page.contains("Too many filters: a search takes at most 20"),
        "{page}"
    );
    let (status, page) = get(&app, &format!("/search?q=zorg&ui=nl{}", filters(21, 3))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("Te veel filters"), "{page}");
    let (status, json) = get(&app, &format!("/api/search?q=zorg{}", filters(5000, 5))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(json.contains("Too many filters"), "{json}");
    let (status, _) = get(&app, &format!("/search?q=zorg{}", filters(1, 201))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn thousands_of_filters_cannot_make_a_big_page() {
    let (_archive, app) = served();
    let (status, page) = get(&app, &format!("/search?q=zorg{}", filters(2_000, 5))).await;
    assert!(page.len() < 100_000, "{status}: {} bytes", page.len());
}

#[tokio::test]
async fn the_largest_allowed_request_gives_a_small_page() {
    let (_archive, app) = served();
    let q = "zorg ".repeat(5_000);
    let (status, page) = get(
        &app,
        &format!(
            "/search?q={}{}&speaker=x&kind=lecture",
            q.trim().replace(" ", "+"),
            filters(18, 200)
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.len() < 1 << 20, "{} bytes", page.len());
}

#[tokio::test]
async fn unknown_methods_share_one_metrics_label() {
    let (_archive, app) = served();
    for i in 0..20 {
        let method = Method::from_bytes(format!("X{i}{}", "Y".repeat(5_000)).as_bytes()).unwrap();
        let request = Request::builder()
            .method(method)
            .uri("/search")
            .body(Body::empty())
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        assert!(response.status().is_client_error(), "{}", response.status());
    }
    let (_, metrics) = get(&app, "/metrics").await;
    assert!(!metrics.contains("YYYY"), "a method as sent became a label");
    assert!(metrics.contains("method=\"other\""), "{metrics}");
    assert!(metrics.len() < 20_000, "{} bytes", metrics.len());
}
