//! The years on a result page: the histogram (bars per year, a label and tick per decade
//! for a long span, the years filtered on shaded), the Years facet (years, or decades for a
//! long span) and the from-to form. Pure views, as `results`.

use maud::{html, Markup};

use super::i18n::Ui;
use super::params::SearchParams;
use super::results::link;
use crate::index::Dimension;
use crate::search::{FacetCount, YearRange};

/// The Years facet: every year, newest first, for a short span; else one line per decade
/// (linking to its range), as the histogram. A year or range filtered on is marked.
pub fn year_facet(ui: Ui, params: &SearchParams, values: &[FacetCount]) -> Markup {
    let mut years: Vec<(u16, u64)> = values
        .iter()
        .filter_map(|v| Some((v.value.parse::<u16>().ok()?, v.count)))
        .collect();
    years.sort_by_key(|y| std::cmp::Reverse(y.0));
    let ranges = params.filters.year_ranges();
    let span = match (years.last(), years.first()) {
        (Some(oldest), Some(newest)) => newest.0 - oldest.0,
        _ => 0,
    };
    let rows: Vec<(YearRange, String, u64)> = if span < SHORT_SPAN {
        years
            .iter()
            .map(|(y, n)| (YearRange { from: *y, to: *y }, y.to_string(), *n))
            .collect()
    } else {
        let mut decades: Vec<(YearRange, String, u64)> = Vec::new();
        for (year, count) in &years {
            let from = year / 10 * 10;
            match decades.last_mut() {
                Some(last) if last.0.from == from => last.2 += count,
                _ => decades.push((
                    YearRange { from, to: from + 9 },
                    format!("{from}–{}", from + 9),
                    *count,
                )),
            }
        }
        decades
    };
    html! {
        ul aria-labelledby="facet-year" {
            @for (range, label, count) in &rows {
                @let selected = ranges.contains(range);
                @let inside = !selected && ranges.iter().any(|r| r.from <= range.to && range.from <= r.to);
                li {
                    a href=(link(ui, params.toggled(Dimension::Year, &range.to_string()))) aria-current=(if selected { "true" } else { "false" }) class=[inside.then_some("in-range")] {
                        span { (label) }
                        span.count { (ui.number(*count)) }
                    }
                }
            }
        }
    }
}

/// A from-to form for years; keeps every other parameter.
pub fn year_range(ui: Ui, params: &SearchParams) -> Markup {
    let t = ui.t();
    let mut others = params.clone();
    others.filters.years = None;
    others.filters.more_years.clear();
    others.page = 1;
    let hidden: Vec<(String, String)> =
        serde_urlencoded::from_str(&others.to_query()).unwrap_or_default();
    let (from, to) = params
        .filters
        .years
        .map(|y| (y.from.to_string(), y.to.to_string()))
        .unwrap_or_default();
    html! {
        form.range action="/search" method="get" {
            fieldset {
                legend { (t.year_range) }
                @for (key, value) in &hidden { input type="hidden" name=(key) value=(value); }
                label for="from" { (t.from_year) }
                input #from type="number" name="from" min="1000" max="2999" inputmode="numeric" value=(from);
                label for="to" { (t.to_year) }
                input #to type="number" name="to" min="1000" max="2999" inputmode="numeric" value=(to);
                button type="submit" { (t.apply) }
            }
        }
    }
}

/// Bars per year, oldest left, every year of the span (padded to whole decades when it is
/// long), each linking to that year (or back, when it is a filter). The bars stretch to the
/// width; the axis below is HTML (labels stay readable at any width): every year for a short
/// span, else one label per decade at its first bar, with a tick line. Years filtered on
/// (single years and ranges) are shaded.
pub fn histogram(ui: Ui, params: &SearchParams, years: &[FacetCount]) -> Markup {
    let t = ui.t();
    let counts: Vec<(u16, u64)> = years
        .iter()
        .filter_map(|y| Some((y.value.parse::<u16>().ok()?, y.count)))
        .collect();
    let (Some(first), Some(last)) = (
        counts.iter().map(|c| c.0).min(),
        counts.iter().map(|c| c.0).max(),
    ) else {
        return html! {};
    };
    let by_decade = last - first >= SHORT_SPAN;
    let (first, last) = match by_decade {
        true => (first / 10 * 10, last / 10 * 10 + 9),
        false => (first, last),
    };
    let bars: Vec<(u16, u64)> = (first..=last)
        .map(|y| (y, counts.iter().find(|c| c.0 == y).map_or(0, |c| c.1)))
        .collect();
    let max = bars.iter().map(|b| b.1).max().unwrap_or(1).max(1) as f32;
    let (width, height) = (10.0_f32, 60.0_f32);
    let span = width * bars.len() as f32;
    let ranges = params.filters.year_ranges();
    let x_of = |year: u16| f32::from(year - first) * width;
    html! {
        figure.histogram {
            figcaption #histogram-caption { (t.per_year) }
            svg viewBox=(format!("0 0 {span} {height}")) preserveAspectRatio="none" aria-labelledby="histogram-caption" role="group" {
                @for range in &ranges {
                    @let (from, to) = (range.from.max(first), range.to.min(last));
                    @if from <= to {
                        rect.active x=(x_of(from)) y="0" width=(x_of(to) - x_of(from) + width) height=(height) {}
                    }
                }
                @if by_decade {
                    @for decade in (first..=last).step_by(10) {
                        line.tick x1=(x_of(decade)) x2=(x_of(decade)) y1="0" y2=(height) {}
                    }
                }
                @for (year, count) in &bars {
                    @if *count > 0 {
                        @let year_text = year.to_string();
                        @let h = (*count as f32 / max * (height - 4.0)).max(3.0);
                        a href=(link(ui, params.toggled(Dimension::Year, &year_text))) aria-label=((t.per_year_bar)(&year_text, *count)) {
                            rect x=(x_of(*year) + 1.0) y=(height - h) width=(width - 2.0) height=(h) class=(if in_ranges(&ranges, *year) { "bar on" } else { "bar" }) {}
                        }
                    }
                }
            }
            ol.axis aria-hidden="true" {
                @if by_decade {
                    @for decade in (first..=last).step_by(10) { li { (decade) } }
                } @else {
                    @for (year, _) in &bars { li { (year) } }
                }
            }
        }
    }
}

/// Spans of this many years or more are drawn in whole decades, with a label per decade.
const SHORT_SPAN: u16 = 12;

fn in_ranges(ranges: &[YearRange], year: u16) -> bool {
    ranges.iter().any(|r| r.from <= year && year <= r.to)
}
