//! The web editor at /admin through the real router: sign-in, sessions, CSRF, uploads, the
//! size limit, concurrent saves, edit, delete to the trash and restore, and the audit log.

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use lectern::web::admin::{users, AdminConfig};
use lectern::web::{app, AppState};
use tower::ServiceExt;

use lectern::archive::load::reads_in;

use crate::support::{get, TestArchive};

pub const PASSWORD: &str = "een lang wachtwoord";

pub struct Editor {
    pub archive: TestArchive,
    pub app: axum::Router,
}

pub fn editor(limit: usize) -> Editor {
    editor_with(limit, Vec::new())
}

/// An editor behind the reverse proxies `trusted_proxies` (`--trusted-proxy`).
pub fn editor_with(limit: usize, trusted_proxies: Vec<std::net::IpAddr>) -> Editor {
    let archive = TestArchive::sample_plus(&[]);
    archive.build();
    let users_file = archive.dir.path().join("users.toml");
    users::set_password(&users_file, "anna", PASSWORD).unwrap();
    users::set_password(&users_file, "bram", PASSWORD).unwrap();
    let config = AdminConfig {
        archive: archive.archive(),
        users: users_file,
        secure_cookies: true,
        upload_limit: limit,
        trusted_proxies,
    };
    let app = app(AppState::with_admin(&archive.index(), config));
    Editor { archive, app }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

pub async fn send(
    app: &axum::Router,
    method: Method,
    uri: &str,
    cookie: &str,
    content_type: &str,
    body: Vec<u8>,
) -> Reply {
    let mut request = Request::builder().method(method).uri(uri);
    if !cookie.is_empty() {
        request = request.header(header::COOKIE, cookie);
    }
    if !content_type.is_empty() {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    reply(app, request.body(Body::from(body)).unwrap()).await
}

/// Sends a request through the router and reads the whole answer.
pub async fn reply(app: &axum::Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 26)
        .await
        .unwrap();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub async fn post_form(
    app: &axum::Router,
    uri: &str,
    cookie: &str,
    fields: &[(&str, &str)],
) -> Reply {
    let body = serde_urlencoded::to_string(fields).unwrap();
    send(
        app,
        Method::POST,
        uri,
        cookie,
        "application/x-www-form-urlencoded",
        body.into_bytes(),
    )
    .await
}

pub fn multipart(fields: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "lecternboundary7MA4YWxk";
    let mut body = Vec::new();
    for (name, file_name, data) in fields {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file_name {
            Some(file) => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: text/plain\r\n\r\n").as_bytes()),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

pub fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {page}"))
        + marker.len();
    page[start..start + page[start..].find('"').unwrap()].to_string()
}

/// Signs in; returns (cookie header, csrf token).
pub async fn sign_in(app: &axum::Router, user: &str) -> (String, String) {
    let form = send(app, Method::GET, "/admin/login", "", "", Vec::new()).await;
    let login_cookie = cookie_value(&form.headers, "lectern_login_csrf").unwrap();
    let login_cookie = login_cookie.split(';').next().unwrap().to_string();
    let token = hidden(&form.body, "csrf");
    let reply = post_form(
        app,
        "/admin/login",
        &login_cookie,
        &[("user", user), ("password", PASSWORD), ("csrf", &token)],
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let session = cookie_value(&reply.headers, "lectern_session").unwrap();
    for flag in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/admin"] {
        assert!(session.contains(flag), "{flag} missing in {session}");
    }
    let cookie = session.split(';').next().unwrap().to_string();
    let page = send(app, Method::GET, "/admin", &cookie, "", Vec::new()).await;
    assert_eq!(page.status, StatusCode::OK);
    (cookie, hidden(&page.body, "csrf"))
}

#[tokio::test]
async fn upload_review_save_makes_the_item_searchable_and_audited() {
    let editor = editor(20 << 20);
    let (cookie, csrf) = sign_in(&editor.app, "anna").await;
    let text = "Verslag van de avond\n\nOp 14 februari 2024 sprak Herman de Mönnink over de kwartier-\nmakers in de wijk.\n";
    let (content_type, body) = multipart(&[
        ("csrf", None, csrf.as_bytes()),
        ("file", Some("avond.txt"), text.as_bytes()),
        ("text", None, b""),
        ("title", None, b""),
    ]);
    let review = send(
        &editor.app,
        Method::POST,
        "/admin/new",
        &cookie,
        &content_type,
        body,
    )
    .await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.body);
    assert!(
        review
            .body
            .contains("voorgesteld: found in the text: &quot;14 februari 2024&quot;"),
        "{}",
        review.body
    );
    assert!(review.body.contains("kwartiermakers in de wijk"));
    let field = |name: &str| hidden(&review.body, name);
    let (title, date) = (field("title"), field("date"));
    assert_eq!(
        (title.as_str(), date.as_str()),
        ("Verslag van de avond", "2024-02-14")
    );
    let body = "Op 14 februari 2024 sprak Herman de Mönnink over de kwartiermakers in de wijk.";
    let wrong = post_form(
        &editor.app,
        "/admin/save",
        &cookie,
        &[
            ("csrf", "forged"),
            ("title", &title),
            ("date", &date),
            ("body", body),
        ],
    )
    .await;
    assert_eq!(
        wrong.status,
        StatusCode::FORBIDDEN,
        "a wrong CSRF token is refused"
    );
    let saved = post_form(
        &editor.app,
        "/admin/save",
        &cookie,
        &[
            ("csrf", &csrf),
            ("title", &title),
            ("date", &date),
            ("kind", "report"),
            ("speakers", "Herman de Mönnink (lecturer)"),
            ("body", body),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let (_, hits) = get(&editor.app, "/api/search?q=kwartiermakers").await;
    assert!(
        hits.contains("\"id\":\"2024-verslag-van-de-avond\""),
        "{hits}"
    );
    let audit = std::fs::read_to_string(editor.archive.archive().join("_audit.log")).unwrap();
    assert!(
        audit.contains("\"user\":\"anna\"")
            && audit.contains("\"action\":\"create\"")
            && audit.contains("2024-verslag-van-de-avond"),
        "{audit}"
    );
}

#[tokio::test]
async fn an_upload_over_the_limit_is_refused_with_a_message() {
    let editor = editor(1 << 20);
    let (cookie, csrf) = sign_in(&editor.app, "anna").await;
    let big = vec![b'a'; 3 << 20];
    let (content_type, body) = multipart(&[
        ("csrf", None, csrf.as_bytes()),
        ("file", Some("big.txt"), &big),
    ]);
    let reply = send(
        &editor.app,
        Method::POST,
        "/admin/new",
        &cookie,
        &content_type,
        body,
    )
    .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        reply.body.contains("groter dan de grens van 1 MB"),
        "{}",
        reply.body
    );
    let just_over = vec![b'a'; (1 << 20) + 10];
    let (content_type, body) = multipart(&[
        ("csrf", None, csrf.as_bytes()),
        ("file", Some("big.txt"), &just_over),
    ]);
    let reply = send(
        &editor.app,
        Method::POST,
        "/admin/new",
        &cookie,
        &content_type,
        body,
    )
    .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn two_archivists_saving_at_the_same_moment_both_keep_their_items() {
    let editor = editor(20 << 20);
    let (anna, anna_csrf) = sign_in(&editor.app, "anna").await;
    let (bram, bram_csrf) = sign_in(&editor.app, "bram").await;
    let form = |csrf: &str, body: &str| {
        vec![
            ("csrf".to_string(), csrf.to_string()),
            ("title".into(), "Jaarverslag".into()),
            ("date".into(), "2025-01-10".into()),
            ("body".into(), body.to_string()),
        ]
    };
    let (a, b) = (
        form(&anna_csrf, "De versie van Anna over zonnepanelen."),
        form(&bram_csrf, "De versie van Bram over windmolens."),
    );
    let to_body = |f: &Vec<(String, String)>| serde_urlencoded::to_string(f).unwrap().into_bytes();
    let ct = "application/x-www-form-urlencoded";
    let (ra, rb) = tokio::join!(
        send(
            &editor.app,
            Method::POST,
            "/admin/save",
            &anna,
            ct,
            to_body(&a)
        ),
        send(
            &editor.app,
            Method::POST,
            "/admin/save",
            &bram,
            ct,
            to_body(&b)
        ),
    );
    assert_eq!(
        (ra.status, rb.status),
        (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER),
        "{} {}",
        ra.body,
        rb.body
    );
    let first =
        std::fs::read_to_string(editor.archive.archive().join("2025-jaarverslag.md")).unwrap();
    let second =
        std::fs::read_to_string(editor.archive.archive().join("2025-jaarverslag-2.md")).unwrap();
    assert!(first.contains("zonnepanelen") != second.contains("zonnepanelen"));
    let (_, sun) = get(&editor.app, "/api/search?q=zonnepanelen").await;
    let (_, wind) = get(&editor.app, "/api/search?q=windmolens").await;
    assert!(
        sun.contains("\"total\":1") && wind.contains("\"total\":1"),
        "{sun} {wind}"
    );
}

#[tokio::test]
async fn edit_delete_and_restore_are_audited() {
    let editor = editor(20 << 20);
    // The list of items and editing one item read that item's file, never the whole archive.
    let root = editor.archive.archive();
    let root_reads = reads_in(&root);
    let panel_reads = reads_in(&root.join("panels"));
    let (cookie, csrf) = sign_in(&editor.app, "anna").await;
    let list = send(&editor.app, Method::GET, "/admin", &cookie, "", Vec::new()).await;
    assert!(
        list.body.contains("items, nieuwste eerst; pagina 1 van 1"),
        "{}",
        list.body
    );
    let id = "panels-2019-panel-wijkteams";
    let page = send(
        &editor.app,
        Method::GET,
        &format!("/admin/items/{id}"),
        &cookie,
        "",
        Vec::new(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let path = hidden(&page.body, "path");
    assert_eq!(path, "panels/2019-panel-wijkteams.md");
    let original = std::fs::read_to_string(editor.archive.archive().join(&path)).unwrap();
    let item = lectern::archive::front_matter::parse_item(&original, &path).unwrap();
    let speakers = item
        .speakers
        .iter()
        .map(|s| match &s.role {
            Some(role) => format!("{} ({role})", s.name),
            None => s.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let date = item.date.to_string();
    let themes = item.themes.join("\n");
    let optional = |v: &Option<String>| v.clone().unwrap_or_default();
    let (series, event, organisation, source, url, summary) = (
        optional(&item.series),
        optional(&item.event),
        optional(&item.organisation),
        optional(&item.source),
        optional(&item.url),
        optional(&item.summary),
    );
    let fields = [
        ("csrf", csrf.as_str()),
        ("path", &path),
        ("title", "Panel over wijkteams (herzien)"),
        ("date", &date),
        ("kind", item.kind.as_str()),
        ("speakers", &speakers),
        ("themes", &themes),
        ("series", &series),
        ("event", &event),
        ("organisation", &organisation),
        ("language", item.language.code()),
        ("source", &source),
        ("url", &url),
        ("summary", &summary),
        ("body", &item.body),
    ];
    let reply = post_form(&editor.app, "/admin/save", &cookie, &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let (_, hits) = get(&editor.app, "/api/search?q=herzien").await;
    assert!(hits.contains(id), "{hits}");

    let deleted = post_form(
        &editor.app,
        &format!("/admin/items/{id}/delete"),
        &cookie,
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER, "{}", deleted.body);
    assert!(editor.archive.archive().join("_trash").join(&path).exists());
    assert!(!editor.archive.archive().join(&path).exists());
    let (status, _) = get(&editor.app, &format!("/items/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let restored = post_form(
        &editor.app,
        "/admin/restore",
        &cookie,
        &[("csrf", &csrf), ("path", &path)],
    )
    .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER, "{}", restored.body);
    let (status, _) = get(&editor.app, &format!("/items/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(reads_in(&root), root_reads, "an edit loaded the archive");
    let read = reads_in(&root.join("panels")) - panel_reads;
    // Five reads of that one file (form, save check, upsert, delete, restore), each counted
    // with its datestamp: a constant, whatever the archive holds.
    assert!(
        read <= 10,
        "{read} reads of files in panels/ for one edit, delete and restore"
    );

    let audit = std::fs::read_to_string(editor.archive.archive().join("_audit.log")).unwrap();
    let actions: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        actions
            .iter()
            .map(|a| a["action"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["update", "delete", "restore"]
    );
    assert_eq!(actions[0]["changed"], serde_json::json!(["title"]));
    assert!(actions.iter().all(|a| a["user"] == "anna"
        && a["item"] == id
        && a["at"].as_str().unwrap().ends_with('Z')));
}

/// The editor speaks the interface language like the public pages: Dutch by default, English
/// when the browser prefers it, and `?ui=` switches it for the whole editor (a cookie), with a
/// switch and a link back to the public site on every page.
#[tokio::test]
async fn the_editor_is_in_dutch_or_english_with_a_switch() {
    let editor = editor(1 << 20);
    let login = send(&editor.app, Method::GET, "/admin/login", "", "", Vec::new()).await;
    for text in [
        "<html lang=\"nl\">",
        "<h1>Inloggen</h1>",
        ">Wachtwoord</label>",
        "href=\"/admin/login?ui=en\"",
        ">Naar de site</a>",
    ] {
        assert!(login.body.contains(text), "{text}: {}", login.body);
    }
    let request = Request::builder()
        .uri("/admin/login")
        .header("accept-language", "en-GB,en;q=0.9")
        .body(Body::empty())
        .unwrap();
    let english = reply(&editor.app, request).await;
    assert!(
        english.body.contains("<h1>Sign in</h1>") && english.body.contains(">Password</label>")
    );
    // The switch: remembered in a cookie for the editor, then the page without `ui=`.
    let switch = send(
        &editor.app,
        Method::GET,
        "/admin/login?ui=en",
        "",
        "",
        Vec::new(),
    )
    .await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(switch.headers[header::LOCATION], "/admin/login");
    let chosen = cookie_value(&switch.headers, "lectern_ui").unwrap();
    assert!(
        chosen.starts_with("lectern_ui=en;") && chosen.contains("Path=/admin"),
        "{chosen}"
    );
    let (session, _) = sign_in(&editor.app, "anna").await;
    let cookie = format!("{session}; lectern_ui=en");
    let list = send(&editor.app, Method::GET, "/admin", &cookie, "", Vec::new()).await;
    for text in [
        "<html lang=\"en\">",
        "items, newest first; page 1 of 1",
        ">Sign out</button>",
        "href=\"/admin?ui=nl\"",
        ">Nederlands</a>",
    ] {
        assert!(list.body.contains(text), "{text}: {}", list.body);
    }
    let list = send(&editor.app, Method::GET, "/admin", &session, "", Vec::new()).await;
    assert!(
        list.body.contains(">Uitloggen</button>") && list.body.contains("De prullenbak is leeg.")
    );
    let form = send(
        &editor.app,
        Method::GET,
        "/admin/new",
        &cookie,
        "",
        Vec::new(),
    )
    .await;
    assert!(form.body.contains("or paste the text") && form.body.contains(">Continue</button>"));
    let form = send(
        &editor.app,
        Method::GET,
        "/admin/new",
        &session,
        "",
        Vec::new(),
    )
    .await;
    assert!(form.body.contains("of plak de tekst") && form.body.contains(">Verder</button>"));
    // A message for someone not signed in follows the language too.
    let refused = post_form(&editor.app, "/admin/save", "lectern_ui=en", &[]).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused.body.contains("Sign in first"), "{}", refused.body);
    let refused = post_form(&editor.app, "/admin/save", "", &[]).await;
    assert!(refused.body.contains("Eerst inloggen"), "{}", refused.body);
}

#[tokio::test]
async fn a_file_added_by_hand_and_not_yet_indexed_opens_in_the_editor_without_loading_the_archive()
{
    let editor = editor(20 << 20);
    editor.archive.write(
        "lezingen/2025-met-de-hand.md",
        b"+++\ntitle = \"Met de hand\"\ndate = \"2025-01-10\"\nlanguage = \"nl\"\n+++\nToegevoegd zonder editor.\n",
    );
    let root = editor.archive.archive();
    let reads = reads_in(&root);
    let (cookie, _) = sign_in(&editor.app, "anna").await;
    let page = send(
        &editor.app,
        Method::GET,
        "/admin/items/lezingen-2025-met-de-hand",
        &cookie,
        "",
        Vec::new(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(hidden(&page.body, "path"), "lezingen/2025-met-de-hand.md");
    assert_eq!(
        reads_in(&root),
        reads,
        "the archive was loaded to find one file"
    );
    let missing = send(
        &editor.app,
        Method::GET,
        "/admin/items/nergens",
        &cookie,
        "",
        Vec::new(),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
