//! trec_eval's measures, computed the way `trec_eval -c -M1000` does.
//!
//! A run is ordered by score (descending), ties by document id (descending), as trec_eval
//! sorts; only the first 1000 documents count. Averages run over every judged query, and a
//! judged query the run has no documents for counts as 0 (`-c`). A document is relevant when
//! its grade is at least 1; nDCG uses the grades as gains. Pure: no IO.

use std::collections::BTreeMap;

/// How deep a run is read.
pub const DEPTH: usize = 1000;

/// The measures for one query, or their mean over queries.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Measures {
    pub map: f64,
    pub ndcg_10: f64,
    pub p_10: f64,
    pub p_30: f64,
    pub recall_100: f64,
    pub recall_1000: f64,
}

impl Measures {
    pub const NAMES: [&'static str; 6] = ["MAP", "nDCG@10", "P@10", "P@30", "R@100", "R@1000"];

    pub fn values(&self) -> [f64; 6] {
        [
            self.map,
            self.ndcg_10,
            self.p_10,
            self.p_30,
            self.recall_100,
            self.recall_1000,
        ]
    }
}

/// Sorts a run the way trec_eval does and cuts it at [`DEPTH`].
pub fn trec_order(run: &mut Vec<(String, f32)>) {
    run.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    run.truncate(DEPTH);
}

/// The measures of one ranked list (already in trec order) against one query's judgments.
pub fn measure(ranked: &[String], grades: &BTreeMap<String, i32>) -> Measures {
    let relevant = grades.values().filter(|g| **g >= 1).count();
    if relevant == 0 {
        return Measures::default();
    }
    let ranked = &ranked[..ranked.len().min(DEPTH)];
    let grade = |doc: &String| grades.get(doc).copied().unwrap_or(0);
    let mut found = 0usize;
    let mut precision_sum = 0.0;
    let mut found_at = Vec::with_capacity(ranked.len());
    for (i, doc) in ranked.iter().enumerate() {
        if grade(doc) >= 1 {
            found += 1;
            precision_sum += found as f64 / (i + 1) as f64;
        }
        found_at.push(found);
    }
    let hits_within = |k: usize| -> usize {
        if ranked.is_empty() {
            0
        } else {
            found_at[k.min(ranked.len()) - 1]
        }
    };
    let dcg = |gains: &mut dyn Iterator<Item = i32>| -> f64 {
        gains
            .take(10)
            .enumerate()
            .map(|(i, g)| g.max(0) as f64 / ((i + 2) as f64).log2())
            .sum()
    };
    let mut ideal: Vec<i32> = grades.values().copied().filter(|g| *g > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let ideal_dcg = dcg(&mut ideal.into_iter());
    let actual_dcg = dcg(&mut ranked.iter().map(grade));
    Measures {
        map: precision_sum / relevant as f64,
        ndcg_10: if ideal_dcg > 0.0 {
            actual_dcg / ideal_dcg
        } else {
            0.0
        },
        p_10: hits_within(10) as f64 / 10.0,
        p_30: hits_within(30) as f64 / 30.0,
        recall_100: hits_within(100) as f64 / relevant as f64,
        recall_1000: hits_within(1000) as f64 / relevant as f64,
    }
}

/// The mean of each measure over every judged query; `runs` maps query id to its ranked list.
pub fn mean(
    runs: &BTreeMap<String, Vec<String>>,
    qrels: &BTreeMap<String, BTreeMap<String, i32>>,
) -> (Measures, usize) {
    let judged: Vec<(&String, &BTreeMap<String, i32>)> = qrels
        .iter()
        .filter(|(_, grades)| grades.values().any(|g| *g >= 1))
        .collect();
    let mut sum = [0.0; 6];
    let empty = Vec::new();
    for (query, grades) in &judged {
        let ranked = runs.get(*query).unwrap_or(&empty);
        for (total, value) in sum.iter_mut().zip(measure(ranked, grades).values()) {
            *total += value;
        }
    }
    let n = judged.len().max(1) as f64;
    let m = sum.map(|s| s / n);
    (
        Measures {
            map: m[0],
            ndcg_10: m[1],
            p_10: m[2],
            p_30: m[3],
            recall_100: m[4],
            recall_1000: m[5],
        },
        judged.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grades(pairs: &[(&str, i32)]) -> BTreeMap<String, i32> {
        pairs.iter().map(|(d, g)| (d.to_string(), *g)).collect()
    }

    fn list(docs: &[&str]) -> Vec<String> {
        docs.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn average_precision_and_cutoffs_match_hand_computed_values() {
        // Relevant: a, b, c (c never retrieved). Ranked: a x b.
        let m = measure(
            &list(&["a", "x", "b"]),
            &grades(&[("a", 1), ("b", 1), ("c", 1)]),
        );
        assert!((m.map - (1.0 + 2.0 / 3.0) / 3.0).abs() < 1e-9);
        assert!((m.p_10 - 0.2).abs() < 1e-9);
        assert!((m.recall_100 - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn graded_ndcg_and_non_relevant_grades() {
        // b (grade 2) at rank 2, a (grade 1) at rank 1; ideal puts b first. Grade -1 is not relevant.
        let m = measure(
            &list(&["a", "b", "n"]),
            &grades(&[("a", 1), ("b", 2), ("n", -1)]),
        );
        let dcg = 1.0 + 2.0 / 3f64.log2();
        let ideal = 2.0 + 1.0 / 3f64.log2();
        assert!((m.ndcg_10 - dcg / ideal).abs() < 1e-9);
        assert!((m.map - 1.0).abs() < 1e-9);
    }

    #[test]
    fn queries_missing_from_the_run_count_as_zero() {
        let mut qrels = BTreeMap::new();
        qrels.insert("1".to_string(), grades(&[("a", 1)]));
        qrels.insert("2".to_string(), grades(&[("b", 1)]));
        qrels.insert("3".to_string(), grades(&[("c", -1)]));
        let mut runs = BTreeMap::new();
        runs.insert("1".to_string(), list(&["a"]));
        let (m, judged) = mean(&runs, &qrels);
        assert_eq!(judged, 2);
        assert!((m.map - 0.5).abs() < 1e-9);
    }

    #[test]
    fn ties_are_broken_by_descending_id_like_trec_eval() {
        let mut run = vec![
            ("a".to_string(), 1.0),
            ("b".to_string(), 1.0),
            ("c".to_string(), 2.0),
        ];
        trec_order(&mut run);
        let order: Vec<&str> = run.iter().map(|(d, _)| d.as_str()).collect();
        assert_eq!(order, ["c", "b", "a"]);
    }
}
