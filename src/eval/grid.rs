//! Settings to measure and the honest way to choose among them: a grid of rankings
//! (`name=value,value,...` per setting, every combination), scored on several collections, and
//! for each collection the setting chosen on the *other* collections (leave one collection out).
//!
//! A setting is chosen by the mean, over the collections it is chosen on, of
//! (MAP + nDCG@10) / 2. Pure: parsing and choosing, no IO.

use anyhow::{bail, Context, Result};

use super::Measures;
use crate::search::bm25f::Length;
use crate::search::Ranking;

/// One setting's name and the values to try.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub name: String,
    pub values: Vec<String>,
}

/// The settings `--set` knows, for messages.
pub const NAMES: &str =
    "k1, b, length (field/combined), title, summary, themes, context, speakers, proximity, slop, typo (off, on or a number of places), feedback (on/off), fb-docs, fb-terms, fb-weight";

/// Parses `name=value[,value...]`.
pub fn parse_axis(text: &str) -> Result<Axis> {
    let Some((name, values)) = text.split_once('=') else {
        bail!("`{text}`: expected name=value[,value...] (settings: {NAMES})");
    };
    let values: Vec<String> = values
        .split(',')
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect();
    if values.is_empty() {
        bail!("`{text}`: no value given");
    }
    let axis = Axis {
        name: name.trim().to_string(),
        values,
    };
    // Check every value now rather than halfway through a long run.
    for value in &axis.values {
        apply(&mut Ranking::default(), &axis.name, value)?;
    }
    Ok(axis)
}

/// Sets one named setting of `ranking`.
pub fn apply(ranking: &mut Ranking, name: &str, value: &str) -> Result<()> {
    let number = || -> Result<f32> {
        let n: f32 = value
            .parse()
            .with_context(|| format!("{name}={value}: not a number"))?;
        if !n.is_finite() || n < 0.0 {
            bail!("{name}={value}: use a number of 0 or more");
        }
        Ok(n)
    };
    let switch = || -> Result<bool> {
        match value {
            "on" | "true" | "yes" => Ok(true),
            "off" | "false" | "no" => Ok(false),
            _ => bail!("{name}={value}: use on or off"),
        }
    };
    let count = || -> Result<usize> {
        match value.parse::<usize>() {
            Ok(n) if (1..=1000).contains(&n) => Ok(n),
            _ => bail!("{name}={value}: use a whole number from 1 to 1000"),
        }
    };
    match name {
        "k1" => ranking.bm25.k1 = number()?,
        "b" => {
            let b = number()?;
            if b > 1.0 {
                bail!("b={value}: use a number from 0 to 1");
            }
            ranking.bm25.b = b;
        }
        "length" => {
            ranking.bm25.length = match value {
                "field" => Length::PerField,
                "combined" => Length::Combined,
                _ => bail!("length={value}: use field or combined"),
            }
        }
        "title" => ranking.title = number()?,
        "summary" => ranking.summary = number()?,
        "themes" => ranking.themes = number()?,
        "context" => ranking.context = number()?,
        "speakers" => ranking.speakers = number()?,
        "proximity" => ranking.proximity = number()?,
        "slop" => ranking.proximity_slop = count()? as u32,
        "typo" => {
            ranking.typo_below = match value {
                "on" => crate::search::fuzzy::RARE_BELOW,
                "off" => 0,
                _ => value.parse().map_err(|_| {
                    anyhow::anyhow!("typo={value}: use on, off or a number of places")
                })?,
            }
        }
        "feedback" => {
            let feedback = ranking.feedback.unwrap_or_default();
            ranking.feedback = switch()?.then_some(feedback);
        }
        "fb-docs" | "fb-terms" | "fb-weight" => {
            let mut feedback = ranking.feedback.unwrap_or_default();
            match name {
                "fb-docs" => feedback.docs = count()?,
                "fb-terms" => feedback.terms = count()?,
                _ => {
                    let w = number()?;
                    if w > 1.0 {
                        bail!("fb-weight={value}: use a number from 0 to 1");
                    }
                    feedback.original_weight = w;
                }
            }
            ranking.feedback = Some(feedback);
        }
        _ => bail!("unknown setting `{name}` (settings: {NAMES})"),
    }
    Ok(())
}

