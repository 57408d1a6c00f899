//! `lectern config`: flags beat the environment, which beats `lectern.toml`, which beats the
//! defaults; every value says where it came from. A bad file is a clear error.

use super::{lectern, stdout, Server};
use crate::support::TestArchive;

#[test]
fn config_prints_each_setting_with_its_source() {
    let archive = TestArchive::new(&[]);
    std::fs::write(
        archive.dir.path().join("lectern.toml"),
        "addr = \"0.0.0.0:8080\"\nlog_format = \"json\"\nindex = \"from-file\"\n",
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["config", "--log-format", "text"])
        .env("LECTERN_INDEX", "/srv/index")
        .env_remove("LECTERN_ARCHIVE")
        .env_remove("LECTERN_LOG_FORMAT")
        .env_remove("LECTERN_ADDR")
        .env("LECTERN_BASE_URL", "https://lezingen.example.nl/")
        .env_remove("LECTERN_ADMIN_EMAIL")
        .current_dir(archive.dir.path())
        .output()
        .unwrap();
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    let line = |key: &str| {
        text.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        line("addr").contains("\"0.0.0.0:8080\"") && line("addr").contains("lectern.toml"),
        "{text}"
    );
    assert!(
        line("index").contains("/srv/index") && line("index").contains("LECTERN_INDEX"),
        "{text}"
    );
    assert!(
        line("log_format").contains("\"text\"") && line("log_format").contains("--log-format"),
        "{text}"
    );
    assert!(line("archive").contains("default"), "{text}");
    // The site settings the environment alone sets are shown too, with their source.
    assert!(
        line("# LECTERN_BASE_URL").contains("https://lezingen.example.nl ")
            && line("# LECTERN_BASE_URL").contains("from environment"),
        "{text}"
    );
    assert!(
        line("# LECTERN_ADMIN_EMAIL").contains("(default)"),
        "{text}"
    );
    // The output is itself a valid settings file.
    let parsed: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(parsed["addr"].as_str(), Some("0.0.0.0:8080"));
}

#[test]
fn a_bad_settings_file_names_the_file_and_the_allowed_keys() {
    let archive = TestArchive::new(&[]);
    std::fs::write(archive.dir.path().join("lectern.toml"), "adress = \"x\"\n").unwrap();
    let output = lectern(&archive).arg("config").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("lectern.toml") && stderr.contains("allowed keys"),
        "{stderr}"
    );
}

/// With `LECTERN_BASE_URL` set, an item page's own URL (citation, structured data) is the
/// public one, as in feeds and sitemaps, not the host the request happened to use.
#[test]
fn item_pages_cite_the_configured_base_url() {
    let archive = TestArchive::sample_plus(&[]);
    // A series of 101 items has a second page, which is its own canonical page.
    for n in 0..101 {
        archive.write(
            &format!("lang/{n}.md"),
            format!("+++\ntitle = \"Aflevering {n}\"\ndate = \"2016\"\nseries = \"Lange Reeks\"\nlanguage = \"nl\"\n+++\nTekst.\n").as_bytes(),
        );
    }
    let server = Server::start_with(
        &archive,
        &[("LECTERN_BASE_URL", "https://lezingen.example.nl/")],
    );
    let (status, page) = server.get("/items/essays-2018-whitfield-what-makes-a-profession");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains(
            "https://lezingen.example.nl/items/essays-2018-whitfield-what-makes-a-profession"
        ),
        "{page}"
    );
    // The test client asks for host `localhost`.
    assert!(!page.contains("http://localhost/items/"), "{page}");
    assert!(page.contains("<link rel=\"canonical\" href=\"https://lezingen.example.nl/items/essays-2018-whitfield-what-makes-a-profession\">"));
    assert!(page.contains("<meta property=\"og:url\" content=\"https://lezingen.example.nl/items/"));
    let (_, robots) = server.get("/robots.txt");
    assert!(
        robots.contains("Sitemap: https://lezingen.example.nl/sitemap.xml"),
        "{robots}"
    );
    let (_, feed) = server.get("/feed.atom");
    assert!(
        feed.contains("href=\"https://lezingen.example.nl/items/"),
        "{feed}"
    );
    let (_, second) = server.get("/series/lange-reeks?page=2");
    assert!(
        second.contains(
            "rel=\"canonical\" href=\"https://lezingen.example.nl/series/lange-reeks?page=2\""
        ),
        "{second}"
    );
}

/// Without `LECTERN_BASE_URL` the server says once, at startup, what that leaves out, and an
/// item page names no address at all: not the fallback, not the Host header it was asked with.
#[test]
fn without_a_base_url_the_server_warns_once_and_pages_name_no_address() {
    let archive = TestArchive::sample_plus(&[]);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let log = archive.dir.path().join("serve.log");
    let child = lectern(&archive)
        .env_remove("LECTERN_BASE_URL")
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let server = Server { child, port };
    server.wait_for(
        "/readyz",
        |status, _| status == 200,
        std::time::Duration::from_secs(60),
    );
    let (status, page) = server.get("/items/essays-2018-whitfield-what-makes-a-profession");
    assert_eq!(status, 200, "{page}");
    for absent in [
        "rel=\"canonical\"",
        "og:url",
        "citation_public_url",
        "http://",
    ] {
        assert!(!page.contains(absent), "{absent} in {page}");
    }
    let (_, page) = server.get("/items/essays-2018-whitfield-what-makes-a-profession");
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        text.matches("LECTERN_BASE_URL is not set").count(),
        1,
        "{text}"
    );
    assert!(page.contains("\"url\":\"/items/essays-2018-whitfield-what-makes-a-profession\""));
}

/// Pseudo-relevance feedback is a setting (issue 14): off by default, on with `feedback = true`
/// in the file or `LECTERN_FEEDBACK`, and a value that is not on or off is refused.
#[test]
fn feedback_is_a_setting_off_by_default() {
    let archive = TestArchive::new(&[]);
    let feedback_line = |env: Option<&str>| {
        let mut command = lectern(&archive);
        command.arg("config");
        match env {
            Some(value) => command.env("LECTERN_FEEDBACK", value),
            None => command.env_remove("LECTERN_FEEDBACK"),
        };
        let output = command.output().unwrap();
        let text = format!(
            "{}{}",
            stdout(&output),
            String::from_utf8_lossy(&output.stderr)
        );
        (
            output.status.code(),
            text.lines()
                .find(|l| l.starts_with("feedback") || l.contains("LECTERN_FEEDBACK"))
                .unwrap_or_default()
                .to_string(),
        )
    };
    let (code, line) = feedback_line(None);
    assert!(
        code == Some(0) && line.contains("false") && line.contains("default"),
        "{line}"
    );
    std::fs::write(archive.dir.path().join("lectern.toml"), "feedback = true\n").unwrap();
    let (_, line) = feedback_line(None);
    assert!(
        line.contains("true") && line.contains("lectern.toml"),
        "{line}"
    );
    let (_, line) = feedback_line(Some("0"));
    assert!(
        line.contains("false") && line.contains("LECTERN_FEEDBACK"),
        "{line}"
    );
    let (code, line) = feedback_line(Some("maybe"));
    assert!(code != Some(0) && line.contains("maybe"), "{line}");
}
