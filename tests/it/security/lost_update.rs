//! Item 8: two archivists edit the same item; the second save finds the file changed since
//! its form was opened and answers 409 with both versions instead of dropping the first.

use axum::http::{Method, StatusCode};

use crate::admin::{editor, hidden, post_form, send, sign_in};

const ID: &str = "panels-2019-panel-wijkteams";
const PATH: &str = "panels/2019-panel-wijkteams.md";

/// The edit form's fields as the browser would send them back, with `changes` applied.
async fn edit_form(
    app: &axum::Router,
    cookie: &str,
    csrf: &str,
    changes: &[(&str, &str)],
) -> Vec<(String, String)> {
    let page = send(
        app,
        Method::GET,
        &format!("/admin/items/{ID}"),
        cookie,
        "",
        Vec::new(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    form_fields(&page.body, csrf, changes)
}

fn form_fields(page: &str, csrf: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = vec![
        ("csrf".to_string(), csrf.to_string()),
        ("path".to_string(), hidden(page, "path")),
        ("base".to_string(), hidden(page, "base")),
    ];
    for name in [
        "title",
        "date",
        "series",
        "event",
        "organisation",
        "language",
        "source",
        "url",
    ] {
        fields.push((name.to_string(), input(page, name)));
    }
    for name in ["speakers", "themes", "summary", "body"] {
        fields.push((name.to_string(), textarea(page, name)));
    }
    fields.push(("kind".to_string(), "panel".to_string()));
    for (name, value) in changes {
        let field = fields.iter_mut().find(|(n, _)| n == name).unwrap();
        field.1 = value.to_string();
    }
    fields
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn input(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker).unwrap() + marker.len();
    unescape(&page[start..start + page[start..].find('"').unwrap()])
}

fn textarea(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\"");
    let start = page.find(&marker).unwrap();
    let start = start + page[start..].find('>').unwrap() + 1;
    unescape(&page[start..start + page[start..].find("</textarea>").unwrap()])
}

async fn save(
    app: &axum::Router,
    cookie: &str,
    fields: &[(String, String)],
) -> crate::admin::Reply {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    post_form(app, "/admin/save", cookie, &pairs).await
}

#[tokio::test]
async fn a_save_over_a_changed_file_is_a_conflict_to_resolve() {
    let editor = editor(20 << 20);
    let (anna, anna_csrf) = sign_in(&editor.app, "anna").await;
    let (bram, bram_csrf) = sign_in(&editor.app, "bram").await;
    let anna_form = edit_form(&editor.app, &anna, &anna_csrf, &[]).await;
    let bram_form = edit_form(
        &editor.app,
        &bram,
        &bram_csrf,
        &[("title", "Panel over wijkteams (nieuwe titel)")],
    )
    .await;

    let body = anna_form
        .iter()
        .find(|(n, _)| n == "body")
        .unwrap()
        .1
        .clone();
    let with_paragraph = format!("{}\n\nAnna voegde deze alinea toe.\n", body.trim_end());
    let anna_form: Vec<(String, String)> = anna_form
        .into_iter()
        .map(|(n, v)| {
            if n == "body" {
                (n, with_paragraph.clone())
            } else {
                (n, v)
            }
        })
        .collect();
    let saved = save(&editor.app, &anna, &anna_form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    let file = editor.archive.archive().join(PATH);
    let conflict = save(&editor.app, &bram, &bram_form).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT, "{}", conflict.body);
    assert!(
        conflict.body.contains("Anna voegde deze alinea toe."),
        "the current file is shown"
    );
    assert!(
        conflict.body.contains("nieuwe titel"),
        "Bram's version is kept in the form"
    );
    let on_disk = std::fs::read_to_string(&file).unwrap();
    assert!(on_disk.contains("Anna voegde deze alinea toe.") && !on_disk.contains("nieuwe titel"));

    // Bram takes Anna's paragraph into his form and saves: now both changes are in the file.
    let resolved = form_fields(&conflict.body, &bram_csrf, &[("body", &with_paragraph)]);
    let saved = save(&editor.app, &bram, &resolved).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let on_disk = std::fs::read_to_string(&file).unwrap();
    assert!(
        on_disk.contains("Anna voegde deze alinea toe.") && on_disk.contains("nieuwe titel"),
        "{on_disk}"
    );
}
