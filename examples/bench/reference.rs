//! The bare-tantivy reference: the same speeches in a plain schema with the default tokenizer,
//! and the same page (top 10 with snippets, the total, year and speaker counts). Counts come
//! from tantivy's terms aggregations over fast fields, its fastest way to count values
//! (`FacetCollector`, used before, looks every counted value up on its own and made the
//! reference ten times slower than it need be).

use std::ops::Bound;
use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use serde_json::json;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, Value, FAST, INDEXED, STORED, STRING, TEXT,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{doc, Index, TantivyDocument, Term};

use crate::measure::{self, Pager};
use crate::mix::{read_mixes, MixQuery, PagesArgs};

struct Fields {
    title: Field,
    body: Field,
    speaker: Field,
    country: Field,
    year: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        title: b.add_text_field("title", TEXT | STORED),
        body: b.add_text_field("body", TEXT | STORED),
        speaker: b.add_text_field("speaker", STRING | STORED | FAST),
        country: b.add_text_field("country", STRING),
        year: b.add_u64_field("year", INDEXED | FAST | STORED),
    };
    (b.build(), fields)
}

pub fn build(corpus: &Path, index_dir: &Path, limit: Option<usize>, copies: usize) -> Result<()> {
    let speeches = crate::read_corpus(corpus, limit)?;
    let text_bytes: u64 = speeches.iter().map(|s| s.text.len() as u64).sum::<u64>() * copies as u64;
    let started = Instant::now();
    std::fs::create_dir_all(index_dir)?;
    let (schema, f) = schema();
    let index = Index::create_in_dir(index_dir, schema)?;
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(2, 400_000_000)?;
    for _ in 0..copies {
        for s in &speeches {
            let mut document = doc!(
                f.title => s.title(),
                f.body => s.text.as_str(),
                f.year => s.year as u64,
            );
            if let Some(speaker) = s.speaker_name() {
                document.add_text(f.speaker, speaker);
            }
            if let Some(country) = &s.country {
                document.add_text(f.country, country);
            }
            writer.add_document(document)?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let seconds = started.elapsed().as_secs_f64();
    measure::emit(json!({
        "items": speeches.len() * copies,
        "text_bytes": text_bytes,
        "index_s": seconds,
        "total_s": seconds,
        "peak_rss_mb": measure::peak_rss_mb(),
        "index_mb": measure::dir_mb(index_dir),
    }));
    Ok(())
}

struct RefPager {
    reader: tantivy::IndexReader,
    parser: QueryParser,
    f: Fields,
    aggregations: Aggregations,
}

impl RefPager {
    fn query(&self, q: &MixQuery) -> Box<dyn Query> {
        let (text, _errors) = self.parser.parse_query_lenient(&q.q);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text)];
        let exact = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        if let Some(speaker) = &q.speaker {
            clauses.push((Occur::Must, exact(self.f.speaker, speaker)));
        }
        if let Some(theme) = &q.theme {
            clauses.push((Occur::Must, exact(self.f.country, theme)));
        }
        if let Some((from, to)) = q.years {
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_u64(self.f.year, from as u64)),
                    Bound::Included(Term::from_field_u64(self.f.year, to as u64)),
                )),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    }
}

impl Pager for RefPager {
    fn page(&self, q: &MixQuery) -> Result<usize> {
        let searcher = self.reader.searcher();
        let query = self.query(q);
        // Every year, and the 20 most frequent speakers (as a page shows them).
        let counts = AggregationCollector::from_aggs(self.aggregations.clone(), Default::default());
        let (total, top, counts) = searcher.search(
            &query,
            &(Count, TopDocs::with_limit(10).order_by_score(), counts),
        )?;
        std::hint::black_box(counts);
        let mut snippets = SnippetGenerator::create(&searcher, &*query, self.f.body)?;
        snippets.set_max_num_chars(220);
        for (_score, address) in top {
            let document: TantivyDocument = searcher.doc(address)?;
            let _title = document.get_first(self.f.title).and_then(|v| v.as_str());
            let body = document
                .get_first(self.f.body)
                .and_then(|v| v.as_str())
                .unwrap_or("");
            let snippet = snippets.snippet(body);
            std::hint::black_box(snippet.fragment());
        }
        Ok(total)
    }
}

pub fn pages(args: &PagesArgs) -> Result<()> {
    let (fixed, distinct) = read_mixes(args)?;
    let index = Index::open_in_dir(&args.index)?;
    let (_, f) = schema();
    let mut parser = QueryParser::for_index(&index, vec![f.title, f.body]);
    parser.set_conjunction_by_default();
    let reader = index.reader()?;
    let aggregations: Aggregations = serde_json::from_value(json!({
        "year": { "terms": { "field": "year", "size": 200 } },
        "speaker": { "terms": { "field": "speaker", "size": 20 } },
    }))?;
    let pager = RefPager {
        reader,
        parser,
        f,
        aggregations,
    };
    let result = measure::run(&pager, &fixed, &distinct, args.rounds, args.threads)?;
    measure::emit(result);
    Ok(())
}
