//! The comparison chart, drawn with Plotters' `ChartBuilder` into a scene:
//! one row per route, a bar stacked from its legs' km (colour: mode;
//! hatched: inferred), the route's total at its end, and a diamond where the
//! best path over the dataset's legs between the route's ends would stop.
//!
//! Plotters lays out the axis and draws every element; [`SceneBackend`]
//! records them, so the chart goes through the same SVG writer and painter
//! as the map.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::backend::SceneBackend;
use super::page::Size;
use super::scene::{Group, Scene};
use super::style::{Theme, mode_colour};
use super::text::FONT_FAMILY;
use crate::analyze::Comparison;
use crate::error::{Error, Result};
use crate::model::{Colour, Dataset, Evidence, Mode};
use crate::text::thousands;

/// Width of the chart, px.
const WIDTH: u32 = 1200;
/// Height of a route's row, px.
const ROW: u32 = 58;
/// Space above the plot (title, subtitle), px.
const HEADER: u32 = 78;
/// Space under the plot (axis, legend), px.
const FOOTER: u32 = 96;

/// The chart shows at most this many routes, the first in the dataset's
/// order; its subtitle says how many it leaves out.
pub const MAX_ROUTES: usize = 100;

fn rgb(c: Colour) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn err<E: std::fmt::Debug>(e: E) -> Error {
    Error::Render(format!("comparison chart: {e:?}"))
}

/// The comparison chart of `cmp`'s routes, or `None` when there are none.
///
/// ```
/// let ds = routemap::load::dataset("routes/donbas-workers".as_ref()).unwrap();
/// let cmp = routemap::analyze::compare(&ds);
/// let chart = routemap::render::chart::comparison(&ds, &cmp, Default::default()).unwrap().unwrap();
/// assert!(chart.texts().contains(&"via Moscow"));
/// assert!(chart.to_svg().contains("7,979 km"));
/// ```
pub fn comparison(
    ds: &Dataset,
    cmp: &Comparison,
    theme: super::style::ThemeName,
) -> Result<Option<Scene>> {
    if cmp.routes.is_empty() {
        return Ok(None);
    }
    let theme = theme.theme();
    let total = cmp.routes.len();
    let cmp = &Comparison {
        dataset: cmp.dataset.clone(),
        routes: cmp.routes[..total.min(MAX_ROUTES)].to_vec(),
    };
    let n = cmp.routes.len() as u32;
    let height = HEADER + ROW * n + FOOTER;
    let (backend, sink) = SceneBackend::new((WIDTH, height));
    let root = backend.into_drawing_area();
    root.fill(&rgb(theme.page)).map_err(err)?;
    header(&root, ds, cmp, total, theme)?;
    let (_, rest) = root.split_vertically(HEADER);
    let (plot, footer) = rest.split_vertically(ROW * n + 44);
    bars(&plot, cmp, theme)?;
    legend(&footer, cmp, theme)?;
    let mut layer = Group::named("chart");
    layer.children = sink.take();
    Ok(Some(Scene {
        size: Size::new(WIDTH, height).map_err(Error::Usage)?,
        view: (f64::from(WIDTH), f64::from(height)),
        title: format!("{}: route lengths by leg", ds.title()),
        description: description(ds, cmp),
        font_family: FONT_FAMILY.to_string(),
        defs: Vec::new(),
        layers: vec![layer],
    }))
}

fn font(size: f64, colour: Colour) -> TextStyle<'static> {
    ("DejaVu Sans", size).into_font().color(&rgb(colour))
}

fn bold(size: f64, colour: Colour) -> TextStyle<'static> {
    ("DejaVu Sans", size, FontStyle::Bold)
        .into_font()
        .color(&rgb(colour))
}

fn header(
    root: &DrawingArea<SceneBackend, Shift>,
    ds: &Dataset,
    cmp: &Comparison,
    total: usize,
    theme: &Theme,
) -> Result<()> {
    let title = bold(20.0, theme.ink);
    root.draw(&Text::new(
        format!("{}: route lengths by leg", ds.title()),
        (16, 14),
        title,
    ))
    .map_err(err)?;
    let by = cmp.routes[0].network.by.as_str();
    let shown = if total > cmp.routes.len() {
        format!(
            " The first {} of {} routes.",
            cmp.routes.len(),
            thousands(total as f64)
        )
    } else {
        String::new()
    };
    root.draw(&Text::new(
        format!(
            "Kilometres along each leg (WGS84 geodesic). Colour: mode. Hatched: inferred leg. \
             Diamond: best path over the dataset's legs between the route's ends (by {by}).{shown}"
        ),
        (16, 46),
        font(12.5, theme.muted),
    ))
    .map_err(err)
}

/// The longest bar or best path, for the axis.
fn max_km(cmp: &Comparison) -> f64 {
    cmp.routes
        .iter()
        .flat_map(|r| {
            std::iter::once(r.distance_km).chain(r.network.best.as_ref().map(|b| b.distance_km))
        })
        .fold(0.0, f64::max)
        .max(1.0)
}

