//! Throughput of `analysis::quotes::extract` on a JSON Lines corpus (one object a line with a
//! `text` field; `.gz` is decompressed), for docs/quotes.md: reads every text into memory, then
//! extracts from each in turn on one thread and prints MB/s (bytes of text per second).
//!
//! `cargo run --release --example quotes_throughput -- ../shared/data/corpora/ungdc/speeches.jsonl.gz en`

use std::io::{BufRead, BufReader, Read};
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
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("cannot open {path}: {e}"));
    let reader: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let texts: Vec<String> = BufReader::new(reader)
        .lines()
        .map(|line| {
            let line = line.expect("a readable line");
            let value: serde_json::Value = serde_json::from_str(&line).expect("a JSON object");
            value["text"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let known = KnownPeople::default();
    let started = Instant::now();
    let (mut quotes, mut attributed, mut people) = (0, 0, 0);
    for text in &texts {
        let found = extract(text, language, &known);
        quotes += found.quotes.len();
        attributed += found.quotes.iter().filter(|q| q.kind.is_some()).count();
        people += found.people.len();
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} texts, {:.1} MB: {:.2} s, {:.1} MB/s; {} quotations ({} attributed), {} people",
        texts.len(),
        bytes as f64 / 1e6,
        seconds,
        bytes as f64 / 1e6 / seconds,
        quotes,
        attributed,
        people
    );
}
