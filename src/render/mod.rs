//! The map: projection fitted to the data, Natural Earth base map, geodesic legs
//! styled by route, mode and evidence, markers, labels, legend, scale, title and
//! credit, written as an SVG document. This module is the only one that knows
//! Plotters.

mod basemap;
mod canvas;
pub mod labels;
mod legend;
mod legs;
pub mod network;
mod overlay;
pub mod page;
pub mod style;
pub mod text;

use basemap::draw_basemap;
use canvas::{Canvas, Pt, SCALE, circle, fill, polyline, rect, stroke};
use legend::{Legend, LegendEntry, fit_with_legend};
use legs::{Strand, draw_legs, screen_legs};
use network::{NetworkClasses, NetworkStyle};
use style::{Colour, Theme, ThemeName};
use text::{Anchor, FONT_FAMILY, TextLine, Weight, num};

use crate::analyze::Comparison;
use crate::analyze::paths::Metric;
use crate::error::{Error, Result};
use crate::graph::RouteGraph;
use crate::map::LonLat;
use crate::map::clip::Rect;
use crate::map::geodesic::{DENSIFY_STEP_M, densify, densify_by_latitude};
use crate::map::projection::{Choice, Extent, Projection};
use crate::model::Dataset;

/// Options for [`svg`].
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Output size.
    pub size: page::Size,
    /// Alternative paths to draw instead of the dataset's routes, if any.
    pub alternatives: Option<Alternatives>,
    /// Which projection (`auto` picks from the extent; see [`Projection::choose`]).
    pub projection: Choice,
    /// Centre (LAT, LON in **degrees**) for projections that have one.
    pub center: Option<(f64, f64)>,
    /// Show this longitude/latitude box instead of fitting the data.
    pub extent: Option<Extent>,
    /// Draw the graticule (with labels at the frame).
    pub graticule: bool,
    /// Draw a north arrow.
    pub north_arrow: bool,
    /// Colour theme.
    pub theme: ThemeName,
    /// GeoJSON overlays, drawn over the base map in order.
    pub overlays: Vec<crate::model::Overlay>,
    /// How legs on no route are drawn (see [`network`]).
    pub network: network::NetworkStyle,
}

pub use crate::analyze::paths::Alternatives;
pub use crate::text::escape_xml;

/// Above this many legs, legs that are on no drawn path are left out when
/// alternatives are drawn (they would bury the paths).
pub const MAX_CONTEXT_LEGS: usize = 2000;

/// A map draws at most this many lines (legs, or place pairs of a network
/// map): each becomes a densified geodesic, and far more would exhaust memory
/// (one million legs drawn one by one took over 20 GB) and make an SVG no one
/// can open. Bigger networks are for `check`, `compare`, `paths`.
pub const MAX_DRAWN_LEGS: usize = 50_000;

/// At most this many place names are written; the rest keep their markers.
pub const MAX_LABELS: usize = 60;

impl Default for RenderOptions {
    /// 1200 × 800 px.
    fn default() -> Self {
        RenderOptions {
            size: page::Size::default(),
            alternatives: None,
            projection: Choice::Auto,
            center: None,
            extent: None,
            graticule: true,
            north_arrow: false,
            theme: ThemeName::Light,
            overlays: Vec::new(),
            network: network::NetworkStyle::Auto,
        }
    }
}

/// Sizes in output pixels (multiplied by [`SCALE`] when drawn).
pub(crate) mod size {
    pub const PAD: f64 = 16.0;
    pub const TITLE: f64 = 22.0;
    pub const SUBTITLE: f64 = 14.0;
    pub const CREDIT: f64 = 10.5;
    pub const LABEL: f64 = 13.0;
    pub const LEGEND: f64 = 12.0;
    pub const LINE: f64 = 2.6;
    pub const NETWORK_LINE: f64 = 1.4;
    pub const CASING: f64 = 2.2;
    pub const OFFSET: f64 = 4.2;
    pub const MARKER: f64 = 4.0;
    pub const END_MARKER: f64 = 5.5;
    pub const HALO: f64 = 3.0;
    pub const GRATICULE: f64 = 9.5;
    pub const ARROW: f64 = 9.0;
}

pub(crate) fn u(px: f64) -> f64 {
    px * SCALE
}

/// Screen transform: projected metres → drawing units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fit {
    /// Drawing units per projected metre.
    scale: f64,
    /// Projected point shown at `screen_centre`.
    centre: (f64, f64),
    screen_centre: Pt,
}

