//! Items 2, 9 and 11: sign-in cannot exhaust memory or lock the real archivist out, and a
//! session ends with its account; `X-Forwarded-For` counts only from a trusted proxy.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use lectern::web::admin::users;

use crate::admin::{
    cookie_value, editor, editor_with, hidden, reply, send, sign_in, Reply, PASSWORD,
};

/// The sign-in form's cookie and token.
async fn login_form(app: &axum::Router) -> (String, String) {
    let form = send(app, Method::GET, "/admin/login", "", "", Vec::new()).await;
    let cookie = cookie_value(&form.headers, "lectern_login_csrf").unwrap();
    (
        cookie.split(';').next().unwrap().to_string(),
        hidden(&form.body, "csrf"),
    )
}

/// Posts the sign-in form as a client at `from`.
async fn sign_in_from(
    app: &axum::Router,
    from: &str,
    form: &(String, String),
    user: &str,
    password: &str,
) -> Reply {
    sign_in_forwarded(app, from, None, form, user, password).await
}

/// Posts the sign-in form from `from`, with `X-Forwarded-For: forwarded` when given.
async fn sign_in_forwarded(
    app: &axum::Router,
    from: &str,
    forwarded: Option<&str>,
    (cookie, csrf): &(String, String),
    user: &str,
    password: &str,
) -> Reply {
    let body =
        serde_urlencoded::to_string([("user", user), ("password", password), ("csrf", csrf)])
            .unwrap();
    let address: SocketAddr = from.parse().unwrap();
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/admin/login")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .extension(ConnectInfo(address));
    if let Some(forwarded) = forwarded {
        request = request.header("x-forwarded-for", forwarded);
    }
    reply(app, request.body(Body::from(body)).unwrap()).await
}

