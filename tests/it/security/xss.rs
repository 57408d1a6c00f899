//! Item 1: link and image targets from item bodies and front matter never become executable.

use axum::http::StatusCode;
use lectern::web::{app, AppState};

use crate::admin::{editor, post_form, sign_in};
use crate::support::{get, TestArchive};

const BODY: &str = "Lees het [volledige transcript](javascript:fetch('/admin')) \
    of [hier](JaVaScRiPt:alert(1)) of [daar](&#x6A;avascript:alert(1)) of \
    [ginds](java&#x09;script:alert(1)) en <javascript:alert(2)>.\n\n\
    ![grafiek](data:image/svg+xml;base64,PHN2Zz4=) [vb](vbscript:msgbox(1)) \
    [echt](https://example.org/verslag)\n";

fn assert_no_executable_link(page: &str) {
    let lower = page.to_ascii_lowercase();
    for scheme in [
        "javascript:",
        "vbscript:",
        "data:",
        "&#x6a;avascript",
        "java&#x09;",
    ] {
        assert!(
            !lower.contains(&format!("href=\"{scheme}")),
            "{scheme} in {page}"
        );
        assert!(
            !lower.contains(&format!("src=\"{scheme}")),
            "{scheme} in {page}"
        );
    }
}

#[tokio::test]
async fn item_pages_show_unsafe_link_targets_as_text() {
    let item = format!(
        "+++\ntitle = \"Verslag met links\"\ndate = \"2024-02-01\"\nsource = \"Verslag\"\nurl = \"javascript:alert(3)\"\n+++\n{BODY}"
    );
    let archive = TestArchive::new(&[("2024-verslag-met-links.md", &item)]);
    archive.build();
    let app = app(AppState::with_archive(&archive.index(), &archive.archive()));
    let (status, page) = get(&app, "/items/2024-verslag-met-links").await;
    assert_eq!(status, StatusCode::OK);
    assert_no_executable_link(&page);
    assert!(page.contains("volledige transcript"), "the link text stays");
    assert!(page.contains("href=\"https://example.org/verslag\""));
    assert!(!page.contains("alert(3)\">"), "front matter url is no link");
}

#[tokio::test]
async fn the_editor_preview_shows_unsafe_link_targets_as_text() {
    let editor = editor(20 << 20);
    let (cookie, csrf) = sign_in(&editor.app, "anna").await;
    let reply = post_form(
        &editor.app,
        "/admin/preview",
        &cookie,
        &[
            ("csrf", &csrf),
            ("title", "Voorbeeld"),
            ("date", "2024-02-01"),
            ("body", BODY),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(
        reply.body.contains("volledige transcript"),
        "{}",
        reply.body
    );
    assert_no_executable_link(&reply.body);
}

#[tokio::test]
async fn a_title_cannot_break_out_of_the_json_ld_block() {
    let title = "<!--<script> & </script> \u{2028} >";
    let item = format!(
        "+++\ntitle = \"{}\"\ndate = \"2024-02-01\"\n+++\nTekst.\n",
        title.replace('\u{2028}', "\\u2028")
    );
    let archive = TestArchive::new(&[("2024-titel.md", &item)]);
    archive.build();
    let app = app(AppState::with_archive(&archive.index(), &archive.archive()));
    let (status, page) = get(&app, "/items/2024-titel").await;
    assert_eq!(status, StatusCode::OK);
    let start = page.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let block = &page[start..start + page[start..].find("</script>").unwrap()];
    for forbidden in ["<", ">", "&", "\u{2028}"] {
        assert!(!block.contains(forbidden), "{forbidden} in {block}");
    }
    let data: serde_json::Value = serde_json::from_str(block).unwrap();
    assert_eq!(data["name"], title, "{data}");
    // The rest of the page is still there after the block.
    assert!(page.contains("Tekst."), "{page}");
}
