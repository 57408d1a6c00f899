//! Shared fixtures: temporary archives, the seed as an item, index building, HTTP requests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use lectern::archive::load_archive;
use lectern::index::{self, Generation};
use lectern::search::{self, SearchRequest, SearchResults};
use tempfile::TempDir;
use tower::ServiceExt;

/// The repository root (where Cargo.toml is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository.
pub fn shared() -> PathBuf {
    repo().join("../shared")
}

pub fn sample_archive() -> PathBuf {
    repo().join("archive")
}

/// The seed report (../shared/seeds), as extracted from its PDF. Only for tests marked
/// `#[ignore = "needs ../shared"]`; the others use [`report_item`].
pub fn seed_text() -> String {
    std::fs::read_to_string(shared().join("seeds/000_1e4a11040d0c92e8.txt"))
        .expect("the seed is in ../shared/seeds")
}

/// The seed wrapped as a Markdown item with the front matter the issue names.
pub fn seed_item() -> String {
    format!(
        "+++\ntitle = \"Het uur van de waarheid voor het sociaal werk\"\ndate = \"2022-10-06\"\nkind = \"report\"\nspeakers = [{{ name = \"Herman de Mönnink\", role = \"lecturer\" }}, \"Radboud Engbersen\"]\nseries = \"Marie Kamphuis Lezing\"\nevent = \"De agenda van sociaal werk 2022\"\nthemes = [\"sociaal werk\", \"methodisch werken\", \"continuïteit\"]\nlanguage = \"nl\"\n+++\n{}",
        seed_text()
    )
}

/// Our own Dutch report in the style of a PDF extraction (tests/fixtures/report-nl.txt: words
/// broken across lines, headings, a sidebar), written for the tests that run on a bare clone.
pub const REPORT_TEXT: &str = include_str!("../fixtures/report-nl.txt");

/// The id of [`report_item`] when stored as [`REPORT_FILE`].
pub const REPORT_ID: &str = "2022-gereedschap-lange-adem";
pub const REPORT_FILE: &str = "2022-gereedschap-lange-adem.md";
pub const REPORT_TITLE: &str = "Gereedschap voor de lange adem";

/// The report as a Markdown item: a lecture report of the Marie Kamphuis Lezing of 2022.
pub fn report_item() -> String {
    format!(
        "+++\ntitle = \"{REPORT_TITLE}\"\ndate = \"2022-10-06\"\nkind = \"report\"\nspeakers = [{{ name = \"Herman de Mönnink\", role = \"lecturer\" }}, \"Radboud Engbersen\"]\nseries = \"Marie Kamphuis Lezing\"\nevent = \"Wijkavond over buurtwerk\"\nthemes = [\"sociaal werk\", \"methodisch werken\", \"continuïteit\"]\nlanguage = \"nl\"\n+++\n{REPORT_TEXT}"
    )
}

/// A temporary archive holding the given files (relative path, content).
pub struct TestArchive {
    pub dir: TempDir,
}

impl TestArchive {
    pub fn new(files: &[(&str, &str)]) -> TestArchive {
        let dir = TempDir::new().unwrap();
        for (path, content) in files {
            write(&dir.path().join("archive").join(path), content.as_bytes());
        }
        std::fs::create_dir_all(dir.path().join("archive")).unwrap();
        TestArchive { dir }
    }

    /// [`TestArchive::new`] for files made at run time (path, content).
    pub fn owned(files: &[(String, String)]) -> TestArchive {
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, c)| (p.as_str(), c.as_str()))
            .collect();
        TestArchive::new(&refs)
    }

    /// The sample archive copied, plus the given files.
    pub fn sample_plus(files: &[(&str, &str)]) -> TestArchive {
        let archive = TestArchive::new(&[]);
        copy_dir(&sample_archive(), &archive.archive());
        for (path, content) in files {
            write(&archive.archive().join(path), content.as_bytes());
        }
        archive
    }

    pub fn archive(&self) -> PathBuf {
        self.dir.path().join("archive")
    }

    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    pub fn write(&self, path: &str, content: &[u8]) {
        write(&self.archive().join(path), content);
    }

    /// Loads the archive and syncs the index; returns the opened generation.
    pub fn build(&self) -> Generation {
        let loaded = load_archive(&self.archive()).unwrap();
        index::sync(&self.index(), &loaded).unwrap();
        index::open(&self.index()).unwrap()
    }
}

pub fn write(path: &Path, content: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs a query with optional filters given as a closure on the request.
pub fn run(
    generation: &Generation,
    query: &str,
    edit: impl FnOnce(&mut SearchRequest),
) -> SearchResults {
    let mut request = SearchRequest {
        query: query.to_string(),
        limit: 50,
        ..SearchRequest::default()
    };
    edit(&mut request);
    search::search(generation, &request).unwrap()
}

pub fn ids(results: &SearchResults) -> Vec<String> {
    results.hits.iter().map(|h| h.item.id.clone()).collect()
}

/// GET through the router without a socket: (status, body text).
pub async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String) {
    get_with(app, uri, &[]).await
}

/// A JSON answer that must be 200.
pub async fn json(app: &axum::Router, uri: &str) -> serde_json::Value {
    let (status, body) = get(app, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    serde_json::from_str(&body).unwrap()
}

pub async fn get_with(
    app: &axum::Router,
    uri: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, String) {
    let mut request = Request::builder().uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 10 << 20)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}
