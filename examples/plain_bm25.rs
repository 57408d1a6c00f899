//! A plain BM25 run for a relevance collection, as the reference runs of
//! ../shared/data/README.md: title and text as one field, k1 0.9, b 0.4, Porter, English stop
//! words, 1000 deep. Not Lectern's ranking: a yardstick to compare it with query by query.
//!
//! `cargo run --release --example plain_bm25 -- DIR RUN [k1 b]` writes a TREC run to RUN.

use std::collections::HashMap;
use std::fmt::Write as _;

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{
    Language, LowerCaser, SimpleTokenizer, StopWordFilter, TextAnalyzer, TokenStream,
};

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(StopWordFilter::new(Language::English).expect("English stop words"))
        .build()
}

fn terms(analyzer: &mut TextAnalyzer, stemmer: &Stemmer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stemmer.stem(&stream.token().text).into_owned());
    }
    out
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (dir, out) = (&args[1], &args[2]);
    let k1: f32 = args.get(3).map_or(Ok(0.9), |a| a.parse())?;
    let b: f32 = args.get(4).map_or(Ok(0.4), |a| a.parse())?;
    let stemmer = Stemmer::new(Algorithm::Porter);
    let mut analyzer = analyzer();
    let mut ids = Vec::new();
    let mut docs: Vec<HashMap<String, u32>> = Vec::new();
    let mut lengths = Vec::new();
    let mut df: HashMap<String, u32> = HashMap::new();
    let text = std::fs::read_to_string(format!("{dir}/docs.jsonl"))?;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line)?;
        let id = match &value["id"] {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let mut all = String::new();
        for field in ["title", "contents", "text", "abstract", "body"] {
            if let Some(t) = value[field].as_str() {
                all.push_str(t);
                all.push('\n');
            }
        }
        let mut tf: HashMap<String, u32> = HashMap::new();
        let words = terms(&mut analyzer, &stemmer, &all);
        lengths.push(words.len() as f32);
        for w in words {
            *tf.entry(w).or_default() += 1;
        }
        for w in tf.keys() {
            *df.entry(w.clone()).or_default() += 1;
        }
        ids.push(id);
        docs.push(tf);
    }
    let n = docs.len() as f32;
    let average = lengths.iter().sum::<f32>() / n;
    let mut run = String::new();
    let queries = std::fs::read_to_string(format!("{dir}/queries.tsv"))?;
    for line in queries.lines().filter(|l| !l.trim().is_empty()) {
        let (qid, q) = line.split_once('\t').expect("id<TAB>text");
        let words = terms(&mut analyzer, &stemmer, q);
        let mut scores: Vec<(f32, usize)> = Vec::new();
        for (d, tf) in docs.iter().enumerate() {
            let mut s = 0.0;
            for w in &words {
                if let Some(&f) = tf.get(w) {
                    let df = df[w] as f32;
                    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                    let f = f as f32;
                    s += idf * f / (f + k1 * (1.0 - b + b * lengths[d] / average));
                }
            }
            if s > 0.0 {
                scores.push((s, d));
            }
        }
        scores.sort_by(|a, b| b.0.total_cmp(&a.0).then(ids[b.1].cmp(&ids[a.1])));
        for (rank, (s, d)) in scores.iter().take(1000).enumerate() {
            let _ = writeln!(
                run,
                "{} Q0 {} {} {s:.6} plain",
                qid.trim(),
                ids[*d],
                rank + 1
            );
        }
    }
    std::fs::write(out, run)?;
    Ok(())
}
