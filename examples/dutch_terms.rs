//! Prints what Lectern's Dutch analysis makes of words, for `scripts/dutch-lexicon.py`:
//! reads one word a line on stdin and writes the word and, per column asked for, its terms
//! (space-separated), tab-separated.
//!
//! Columns: `query` (the Dutch query analyzer), `index` (the index analyzer, with compound
//! parts), `split` (the decompounder's parts of the lowercased, folded word; `split-list` with
//! our own list alone, the method of analyzer version 3), or a stemmer spec
//! of `analysis::dutch` such as `porter+ie+vowels` or `kp` (applied to the lowercased word).
//!
//! `cargo run --example dutch_terms -- query porter kp < words.txt`

use std::io::{BufRead, BufWriter, Write};

use lectern::analysis::compound::Decompounder;
use lectern::analysis::dutch::DutchStemming;
use lectern::analysis::{terms, text_analyzer, Mode};
use lectern::archive::Language;

enum Column {
    Analyzer(tantivy::tokenizer::TextAnalyzer),
    Split(Decompounder),
    Stem(DutchStemming, frostem::Stemmer),
}

fn main() {
    let mut columns = Vec::new();
    for spec in std::env::args().skip(1) {
        columns.push(match spec.as_str() {
            "query" => Column::Analyzer(text_analyzer(Language::Nl, Mode::Query)),
            "index" => Column::Analyzer(text_analyzer(Language::Nl, Mode::Index)),
            "split" => Column::Split(Decompounder::default()),
            "split-list" => Column::Split(Decompounder::list_only()),
            spec => match DutchStemming::parse(spec) {
                Ok(stemming) => Column::Stem(stemming, frostem::Stemmer::new(stemming.algorithm)),
                Err(message) => {
                    eprintln!("dutch_terms: {message}; or query, index, split");
                    std::process::exit(2);
                }
            },
        });
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin is UTF-8 text");
        let word = line.trim();
        if word.is_empty() {
            continue;
        }
        let mut row = word.to_string();
        for column in &mut columns {
            row.push('\t');
            match column {
                Column::Analyzer(analyzer) => row.push_str(&terms(analyzer, word).join(" ")),
                Column::Split(decompounder) => {
                    let folded = terms(&mut lectern::analysis::name_analyzer(), word).join("");
                    row.push_str(&decompounder.split(&folded).join(" "));
                }
                Column::Stem(stemming, stemmer) => {
                    row.push_str(&stemming.stem(stemmer, &word.to_lowercase()))
                }
            }
        }
        writeln!(out, "{row}").expect("stdout is open");
    }
}
