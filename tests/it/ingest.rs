//! `lectern add` with the real binary: the seed from text, timed transcripts, PDFs, Markdown,
//! encodings, suggestions in a dry run, and refusing to overwrite.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use axum::http::StatusCode;
use lectern::index;

use crate::support::{get, ids, repo, run, shared, TestArchive, REPORT_TITLE};

pub fn lectern(archive: &TestArchive, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lectern"))
        .arg("--archive")
        .arg(archive.archive())
        .arg("--index")
        .arg(archive.index())
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// What `lectern add` must do with a report extracted from a PDF.
struct PdfReport<'a> {
    file: PathBuf,
    title: &'a str,
    id: &'a str,
    /// Words the PDF broke across lines: found once added.
    joined: &'a [&'a str],
    headings: &'a [&'a str],
    /// A phrase that spans a PDF line break, found on the item page as one paragraph.
    across_lines: &'a str,
    broken: &'a str,
}

async fn add_pdf_report(report: PdfReport<'_>) {
    let archive = TestArchive::sample_plus(&[]);
    let file = report.file.to_str().unwrap();
    let add = |extra: &[&str]| {
        let mut args = vec![
            "add",
            file,
            "--title",
            report.title,
            "--date",
            "2022-10-06",
            "--series",
            "Marie Kamphuis Lezing",
        ];
        args.extend_from_slice(extra);
        lectern(&archive, &args)
    };
    let output = add(&["--speaker", "Herman de Mönnink"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let id = report.id;
    assert!(
        stdout(&output).contains(&format!("added {id} -> /items/{id}")),
        "{}",
        stdout(&output)
    );
    // Searchable at once: `add` synced the index.
    let generation = index::open(&archive.index()).unwrap();
    for word in report.joined {
        let found = ids(&run(&generation, word, |_| {}));
        assert!(found.contains(&id.to_string()), "{word}: {found:?}");
    }
    let app = lectern::web::app(lectern::web::AppState::new(&archive.index()));
    let (status, page) = get(&app, &format!("/items/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    for heading in report.headings {
        let tag = format!("\">{heading}</h2>");
        assert!(page.contains(&tag), "{tag} missing");
    }
    assert!(
        page.contains(report.across_lines),
        "paragraphs, not PDF lines"
    );
    assert!(!page.contains(report.broken));
    // Adding it again is refused without --replace, and nothing changes.
    let again = add(&[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("--replace"), "{}", stderr(&again));
    let replaced = add(&["--replace"]);
    assert!(replaced.status.success(), "{}", stderr(&replaced));
}

#[tokio::test]
async fn a_report_added_from_text_is_found_by_its_broken_words_and_shows_headings() {
    add_pdf_report(PdfReport {
        file: repo().join("tests/fixtures/report-nl.txt"),
        title: REPORT_TITLE,
        id: "marie-kamphuis-lezing-2022-gereedschap-voor-de-lange-adem",
        joined: &["identiteit", "opbouwwerker", "gemakkelijk", "vrijwilligers"],
        headings: &["Versnippering", "Geen vaste gezichten", "Een oproep"],
        across_lines: "haar identiteit kwijtgeraakt",
        broken: "identi-",
    })
    .await;
}

#[tokio::test]
#[ignore = "needs ../shared"]
async fn the_seed_added_from_text_is_found_by_its_broken_words_and_shows_headings() {
    add_pdf_report(PdfReport {
        file: shared().join("seeds/000_1e4a11040d0c92e8.txt"),
        title: "Het uur van de waarheid voor het sociaal werk",
        id: "marie-kamphuis-lezing-2022-het-uur-van-de-waarheid",
        joined: &["identiteit", "opbouwwerker", "gemakkelijk"],
        headings: &["Machteloosheid", "Discontinuïteit", "Pleidooi"],
        across_lines: "zwakke identiteit, stelde hij",
        broken: "identi-",
    })
    .await;
}

#[tokio::test]
async fn a_vtt_transcript_keeps_its_cue_times_and_is_searchable() {
    let archive = TestArchive::sample_plus(&[]);
    let vtt = "WEBVTT\n\n00:00:04.000 --> 00:00:08.000\n<v Ada Wolters>Welkom bij deze lezing over buurtkracht.\n\n00:12:40.000 --> 00:12:46.000\n<v Ada Wolters>De zeldzame kwartiermaker verbindt bewoners.\n\n01:02:03.500 --> 01:02:06.000\nDank u wel.\n";
    let file = write_file(archive.dir.path(), "lezing.vtt", vtt.as_bytes());
    let output = lectern(
        &archive,
        &[
            "add",
            &file,
            "--title",
            "Buurtkracht",
            "--date",
            "2023-05-01",
            "--id",
            "buurtkracht-2023",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(archive.archive().join("buurtkracht-2023.md")).unwrap();
    assert!(text.contains("\n[0:04] Welkom bij deze lezing over buurtkracht.\n\n[12:40] De zeldzame kwartiermaker verbindt bewoners.\n\n[1:02:03] Dank u wel.\n"), "{text}");
    assert!(
        text.contains("speakers = [\"Ada Wolters\"]"),
        "the voice is suggested as speaker: {text}"
    );
    assert!(text.contains("kind = \"lecture\""), "{text}");
    let generation = index::open(&archive.index()).unwrap();
    let results = run(&generation, "kwartiermaker", |_| {});
    assert_eq!(ids(&results), vec!["buurtkracht-2023"]);
    assert!(
        results.hits[0].snippet.contains("[12:40]"),
        "the hit carries its time: {}",
        results.hits[0].snippet
    );
}

#[test]
fn srt_md_and_windows_1252_files_are_added_with_the_conversion_reported() {
    let archive = TestArchive::new(&[]);
    let dir = archive.dir.path();
    let srt = write_file(dir, "talk.srt", b"1\r\n00:01:02,000 --> 00:01:04,000\r\nPoverty is a policy choice.\r\n\r\n2\r\n00:01:05,000 --> 00:01:07,000\r\nSo is care.\r\n");
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode("Het café in Dalfsen: continuïteit voor cliënten.\n\nOp 12 maart 2021 sprak de wethouder.\n");
    let txt = write_file(dir, "oud.txt", &cp1252);
    let md = write_file(dir, "essay.md", "+++\ntitle = \"Een essay\"\ndate = \"2020\"\nlanguage = \"nl\"\n+++\nTekst van het essay.\n".as_bytes());
    let output = lectern(
        &archive,
        &[
            "add",
            &srt,
            "--title",
            "Care",
            "--date",
            "2024-02-02",
            "--lang",
            "en",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let output = lectern(&archive, &["add", &txt, "--title", "Oud verslag"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("converted from Windows-1252 to UTF-8"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("suggested date (found in the text: \"12 maart 2021\")"),
        "{}",
        stderr(&output)
    );
    let output = lectern(&archive, &["add", &md]);
    assert!(output.status.success(), "{}", stderr(&output));
    // The .md file is copied as it is.
    assert_eq!(
        std::fs::read_to_string(archive.archive().join("2020-een-essay.md")).unwrap(),
        std::fs::read_to_string(&md).unwrap()
    );
    let old = std::fs::read_to_string(archive.archive().join("2021-oud-verslag.md")).unwrap();
    assert!(
        old.contains("Het café in Dalfsen: continuïteit voor cliënten."),
        "{old}"
    );
    let care = std::fs::read_to_string(archive.archive().join("2024-care.md")).unwrap();
    assert!(
        care.contains("[1:02] Poverty is a policy choice."),
        "{care}"
    );
    let generation = index::open(&archive.index()).unwrap();
    assert_eq!(
        ids(&run(&generation, "cafe", |_| {})),
        vec!["2021-oud-verslag"]
    );
}

#[test]
fn bad_inputs_are_refused_with_a_reason_and_nothing_is_written() {
    let archive = TestArchive::new(&[]);
    let dir = archive.dir.path();
    let (koi8, _, _) =
        encoding_rs::KOI8_R.encode("Социальная работа под давлением и без поддержки");
    let russian = write_file(dir, "ru.txt", &koi8);
    let nodate = write_file(dir, "nodate.txt", b"Een tekst zonder datum.\n");
    let badmd = write_file(
        dir,
        "bad.md",
        b"+++\ntitle = \"x\"\ndate = \"2022-02-31\"\n+++\nTekst\n",
    );
    let doc = write_file(dir, "report.docx", b"PK");
    let pdf = write_file(dir, "kapot.pdf", b"%PDF-1.4\nniet meer");
    for (file, expected) in [
        (&russian, "neither UTF-8 nor Windows-1252"),
        (&nodate, "--date"),
        (&badmd, "bad.md:3:"),
        (&doc, "unknown file type"),
        (&pdf, "kapot.pdf: cannot read the PDF"),
    ] {
        let output = lectern(&archive, &["add", file, "--title", "T"]);
        assert_eq!(output.status.code(), Some(1), "{file}");
        assert!(
            stderr(&output).contains(expected),
            "{file}: {}",
            stderr(&output)
        );
    }
    assert_eq!(std::fs::read_dir(archive.archive()).unwrap().count(), 0);
}

#[test]
fn dry_run_marks_suggestions_and_writes_nothing() {
    let archive = TestArchive::sample_plus(&[]);
    let text = write_file(
        archive.dir.path(),
        "verslag.txt",
        "Verslag\n\nOp 6 oktober 2022 sprak Herman de Mönnink over sociaal werk.\n".as_bytes(),
    );
    let output = lectern(&archive, &["add", &text, "--dry-run"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("title = \"Verslag\"  # suggested: the text's first heading"),
        "{out}"
    );
    assert!(
        out.contains("date = \"2022-10-06\"  # suggested: found in the text: \"6 oktober 2022\""),
        "{out}"
    );
    assert!(
        out.contains("speakers = [\"Herman de Mönnink\"]  # suggested"),
        "{out}"
    );
    assert!(out.contains("# suggested: themes of the archive"), "{out}");
    assert!(!archive.archive().join("2022-verslag.md").exists());
}

/// A one-page PDF with Helvetica text, built by hand (no binary in the repository).
pub fn tiny_pdf(lines: &[&str]) -> Vec<u8> {
    let mut content = String::from("BT /F1 12 Tf 72 720 Td 14 TL\n");
    for line in lines {
        content.push_str(&format!(
            "({}) Tj T*\n",
            line.replace('(', "\\(").replace(')', "\\)")
        ));
    }
    content.push_str("ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    let objects: Vec<Vec<u8>> = objects.into_iter().map(String::into_bytes).collect();
    pdf_file(&objects)
}

/// A PDF file of the given objects (numbered from 1, the first the catalog), with its
/// cross-reference table and trailer.
pub fn pdf_file(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(object);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[test]
fn a_pdf_is_extracted_cleaned_and_indexed() {
    let archive = TestArchive::new(&[]);
    let pdf = tiny_pdf(&[
        "Het wijkteam en de opbouw-",
        "werker werken samen aan",
        "een sterke buurt in Zwolle.",
    ]);
    let file = write_file(archive.dir.path(), "verslag.pdf", &pdf);
    let output = lectern(
        &archive,
        &[
            "add",
            &file,
            "--title",
            "Wijkteams",
            "--date",
            "2019-11-20",
            "--kind",
            "report",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(archive.archive().join("2019-wijkteams.md")).unwrap();
    assert!(text.contains("opbouwwerker werken samen"), "{text}");
    let generation = index::open(&archive.index()).unwrap();
    assert_eq!(
        ids(&run(&generation, "opbouwwerker zwolle", |_| {})),
        vec!["2019-wijkteams"]
    );
}

#[test]
fn an_item_added_while_the_server_runs_is_served_within_a_second() {
    let archive = TestArchive::sample_plus(&[]);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .arg("--archive")
        .arg(archive.archive())
        .arg("--index")
        .arg(archive.index())
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    struct Server(std::process::Child);
    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _server = Server(child);
    let search = "/api/search?q=kwartiermaker";
    let started = std::time::Instant::now();
    loop {
        match crate::smoke::http_get(port, search) {
            Ok((200, body)) => {
                assert!(body.contains("\"total\":0"), "{body}");
                break;
            }
            _ if started.elapsed().as_secs() < 60 => {
                std::thread::sleep(std::time::Duration::from_millis(100))
            }
            other => panic!("the server did not answer: {other:?}"),
        }
    }
    let vtt = "WEBVTT\n\n00:12:40.000 --> 00:12:46.000\nDe kwartiermaker verbindt bewoners.\n";
    let file = write_file(archive.dir.path(), "kort.vtt", vtt.as_bytes());
    let output = lectern(
        &archive,
        &["add", &file, "--title", "Kort", "--date", "2023"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let added = std::time::Instant::now();
    loop {
        let (_, body) = crate::smoke::http_get(port, search).unwrap();
        if body.contains("\"id\":\"2023-kort\"") {
            break;
        }
        assert!(
            added.elapsed().as_millis() < 1500,
            "not served 1.5 s after `add`: {body}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// The editor's new items take a free id, not only a free path: `2024-test.md` gives the id
/// `2024-test` that `2024/test.md` already gives, so the next index would drop one of them.
#[test]
fn a_new_unique_item_does_not_take_an_id_another_path_gives() {
    use lectern::ingest::save::{save, Mode};

    let archive = TestArchive::new(&[(
        "2024/test.md",
        "+++\ntitle = \"Test\"\ndate = \"2024\"\nlanguage = \"nl\"\n+++\nDe eerste.\n",
    )]);
    let mut item = lectern::archive::front_matter::parse_item(
        "+++\ntitle = \"Test\"\ndate = \"2024\"\nlanguage = \"nl\"\n+++\nDe tweede.\n",
        "new.md",
    )
    .unwrap();
    save(
        &archive.archive(),
        &mut item,
        None,
        "2024-test.md",
        Mode::NewUnique,
    )
    .unwrap();
    assert_eq!(item.path, "2024-test-2.md");
    assert_eq!(item.id, "2024-test-2");
    let generation = archive.build();
    assert_eq!(
        ids(&run(&generation, "", |_| {})).len(),
        2,
        "both items are indexed"
    );
}