fn bars(plot: &DrawingArea<SceneBackend, Shift>, cmp: &Comparison, theme: &Theme) -> Result<()> {
    let n = cmp.routes.len() as f64;
    // Room at the right for the longest total's label.
    let x_max = max_km(cmp) * 1.16;
    let mut chart = ChartBuilder::on(plot)
        .margin_left(16)
        .margin_right(24)
        .x_label_area_size(44)
        .build_cartesian_2d(0f64..x_max, 0f64..n)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .y_labels(0)
        .x_labels(8)
        .x_label_formatter(&|v| thousands(*v))
        .x_desc("km")
        .axis_style(rgb(theme.muted))
        .bold_line_style(rgb(theme.graticule))
        .light_line_style(TRANSPARENT)
        .label_style(font(12.0, theme.muted))
        .axis_desc_style(font(12.0, theme.muted))
        .draw()
        .map_err(err)?;
    for (i, r) in cmp.routes.iter().enumerate() {
        // The first route on top.
        let row = n - 1.0 - i as f64;
        let (y0, y1) = (row + 0.14, row + 0.52);
        let mut x = 0.0;
        for leg in &r.legs {
            let x1 = x + leg.distance_km;
            segment(&chart, (x, y0), (x1, y1), leg.mode, leg.evidence, theme)?;
            leg_km(
                &chart,
                (x, x1),
                (y0 + y1) / 2.0,
                leg.distance_km,
                leg.evidence,
                theme,
            )?;
            x = x1;
        }
        let area = chart.plotting_area();
        area.draw(&Text::new(
            r.name.clone(),
            (0.0, row + 0.9),
            bold(13.0, theme.ink),
        ))
        .map_err(err)?;
        let total = format!("{} km", thousands(r.distance_km));
        area.draw(&Text::new(
            total,
            (x + x_max * 0.008, (y0 + y1) / 2.0 + 0.1),
            font(12.0, theme.ink),
        ))
        .map_err(err)?;
        if let Some(best) = &r.network.best {
            diamond(&chart, (best.distance_km, row + 0.6), theme)?;
        }
    }
    Ok(())
}

type Chart<'a> = ChartContext<'a, SceneBackend, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// One leg's part of a bar: filled in the mode's colour, hatched if inferred.
fn segment(
    chart: &Chart<'_>,
    (x0, y0): (f64, f64),
    (x1, y1): (f64, f64),
    mode: Mode,
    evidence: Evidence,
    theme: &Theme,
) -> Result<()> {
    let area = chart.plotting_area();
    let colour = mode_colour(mode);
    let fill = if evidence == Evidence::Inferred {
        rgb(colour.over(theme.page, 0.3)).filled()
    } else {
        rgb(colour).filled()
    };
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], fill))
        .map_err(err)?;
    if evidence == Evidence::Inferred {
        let (a, b) = (
            chart.backend_coord(&(x0, y1)),
            chart.backend_coord(&(x1, y0)),
        );
        let root = area.strip_coord_spec();
        let offset = root.get_base_pixel();
        for [p, q] in hatch(a, b, 6) {
            let local = |c: (i32, i32)| (c.0 - offset.0, c.1 - offset.1);
            root.draw(&PathElement::new(
                vec![local(p), local(q)],
                rgb(colour).stroke_width(2),
            ))
            .map_err(err)?;
        }
    }
    // A thin gap between legs.
    area.draw(&PathElement::new(
        vec![(x1, y0), (x1, y1)],
        rgb(theme.page).stroke_width(2),
    ))
    .map_err(err)
}

/// A leg's km inside its part of the bar, where it fits.
fn leg_km(
    chart: &Chart<'_>,
    (x0, x1): (f64, f64),
    y: f64,
    km: f64,
    evidence: Evidence,
    theme: &Theme,
) -> Result<()> {
    let text = thousands(km);
    let (a, b) = (chart.backend_coord(&(x0, y)), chart.backend_coord(&(x1, y)));
    let room = f64::from(b.0 - a.0);
    if super::text::width(&text, 11.0, super::text::Weight::Normal) + 10.0 > room {
        return Ok(());
    }
    // On a hatched (inferred) part the ink reads better than white.
    let colour = match evidence {
        Evidence::Inferred => theme.ink,
        Evidence::Reported => theme.page,
    };
    let style = font(11.0, colour).pos(Pos::new(HPos::Center, VPos::Center));
    chart
        .plotting_area()
        .draw(&Text::new(text, ((x0 + x1) / 2.0, y), style))
        .map_err(err)
}

/// Lines at 45° every `spacing` px inside the pixel box from `a` (top left)
/// to `b` (bottom right).
fn hatch(a: (i32, i32), b: (i32, i32), spacing: i32) -> Vec<[(i32, i32); 2]> {
    let (w, h) = (b.0 - a.0, b.1 - a.1);
    let mut out = Vec::new();
    if w <= 0 || h <= 0 {
        return out;
    }
    // Lines x - y = c, from the bottom-left corner to the top-right.
    let mut c = -h + spacing / 2;
    while c < w {
        let (lo, hi) = (c.max(0), (c + h).min(w));
        if hi > lo {
            out.push([
                (a.0 + lo, a.1 + h - (lo - c)),
                (a.0 + hi, a.1 + h - (hi - c)),
            ]);
        }
        c += spacing;
    }
    out
}

