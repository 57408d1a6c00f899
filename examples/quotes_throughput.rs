//! Throughput of `analysis::quotes::extract` on a JSON Lines corpus (one object a line with a
//! `text` field; `.gz` is decompressed), for docs/quotes.md: reads every text into memory, then
//! extracts from each in turn on one thread and prints MB/s (bytes of text per second).
//!
//! `cargo run --release --example quotes_throughput -- ../shared/data/corpora/ungdc/speeches.jsonl.gz en`
//!
//! Options after the language: `--known` passes each record's `speaker` field as a known name
//! (as the indexer passes an item's speakers); `--dump FILE` writes every extraction as one JSON
//! line to FILE, so that two builds can be compared (`scripts/quotes-golden.sh`).

use std::io::{BufRead, BufReader, Read, Write};
use std::time::Instant;

use lectern::analysis::quotes::{extract, KnownPeople};
use lectern::archive::Language;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/data/corpora/ungdc/speeches.jsonl.gz".to_string());
    let language = match args.next().as_deref() {
        Some("nl") => Language::Nl,
        _ => Language::En,
    };
    let (mut with_known, mut dump) = (false, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--known" => with_known = true,
            "--dump" => dump = Some(args.next().expect("--dump FILE")),
            other => panic!("unknown option {other}"),
        }
    }
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("cannot open {path}: {e}"));
    let reader: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let records: Vec<(String, KnownPeople)> = BufReader::new(reader)
        .lines()
        .map(|line| {
            let line = line.expect("a readable line");
            let value: serde_json::Value = serde_json::from_str(&line).expect("a JSON object");
            let text = value["text"].as_str().unwrap_or_default().to_string();
            let known = match value["speaker"].as_str() {
                Some(name) if with_known => KnownPeople::new([(name, name)]),
                _ => KnownPeople::default(),
            };
            (text, known)
        })
        .collect();
    let bytes: usize = records.iter().map(|(text, _)| text.len()).sum();
    let started = Instant::now();
    let (mut quotes, mut attributed, mut people) = (0, 0, 0);
    let mut found_all = Vec::new();
    for (text, known) in &records {
        let found = extract(text, language, known);
        quotes += found.quotes.len();
        attributed += found.quotes.iter().filter(|q| q.kind.is_some()).count();
        people += found.people.len();
        if dump.is_some() {
            found_all.push(found);
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} texts, {:.1} MB: {:.2} s, {:.1} MB/s; {} quotations ({} attributed), {} people",
        records.len(),
        bytes as f64 / 1e6,
        seconds,
        bytes as f64 / 1e6 / seconds,
        quotes,
        attributed,
        people
    );
    if let Some(out) = dump {
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(&out).unwrap_or_else(|e| panic!("cannot create {out}: {e}")),
        );
        for found in &found_all {
            serde_json::to_writer(&mut out, found).expect("an extraction serialises");
            out.write_all(b"\n").expect("the dump is writable");
        }
    }
}
