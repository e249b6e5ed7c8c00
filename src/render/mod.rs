//! The map: projection fitted to the data, Natural Earth base map, geodesic legs
//! styled by route, mode and evidence, markers, labels, legend, scale, title and
//! credit, written as an SVG document. This module is the only one that knows
//! Plotters.

mod canvas;
pub mod labels;
pub mod style;
pub mod text;

use std::collections::BTreeMap;

use canvas::{Area, Canvas, Pt, SCALE, circle, fill, polygon, polyline, rect, stroke};
use style::{Colour, LIGHT, NETWORK, Theme, dash_pattern, route_colour, style_label};
use text::{Anchor, FONT_FAMILY, TextLine, Weight, num};

use crate::analyze::{Comparison, compare_with_graph};
use crate::error::{Error, Result};
use crate::graph::RouteGraph;
use crate::map::LonLat;
use crate::map::basemap::{
    BaseMap, Resolution, clip_line_to_window, clip_ring_to_window, unwrap_ring,
};
use crate::map::clip::{Rect, clip_polyline, clip_ring, simplify};
use crate::map::geodesic::{DENSIFY_STEP_M, densify};
use crate::map::projection::{Projection, fmt_lat};
use crate::model::{Dataset, Evidence, Mode};

/// Options for [`svg`].
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Output width in CSS pixels.
    pub width_px: u32,
    /// Output height in CSS pixels.
    pub height_px: u32,
}

impl Default for RenderOptions {
    /// 1200 × 800 px.
    fn default() -> Self {
        RenderOptions {
            width_px: 1200,
            height_px: 800,
        }
    }
}

/// Sizes in output pixels (multiplied by [`SCALE`] when drawn).
mod size {
    pub const PAD: f64 = 16.0;
    pub const TITLE: f64 = 22.0;
    pub const SUBTITLE: f64 = 14.0;
    pub const CREDIT: f64 = 10.5;
    pub const LABEL: f64 = 13.0;
    pub const LEGEND: f64 = 12.0;
    pub const LINE: f64 = 2.6;
    pub const CASING: f64 = 2.2;
    pub const OFFSET: f64 = 4.2;
    pub const MARKER: f64 = 4.0;
    pub const END_MARKER: f64 = 5.5;
    pub const HALO: f64 = 3.0;
    pub const ARROW: f64 = 9.0;
}

fn u(px: f64) -> f64 {
    px * SCALE
}

/// A leg ready to draw: its screen polyline and style.
struct DrawnLeg {
    leg: usize,
    /// Where along the line the direction arrow sits (fraction of its length).
    arrow_at: f64,
    colour: Colour,
    mode: Mode,
    evidence: Evidence,
    points: Vec<Pt>,
}

/// Screen transform: projected metres → drawing units.
#[derive(Debug, Clone, Copy)]
struct Fit {
    /// Drawing units per projected metre.
    scale: f64,
    /// Projected point shown at `screen_centre`.
    centre: (f64, f64),
    screen_centre: Pt,
}

impl Fit {
    fn screen(self, m: (f64, f64)) -> Pt {
        (
            self.screen_centre.0 + (m.0 - self.centre.0) * self.scale,
            self.screen_centre.1 - (m.1 - self.centre.1) * self.scale,
        )
    }

    fn metres(self, p: Pt) -> (f64, f64) {
        (
            self.centre.0 + (p.0 - self.screen_centre.0) / self.scale,
            self.centre.1 - (p.1 - self.screen_centre.1) / self.scale,
        )
    }

    /// Fit a box of projected metres into a screen region with a margin.
    fn new(data: &Rect, region: &Rect, margin: f64) -> Fit {
        let avail_w = (region.width() - 2.0 * margin).max(1.0);
        let avail_h = (region.height() - 2.0 * margin).max(1.0);
        let scale = (avail_w / data.width().max(1.0)).min(avail_h / data.height().max(1.0));
        Fit {
            scale,
            centre: ((data.x0 + data.x1) / 2.0, (data.y0 + data.y1) / 2.0),
            screen_centre: ((region.x0 + region.x1) / 2.0, (region.y0 + region.y1) / 2.0),
        }
    }
}