/// The best path's mark: a diamond on the row at its km.
fn diamond(chart: &Chart<'_>, at: (f64, f64), theme: &Theme) -> Result<()> {
    let c = chart.backend_coord(&at);
    let area = chart.plotting_area().strip_coord_spec();
    let o = area.get_base_pixel();
    let (x, y) = (c.0 - o.0, c.1 - o.1);
    let r = 6;
    area.draw(&Polygon::new(
        vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
        rgb(theme.ink).filled(),
    ))
    .map_err(err)
}

/// The legend under the axis: the modes in use, "inferred" if any leg is,
/// and the best-path diamond.
fn legend(area: &DrawingArea<SceneBackend, Shift>, cmp: &Comparison, theme: &Theme) -> Result<()> {
    let mut modes: Vec<Mode> = cmp.routes.iter().flat_map(|r| r.modes.clone()).collect();
    modes.sort();
    modes.dedup();
    let inferred = cmp
        .routes
        .iter()
        .any(|r| r.evidence.contains(&Evidence::Inferred));
    let mut x = 16;
    let y = 24;
    for m in &modes {
        area.draw(&Rectangle::new(
            [(x, y - 7), (x + 26, y + 7)],
            rgb(mode_colour(*m)).filled(),
        ))
        .map_err(err)?;
        let text = super::style::mode_label(*m).to_string();
        area.draw(&Text::new(
            text.clone(),
            (x + 32, y - 6),
            font(12.0, theme.ink),
        ))
        .map_err(err)?;
        x += 32 + super::text::width(&text, 12.0, super::text::Weight::Normal) as i32 + 24;
    }
    if inferred {
        let c = theme.muted;
        area.draw(&Rectangle::new(
            [(x, y - 7), (x + 26, y + 7)],
            rgb(c.over(theme.page, 0.3)).filled(),
        ))
        .map_err(err)?;
        for [p, q] in hatch((x, y - 7), (x + 26, y + 7), 6) {
            area.draw(&PathElement::new(vec![p, q], rgb(c).stroke_width(2)))
                .map_err(err)?;
        }
        area.draw(&Text::new(
            "Inferred leg",
            (x + 32, y - 6),
            font(12.0, theme.ink),
        ))
        .map_err(err)?;
        x += 32 + 90;
    }
    area.draw(&Polygon::new(
        vec![(x + 13, y - 6), (x + 19, y), (x + 13, y + 6), (x + 7, y)],
        rgb(theme.ink).filled(),
    ))
    .map_err(err)?;
    area.draw(&Text::new(
        "Best path over the dataset's legs",
        (x + 32, y - 6),
        font(12.0, theme.ink),
    ))
    .map_err(err)
}

/// A text alternative for the chart, naming places as the map does.
fn description(ds: &Dataset, cmp: &Comparison) -> String {
    let name = |id: &str| ds.place(id).map_or(id, |p| p.name.as_str()).to_string();
    let mut s = format!("Bar chart of {} route(s) by leg length.", cmp.routes.len());
    for r in &cmp.routes {
        let legs: Vec<String> = r
            .legs
            .iter()
            .map(|l| {
                format!(
                    "{} to {}, {} km ({}, {})",
                    name(&l.from),
                    name(&l.to),
                    thousands(l.distance_km),
                    l.mode,
                    l.evidence
                )
            })
            .collect();
        s.push_str(&format!(
            " {}: {} km in all: {}.",
            r.name,
            thousands(r.distance_km),
            legs.join("; ")
        ));
        if let Some(b) = &r.network.best {
            s.push_str(&format!(" Best path: {} km.", thousands(b.distance_km)));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_of_many_routes_shows_the_first_hundred_and_says_so() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/routes/donbas-workers");
        let ds = crate::load::dataset(dir.as_ref()).unwrap();
        let mut cmp = crate::analyze::compare(&ds);
        let one = cmp.routes[0].clone();
        cmp.routes = (0..400)
            .map(|i| crate::analyze::RouteSummary {
                name: format!("route {i}"),
                ..one.clone()
            })
            .collect();
        let chart = comparison(&ds, &cmp, Default::default()).unwrap().unwrap();
        let texts = chart.texts();
        assert!(texts.contains(&"route 99") && !texts.contains(&"route 100"));
        assert!(
            texts
                .iter()
                .any(|t| t.ends_with(" The first 100 of 400 routes."))
        );
        assert!(chart.size.height_px <= 20_000);
    }

    #[test]
    fn hatch_lines_stay_in_their_box() {
        let lines = hatch((10, 10), (40, 24), 6);
        assert!(lines.len() >= 6);
        for [p, q] in lines {
            for c in [p, q] {
                assert!(
                    (10..=40).contains(&c.0) && (10..=24).contains(&c.1),
                    "{c:?}"
                );
            }
            // 45 degrees.
            assert_eq!(q.0 - p.0, p.1 - q.1);
        }
    }
}