/// Every combination of the axes' values, applied to the default ranking, with a label
/// (`k1=0.9 b=0.4`; empty for the default itself). `feedback` is applied after the `fb-*`
/// settings (so `feedback=off` wins), and a combination equal to an earlier one is left out.
pub fn combinations(axes: &[Axis]) -> Result<Vec<(String, Ranking)>> {
    let mut ordered: Vec<&Axis> = axes.iter().collect();
    ordered.sort_by_key(|a| a.name == "feedback");
    let mut out = vec![(Vec::<String>::new(), Ranking::default())];
    for axis in ordered {
        let mut next = Vec::with_capacity(out.len() * axis.values.len());
        for (label, ranking) in &out {
            for value in &axis.values {
                let mut ranking = *ranking;
                apply(&mut ranking, &axis.name, value)?;
                let mut label = label.clone();
                label.push(format!("{}={value}", axis.name));
                next.push((label, ranking));
            }
        }
        out = next;
    }
    let mut unique: Vec<(String, Ranking)> = Vec::with_capacity(out.len());
    for (label, ranking) in out {
        if !unique.iter().any(|(_, r)| *r == ranking) {
            unique.push((label.join(" "), ranking));
        }
    }
    Ok(unique)
}

/// What a setting is chosen by on one collection.
pub fn objective(m: &Measures) -> f64 {
    (m.map + m.ndcg_10) / 2.0
}

/// The index of the setting with the best mean objective over the collections `on`
/// (`results[setting][collection]`); the first one on a tie.
pub fn choose(results: &[Vec<Measures>], on: &[usize]) -> usize {
    let score = |row: &Vec<Measures>| -> f64 {
        on.iter().map(|&c| objective(&row[c])).sum::<f64>() / on.len().max(1) as f64
    };
    let mut best = 0;
    for (i, row) in results.iter().enumerate() {
        if score(row) > score(&results[best]) + 1e-12 {
            best = i;
        }
    }
    best
}

/// For each collection: the setting chosen on all the others.
pub fn leave_one_out(results: &[Vec<Measures>], collections: usize) -> Vec<usize> {
    (0..collections)
        .map(|held_out| {
            let others: Vec<usize> = (0..collections).filter(|&c| c != held_out).collect();
            choose(results, &others)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(map: f64, ndcg: f64) -> Measures {
        Measures {
            map,
            ndcg_10: ndcg,
            ..Measures::default()
        }
    }

    #[test]
    fn combinations_cover_every_value_pair() {
        let axes = [
            parse_axis("k1=0.9,1.2").unwrap(),
            parse_axis("typo=off").unwrap(),
        ];
        let all = combinations(&axes).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].0, "k1=0.9 typo=off");
        assert!((all[0].1.bm25.k1 - 0.9).abs() < 1e-6 && all[0].1.typo_below == 0);
        assert!(parse_axis("b=2").is_err());
        assert!(parse_axis("k2=1").unwrap_err().to_string().contains("k1"));
        assert!(parse_axis("k1").is_err());
        // `feedback=off` wins over an `fb-*` setting, and equal rankings are measured once.
        let axes = [
            parse_axis("feedback=off,on").unwrap(),
            parse_axis("fb-terms=10,20").unwrap(),
        ];
        let all = combinations(&axes).unwrap();
        assert_eq!(all.len(), 3, "{all:?}");
        assert_eq!(all[0].1.feedback, None);
        assert_eq!(all[2].1.feedback.map(|f| f.terms), Some(20));
    }

    #[test]
    fn the_held_out_collection_never_chooses_its_own_setting() {
        // Setting 1 is best only on collection 0; setting 0 on the others.
        let results = vec![
            vec![m(0.1, 0.1), m(0.5, 0.5), m(0.5, 0.5)],
            vec![m(0.9, 0.9), m(0.4, 0.4), m(0.4, 0.4)],
        ];
        assert_eq!(leave_one_out(&results, 3), [0, 1, 1]);
        assert_eq!(choose(&results, &[0, 1, 2]), 1);
    }
}