#[tokio::test]
async fn a_forged_forwarded_for_header_does_not_escape_the_throttle() {
    // No proxy is trusted (the default): a new made-up address each time changes nothing.
    let editor = editor(20 << 20);
    let form = login_form(&editor.app).await;
    let attacker = "198.51.100.7:40000";
    for i in 0..4 {
        let forged = format!("203.0.113.{i}");
        let reply =
            sign_in_forwarded(&editor.app, attacker, Some(&forged), &form, "anna", "fout").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let held = sign_in_forwarded(
        &editor.app,
        attacker,
        Some("203.0.113.99"),
        &form,
        "anna",
        PASSWORD,
    )
    .await;
    assert_eq!(held.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_client_is_throttled_not_everyone() {
    let proxy = "10.0.0.1";
    let editor = editor_with(20 << 20, vec![proxy.parse().unwrap()]);
    let form = login_form(&editor.app).await;
    let via_proxy = "10.0.0.1:50000";
    // The attacker puts a made-up first hop in; the proxy appends the real address.
    for i in 0..4 {
        let forwarded = format!("192.0.2.{i}, 198.51.100.7");
        let reply = sign_in_forwarded(
            &editor.app,
            via_proxy,
            Some(&forwarded),
            &form,
            "anna",
            "fout",
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let held = sign_in_forwarded(
        &editor.app,
        via_proxy,
        Some("192.0.2.77, 198.51.100.7"),
        &form,
        "anna",
        PASSWORD,
    )
    .await;
    assert_eq!(
        held.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the attacker's real address is held"
    );
    // The real archivist comes through the same proxy from her own address.
    let own = sign_in_forwarded(
        &editor.app,
        via_proxy,
        Some("192.0.2.10"),
        &form,
        "anna",
        PASSWORD,
    )
    .await;
    assert_eq!(own.status, StatusCode::SEE_OTHER, "{}", own.body);
}

#[tokio::test]
async fn wrong_passwords_slow_down_only_that_name_from_that_address() {
    let editor = editor(20 << 20);
    let form = login_form(&editor.app).await;
    let attacker = "198.51.100.7:40000";
    for _ in 0..4 {
        let reply = sign_in_from(&editor.app, attacker, &form, "anna", "fout wachtwoord").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let held = sign_in_from(&editor.app, attacker, &form, "anna", PASSWORD).await;
    assert_eq!(held.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = held.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&wait), "{wait}");
    // The real archivist, at her own address, signs in as usual.
    let own = sign_in_from(&editor.app, "192.0.2.10:50000", &form, "anna", PASSWORD).await;
    assert_eq!(own.status, StatusCode::SEE_OTHER, "{}", own.body);
}

#[tokio::test]
async fn oversized_sign_in_fields_are_refused_before_the_password_check() {
    let editor = editor(20 << 20);
    let form = login_form(&editor.app).await;
    let long_name = "a".repeat(10_000);
    let reply = sign_in_from(&editor.app, "192.0.2.1:1", &form, &long_name, "x").await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    let name = "a".repeat(65);
    let reply = sign_in_from(&editor.app, "192.0.2.1:1", &form, &name, "x").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("hoogstens 64"), "{}", reply.body);
    let reply = sign_in_from(&editor.app, "192.0.2.1:1", &form, "anna", &"p".repeat(1025)).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_password_checks_are_bounded() {
    let editor = editor(20 << 20);
    let form = login_form(&editor.app).await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..24 {
        let (app, form) = (editor.app.clone(), form.clone());
        tasks.spawn(async move {
            let from = format!("203.0.113.{i}:1");
            sign_in_from(&app, &from, &form, &format!("nobody{i}"), "fout").await
        });
    }
    let mut busy = 0;
    while let Some(reply) = tasks.join_next().await {
        let reply = reply.unwrap();
        match reply.status {
            StatusCode::UNAUTHORIZED => {}
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(reply.headers[header::RETRY_AFTER], "1");
                busy += 1;
            }
            other => panic!("unexpected {other}: {}", reply.body),
        }
    }
    assert!(busy > 0, "24 at once must not all run argon2");
}

#[tokio::test]
async fn a_new_password_or_a_removed_user_ends_their_sessions() {
    let editor = editor(20 << 20);
    let users_file = editor.archive.dir.path().join("users.toml");
    let (anna, _) = sign_in(&editor.app, "anna").await;
    let (bram, _) = sign_in(&editor.app, "bram").await;
    users::set_password(&users_file, "anna", "een ander wachtwoord").unwrap();
    let reply = send(&editor.app, Method::GET, "/admin", &anna, "", Vec::new()).await;
    assert_eq!(
        reply.status,
        StatusCode::SEE_OTHER,
        "anna's old session ended"
    );
    let reply = send(&editor.app, Method::GET, "/admin", &bram, "", Vec::new()).await;
    assert_eq!(reply.status, StatusCode::OK, "bram's session is untouched");
    std::fs::write(&users_file, "").unwrap();
    let reply = send(&editor.app, Method::GET, "/admin", &bram, "", Vec::new()).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "bram was removed");
}

/// `lectern serve` with or without a users file: (status of GET /admin/login).
fn served_sign_in_status(with_user: bool) -> u16 {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let archive = crate::support::TestArchive::sample_plus(&[]);
    let users_file = archive.dir.path().join("users.toml");
    if with_user {
        users::set_password(&users_file, "anna", PASSWORD).unwrap();
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["--archive", archive.archive().to_str().unwrap()])
        .args(["--index", archive.index().to_str().unwrap()])
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .args(["--users", users_file.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        match crate::smoke::http_get(port, "/admin/login") {
            Ok((status, _)) => break status,
            Err(_) if started.elapsed() < Duration::from_secs(60) => {
                std::thread::sleep(Duration::from_millis(100))
            }
            Err(e) => panic!("the server did not answer: {e}"),
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    status
}

#[test]
fn without_users_the_server_has_no_sign_in() {
    assert_eq!(served_sign_in_status(false), 404);
    assert_eq!(served_sign_in_status(true), 200);
}