/// Render a dataset's map as an SVG document.
///
/// The output is deterministic: the same dataset and options give the same bytes.
///
/// ```
/// let ds = routemap::load::dataset("routes/donbas-workers".as_ref()).unwrap();
/// let svg = routemap::render::svg(&ds, &Default::default()).unwrap();
/// assert!(svg.contains("<title>North Korean workers sent to Donbas</title>"));
/// assert!(svg.contains(">Vladivostok</text>"));
/// ```
pub fn svg(ds: &Dataset, opts: &RenderOptions) -> Result<String> {
    if opts.width_px < 200
        || opts.height_px < 150
        || opts.width_px > 20_000
        || opts.height_px > 20_000
    {
        return Err(Error::Usage(format!(
            "map size {}x{} px is out of range (200x150 to 20000x20000)",
            opts.width_px, opts.height_px
        )));
    }
    let theme = &LIGHT;
    let graph = RouteGraph::new(ds);
    let comparison = compare_with_graph(ds, &graph);
    let (w, h) = (f64::from(opts.width_px), f64::from(opts.height_px));

    // Geometry in degrees: densified legs and places.
    let arcs: Vec<Vec<LonLat>> = ds
        .legs
        .iter()
        .map(|leg| {
            let a = ds.place(&leg.from).expect("validated dataset");
            let b = ds.place(&leg.to).expect("validated dataset");
            densify(
                (a.lon_deg, a.lat_deg),
                (b.lon_deg, b.lat_deg),
                DENSIFY_STEP_M,
            )
        })
        .collect();
    let mut all_points: Vec<LonLat> = arcs.iter().flatten().copied().collect();
    all_points.extend(ds.places.iter().map(|p| (p.lon_deg, p.lat_deg)));
    let projection = Projection::fitted_lcc(&all_points)?;
    let project = |p: LonLat| projection.forward(p);
    let arcs_m: Vec<Vec<(f64, f64)>> = arcs
        .iter()
        .map(|arc| arc.iter().filter_map(|&p| project(p)).collect())
        .collect();
    let places_m: Vec<(f64, f64)> = ds
        .places
        .iter()
        .map(|p| {
            project((p.lon_deg, p.lat_deg))
                .ok_or_else(|| Error::Render(format!("cannot project {}", p.id)))
        })
        .collect::<Result<_>>()?;
    let data_box = Rect::bounding(
        arcs_m
            .iter()
            .flatten()
            .copied()
            .chain(places_m.iter().copied()),
    )
    .ok_or_else(|| Error::Render("nothing to draw".into()))?;

    // Page layout: header (title, subtitle), frame, footer (credit).
    let pad = u(size::PAD);
    let title = ds.title().to_string();
    let title_line = TextLine {
        text: title.clone(),
        x: pad,
        y: pad + u(size::TITLE) * text::CAP_HEIGHT,
        size: u(size::TITLE),
        weight: Weight::Bold,
        anchor: Anchor::Start,
    };
    let mut header_bottom = title_line.y + u(size::TITLE) * text::DESCENT;
    let mut header = vec![(title_line, theme.ink)];
    if let Some(sub) = &ds.meta.subtitle {
        let y = header_bottom + u(6.0) + u(size::SUBTITLE) * text::CAP_HEIGHT;
        header.push((
            TextLine {
                text: sub.clone(),
                x: pad,
                y,
                size: u(size::SUBTITLE),
                weight: Weight::Normal,
                anchor: Anchor::Start,
            },
            theme.muted,
        ));
        header_bottom = y + u(size::SUBTITLE) * text::DESCENT;
    }
    let frame_top = header_bottom + u(10.0);
    let credit_text = credit(ds, &projection);
    let credit_lines = text::wrap(
        &credit_text,
        u(size::CREDIT),
        Weight::Normal,
        u(w) - 2.0 * pad,
    );
    let line_h = u(size::CREDIT) * 1.3;
    let footer_h = credit_lines.len() as f64 * line_h + u(8.0);
    let frame = Rect::new(pad, frame_top, u(w) - pad, u(h) - pad - footer_h);
    let mut footer = Vec::new();
    for (i, l) in credit_lines.iter().enumerate() {
        footer.push((
            TextLine {
                text: l.clone(),
                x: pad,
                y: frame.y1 + u(8.0) + u(size::CREDIT) * text::CAP_HEIGHT + i as f64 * line_h,
                size: u(size::CREDIT),
                weight: Weight::Normal,
                anchor: Anchor::Start,
            },
            theme.muted,
        ));
    }

    // Legend content, then a fit that keeps the data clear of the legend.
    let legend = Legend::new(ds, &comparison);
    let (fit, legend_box) = fit_with_legend(&data_box, &frame, &legend, &arcs_m, &places_m);

    // Screen geometry of legs, with parallel legs offset side by side.
    let legs = screen_legs(ds, &arcs_m, &fit);

    let mut canvas = Canvas::new(opts.width_px, opts.height_px);
    canvas.group("", |area| {
        rect(area, (0.0, 0.0), (u(w), u(h)), fill(theme.page))?;
        rect(
            area,
            (frame.x0, frame.y0),
            (frame.x1, frame.y1),
            fill(theme.sea),
        )
    })?;
    draw_basemap(&mut canvas, &projection, &fit, &frame, theme)?;
    draw_legs(&mut canvas, &legs)?;

    // Markers: route ends larger.
    let mut ends = vec![false; ds.places.len()];
    for r in &ds.routes {
        let stops = ds.stops(r);
        for id in [stops[0], stops[stops.len() - 1]] {
            if let Some(i) = ds.place_index(id) {
                ends[i] = true;
            }
        }
    }
    let marker_at: Vec<Pt> = places_m.iter().map(|&m| fit.screen(m)).collect();
    let radius = |i: usize| {
        u(if ends[i] {
            size::END_MARKER
        } else {
            size::MARKER
        })
    };
    canvas.group("", |area| {
        for (i, &p) in marker_at.iter().enumerate() {
            if !frame.contains(p) {
                continue;
            }
            circle(area, p, radius(i) + u(1.4), fill(theme.ink))?;
            circle(
                area,
                p,
                radius(i),
                fill(if ends[i] { theme.ink } else { theme.halo }),
            )?;
            if ends[i] {
                circle(area, p, radius(i) * 0.45, fill(theme.halo))?;
            }
        }
        Ok(())
    })?;

    // Labels: route ends first, then busier places, then file order.
    let mut order: Vec<usize> = (0..ds.places.len())
        .filter(|&i| frame.contains(marker_at[i]))
        .collect();
    order.sort_by_key(|&i| (!ends[i], std::cmp::Reverse(graph.degree(i)), i));
    let requests: Vec<labels::Request> = order
        .iter()
        .map(|&i| labels::Request {
            text: ds.places[i].name.clone(),
            at: marker_at[i],
            radius: radius(i) + u(1.4),
            size: u(size::LABEL),
            weight: if ends[i] {
                Weight::Bold
            } else {
                Weight::Normal
            },
        })
        .collect();
    let mut obstacles: Vec<Rect> = order
        .iter()
        .map(|&i| {
            let r = radius(i) + u(1.4);
            let p = marker_at[i];
            Rect::new(p.0 - r, p.1 - r, p.0 + r, p.1 + r)
        })
        .collect();
    obstacles.push(legend_box);
    let line_points: Vec<Pt> = legs.iter().flat_map(|l| l.points.iter().copied()).collect();
    let placed = labels::place(&requests, &obstacles, &frame, &line_points, u(2.0));
    canvas.group("", |area| {
        for p in &placed {
            if let Some((a, b)) = p.leader {
                polyline(area, &[a, b], stroke(theme.ink, u(0.8)))?;
            }
        }
        Ok(())
    })?;
    let label_lines: Vec<(TextLine, Colour)> =
        placed.iter().map(|p| (p.line.clone(), theme.ink)).collect();
    canvas.text_group(&halo_attrs(theme), &label_lines);

    legend.draw(&mut canvas, &legend_box, &projection, &fit, theme)?;

    // Frame on top of everything inside it.
    canvas.group("", |area| {
        polyline(
            area,
            &[
                (frame.x0, frame.y0),
                (frame.x1, frame.y0),
                (frame.x1, frame.y1),
                (frame.x0, frame.y1),
                (frame.x0, frame.y0),
            ],
            stroke(theme.muted, u(1.0)),
        )
    })?;
    canvas.text_group("", &header);
    canvas.text_group("", &footer);

    Ok(canvas.finish(&title, &description(ds, &comparison), FONT_FAMILY))
}

