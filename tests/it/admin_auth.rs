//! The editor's gate: every /admin route needs a session, sign-in checks CSRF and limits
//! failures, `lectern user add` stores only hashes, and a crash mid-save leaves a whole file.

use axum::http::{header, Method, StatusCode};
use lectern::web::admin::users;

use crate::admin::{cookie_value, editor, hidden, post_form, send, sign_in, PASSWORD};
use crate::support::{get, TestArchive};

#[tokio::test]
async fn without_signing_in_every_admin_route_redirects_or_answers_401() {
    let editor = editor(20 << 20);
    for uri in [
        "/admin",
        "/admin/",
        "/admin/new",
        "/admin/items/2019-panel-wijkteams",
        "/admin/anything/else",
    ] {
        let reply = send(&editor.app, Method::GET, uri, "", "", Vec::new()).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{uri}");
        assert_eq!(reply.headers[header::LOCATION], "/admin/login", "{uri}");
    }
    for uri in [
        "/admin/new",
        "/admin/preview",
        "/admin/save",
        "/admin/logout",
        "/admin/restore",
        "/admin/items/panels-2019-panel-wijkteams/delete",
    ] {
        let reply = post_form(
            &editor.app,
            uri,
            "lectern_session=forged",
            &[
                ("csrf", "x"),
                ("title", "Hack"),
                ("date", "2020"),
                ("body", "x"),
            ],
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{uri}");
    }
    assert!(editor
        .archive
        .archive()
        .join("panels/2019-panel-wijkteams.md")
        .exists());
    // Visitors never see a link to the editor.
    let (_, home) = get(&editor.app, "/").await;
    assert!(!home.contains("/admin"));
}

#[tokio::test]
async fn sign_in_checks_csrf_password_and_limits_failures() {
    let editor = editor(20 << 20);
    let form = send(&editor.app, Method::GET, "/admin/login", "", "", Vec::new()).await;
    let cookie = cookie_value(&form.headers, "lectern_login_csrf").unwrap();
    let cookie = cookie.split(';').next().unwrap().to_string();
    let token = hidden(&form.body, "csrf");
    let wrong_csrf = post_form(
        &editor.app,
        "/admin/login",
        &cookie,
        &[("user", "anna"), ("password", PASSWORD), ("csrf", "0000")],
    )
    .await;
    assert_eq!(wrong_csrf.status, StatusCode::FORBIDDEN);
    // Three failures are free, the fourth makes the next try wait (admin::throttle).
    for _ in 0..4 {
        let reply = post_form(
            &editor.app,
            "/admin/login",
            &cookie,
            &[
                ("user", "anna"),
                ("password", "fout wachtwoord"),
                ("csrf", &token),
            ],
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert!(reply.body.contains("Verkeerde naam of wachtwoord"));
    }
    let locked = post_form(
        &editor.app,
        "/admin/login",
        &cookie,
        &[("user", "anna"), ("password", PASSWORD), ("csrf", &token)],
    )
    .await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    // Another archivist is not locked out, and can sign out again.
    let (session, csrf) = sign_in(&editor.app, "bram").await;
    let out = post_form(&editor.app, "/admin/logout", &session, &[("csrf", &csrf)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let after = send(&editor.app, Method::GET, "/admin", &session, "", Vec::new()).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER, "the session ended");
}

#[test]
fn a_crash_mid_save_leaves_the_old_file_and_no_item_from_the_leftover() {
    let archive = TestArchive::sample_plus(&[]);
    let path = archive.archive().join("panels/2019-panel-wijkteams.md");
    let before = std::fs::read(&path).unwrap();
    // What a crash between writing the temporary file and renaming it leaves behind.
    std::fs::write(
        archive
            .archive()
            .join("panels/.2019-panel-wijkteams.md.new-999-0"),
        b"+++\ntitle = \"half",
    )
    .unwrap();
    let loaded = lectern::archive::load_archive(&archive.archive()).unwrap();
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    lectern::archive::write::write_atomically(
        &path,
        b"+++\ntitle = \"Nieuw\"\ndate = \"2019\"\n+++\nTekst\n",
    )
    .unwrap();
    assert!(std::fs::read_to_string(&path).unwrap().contains("Nieuw"));
}

#[test]
fn user_add_reads_the_password_from_stdin_and_stores_only_a_hash() {
    use std::io::Write;
    let archive = TestArchive::new(&[]);
    let users_file = archive.dir.path().join("people.toml");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args([
            "--archive",
            archive.archive().to_str().unwrap(),
            "user",
            "add",
            "carla",
            "--users",
            users_file.to_str().unwrap(),
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"geheim wachtwoord 42\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let stored = std::fs::read_to_string(&users_file).unwrap();
    assert!(
        stored.contains("[users.carla]")
            && stored.contains("$argon2id$")
            && !stored.contains("geheim")
    );
    assert!(users::verify(&users_file, "carla", "geheim wachtwoord 42"));
}
