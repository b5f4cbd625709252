//! Charts drawn on the server as SVG, each with a text equivalent: no
//! chart library and no JavaScript.

use leptos::prelude::*;

use crate::model::{AreaAverage, Dimension, ScorePoint};

const WIDTH: f32 = 640.0;
const HEIGHT: f32 = 220.0;
const LEFT: f32 = 36.0;
const RIGHT: f32 = 12.0;
const TOP: f32 = 12.0;
const BOTTOM: f32 = 28.0;

/// The filled part of a bar, `percent` wide. The width is a class in steps
/// of five rather than an inline style, which the page's
/// Content-Security-Policy refuses.
#[component]
pub fn BarFill(percent: u32) -> impl IntoView {
    view! { <span class=bar_fill_class(percent)></span> }
}

pub fn bar_fill_class(percent: u32) -> String {
    let step = (percent.min(100) + 2) / 5 * 5;
    format!("bar__fill bar__fill--{step}")
}

/// Where score `value` (1–10) sits on the chart's vertical axis.
fn y_of(value: f32) -> f32 {
    TOP + (HEIGHT - TOP - BOTTOM) * (10.0 - value) / 9.0
}

fn x_of(index: usize, count: usize) -> f32 {
    let span = WIDTH - LEFT - RIGHT;
    if count <= 1 {
        LEFT + span / 2.0
    } else {
        LEFT + span * index as f32 / (count - 1) as f32
    }
}

/// The polyline points for one dimension across the timeline.
pub fn line_points(points: &[ScorePoint], dimension: Dimension) -> String {
    points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{:.1},{:.1}",
                x_of(i, points.len()),
                y_of(f32::from(p.scores.get(dimension)))
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn line_class(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Structure => "chart__line chart__line--structure",
        Dimension::Specificity => "chart__line chart__line--specificity",
        Dimension::Relevance => "chart__line chart__line--relevance",
    }
}

fn day(created_at: &str) -> String {
    created_at.get(..10).unwrap_or(created_at).to_string()
}

/// Each dimension's score over the assessed attempts, oldest first.
#[component]
pub fn ScoresOverTime(points: Vec<ScorePoint>) -> impl IntoView {
    let count = points.len();
    let summary = match (points.first(), points.last()) {
        (Some(first), Some(last)) => format!(
            "{count} assessed attempts from {} to {}. Latest: structure {}, specificity {}, relevance {} out of 10.",
            day(&first.created_at),
            day(&last.created_at),
            last.scores.structure,
            last.scores.specificity,
            last.scores.relevance
        ),
        _ => "No assessed attempts yet.".to_string(),
    };
    let grid = [1u8, 4, 7, 10];
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby="time-title time-desc"
                preserveAspectRatio="xMidYMid meet"
            >
                <title id="time-title">"Scores over time"</title>
                <desc id="time-desc">{summary.clone()}</desc>
                {grid.into_iter().map(|v| {
                    let y = y_of(f32::from(v));
                    view! {
                        <line class="chart__grid" x1=LEFT.to_string() x2=(WIDTH - RIGHT).to_string() y1=format!("{y:.1}") y2=format!("{y:.1}") />
                        <text class="chart__axis" x=(LEFT - 8.0).to_string() y=format!("{:.1}", y + 4.0) text-anchor="end">{v.to_string()}</text>
                    }
                }).collect_view()}
                {Dimension::ALL.into_iter().map(|d| {
                    view! { <polyline class=line_class(d) points=line_points(&points, d) fill="none" /> }
                }).collect_view()}
                {(count == 1).then(|| Dimension::ALL.into_iter().map(|d| {
                    let p = &points[0];
                    view! { <circle class=line_class(d) cx=format!("{:.1}", x_of(0, 1)) cy=format!("{:.1}", y_of(f32::from(p.scores.get(d)))) r="4" /> }
                }).collect_view())}
            </svg>
            <figcaption>
                <ul class="chart__legend">
                    {Dimension::ALL.into_iter().map(|d| view! {
                        <li><span class=format!("chart__key {}", line_class(d)) aria-hidden="true"></span>{d.label()}</li>
                    }).collect_view()}
                </ul>
                <ScoresTable
                    summary="The scores as a table"
                    first=["Attempt", "Date"]
                    rows=points
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            [
                                (i + 1).to_string(),
                                day(&p.created_at),
                                p.scores.structure.to_string(),
                                p.scores.specificity.to_string(),
                                p.scores.relevance.to_string(),
                                p.scores.overall.to_string(),
                            ]
                        })
                        .collect()
                />
            </figcaption>
        </figure>
    }
}

