//! Text from a PDF, within limits: a PDF is a compressed program, and a 70 KB upload that
//! inflates to gigabytes took the server to 843 MB and kept it there (issue 13, item 7).
//!
//! When the binary says where it is ([`use_helper`], done by `main`), extraction runs in a child
//! process of the same binary (`lectern __pdf-text`), which limits its own address space and
//! CPU time (`setrlimit`, through the `rlimit` crate: no `unsafe` here) before it reads the PDF
//! from standard input; the parent reads at most [`MAX_TEXT_BYTES`] of text and kills the child
//! after [`MAX_SECONDS`]. Whatever the PDF does, it costs the server nothing once the child is
//! gone. Without a helper (library use, unit tests) it runs in-process with the text cap only.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The argument that makes the binary a PDF extractor.
pub const HELPER_ARG: &str = "__pdf-text";
/// The largest PDF read, in bytes.
pub const MAX_PDF_BYTES: usize = 64 << 20;
/// The most text kept from one PDF, in bytes.
pub const MAX_TEXT_BYTES: usize = 16 << 20;
/// The longest an extraction may take (wall clock, and CPU time in the child).
pub const MAX_SECONDS: u64 = 30;
/// The address space the child may use.
pub const MAX_MEMORY_BYTES: u64 = 1 << 30;

static HELPER: OnceLock<PathBuf> = OnceLock::new();

/// Runs every later extraction in a child process of `binary` (this program).
pub fn use_helper(binary: PathBuf) {
    let _ = HELPER.set(binary);
}

/// The text of a PDF, or why it cannot be had (a message for the user).
pub fn extract(bytes: &[u8]) -> Result<String, String> {
    if bytes.len() > MAX_PDF_BYTES {
        return Err(format!(
            "the PDF is larger than {} MB: refused",
            MAX_PDF_BYTES >> 20
        ));
    }
    let text = match HELPER.get() {
        Some(binary) => in_child(binary, bytes)?,
        None => in_process(bytes)?,
    };
    if text.trim().is_empty() {
        return Err("the PDF has no text layer (a scan?): run OCR first, or paste the text into a .txt file".into());
    }
    Ok(text)
}

fn in_process(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.to_vec();
    match std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem(&bytes)) {
        Ok(Ok(text)) if text.len() > MAX_TEXT_BYTES => Err(too_much_text()),
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(format!("cannot read the PDF: {e}")),
        Err(_) => {
            Err("cannot read the PDF: the file is damaged or uses an unsupported feature".into())
        }
    }
}

fn too_much_text() -> String {
    format!(
        "the PDF holds more than {} MB of text (or inflates to it): refused; split it, or paste the text into a .txt file",
        MAX_TEXT_BYTES >> 20
    )
}

fn in_child(binary: &PathBuf, bytes: &[u8]) -> Result<String, String> {
    let mut child = Command::new(binary)
        .arg(HELPER_ARG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the PDF reader: {e}"))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let over = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = std::thread::spawn({
        let over = over.clone();
        move || {
            let mut text = Vec::new();
            let _ = (&mut stdout)
                .take(MAX_TEXT_BYTES as u64 + 1)
                .read_to_end(&mut text);
            if text.len() > MAX_TEXT_BYTES {
                over.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            text
        }
    });
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let errors = std::thread::spawn(move || {
        let mut message = String::new();
        let _ = (&mut stderr).take(4096).read_to_string(&mut message);
        message
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None)
                if started.elapsed() < Duration::from_secs(MAX_SECONDS)
                    && !over.load(std::sync::atomic::Ordering::Relaxed) =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let _ = writer.join();
    let text = reader.join().unwrap_or_default();
    let message = errors.join().unwrap_or_default();
    if text.len() > MAX_TEXT_BYTES {
        return Err(too_much_text());
    }
    match status {
        None => Err(format!(
            "reading the PDF took longer than {MAX_SECONDS} s: refused (a damaged or hostile file?)"
        )),
        Some(status) if status.success() => Ok(String::from_utf8_lossy(&text).into_owned()),
        Some(status) if status.code() == Some(HELPER_REFUSED) => Err(message.trim().to_string()),
        Some(_) => Err(format!(
            "reading the PDF needed more than {} MB of memory or {MAX_SECONDS} s: refused (a damaged or hostile file?)",
            MAX_MEMORY_BYTES >> 20
        )),
    }
}

/// The helper's exit code for a PDF it could read but that has an error to report.
const HELPER_REFUSED: i32 = 3;

/// `lectern __pdf-text`: limits itself, reads a PDF from standard input, writes its text to
/// standard output. Returns the exit code.
pub fn helper_main() -> i32 {
    let limits = rlimit::setrlimit(rlimit::Resource::AS, MAX_MEMORY_BYTES, MAX_MEMORY_BYTES)
        .and_then(|_| rlimit::setrlimit(rlimit::Resource::CPU, MAX_SECONDS, MAX_SECONDS + 1));
    if let Err(e) = limits {
        eprintln!("cannot limit the PDF reader: {e}");
        return HELPER_REFUSED;
    }
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin()
        .take(MAX_PDF_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
    {
        eprintln!("cannot read the PDF: {e}");
        return HELPER_REFUSED;
    }
    match in_process(&bytes) {
        Ok(text) => match std::io::stdout().write_all(text.as_bytes()) {
            Ok(()) => 0,
            Err(_) => HELPER_REFUSED,
        },
        Err(message) => {
            eprintln!("{message}");
            HELPER_REFUSED
        }
    }
}
