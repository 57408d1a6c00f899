//! Item 7: a PDF decompression bomb is refused within the PDF reader's limits, in a child
//! process, with a clear message; ordinary PDFs still read (`ingest::a_pdf_is_...`).

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::ingest::pdf_file;
use crate::support::TestArchive;

/// A valid PDF whose one content stream inflates from about 300 KB to 300 MB of text operators.
fn bomb() -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(b"BT /F1 12 Tf 72 720 Td 14 TL\n")
        .unwrap();
    let line = format!("({}) Tj T*\n", "A".repeat(4_000));
    let block = line.repeat(256);
    for _ in 0..300_000_000 / block.len() {
        encoder.write_all(block.as_bytes()).unwrap();
    }
    encoder.write_all(b"ET").unwrap();
    let stream = encoder.finish().unwrap();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
    ];
    let mut content = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        stream.len()
    )
    .into_bytes();
    content.extend_from_slice(&stream);
    content.extend_from_slice(b"\nendstream");
    objects.push(content);
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    pdf_file(&objects)
}

#[test]
fn a_pdf_bomb_is_refused_within_the_limits() {
    let archive = TestArchive::new(&[]);
    let pdf = bomb();
    assert!(pdf.len() < 1 << 20, "{} bytes", pdf.len());
    let file = archive.dir.path().join("bom.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["--archive", archive.archive().to_str().unwrap()])
        .args(["--index", archive.index().to_str().unwrap()])
        .args(["add", file.to_str().unwrap(), "--dry-run", "--title", "Bom"])
        .output()
        .unwrap();
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("bom.pdf:") && stderr.contains("refused"),
        "{stderr}"
    );
    assert!(took < Duration::from_secs(40), "{took:?}");
}