impl Fit {
    pub(crate) fn screen(self, m: (f64, f64)) -> Pt {
        (
            self.screen_centre.0 + (m.0 - self.centre.0) * self.scale,
            self.screen_centre.1 - (m.1 - self.centre.1) * self.scale,
        )
    }

    pub(crate) fn metres(self, p: Pt) -> (f64, f64) {
        (
            self.centre.0 + (p.0 - self.screen_centre.0) / self.scale,
            self.centre.1 - (p.1 - self.screen_centre.1) / self.scale,
        )
    }

    /// Fit a box of projected metres into a screen region with a margin.
    pub(crate) fn new(data: &Rect, region: &Rect, margin: f64) -> Fit {
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
/// let graph = routemap::graph::RouteGraph::new(&ds);
/// let cmp = routemap::analyze::compare_with_graph(&ds, &graph);
/// let svg = routemap::render::svg(&ds, &graph, &cmp, &Default::default()).unwrap();
/// assert!(svg.contains("<title>North Korean workers sent to Donbas</title>"));
/// assert!(svg.contains(">Vladivostok</text>"));
/// ```
pub fn svg(
    ds: &Dataset,
    graph: &RouteGraph,
    comparison: &Comparison,
    opts: &RenderOptions,
) -> Result<String> {
    let page::Size {
        width_px,
        height_px,
    } = opts.size;
    page::Size::new(width_px, height_px).map_err(Error::Usage)?;
    let theme = opts.theme.theme();
    // Text and lines are designed for a 1200 px wide map; other sizes draw on a
    // design canvas of the same proportions, scaled by `k` to the output, so
    // type stays legible from an 84 mm column (k = 0.75) to a slide (k ≤ 1.6).
    let k = text_scale(width_px);
    let (w, h) = (f64::from(width_px) / k, f64::from(height_px) / k);

    // Legs on no route, drawn as a whole network in classes (see `network`)
    // or each on its own.
    let loose: Vec<usize> = match opts.alternatives {
        None => (0..ds.legs.len())
            .filter(|&i| ds.legs[i].route.is_none())
            .collect(),
        Some(_) => Vec::new(),
    };
    let net = match opts.network {
        NetworkStyle::Legs => None,
        NetworkStyle::Classes => Some(&loose).filter(|l| !l.is_empty()),
        NetworkStyle::Auto => Some(&loose).filter(|l| l.len() > network::AUTO_LEGS),
    }
    .map(|legs| NetworkClasses::new(ds, legs));

    // What to draw: strands of legs, each with a legend entry or none.
    let (strands, mut entries) = strands(
        ds,
        comparison,
        opts.alternatives.as_ref(),
        net.is_none(),
        theme,
    );
    let mut drawn = vec![false; ds.legs.len()];
    for s in &strands {
        for &(l, _) in &s.legs {
            drawn[l] = true;
        }
    }
    let mut shown = vec![false; ds.places.len()];
    for (i, leg) in ds.legs.iter().enumerate() {
        if drawn[i] {
            for id in [&leg.from, &leg.to] {
                shown[ds.place_index(id).expect("validated dataset")] = true;
            }
        }
    }
    if opts.alternatives.is_none() {
        // Without alternatives every place is shown, even one with no legs;
        // on a network map, only the hubs among places on network legs.
        let mut on_network = vec![false; ds.places.len()];
        if let Some(net) = &net {
            for p in &net.pairs {
                on_network[p.a] = true;
                on_network[p.b] = true;
            }
            for &h in &net.hubs {
                on_network[h] = false;
            }
        }
        for (s, on) in shown.iter_mut().zip(on_network) {
            *s |= !on;
        }
    }

    let n_drawn = drawn.iter().filter(|d| **d).count();
    let n_pairs = net.as_ref().map_or(0, |n| n.pairs.len());
    if n_drawn + n_pairs > MAX_DRAWN_LEGS {
        let what = match (n_pairs, n_drawn) {
            (0, _) => format!("{n_drawn} legs"),
            (_, 0) => format!("{n_pairs} place pairs (of {} legs)", loose.len()),
            _ => format!(
                "{} lines ({n_pairs} place pairs of {} network legs, and {n_drawn} legs of routes)",
                n_drawn + n_pairs,
                loose.len()
            ),
        };
        return Err(Error::Usage(format!(
            "{}: {what} to draw; a map draws at most {MAX_DRAWN_LEGS} (use --paths, or check, compare and paths for a network this big)",
            ds.name
        )));
    }

    // Geometry in degrees, then projected: densified legs and places.
    let arcs: Vec<Vec<LonLat>> = ds
        .legs
        .iter()
        .enumerate()
        .map(|(i, leg)| {
            if !drawn[i] {
                return Vec::new();
            }
            let a = ds.place(&leg.from).expect("validated dataset");
            let b = ds.place(&leg.to).expect("validated dataset");
            densify(
                (a.lon_deg, a.lat_deg),
                (b.lon_deg, b.lat_deg),
                DENSIFY_STEP_M,
            )
        })
        .collect();
    let net_arcs: Vec<Vec<LonLat>> = net.as_ref().map_or_else(Vec::new, |net| {
        let step = network::step_m(ds, net, opts.extent.as_ref(), width_px);
        crate::par::map(&net.pairs, |p| {
            let (a, b) = (&ds.places[p.a], &ds.places[p.b]);
            densify_by_latitude((a.lon_deg, a.lat_deg), (b.lon_deg, b.lat_deg), step)
        })
    });
    let mut all_points: Vec<LonLat> = arcs.iter().chain(&net_arcs).flatten().copied().collect();
    all_points.extend(
        ds.places
            .iter()
            .zip(&shown)
            .filter(|(_, s)| **s)
            .map(|(p, _)| (p.lon_deg, p.lat_deg)),
    );
    let extent_outline = opts.extent.map(|e| e.outline());
    let fit_points = extent_outline.as_deref().unwrap_or(&all_points);
    // An explicit extent is centred on its own middle unless a centre is given.
    let center = opts.center.or_else(|| {
        opts.extent.map(|e| {
            let east = if e.east < e.west {
                e.east + 360.0
            } else {
                e.east
            };
            let lon = (e.west + east) / 2.0;
            (
                (e.south + e.north) / 2.0,
                if lon > 180.0 { lon - 360.0 } else { lon },
            )
        })
    });
    let projection = Projection::choose(opts.projection, fit_points, center)?;
    let arcs_m: Vec<Vec<Vec<(f64, f64)>>> = arcs
        .iter()
        .map(|arc| project_line(&projection, arc))
        .collect();
    let net_arcs_m: Vec<Vec<Vec<(f64, f64)>>> =
        crate::par::map(&net_arcs, |arc| project_line(&projection, arc));
    drop(net_arcs);
    let places_m: Vec<Option<(f64, f64)>> = ds
        .places
        .iter()
        .zip(&shown)
        .map(|(p, s)| {
            if *s {
                projection.forward((p.lon_deg, p.lat_deg))
            } else {
                None
            }
        })
        .collect();
    let data_box = match &extent_outline {
        Some(outline) => Rect::bounding(outline.iter().filter_map(|&p| projection.forward(p))),
        None => Rect::bounding(
            arcs_m
                .iter()
                .chain(&net_arcs_m)
                .flatten()
                .flatten()
                .copied()
                .chain(places_m.iter().flatten().copied()),
        ),
    }
    // Nothing of the data is visible (the far side of a globe): show the whole globe.
    .or_else(|| {
        Rect::bounding(
            projection
                .outline()
                .into_iter()
                .filter_map(|p| projection.forward(p)),
        )
    })
    .ok_or_else(|| Error::Render("nothing to draw: no place or leg can be projected".into()))?;

    // Page layout: header (title, subtitle), frame, footer (credit).
    let pad = u(size::PAD);
    let title = match &opts.alternatives {
        Some(a) if !a.paths.is_empty() => {
            let p = &a.paths[0];
            format!(
                "{}: paths from {} to {}",
                ds.title(),
                ds.places[p.stops[0]].name,
                ds.places[p.stops[p.stops.len() - 1]].name
            )
        }
        _ => ds.title().to_string(),
    };
    // Title and subtitle wrap to the page width.
    let mut header: Vec<(TextLine, Colour)> = Vec::new();
    let mut header_bottom = pad;
    let subtitle = match &opts.alternatives {
        Some(a) => Some(format!(
            "The {} best loopless paths by {} over the dataset's legs",
            a.paths.len(),
            a.by.as_str()
        )),
        None => ds.meta.subtitle.clone(),
    };
    for (text_s, size_px, weight, colour, gap) in [
        (
            Some(title.clone()),
            size::TITLE,
            Weight::Bold,
            theme.ink,
            0.0,
        ),
        (subtitle, size::SUBTITLE, Weight::Normal, theme.muted, 6.0),
    ] {
        let Some(text_s) = text_s else { continue };
        let size_u = u(size_px);
        for (i, line) in text::wrap(&text_s, size_u, weight, u(w) - 2.0 * pad)
            .into_iter()
            .enumerate()
        {
            let y = header_bottom
                + if i == 0 { u(gap) } else { size_u * 0.2 }
                + size_u * text::CAP_HEIGHT;
            header.push((
                TextLine {
                    text: line,
                    x: pad,
                    y,
                    size: size_u,
                    weight,
                    anchor: Anchor::Start,
                },
                colour,
            ));
            header_bottom = y + size_u * text::DESCENT;
        }
    }
    let frame_top = header_bottom + u(10.0);
    let credit_text = crate::caption::credit(ds, Some(&projection.description));
    let credit_lines = text::wrap(
        &credit_text,
        u(size::CREDIT),
        Weight::Normal,
        u(w) - 2.0 * pad,
    );
    let line_h = u(size::CREDIT) * 1.3;
    let footer_h = credit_lines.len() as f64 * line_h + u(8.0);
    let footer_top = u(h) - pad - footer_h;
    let mut frame = Rect::new(pad, frame_top, u(w) - pad, footer_top);
    let footer: Vec<(TextLine, Colour)> = credit_lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                TextLine {
                    text: l.clone(),
                    x: pad,
                    y: footer_top + u(8.0) + u(size::CREDIT) * text::CAP_HEIGHT + i as f64 * line_h,
                    size: u(size::CREDIT),
                    weight: Weight::Normal,
                    anchor: Anchor::Start,
                },
                theme.muted,
            )
        })
        .collect();

    // Legend content, then a fit that keeps the data clear of the legend.
    let mut styles: Vec<_> = (0..ds.legs.len())
        .filter(|&i| drawn[i])
        .map(|i| (ds.legs[i].mode, ds.legs[i].evidence))
        .collect();
    styles.sort();
    styles.dedup();
    // A flow map when any drawn leg of a route or the network has a count.
    let flow = opts
        .alternatives
        .is_none()
        .then(|| {
            (0..ds.legs.len())
                .filter(|&i| drawn[i])
                .filter_map(|i| ds.legs[i].count)
                .max()
        })
        .flatten()
        .map(|max_count| legs::Flow { max_count });
    if let Some(f) = flow {
        entries.extend(flow_entries(f, ds, &drawn, theme));
    }
    if let Some(net) = &net {
        entries.splice(0..0, net.legend_entries(theme));
    }
    entries.extend(overlay::legend_entries(&opts.overlays, theme));
    let legend = Legend::new(entries, styles, projection.scale_note.clone());
    let shown_m: Vec<(f64, f64)> = places_m.iter().flatten().copied().collect();
    // Network lines count for the legend's corner too, sampled: they are many.
    let flat_arcs: Vec<Vec<(f64, f64)>> = arcs_m
        .iter()
        .map(|pieces| pieces.concat())
        .chain(
            net_arcs_m
                .iter()
                .map(|pieces| pieces.iter().flatten().step_by(4).copied().collect()),
        )
        .collect();
    // On a narrow map the legend would hide too much: it goes under the frame.
    let legend_outside = frame.width() < u(640.0);
    let legend = match legend_outside {
        // Two columns if they fit under the frame, else one.
        true => Some(legend.clone().two_columns())
            .filter(|two| two.width <= frame.width())
            .unwrap_or(legend),
        false => legend,
    };
    if legend_outside {
        frame.y1 -= legend.height + u(8.0);
    }
    let (fit, legend_box) = if legend_outside {
        let b = Rect::new(
            frame.x0,
            frame.y1 + u(8.0),
            frame.x0 + legend.width,
            frame.y1 + u(8.0) + legend.height,
        );
        (legend::fit_outside(&data_box, &frame), b)
    } else {
        fit_with_legend(
            &data_box,
            &frame,
            &legend,
            if opts.extent.is_some() {
                &[]
            } else {
                &flat_arcs
            },
            if opts.extent.is_some() { &[] } else { &shown_m },
            opts.extent.is_some(),
        )
    };

    // Screen geometry of legs, with parallel legs offset side by side.
    let leg_km: Vec<f64> = (0..ds.legs.len())
        .map(|i| graph.leg_distance_m(i) / 1000.0)
        .collect();
    let legs = screen_legs(ds, &strands, &arcs_m, &fit, &leg_km, flow, theme.halo);

    let mut canvas = Canvas::new(width_px, height_px, (w, h));
    canvas.group("", |area| {
        rect(area, (0.0, 0.0), (u(w), u(h)), fill(theme.page))
    })?;
    let view = basemap::View::new(&projection, &fit, &frame);
    let graticule_ends = draw_basemap(&mut canvas, &view, theme, opts.graticule)?;
    let point_labels = overlay::draw_overlays(&mut canvas, &view, &opts.overlays, theme)?;
    if let Some(net) = &net {
        net.draw(&mut canvas, &net_arcs_m, &fit, &frame, theme, k);
    }
    draw_legs(&mut canvas, &legs)?;

    // Markers: ends of the drawn routes or paths larger.
    let mut ends = vec![false; ds.places.len()];
    match &opts.alternatives {
        Some(a) => {
            for p in &a.paths {
                ends[p.stops[0]] = true;
                ends[p.stops[p.stops.len() - 1]] = true;
            }
        }
        None => {
            for r in &ds.routes {
                let stops = ds.stops(r);
                for id in [stops[0], stops[stops.len() - 1]] {
                    if let Some(i) = ds.place_index(id) {
                        ends[i] = true;
                    }
                }
            }
        }
    }
    let marker_at: Vec<Option<Pt>> = places_m
        .iter()
        .map(|m| m.map(|m| fit.screen(m)).filter(|p| frame.contains(*p)))
        .collect();
    let radius = |i: usize| {
        u(if ends[i] {
            size::END_MARKER
        } else {
            size::MARKER
        })
    };
    canvas.group("", |area| {
        for (i, p) in marker_at.iter().enumerate() {
            let Some(p) = *p else { continue };
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

    // Labels: ends first, then busier places, then file order; at most MAX_LABELS.
    let mut order: Vec<usize> = (0..ds.places.len())
        .filter(|&i| marker_at[i].is_some())
        .collect();
    order.sort_by_key(|&i| (!ends[i], std::cmp::Reverse(graph.degree(i)), i));
    let mut obstacles: Vec<Rect> = order
        .iter()
        .map(|&i| {
            let r = radius(i) + u(1.4);
            let p = marker_at[i].expect("filtered");
            Rect::new(p.0 - r, p.1 - r, p.0 + r, p.1 + r)
        })
        .collect();
    obstacles.push(legend_box);
    let graticule_labels = graticule_labels(&graticule_ends, &frame, &obstacles);
    obstacles.extend(graticule_labels.iter().map(TextLine::bbox));
    if opts.north_arrow {
        obstacles.push(draw_north_arrow(
            &mut canvas,
            &projection,
            &fit,
            &frame,
            &legend_box,
            theme,
        )?);
    }
    order.truncate(MAX_LABELS);
    let r_point = u(4.5);
    obstacles.extend(point_labels.iter().map(|p| {
        Rect::new(
            p.at.0 - r_point,
            p.at.1 - r_point,
            p.at.0 + r_point,
            p.at.1 + r_point,
        )
    }));
    let mut requests: Vec<labels::Request> = order
        .iter()
        .map(|&i| labels::Request {
            text: ds.places[i].name.clone(),
            at: marker_at[i].expect("filtered"),
            radius: radius(i) + u(1.4),
            size: u(size::LABEL),
            weight: if ends[i] {
                Weight::Bold
            } else {
                Weight::Normal
            },
            required: ends[i],
        })
        .collect();
    requests.extend(point_labels.iter().map(|p| labels::Request {
        text: p.text.clone(),
        at: p.at,
        radius: r_point,
        size: u(size::LABEL - 1.5),
        weight: Weight::Normal,
        required: true,
    }));
    let line_points: Vec<Pt> = legs
        .iter()
        .flat_map(|l| l.pieces.iter().flatten().copied())
        .collect();
    let placed = labels::place(&requests, &obstacles, &frame, &line_points, u(2.0));
    canvas.group("", |area| {
        for p in &placed {
            if let Some((a, b)) = p.leader {
                polyline(area, &[a, b], stroke(theme.ink, u(0.8)))?;
            }
        }
        Ok(())
    })?;
    let graticule_lines: Vec<(TextLine, Colour)> = graticule_labels
        .into_iter()
        .map(|l| (l, theme.muted))
        .collect();
    canvas.text_group(
        &format!("id=\"graticule-labels\" {}", halo_attrs(theme)),
        &graticule_lines,
    );
    let label_lines: Vec<(Vec<TextLine>, Colour)> = placed
        .iter()
        .map(|p| (p.lines.clone(), theme.ink))
        .collect();
    canvas.text_blocks(
        &format!("id=\"labels\" {}", halo_attrs(theme)),
        &label_lines,
    );

    legend.draw(&mut canvas, &legend_box, &fit, theme)?;

    // Frame on top of everything inside it.
    canvas.group("id=\"frame\" fill=\"none\"", |area| {
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

    let mut desc = crate::caption::description(ds, comparison, opts.alternatives.as_ref());
    if let Some(net) = &net {
        desc.push(' ');
        desc.push_str(&net.describe());
    }
    Ok(canvas.finish(&title, &desc, FONT_FAMILY))
}

/// How much text and lines are scaled for an output `width_px` wide: 1 at
/// 1200 px, at least 0.75 (an 84 mm column keeps 7 pt labels), at most 1.6.
pub fn text_scale(width_px: u32) -> f64 {
    (f64::from(width_px) / 1200.0).clamp(0.75, 1.6)
}

/// Line widths of alternative paths by rank, output px.
const RANK_WIDTHS: [f64; 3] = [3.4, 2.6, 2.0];

/// The strands to draw and the legend entries for them. Without alternatives:
/// network legs (grey) and each route in its colour. With alternatives: the
/// paths in ranked colours and widths, over the dataset's other legs in grey
/// (left out for networks of more than [`MAX_CONTEXT_LEGS`] legs).
fn strands(
    ds: &Dataset,
    cmp: &Comparison,
    alternatives: Option<&Alternatives>,
    network_legs: bool,
    theme: &Theme,
) -> (Vec<Strand>, Vec<LegendEntry>) {
    let mut strands = Vec::new();
    let mut entries = Vec::new();
    let network_strand = |i: usize| Strand {
        colour: theme.network,
        width_px: size::NETWORK_LINE,
        legs: vec![(i, false)],
        arrows: false,
        badge: None,
    };
    match alternatives {
        None => {
            let network: Vec<usize> = (0..ds.legs.len())
                .filter(|&i| network_legs && ds.legs[i].route.is_none())
                .collect();
            if !network.is_empty() {
                entries.push(LegendEntry {
                    swatch: legend::Swatch::Line,
                    colour: theme.network,
                    width_px: size::NETWORK_LINE,
                    label: "Network legs".into(),
                    badge: None,
                });
            }
            strands.extend(network.into_iter().map(network_strand));
            for (ri, (route, summary)) in ds.routes.iter().zip(&cmp.routes).enumerate() {
                strands.push(Strand {
                    colour: theme.route_colour(ri),
                    width_px: size::LINE,
                    legs: route.legs.iter().map(|&l| (l, false)).collect(),
                    arrows: true,
                    badge: theme.badges.then_some(ri + 1),
                });
                entries.push(LegendEntry {
                    swatch: legend::Swatch::Line,
                    badge: theme.badges.then_some(ri + 1),
                    colour: theme.route_colour(ri),
                    width_px: size::LINE,
                    label: format!(
                        "{}: {} km",
                        route.name,
                        crate::text::thousands(summary.distance_km)
                    ),
                });
            }
        }
        Some(a) => {
            let mut on_path = vec![false; ds.legs.len()];
            for p in &a.paths {
                for l in &p.legs {
                    on_path[l.leg] = true;
                }
            }
            if ds.legs.len() <= MAX_CONTEXT_LEGS {
                let context: Vec<usize> = (0..ds.legs.len()).filter(|&i| !on_path[i]).collect();
                if !context.is_empty() {
                    entries.push(LegendEntry {
                        swatch: legend::Swatch::Line,
                        colour: theme.network,
                        width_px: size::NETWORK_LINE,
                        label: "Other legs".into(),
                        badge: None,
                    });
                }
                strands.extend(context.into_iter().map(network_strand));
            }
            // Worst rank first, so the best path is drawn on top.
            for (rank, p) in a.paths.iter().enumerate().rev() {
                let width = RANK_WIDTHS[rank.min(RANK_WIDTHS.len() - 1)];
                strands.push(Strand {
                    colour: theme.route_colour(rank),
                    width_px: width,
                    legs: p.legs.iter().map(|l| (l.leg, l.reversed)).collect(),
                    arrows: true,
                    badge: theme.badges.then_some(rank + 1),
                });
            }
            for (rank, p) in a.paths.iter().enumerate() {
                let value = match a.by {
                    Metric::Distance | Metric::Legs => {
                        format!("{} km", crate::text::thousands(p.distance_m / 1000.0))
                    }
                    Metric::Time => match p.duration_h {
                        Some(h) => format!(
                            "{h:.1} h, {} km",
                            crate::text::thousands(p.distance_m / 1000.0)
                        ),
                        None => format!("{} km", crate::text::thousands(p.distance_m / 1000.0)),
                    },
                };
                let via: Vec<&str> = p.stops[1..p.stops.len() - 1]
                    .iter()
                    .map(|&s| ds.places[s].name.as_str())
                    .collect();
                let via = if via.is_empty() {
                    "direct".to_string()
                } else {
                    format!("via {}", via.join(", "))
                };
                entries.push(LegendEntry {
                    swatch: legend::Swatch::Line,
                    colour: theme.route_colour(rank),
                    width_px: RANK_WIDTHS[rank.min(RANK_WIDTHS.len() - 1)],
                    label: format!("{}. {via}: {value}", rank + 1),
                    badge: theme.badges.then_some(rank + 1),
                });
            }
        }
    }
    (strands, entries)
}

/// Legend rows for a flow map: three sample widths (the largest count, and
/// two rounder smaller ones), and "no count" if some drawn leg lacks one.
fn flow_entries(flow: legs::Flow, ds: &Dataset, drawn: &[bool], theme: &Theme) -> Vec<LegendEntry> {
    let max = flow.max_count;
    let mut samples = vec![max];
    for f in [0.5, 0.1] {
        let v = legend::nice_round(max as f64 * f) as u64;
        if v > 0 && !samples.contains(&v) {
            samples.push(v);
        }
    }
    let mut out: Vec<LegendEntry> = samples
        .into_iter()
        .map(|c| LegendEntry {
            swatch: legend::Swatch::Line,
            colour: theme.muted,
            width_px: flow.width_px(Some(c)),
            label: format!(
                "{} people or units (count)",
                crate::text::thousands(c as f64)
            ),
            badge: None,
        })
        .collect();
    if (0..ds.legs.len()).any(|i| drawn[i] && ds.legs[i].count.is_none()) {
        out.push(LegendEntry {
            swatch: legend::Swatch::Line,
            colour: theme.muted,
            width_px: flow.width_px(None),
            label: "Count not given".into(),
            badge: None,
        });
    }
    out
}

/// Project a densified line, cutting it where it crosses the view's seam
/// meridian (the central meridian + 180°; not for azimuthal projections) and
/// where points cannot be projected (the far side of an orthographic globe).
pub(crate) fn project_line(projection: &Projection, line: &[LonLat]) -> Vec<Vec<(f64, f64)>> {
    let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    let seam = !projection.kind.is_azimuthal();
    let lon0 = projection.lon0_deg;
    let rel = |lon: f64| (lon - lon0 + 180.0).rem_euclid(360.0) - 180.0;
    let mut prev: Option<LonLat> = None;
    for &p in line {
        if let Some(q) = prev
            && seam
            && (rel(p.0) - rel(q.0)).abs() > 180.0
        {
            // Crosses the seam between q and p: end at the edge, restart on the other side.
            let (a, b) = (rel(q.0), rel(p.0));
            let edge_a = if a > 0.0 { 180.0 } else { -180.0 };
            let b_unwrapped = if a > 0.0 { b + 360.0 } else { b - 360.0 };
            let t = (edge_a - a) / (b_unwrapped - a);
            let lat = q.1 + t * (p.1 - q.1);
            let e = 1e-6;
            if let Some(m) = projection.forward((lon0 + edge_a - edge_a.signum() * e, lat)) {
                current.push(m);
            }
            if current.len() >= 2 {
                pieces.push(std::mem::take(&mut current));
            }
            current.clear();
            if let Some(m) = projection.forward((lon0 - edge_a + edge_a.signum() * e, lat)) {
                current.push(m);
            }
        }
        match projection.forward(p) {
            Some(m) => current.push(m),
            None => {
                if current.len() >= 2 {
                    pieces.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
        prev = Some(p);
    }
    if current.len() >= 2 {
        pieces.push(current);
    }
    pieces
}

/// Labels for graticule lines where they meet the frame: parallels at the left
/// and right edges, meridians at the top and bottom, inside the frame, skipping
/// any that would overlap another or an obstacle.
fn graticule_labels(
    ends: &[basemap::GraticuleEnd],
    frame: &Rect,
    obstacles: &[Rect],
) -> Vec<TextLine> {
    let size_u = u(size::GRATICULE);
    let inset = u(3.0);
    let mut out: Vec<TextLine> = Vec::new();
    for e in ends {
        let (x, y, anchor) = if e.parallel {
            let y = e.at.1 + (text::CAP_HEIGHT - text::DESCENT) / 2.0 * size_u;
            if (e.at.0 - frame.x0).abs() < (e.at.0 - frame.x1).abs() {
                (frame.x0 + inset, y, Anchor::Start)
            } else {
                (frame.x1 - inset, y, Anchor::End)
            }
        } else if (e.at.1 - frame.y1).abs() < (e.at.1 - frame.y0).abs() {
            (
                e.at.0,
                frame.y1 - inset - text::DESCENT * size_u,
                Anchor::Middle,
            )
        } else {
            (
                e.at.0,
                frame.y0 + inset + text::CAP_HEIGHT * size_u,
                Anchor::Middle,
            )
        };
        let line = TextLine {
            text: e.text.clone(),
            x,
            y,
            size: size_u,
            weight: Weight::Normal,
            anchor,
        };
        let b = line.bbox();
        if !frame.contains_rect(&b)
            || obstacles.iter().any(|o| o.intersects(&b))
            || out.iter().any(|o| o.bbox().inflate(u(4.0)).intersects(&b))
        {
            continue;
        }
        out.push(line);
    }
    out
}

/// Draw a north arrow in the top-right corner (or top-left if the legend is
/// there), pointing to true north at that spot. Returns the box it covers.
fn draw_north_arrow(
    canvas: &mut Canvas,
    projection: &Projection,
    fit: &Fit,
    frame: &Rect,
    legend_box: &Rect,
    theme: &Theme,
) -> Result<Rect> {
    let r = u(14.0);
    let mut c = (frame.x1 - u(12.0) - r, frame.y0 + u(12.0) + r * 1.4);
    if legend_box.intersects(&Rect::new(c.0 - r, c.1 - 2.0 * r, c.0 + r, c.1 + r)) {
        c = (frame.x0 + u(12.0) + r, c.1);
    }
    // Direction of north: from the point to one slightly north of it.
    let here = projection.inverse(fit.metres(c));
    let dir = here
        .and_then(|(lon, lat)| {
            let a = projection.forward((lon, lat))?;
            let b = projection.forward((lon, (lat + 0.05).min(89.999)))?;
            let (sa, sb) = (fit.screen(a), fit.screen(b));
            let (dx, dy) = (sb.0 - sa.0, sb.1 - sa.1);
            let len = dx.hypot(dy);
            (len > 0.0).then(|| (dx / len, dy / len))
        })
        .unwrap_or((0.0, -1.0));
    let tip = (c.0 + dir.0 * r, c.1 + dir.1 * r);
    let tail = (c.0 - dir.0 * r * 0.6, c.1 - dir.1 * r * 0.6);
    let n = (-dir.1 * r * 0.45, dir.0 * r * 0.45);
    canvas.group("", |area| {
        canvas::polygon(
            area,
            &[tip, (tail.0 + n.0, tail.1 + n.1), c],
            fill(theme.ink),
        )?;
        canvas::polygon(
            area,
            &[tip, c, (tail.0 - n.0, tail.1 - n.1)],
            fill(theme.muted),
        )
    })?;
    let label = TextLine {
        text: "N".into(),
        x: tip.0 + dir.0 * u(4.0),
        y: tip.1 + dir.1 * u(4.0) - u(2.0),
        size: u(size::LEGEND),
        weight: Weight::Bold,
        anchor: Anchor::Middle,
    };
    let b = label.bbox();
    canvas.text_group(&halo_attrs(theme), &[(label, theme.ink)]);
    Ok(Rect::new(c.0 - r, c.1 - r, c.0 + r, c.1 + r).union(&b))
}

fn halo_attrs(theme: &Theme) -> String {
    format!(
        "stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
        theme.halo.hex(),
        num(u(size::HALO))
    )
}
