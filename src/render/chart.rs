//! The comparison chart, drawn with Plotters' `ChartBuilder` into a scene:
//! one row per route, a bar stacked from its legs' km, the route's total at
//! its end, and a diamond where the best path over the dataset's legs
//! between the route's ends would stop. The map's channels keep their
//! meaning: colour is the route (the same as on the map), the fill says how
//! the leg is known (solid: reported; hatched: inferred; faded with a dotted
//! edge: disputed), and the map's mode symbol sits in each leg's part of the
//! bar where it fits.
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
use super::scene::{Group, Pt, Scene};
use super::style::{Theme, evidence_colour, evidence_label, mode_label};
use super::symbols::mode_symbol;
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
    let symbols = bars(&plot, cmp, theme)?;
    let legend_symbols = legend(&footer, cmp, theme)?;
    let mut layer = Group::named("chart");
    layer.children = sink.take();
    // Mode symbols drawn by the map's own code, over Plotters' drawing.
    for (mode, centre, colour) in symbols.into_iter().chain(legend_symbols) {
        layer.group(mode_symbol(mode, centre, SYMBOL_R, colour, theme.page));
    }
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

/// Radius of a mode symbol in the chart, px.
const SYMBOL_R: f64 = 8.0;

/// A mode symbol to draw: mode, centre (chart px), colour.
type SymbolAt = (Mode, Pt, Colour);

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
            "Kilometres along each leg (WGS84 geodesic). Colour: route, as on the map. \
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

/// The bars; returns the mode symbols to draw on them.
fn bars(
    plot: &DrawingArea<SceneBackend, Shift>,
    cmp: &Comparison,
    theme: &Theme,
) -> Result<Vec<SymbolAt>> {
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
    let mut symbols = Vec::new();
    for (i, r) in cmp.routes.iter().enumerate() {
        // The first route on top.
        let row = n - 1.0 - i as f64;
        let (y0, y1) = (row + 0.14, row + 0.52);
        let colour = theme.route_colour(i);
        let mut x = 0.0;
        for leg in &r.legs {
            let x1 = x + leg.distance_km;
            let part = Part {
                x: (x, x1),
                y: (y0, y1),
                colour,
                evidence: leg.evidence,
            };
            segment(&chart, &part, theme)?;
            // The mode symbol at the part's start, then its km, where they fit.
            let (a, b) = (
                chart.backend_coord(&(x, (y0 + y1) / 2.0)),
                chart.backend_coord(&(x1, (y0 + y1) / 2.0)),
            );
            let room = f64::from(b.0 - a.0);
            let symbol_w = 2.0 * SYMBOL_R + 8.0;
            let text_from = if room >= symbol_w {
                let centre = (f64::from(a.0) + 4.0 + SYMBOL_R, f64::from(a.1));
                let c = evidence_colour(colour, leg.evidence, theme.page);
                symbols.push((leg.mode, centre, c));
                symbol_w
            } else {
                0.0
            };
            leg_km(&chart, &part, text_from, leg.distance_km, theme)?;
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
    Ok(symbols)
}

/// One leg's part of a bar, in chart coordinates.
struct Part {
    /// From and to, km.
    x: (f64, f64),
    /// Bottom and top of the bar.
    y: (f64, f64),
    /// The route's colour.
    colour: Colour,
    evidence: Evidence,
}

/// How much of a route's colour the fill of an inferred and of a disputed
/// part keeps over the page.
const INFERRED_TINT: f64 = 0.3;
const DISPUTED_TINT: f64 = 0.12;

type Chart<'a> = ChartContext<'a, SceneBackend, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// One leg's part of a bar in its route's colour: solid if reported,
/// tinted and hatched if inferred, faintly tinted with a dotted edge if
/// disputed.
fn segment(chart: &Chart<'_>, part: &Part, theme: &Theme) -> Result<()> {
    let area = chart.plotting_area();
    let ((x0, x1), (y0, y1)) = (part.x, part.y);
    let colour = part.colour;
    let fill = match part.evidence {
        Evidence::Reported => colour,
        Evidence::Inferred => colour.over(theme.page, INFERRED_TINT),
        Evidence::Disputed => colour.over(theme.page, DISPUTED_TINT),
    };
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], rgb(fill).filled()))
        .map_err(err)?;
    let (a, b) = (
        chart.backend_coord(&(x0, y1)),
        chart.backend_coord(&(x1, y0)),
    );
    let root = area.strip_coord_spec();
    let offset = root.get_base_pixel();
    let local = |c: (i32, i32)| (c.0 - offset.0, c.1 - offset.1);
    match part.evidence {
        Evidence::Reported => {}
        Evidence::Inferred => {
            for [p, q] in hatch(a, b, 6) {
                root.draw(&PathElement::new(
                    vec![local(p), local(q)],
                    rgb(colour).stroke_width(2),
                ))
                .map_err(err)?;
            }
        }
        Evidence::Disputed => {
            let faded = rgb(evidence_colour(colour, part.evidence, theme.page));
            for p in dotted_edge(a, b, 5) {
                root.draw(&Circle::new(local(p), 1, faded.filled()))
                    .map_err(err)?;
            }
        }
    }
    // A thin gap between legs.
    area.draw(&PathElement::new(
        vec![(x1, y0), (x1, y1)],
        rgb(theme.page).stroke_width(2),
    ))
    .map_err(err)
}