const ROW: f32 = 30.0;
const LABEL: f32 = 220.0;

/// The mean overall score of the latest attempts in each focus area.
#[component]
pub fn ScoresByArea(areas: Vec<AreaAverage>) -> impl IntoView {
    let height = ROW * areas.len() as f32 + 8.0;
    let span = WIDTH - LABEL - 60.0;
    let summary = areas
        .iter()
        .map(|a| format!("{} {:.1}", a.focus_area, a.overall))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby="area-title area-desc">
                <title id="area-title">"Average overall score by focus area"</title>
                <desc id="area-desc">{format!("Out of 10: {summary}.")}</desc>
                {areas.iter().enumerate().map(|(i, a)| {
                    let y = 4.0 + ROW * i as f32;
                    let width = span * a.overall / 10.0;
                    let label: String = if a.focus_area.chars().count() > 30 {
                        format!("{}…", a.focus_area.chars().take(29).collect::<String>())
                    } else {
                        a.focus_area.clone()
                    };
                    view! {
                        <text class="chart__axis" x=(LABEL - 8.0).to_string() y=format!("{:.1}", y + 17.0) text-anchor="end">{label}</text>
                        <rect class="chart__bar" x=LABEL.to_string() y=format!("{y:.1}") width=format!("{width:.1}") height=(ROW - 10.0).to_string() rx="3" />
                        <text class="chart__value" x=format!("{:.1}", LABEL + width + 6.0) y=format!("{:.1}", y + 15.0)>{format!("{:.1}", a.overall)}</text>
                    }
                }).collect_view()}
            </svg>
            <figcaption>
                <ScoresTable
                    summary="The averages as a table"
                    first=["Focus area", "Questions"]
                    rows=areas
                        .iter()
                        .map(|a| {
                            [
                                a.focus_area.clone(),
                                a.questions.to_string(),
                                format!("{:.1}", a.structure),
                                format!("{:.1}", a.specificity),
                                format!("{:.1}", a.relevance),
                                format!("{:.1}", a.overall),
                            ]
                        })
                        .collect()
                />
            </figcaption>
        </figure>
    }
}

/// A chart's text equivalent: a table behind a disclosure, each row led
/// by two labelling cells and then the four scores.
#[component]
fn ScoresTable(
    summary: &'static str,
    first: [&'static str; 2],
    rows: Vec<[String; 6]>,
) -> impl IntoView {
    view! {
        <details>
            <summary>{summary}</summary>
            <table class="chart__table">
                <thead>
                    <tr>
                        {first.into_iter().chain(["Structure", "Specificity", "Relevance", "Overall"])
                            .map(|h| view! { <th scope="col">{h}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|[head, rest @ ..]| view! {
                        <tr>
                            <th scope="row">{head}</th>
                            {rest.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scores;

    #[test]
    fn bar_widths_round_to_the_nearest_step_the_stylesheet_has() {
        assert_eq!(bar_fill_class(0), "bar__fill bar__fill--0");
        assert_eq!(bar_fill_class(33), "bar__fill bar__fill--35");
        assert_eq!(bar_fill_class(32), "bar__fill bar__fill--30");
        assert_eq!(bar_fill_class(100), "bar__fill bar__fill--100");
        assert_eq!(bar_fill_class(250), "bar__fill bar__fill--100");
    }

    #[test]
    fn lines_run_left_to_right_with_ten_at_the_top() {
        let point = |s: u8| ScorePoint {
            attempt: 1,
            created_at: "2026-11-01T09:00:00Z".into(),
            scores: Scores {
                structure: s,
                specificity: s,
                relevance: s,
                overall: s,
            },
        };
        let line = line_points(&[point(1), point(10)], Dimension::Structure);
        assert_eq!(
            line,
            format!(
                "{LEFT:.1},{:.1} {:.1},{TOP:.1}",
                HEIGHT - BOTTOM,
                WIDTH - RIGHT
            )
        );
    }
}