fn halo_attrs(theme: &Theme) -> String {
    format!(
        "stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
        theme.halo.hex(),
        num(u(size::HALO))
    )
}

/// The credit line: the dataset's credit (or its sources' publishers), a
/// "not independently verified" warning where any source is unverified and the
/// credit does not already say so, then base map, projection and distances.
fn credit(ds: &Dataset, projection: &Projection) -> String {
    let mut parts = Vec::new();
    match &ds.meta.credit {
        Some(c) => parts.push(c.trim_end_matches('.').to_string()),
        None => {
            let publishers: Vec<&str> = ds
                .meta
                .sources
                .iter()
                .filter_map(|s| s.publisher.as_deref())
                .collect();
            if !publishers.is_empty() {
                parts.push(format!("Source: {}", publishers.join("; ")));
            }
        }
    }
    let unverified = ds.meta.sources.iter().any(|s| !s.verified);
    if unverified
        && !parts
            .iter()
            .any(|p| p.to_lowercase().contains("independently verified"))
    {
        parts.push("Not independently verified".into());
    }
    parts.push("Base map: Natural Earth".into());
    parts.push(projection.description.clone());
    parts.push("Distances: WGS84 geodesic. Made with routemap".into());
    parts.join(". ") + "."
}

/// A one-paragraph text summary of the map for `<desc>`.
fn description(ds: &Dataset, cmp: &Comparison) -> String {
    let mut s = format!(
        "Map of {} route(s) in dataset {}.",
        cmp.routes.len(),
        ds.name
    );
    for r in &cmp.routes {
        let names: Vec<&str> = r
            .stops
            .iter()
            .map(|id| ds.place(id).map_or(id.as_str(), |p| p.name.as_str()))
            .collect();
        s.push_str(&format!(
            " {}: {} ({} km; modes: {}; evidence: {}).",
            r.name,
            names.join(" to "),
            crate::export::thousands(r.distance_km),
            r.modes
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            r.evidence
                .iter()
                .map(|e| e.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let network = ds.legs.iter().filter(|l| l.route.is_none()).count();
    if network > 0 {
        s.push_str(&format!(" Also {network} network leg(s) in grey."));
    }
    s.push_str(
        " Solid lines: mode stated, reported. Dashed: mode stated, inferred. Dotted: mode not stated, reported. Dash-dot: mode not stated, inferred.",
    );
    s
}

/// Route legs in screen units. Legs joining the same two places are offset
/// side by side so each route stays visible.
fn screen_legs(ds: &Dataset, arcs_m: &[Vec<(f64, f64)>], fit: &Fit) -> Vec<DrawnLeg> {
    // Group legs by unordered place pair, in leg order.
    let mut pairs: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, leg) in ds.legs.iter().enumerate() {
        let a = ds.place_index(&leg.from).expect("validated");
        let b = ds.place_index(&leg.to).expect("validated");
        pairs.entry((a.min(b), a.max(b))).or_default().push(i);
    }
    let route_index = |name: &str| ds.routes.iter().position(|r| r.name == name);
    let mut out = Vec::with_capacity(ds.legs.len());
    for ((lo, _), members) in &pairs {
        let n = members.len();
        for (k, &i) in members.iter().enumerate() {
            let leg = &ds.legs[i];
            let screen: Vec<Pt> = arcs_m[i].iter().map(|&m| fit.screen(m)).collect();
            let mut offset = (k as f64 - (n as f64 - 1.0) / 2.0) * u(size::OFFSET);
            // Offsets are measured to the left of the lo→hi direction.
            if ds.place_index(&leg.from) != Some(*lo) {
                offset = -offset;
            }
            let points = if offset == 0.0 {
                screen
            } else {
                offset_polyline(&screen, offset)
            };
            let colour = match leg.route.as_deref().and_then(route_index) {
                Some(r) => route_colour(r),
                None => NETWORK,
            };
            out.push(DrawnLeg {
                leg: i,
                arrow_at: (k as f64 + 1.0) / (n as f64 + 1.0),
                colour,
                mode: leg.mode,
                evidence: leg.evidence,
                points,
            });
        }
    }
    // Draw network legs first, then routes in dataset order.
    out.sort_by_key(|l| (ds.legs[l.leg].route.is_some(), l.leg));
    out
}

/// Shift a polyline sideways by `d` (positive = to the left of travel, y down).
fn offset_polyline(points: &[Pt], d: f64) -> Vec<Pt> {
    let n = points.len();
    (0..n)
        .map(|i| {
            let a = points[i.saturating_sub(1)];
            let b = points[(i + 1).min(n - 1)];
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let len = (dx * dx + dy * dy).sqrt();
            if len == 0.0 {
                return points[i];
            }
            // Left normal in a y-down frame.
            (points[i].0 + dy / len * d, points[i].1 - dx / len * d)
        })
        .collect()
}

/// The point at fraction `f` of a polyline's length and the direction there.
fn point_at(points: &[Pt], f: f64) -> Option<(Pt, (f64, f64))> {
    let total: f64 = points.windows(2).map(|w| dist(w[0], w[1])).sum();
    if total == 0.0 {
        return None;
    }
    let mut acc = 0.0;
    for w in points.windows(2) {
        let l = dist(w[0], w[1]);
        if acc + l >= total * f && l > 0.0 {
            let t = (total * f - acc) / l;
            let p = (
                w[0].0 + t * (w[1].0 - w[0].0),
                w[0].1 + t * (w[1].1 - w[0].1),
            );
            return Some((p, ((w[1].0 - w[0].0) / l, (w[1].1 - w[0].1) / l)));
        }
        acc += l;
    }
    None
}

fn dist(a: Pt, b: Pt) -> f64 {
    ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt()
}

fn dash_attrs(mode: Mode, evidence: Evidence, width: f64) -> String {
    let mut s = String::from("fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
    if let Some(pattern) = dash_pattern(mode, evidence) {
        let values: Vec<String> = pattern.iter().map(|v| num(v * width)).collect();
        s.push_str(&format!(" stroke-dasharray=\"{}\"", values.join(" ")));
    }
    s
}

fn draw_legs(canvas: &mut Canvas, legs: &[DrawnLeg]) -> Result<()> {
    // White casing under every leg so lines read on land and sea alike.
    canvas.group(
        "fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\"",
        |area| {
            for l in legs {
                polyline(
                    area,
                    &l.points,
                    stroke(Colour(0xff, 0xff, 0xff), u(size::LINE + size::CASING)),
                )?;
            }
            Ok(())
        },
    )?;
    for l in legs {
        let width = u(size::LINE);
        canvas.group(&dash_attrs(l.mode, l.evidence, width), |area| {
            polyline(area, &l.points, stroke(l.colour, width))
        })?;
        draw_mode_marks(canvas, l)?;
        if let Some((p, dir)) = point_at(&l.points, l.arrow_at) {
            canvas.group("", |area| arrow(area, p, dir, l.colour))?;
        }
    }
    Ok(())
}

/// Surface-mode marks on top of a leg's line: rail ties, a road's white centre
/// line, sea dots.
fn draw_mode_marks(canvas: &mut Canvas, l: &DrawnLeg) -> Result<()> {
    let width = u(size::LINE);
    match l.mode {
        Mode::Rail => canvas.group("", |area| {
            for (p, dir) in along(&l.points, u(12.0)) {
                let n = (-dir.1 * width * 1.6, dir.0 * width * 1.6);
                polyline(
                    area,
                    &[(p.0 - n.0, p.1 - n.1), (p.0 + n.0, p.1 + n.1)],
                    stroke(l.colour, u(1.2)),
                )?;
            }
            Ok(())
        }),
        Mode::Road => canvas.group(&dash_attrs(l.mode, l.evidence, width), |area| {
            polyline(
                area,
                &l.points,
                stroke(Colour(0xff, 0xff, 0xff), width * 0.35),
            )
        }),
        Mode::Sea => canvas.group("", |area| {
            for (p, _) in along(&l.points, u(9.0)) {
                circle(area, p, width * 0.22, fill(Colour(0xff, 0xff, 0xff)))?;
            }
            Ok(())
        }),
        Mode::Air | Mode::Unknown => Ok(()),
    }
}

/// Points every `step` units along a polyline, with the direction there.
fn along(points: &[Pt], step: f64) -> Vec<(Pt, (f64, f64))> {
    let mut out = Vec::new();
    let mut next = step / 2.0;
    let mut acc = 0.0;
    for w in points.windows(2) {
        let l = dist(w[0], w[1]);
        if l == 0.0 {
            continue;
        }
        let dir = ((w[1].0 - w[0].0) / l, (w[1].1 - w[0].1) / l);
        while next <= acc + l {
            let t = next - acc;
            out.push(((w[0].0 + dir.0 * t, w[0].1 + dir.1 * t), dir));
            next += step;
        }
        acc += l;
    }
    out
}

fn arrow(area: &Area<'_>, p: Pt, dir: (f64, f64), colour: Colour) -> Result<()> {
    let len = u(size::ARROW);
    let half = len * 0.42;
    let tip = (p.0 + dir.0 * len / 2.0, p.1 + dir.1 * len / 2.0);
    let back = (p.0 - dir.0 * len / 2.0, p.1 - dir.1 * len / 2.0);
    let n = (-dir.1 * half, dir.0 * half);
    let tri = [
        tip,
        (back.0 + n.0, back.1 + n.1),
        (back.0 - n.0, back.1 - n.1),
    ];
    // A white rim keeps the arrow legible over the line's dashes.
    let grow = u(1.0);
    let rim = [
        (tip.0 + dir.0 * grow * 1.6, tip.1 + dir.1 * grow * 1.6),
        (
            back.0 + n.0 * 1.3 - dir.0 * grow,
            back.1 + n.1 * 1.3 - dir.1 * grow,
        ),
        (
            back.0 - n.0 * 1.3 - dir.0 * grow,
            back.1 - n.1 * 1.3 - dir.1 * grow,
        ),
    ];
    polygon(area, &rim, fill(Colour(0xff, 0xff, 0xff)))?;
    polygon(area, &tri, fill(colour))
}

/// The longitude/latitude window that holds everything the frame shows.
fn geographic_window(projection: &Projection, fit: &Fit, frame: &Rect) -> Rect {
    let mut pts: Vec<LonLat> = Vec::new();
    let steps = 60;
    for i in 0..=steps {
        let t = f64::from(i) / f64::from(steps);
        for p in [
            (frame.x0 + t * frame.width(), frame.y0),
            (frame.x0 + t * frame.width(), frame.y1),
            (frame.x0, frame.y0 + t * frame.height()),
            (frame.x1, frame.y0 + t * frame.height()),
        ] {
            if let Some(ll) = projection.inverse(fit.metres(p)) {
                pts.push(ll);
            }
        }
    }
    let lon0 = projection.lon0_deg;
    let mut window = Rect::bounding(pts)
        .unwrap_or(Rect::new(lon0 - 180.0, -90.0, lon0 + 180.0, 90.0))
        .inflate(3.0);
    for pole in [90.0, -90.0] {
        if let Some(m) = projection.forward((lon0, pole))
            && frame.contains(fit.screen(m))
        {
            window = Rect::new(
                lon0 - 180.0,
                window.y0.min(pole),
                lon0 + 180.0,
                window.y1.max(pole),
            );
        }
    }
    Rect::new(
        window.x0.max(lon0 - 179.9),
        window.y0.max(-90.0),
        window.x1.min(lon0 + 179.9),
        window.y1.min(90.0),
    )
}

/// Insert points so no segment is longer than `max_deg` degrees (window edges
/// are long straight lines in degrees but curves once projected).
fn densify_degrees(ring: &[LonLat], max_deg: f64, closed: bool) -> Vec<LonLat> {
    let n = ring.len();
    let mut out = Vec::with_capacity(n);
    let segs = if closed { n } else { n.saturating_sub(1) };
    for i in 0..segs {
        let a = ring[i];
        let b = ring[(i + 1) % n];
        out.push(a);
        let d = (b.0 - a.0).abs().max((b.1 - a.1).abs());
        if d > max_deg {
            let k = (d / max_deg).ceil() as usize;
            for j in 1..k {
                let t = j as f64 / k as f64;
                out.push((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)));
            }
        }
    }
    if !closed && let Some(&last) = ring.last() {
        out.push(last);
    }
    out
}

fn draw_basemap(
    canvas: &mut Canvas,
    projection: &Projection,
    fit: &Fit,
    frame: &Rect,
    theme: &Theme,
) -> Result<()> {
    let ground_km = frame.width() / fit.scale / 1000.0;
    let res = Resolution::for_scale(ground_km, frame.width() / SCALE);
    let base = BaseMap::embedded(res)?;
    let window = geographic_window(projection, fit, frame);
    let lon0 = projection.lon0_deg;
    let tolerance = u(0.35);
    let to_screen = |ring: &[LonLat]| -> Vec<Pt> {
        ring.iter()
            .filter_map(|&p| projection.forward(p))
            .map(|m| fit.screen(m))
            .collect()
    };
    let screen_ring = |ring: &[LonLat]| -> Vec<Vec<Pt>> {
        let (unwrapped, _) = unwrap_ring(ring, lon0);
        clip_ring_to_window(&unwrapped, &window)
            .into_iter()
            .filter_map(|piece| {
                let s = to_screen(&densify_degrees(&piece, 1.0, true));
                let c = clip_ring(&s, frame);
                let c = simplify(&c, tolerance);
                (c.len() >= 3).then_some(c)
            })
            .collect()
    };
    let screen_line = |line: &[LonLat]| -> Vec<Vec<Pt>> {
        let mut l = line.to_vec();
        if let Some(first) = l.first_mut() {
            first.0 = lon0 + (first.0 - lon0 + 180.0).rem_euclid(360.0) - 180.0;
        }
        crate::map::geodesic::unwrap_longitudes(&mut l);
        clip_line_to_window(&l, &window)
            .into_iter()
            .flat_map(|piece| {
                clip_polyline(&to_screen(&densify_degrees(&piece, 1.0, false)), frame)
            })
            .map(|p| simplify(&p, tolerance))
            .collect()
    };

    let mut holes: Vec<Vec<Pt>> = Vec::new();
    let mut coasts: Vec<Vec<Pt>> = Vec::new();
    canvas.group("", |area| {
        for p in &base.land {
            for ring in screen_ring(&p.outer) {
                polygon(area, &ring, fill(theme.land))?;
            }
            for hole in &p.holes {
                holes.extend(screen_ring(hole));
            }
        }
        for hole in &holes {
            polygon(area, hole, fill(theme.sea))?;
        }
        Ok(())
    })?;
    // Graticule over the land fill, under coasts, borders and routes.
    let step = graticule_step(&window);
    canvas.group("fill=\"none\"", |area| {
        for line in graticule(&window, step) {
            for piece in screen_line(&line) {
                polyline(area, &piece, stroke(theme.graticule, u(0.6)))?;
            }
        }
        Ok(())
    })?;

    for p in &base.land {
        for ring in std::iter::once(&p.outer).chain(&p.holes) {
            let mut closed = ring.clone();
            if let Some(&f) = ring.first() {
                closed.push(f);
            }
            // Closing edges of polar rings run along ±180° and are not coast.
            let (_, polar) = unwrap_ring(ring, lon0);
            if polar {
                closed.pop();
            }
            coasts.extend(screen_line(&closed));
        }
    }
    canvas.group("fill=\"none\" stroke-linejoin=\"round\"", |area| {
        for c in &coasts {
            polyline(area, c, stroke(theme.coast, u(0.6)))?;
        }
        for b in &base.borders {
            for piece in screen_line(b) {
                polyline(area, &piece, stroke(theme.border, u(0.7)))?;
            }
        }
        Ok(())
    })
}

fn graticule_step(window: &Rect) -> f64 {
    let span = window.width().max(window.height());
    if span > 90.0 {
        10.0
    } else if span > 40.0 {
        5.0
    } else if span > 15.0 {
        2.0
    } else {
        1.0
    }
}

fn graticule(window: &Rect, step: f64) -> Vec<Vec<LonLat>> {
    let mut lines = Vec::new();
    let lat_lo = (window.y0 / step).floor() * step;
    let lat_hi = (window.y1 / step).ceil() * step;
    let lat_lo_m = lat_lo.max(-80.0);
    let lat_hi_m = lat_hi.min(80.0);
    let mut lon = (window.x0 / step).floor() * step;
    while lon <= window.x1 {
        let n = ((lat_hi_m - lat_lo_m) / 0.5).ceil().max(1.0) as usize;
        lines.push(
            (0..=n)
                .map(|i| (lon, lat_lo_m + (lat_hi_m - lat_lo_m) * i as f64 / n as f64))
                .collect(),
        );
        lon += step;
    }
    let mut lat = lat_lo.max(-80.0);
    while lat <= lat_hi.min(80.0) {
        let n = ((window.x1 - window.x0) / 0.5).ceil().max(1.0) as usize;
        lines.push(
            (0..=n)
                .map(|i| {
                    (
                        window.x0 + (window.x1 - window.x0) * i as f64 / n as f64,
                        lat,
                    )
                })
                .collect(),
        );
        lat += step;
    }
    lines
}

/// The legend: one row per route (colour, name, km), then one row per leg style
/// in use, then the scale bar.
struct Legend {
    routes: Vec<(Colour, String)>,
    network: bool,
    styles: Vec<(Mode, Evidence)>,
    width: f64,
    height: f64,
}

const SWATCH: f64 = 34.0;
const ROW: f64 = 19.0;
const INSET: f64 = 10.0;
const SCALE_ROWS: f64 = 2.4;

impl Legend {
    fn new(ds: &Dataset, cmp: &Comparison) -> Self {
        let routes: Vec<(Colour, String)> = cmp
            .routes
            .iter()
            .enumerate()
            .map(|(i, r)| {
                (
                    route_colour(i),
                    format!("{}: {} km", r.name, crate::export::thousands(r.distance_km)),
                )
            })
            .collect();
        let network = ds.legs.iter().any(|l| l.route.is_none());
        let mut styles: Vec<(Mode, Evidence)> =
            ds.legs.iter().map(|l| (l.mode, l.evidence)).collect();
        styles.sort();
        styles.dedup();
        let text_w = routes
            .iter()
            .map(|(_, t)| t.as_str())
            .chain(styles.iter().map(|_| "Mode not stated, reported"))
            .chain(network.then_some("Network legs"))
            .map(|t| text::width(t, size::LEGEND, Weight::Normal))
            .fold(0.0, f64::max);
        let scale_w = text::width(
            "10,000 km, true along 88.8°N and 88.8°N",
            size::LEGEND - 1.0,
            Weight::Normal,
        );
        let text_w = text_w.max(scale_w - SWATCH - 8.0);
        let rows = routes.len() as f64 + f64::from(u8::from(network)) + styles.len() as f64;
        let width = (INSET * 2.0 + SWATCH + 8.0 + text_w).max(230.0);
        let height = INSET * 2.0 + rows * ROW + 8.0 + SCALE_ROWS * ROW;
        Legend {
            routes,
            network,
            styles,
            width: u(width),
            height: u(height),
        }
    }

    fn draw(
        &self,
        canvas: &mut Canvas,
        b: &Rect,
        projection: &Projection,
        fit: &Fit,
        theme: &Theme,
    ) -> Result<()> {
        canvas.group("", |area| {
            rect(area, (b.x0, b.y0), (b.x1, b.y1), fill(theme.page))?;
            rect(
                area,
                (b.x0, b.y0),
                (b.x1, b.y1),
                stroke(Colour(0xbb, 0xbb, 0xbb), u(1.0)),
            )
        })?;
        let x_sw = b.x0 + u(INSET);
        let x_text = x_sw + u(SWATCH + 8.0);
        let mut y = b.y0 + u(INSET) + u(ROW) / 2.0;
        let mut texts: Vec<(TextLine, Colour)> = Vec::new();
        let row_text = |text: &str, y: f64| TextLine {
            text: text.to_string(),
            x: x_text,
            y: y + (text::CAP_HEIGHT - text::DESCENT) / 2.0 * u(size::LEGEND),
            size: u(size::LEGEND),
            weight: Weight::Normal,
            anchor: Anchor::Start,
        };
        let width = u(size::LINE);
        for (colour, label) in &self.routes {
            let yy = y;
            canvas.group("fill=\"none\" stroke-linecap=\"round\"", |area| {
                polyline(
                    area,
                    &[(x_sw, yy), (x_sw + u(SWATCH), yy)],
                    stroke(*colour, width),
                )
            })?;
            texts.push((row_text(label, y), theme.ink));
            y += u(ROW);
        }
        if self.network {
            let yy = y;
            canvas.group("fill=\"none\" stroke-linecap=\"round\"", |area| {
                polyline(
                    area,
                    &[(x_sw, yy), (x_sw + u(SWATCH), yy)],
                    stroke(NETWORK, width),
                )
            })?;
            texts.push((row_text("Network legs", y), theme.ink));
            y += u(ROW);
        }
        y += u(4.0);
        for &(mode, evidence) in &self.styles {
            let line = DrawnLeg {
                leg: 0,
                arrow_at: 0.5,
                colour: theme.ink,
                mode,
                evidence,
                points: vec![(x_sw, y), (x_sw + u(SWATCH), y)],
            };
            canvas.group(&dash_attrs(mode, evidence, width), |area| {
                polyline(area, &line.points, stroke(theme.ink, width))
            })?;
            draw_mode_marks(canvas, &line)?;
            texts.push((row_text(&style_label(mode, evidence), y), theme.ink));
            y += u(ROW);
        }
        // Scale bar, honest for a conic: true along the standard parallels.
        y += u(4.0);
        let max_px = b.width() - 2.0 * u(INSET);
        let metres_per_unit = 1.0 / fit.scale;
        let max_km = max_px * metres_per_unit / 1000.0;
        let bar_km = nice_below(max_km * 0.8);
        let bar = bar_km * 1000.0 * fit.scale;
        let yb = y + u(2.0);
        canvas.group("", |area| {
            rect(
                area,
                (x_sw, yb),
                (x_sw + bar / 2.0, yb + u(4.0)),
                fill(theme.ink),
            )?;
            rect(
                area,
                (x_sw + bar / 2.0, yb),
                (x_sw + bar, yb + u(4.0)),
                fill(theme.page),
            )?;
            rect(
                area,
                (x_sw, yb),
                (x_sw + bar, yb + u(4.0)),
                stroke(theme.ink, u(0.8)),
            )
        })?;
        let lats: Vec<String> = projection
            .true_scale_lats_deg
            .iter()
            .map(|&l| fmt_lat(l))
            .collect();
        let label = format!(
            "{} km, true along {}",
            crate::export::thousands(bar_km),
            lats.join(" and ")
        );
        texts.push((
            TextLine {
                text: label,
                x: x_sw,
                y: yb + u(4.0) + u(6.0) + u(size::LEGEND - 1.0) * text::CAP_HEIGHT,
                size: u(size::LEGEND - 1.0),
                weight: Weight::Normal,
                anchor: Anchor::Start,
            },
            theme.muted,
        ));
        canvas.text_group("", &texts);
        Ok(())
    }
}

/// The largest 1, 2 or 5 × 10ⁿ not above `v`.
fn nice_below(v: f64) -> f64 {
    if v <= 0.0 {
        return 0.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&c| c <= v)
        .unwrap_or(p)
}

/// Fit the data into the frame with the legend in the corner that overlaps it
/// least; if every corner overlaps, shrink the data's region beside or above the
/// legend, keeping the largest scale that leaves the legend clear.
fn fit_with_legend(
    data: &Rect,
    frame: &Rect,
    legend: &Legend,
    arcs_m: &[Vec<(f64, f64)>],
    places_m: &[(f64, f64)],
) -> (Fit, Rect) {
    let margin = u(28.0);
    let inset = u(10.0);
    let corners = [
        Rect::new(
            frame.x0 + inset,
            frame.y1 - inset - legend.height,
            frame.x0 + inset + legend.width,
            frame.y1 - inset,
        ),
        Rect::new(
            frame.x1 - inset - legend.width,
            frame.y1 - inset - legend.height,
            frame.x1 - inset,
            frame.y1 - inset,
        ),
        Rect::new(
            frame.x0 + inset,
            frame.y0 + inset,
            frame.x0 + inset + legend.width,
            frame.y0 + inset + legend.height,
        ),
        Rect::new(
            frame.x1 - inset - legend.width,
            frame.y0 + inset,
            frame.x1 - inset,
            frame.y0 + inset + legend.height,
        ),
    ];
    let overlap = |fit: &Fit, b: &Rect| -> usize {
        let grown = b.inflate(u(6.0));
        let on_lines = arcs_m
            .iter()
            .flatten()
            .filter(|&&m| grown.contains(fit.screen(m)))
            .count();
        // Places need room for their labels too.
        let label_room = grown.inflate(u(40.0));
        let on_places = places_m
            .iter()
            .filter(|&&m| label_room.contains(fit.screen(m)))
            .count();
        on_lines + 50 * on_places
    };
    let full = Fit::new(data, frame, margin);
    let mut best: Option<(usize, f64, Fit, Rect)> = None;
    let mut consider = |fit: Fit, b: Rect| {
        let o = overlap(&fit, &b);
        let better = match &best {
            None => true,
            Some((bo, bs, _, _)) => o < *bo || (o == *bo && fit.scale > *bs * 1.0001),
        };
        if better {
            best = Some((o, fit.scale, fit, b));
        }
    };
    for b in corners {
        consider(full, b);
    }
    let full_overlaps = corners.iter().all(|b| overlap(&full, b) > 0);
    if full_overlaps {
        for (i, b) in corners.iter().enumerate() {
            let left = i % 2 == 0;
            let bottom = i < 2;
            let beside = if left {
                Rect::new(b.x1, frame.y0, frame.x1, frame.y1)
            } else {
                Rect::new(frame.x0, frame.y0, b.x0, frame.y1)
            };
            let above = if bottom {
                Rect::new(frame.x0, frame.y0, frame.x1, b.y0)
            } else {
                Rect::new(frame.x0, b.y1, frame.x1, frame.y1)
            };
            for region in [beside, above] {
                if region.width() > 4.0 * margin && region.height() > 4.0 * margin {
                    consider(Fit::new(data, &region, margin), *b);
                }
            }
        }
    }
    let (_, _, fit, b) = best.expect("four corners considered");
    (fit, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_numbers() {
        assert_eq!(nice_below(1234.0), 1000.0);
        assert_eq!(nice_below(2600.0), 2000.0);
        assert_eq!(nice_below(720.0), 500.0);
    }

    #[test]
    fn offset_moves_a_horizontal_line_up_for_positive_offsets() {
        let out = offset_polyline(&[(0.0, 0.0), (10.0, 0.0)], 2.0);
        assert_eq!(out, vec![(0.0, -2.0), (10.0, -2.0)]);
    }

    #[test]
    fn points_along_a_line_are_evenly_spaced() {
        let pts = along(&[(0.0, 0.0), (100.0, 0.0)], 20.0);
        let xs: Vec<f64> = pts.iter().map(|(p, _)| p.0).collect();
        assert_eq!(xs, vec![10.0, 30.0, 50.0, 70.0, 90.0]);
    }
}