/// A leg's km inside its part of the bar, after the first `from_px` of it
/// (where the mode symbol is), where it fits.
fn leg_km(chart: &Chart<'_>, part: &Part, from_px: f64, km: f64, theme: &Theme) -> Result<()> {
    let text = thousands(km);
    let y = (part.y.0 + part.y.1) / 2.0;
    let (a, b) = (
        chart.backend_coord(&(part.x.0, y)),
        chart.backend_coord(&(part.x.1, y)),
    );
    let room = f64::from(b.0 - a.0) - from_px;
    if super::text::width(&text, 11.0, super::text::Weight::Normal) + 10.0 > room {
        return Ok(());
    }
    // On a solid part, whichever of page and ink stands out more; on a
    // tinted part (inferred, disputed), the ink.
    let colour = match part.evidence {
        Evidence::Reported => [theme.page, theme.ink]
            .into_iter()
            .max_by(|p, q| p.contrast(part.colour).total_cmp(&q.contrast(part.colour)))
            .unwrap_or(theme.ink),
        Evidence::Inferred | Evidence::Disputed => theme.ink,
    };
    let style = font(11.0, colour).pos(Pos::new(HPos::Center, VPos::Center));
    let centre = (f64::from(a.0) + from_px + f64::from(b.0)) / 2.0;
    let area = chart.plotting_area().strip_coord_spec();
    let o = area.get_base_pixel();
    area.draw(&Text::new(
        text,
        (centre.round() as i32 - o.0, a.1 - o.1),
        style,
    ))
    .map_err(err)
}

/// Points every `spacing` px round the edge of the pixel box from `a` (top
/// left) to `b` (bottom right).
fn dotted_edge(a: (i32, i32), b: (i32, i32), spacing: i32) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    if b.0 <= a.0 || b.1 <= a.1 {
        return out;
    }
    for x in (a.0..=b.0).step_by(spacing as usize) {
        out.push((x, a.1));
        out.push((x, b.1));
    }
    for y in (a.1 + spacing..b.1).step_by(spacing as usize) {
        out.push((a.0, y));
        out.push((b.0, y));
    }
    out
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

/// The legend under the axis: the evidence levels in use (their fills, in
/// grey), the modes in use (their symbols) and the best-path diamond.
/// Returns the mode symbols to draw.
fn legend(
    area: &DrawingArea<SceneBackend, Shift>,
    cmp: &Comparison,
    theme: &Theme,
) -> Result<Vec<SymbolAt>> {
    let mut modes: Vec<Mode> = cmp.routes.iter().flat_map(|r| r.modes.clone()).collect();
    modes.sort();
    modes.dedup();
    let mut evidence: Vec<Evidence> = cmp.routes.iter().flat_map(|r| r.evidence.clone()).collect();
    evidence.sort();
    evidence.dedup();
    let y = 24;
    let mut x = 16;
    let label = |x: &mut i32, text: &str| -> Result<()> {
        area.draw(&Text::new(
            text.to_string(),
            (*x + 32, y - 6),
            font(12.0, theme.ink),
        ))
        .map_err(err)?;
        *x += 32 + super::text::width(text, 12.0, super::text::Weight::Normal) as i32 + 24;
        Ok(())
    };
    let grey = theme.muted;
    for &e in &evidence {
        let (a, b) = ((x, y - 7), (x + 26, y + 7));
        let fill = match e {
            Evidence::Reported => grey,
            Evidence::Inferred => grey.over(theme.page, INFERRED_TINT),
            Evidence::Disputed => grey.over(theme.page, DISPUTED_TINT),
        };
        area.draw(&Rectangle::new([a, b], rgb(fill).filled()))
            .map_err(err)?;
        match e {
            Evidence::Reported => {}
            Evidence::Inferred => {
                for [p, q] in hatch(a, b, 6) {
                    area.draw(&PathElement::new(vec![p, q], rgb(grey).stroke_width(2)))
                        .map_err(err)?;
                }
            }
            Evidence::Disputed => {
                let faded = rgb(evidence_colour(grey, e, theme.page));
                for p in dotted_edge(a, b, 5) {
                    area.draw(&Circle::new(p, 1, faded.filled())).map_err(err)?;
                }
            }
        }
        label(&mut x, evidence_label(e))?;
    }
    let origin = area.get_base_pixel();
    let mut symbols = Vec::new();
    for &m in &modes {
        let centre = (f64::from(origin.0 + x + 13), f64::from(origin.1 + y));
        symbols.push((m, centre, theme.ink));
        label(&mut x, mode_label(m))?;
    }
    area.draw(&Polygon::new(
        vec![(x + 13, y - 6), (x + 19, y), (x + 13, y + 6), (x + 7, y)],
        rgb(theme.ink).filled(),
    ))
    .map_err(err)?;
    label(&mut x, "Best path over the dataset's legs")?;
    Ok(symbols)
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
