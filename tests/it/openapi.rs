//! The OpenAPI document: every documented route, called with the document's own example
//! parameters through the real router, answers with a documented status and a body that
//! validates against the documented schema; so do the documented error answers.

use axum::http::StatusCode;
use lectern::web::{app, AppState};
use serde_json::Value;

use crate::support::{get, TestArchive};

fn setup() -> (TestArchive, axum::Router) {
    let archive = TestArchive::sample_plus(&[]);
    archive.build();
    let router = app(AppState::new(&archive.index()));
    (archive, router)
}

/// A route's URI with every path and query parameter set to its documented example.
fn example_uri(path: &str, operation: &Value) -> String {
    let mut uri = path.to_string();
    let mut query = Vec::new();
    for param in operation["parameters"].as_array().into_iter().flatten() {
        let name = param["name"].as_str().unwrap();
        let Some(example) = param
            .get("example")
            .or_else(|| param["schema"].get("example"))
        else {
            assert_ne!(
                param["in"], "path",
                "path parameter {name} of {path} has no example"
            );
            continue;
        };
        let value = match example {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        match param["in"].as_str() {
            Some("path") => uri = uri.replace(&format!("{{{name}}}"), &value),
            _ => query.push((name.to_string(), value)),
        }
    }
    if !query.is_empty() {
        uri = format!("{uri}?{}", serde_urlencoded::to_string(&query).unwrap());
    }
    uri
}

/// Checks an answer against the response the document gives for its status.
fn check(document: &Value, path: &str, operation: &Value, status: StatusCode, body: &str) {
    let response = &operation["responses"][status.as_str()];
    assert!(
        response.is_object(),
        "{path} answered {status}, which is not documented"
    );
    let mut schema = response["content"]["application/json"]["schema"].clone();
    assert!(schema.is_object(), "{path} {status} has no JSON schema");
    schema["components"] = document["components"].clone();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let instance: Value = serde_json::from_str(body).expect("the answer is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{path} {status}: {errors:?}\n{body}");
}

#[tokio::test]
async fn every_documented_route_answers_as_documented() {
    let (_archive, app) = setup();
    let (status, body) = get(&app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let document: Value = serde_json::from_str(&body).unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    let paths = document["paths"].as_object().unwrap();
    assert!(paths.contains_key("/api/search") && paths.contains_key("/api/items/{id}"));
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            assert_eq!(method, "get", "{path}: only GET routes are documented");
            let uri = example_uri(path, operation);
            let (status, body) = get(&app, &uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}: {body}");
            check(&document, path, operation, status, &body);
            if path == "/api/search" {
                assert!(
                    body.contains("\"hits\":[{"),
                    "the examples find something: {uri}"
                );
            }
        }
    }
    for (path, uri, expected) in [
        (
            "/api/items/{id}",
            "/api/items/no-such-item",
            StatusCode::NOT_FOUND,
        ),
        ("/api/search", "/api/search?page=0", StatusCode::BAD_REQUEST),
        (
            "/api/search",
            "/api/search?sort=best",
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, expected, "{uri}");
        check(&document, path, &paths[path]["get"], status, &body);
    }
}
