//! Stage 4, the scene: the planned, projected, laid-out map as named layers,
//! bottom first: `page`, the base map (`sea`, `land`, `graticule`, `coast`,
//! `borders`, `edge`), `regions`, the base-map names (`country-labels`,
//! `sea-labels`), `overlays`, `network`, `routes`, `markers`,
//! `north-arrow`, `leaders`, `graticule-labels`, `labels`, `legend`,
//! `inset`, `frame`, `title`, `credit`. Layers with nothing in them are left out.

use super::RenderOptions;
use super::basemap::{self, GraticuleEnd, View};
use super::basenames;
use super::furniture::{self, halo, marker_radius};
use super::geometry::Geometry as Projected;
use super::labels::{self, MAX_LABELS, Request};
use super::layout::Page;
use super::legs::{DrawnLeg, screen_legs};
use super::marks;
use super::overlay::{self, PointLabel};
use super::plan::Plan;
use super::regions;
use super::scene::{Geometry, Group, Pt, Scene, Style, Text};
use super::style::size;
use super::text::{FONT_FAMILY, TextLine, Weight};
use crate::error::Result;
use crate::map::clip::Rect;

/// A leg drawn shorter than this (design px) is kept clear of names and
/// their halos along all its length (issue 14: the Pyongyang–Vladivostok
/// leg disappeared under a label's halo).
const SHORT_LEG: f64 = 90.0;

/// How far from each end (design px along the line) a leg is kept clear of
/// names, so that a reader sees which way it leaves its marker.
const END_STRETCH: f64 = 28.0;

/// The first `length` px of a polyline.
fn stretch(points: impl Iterator<Item = Pt>, length: f64) -> Vec<Pt> {
    let mut out: Vec<Pt> = Vec::new();
    let mut left = length;
    for p in points {
        if let Some(&q) = out.last() {
            let d = (p.0 - q.0).hypot(p.1 - q.1);
            if d >= left {
                let t = left / d;
                out.push((q.0 + (p.0 - q.0) * t, q.1 + (p.1 - q.1) * t));
                break;
            }
            left -= d;
        }
        out.push(p);
    }
    out
}

/// At most this many overlay points are named on the map; all keep their
/// symbol.
pub const MAX_POINT_LABELS: usize = 60;

/// Build the scene.
pub(crate) fn compose(
    plan: &Plan<'_>,
    geo: &Projected,
    page: &Page,
    opts: &RenderOptions,
) -> Result<Scene> {
    let (theme, ds, fit, frame) = (plan.theme, plan.ds, page.fit, page.frame);
    let leg_km: Vec<f64> = (0..ds.legs.len())
        .map(|i| plan.graph.leg_distance_m(i) / 1000.0)
        .collect();
    let legs = marks::spread(screen_legs(
        ds,
        &plan.strands,
        &geo.arcs_m,
        &fit,
        &leg_km,
        plan.flow,
        theme.halo,
    ));
    let mut background = Group::named("page");
    background.shape(
        Geometry::Rect {
            min: (0.0, 0.0),
            max: page.size,
        },
        Style::fill(theme.page),
    );
    let mut layers = vec![background];
    let view = View::new(&geo.projection, &fit, &frame);
    let (base, graticule_ends) = basemap::layers(&view, theme, opts.graticule, ds.meta.borders)?;
    layers.extend(base);
    let shaded = regions::shown(ds, &plan.shown);
    layers.push(regions::layer(&view, &shaded, theme));
    let region_rings: Vec<(String, Vec<Vec<Pt>>)> = shaded
        .iter()
        .map(|(_, p, a)| (p.name.clone(), regions::screen_rings(&view, a)))
        .collect();
    let (overlays, defs, point_labels) = overlay::layer(&view, &opts.overlays, theme);
    layers.push(overlays);
    if let Some(net) = &plan.network {
        let k = super::layout::text_scale(opts.size.width_px);
        layers.push(net.layer(&geo.net_arcs_m, &fit, &frame, theme, k));
    }
    layers.push(marks::routes(&legs));
    let marker_at: Vec<Option<Pt>> = geo
        .places_m
        .iter()
        .map(|m| m.map(|m| fit.screen(m)).filter(|p| frame.contains(*p)))
        .collect();
    layers.push(furniture::markers(&marker_at, &plan.ends, theme));
    let found = Found {
        marker_at: &marker_at,
        graticule_ends: &graticule_ends,
        point_labels: &point_labels,
        legs: &legs,
        region_rings: &region_rings,
    };
    let notes = annotations(plan, geo, page, &found, opts.north_arrow);
    if let Some(g) = layers
        .iter_mut()
        .find(|l| l.id.as_deref() == Some("regions"))
    {
        for t in &notes.region_names {
            g.text(regions::name_text(t, theme));
        }
    }
    layers.extend(notes.groups);
    // The inset's corner keeps room round each marker for its name, but a
    // long name forced beside it is not covered: the inset goes instead.
    let inset = page
        .inset
        .as_ref()
        .filter(|i| !notes.names_at.iter().any(|b| b.intersects(&i.rect)));
    let mut obstacles = notes.obstacles;
    obstacles.extend(inset.map(|i| i.rect));
    // Base-map names, placed last round everything else, drawn under the
    // overlays and routes (right after the base map and regions).
    let names = basenames::layers(
        &view,
        &basenames::Setting {
            lang: opts.lang.or(ds.meta.lang).unwrap_or_default(),
            theme: opts.theme,
            small: page.small,
            obstacles: &obstacles,
            lines: &notes.lines,
        },
    );
    let at = layers
        .iter()
        .position(|l| l.id.as_deref() == Some("overlays"))
        .unwrap_or(layers.len());
    layers.splice(at..at, names);
    layers.push(page.legend.group(&page.legend_box, fit.scale, theme));
    if let Some(i) = inset {
        layers.push(super::inset::layer(i, theme)?);
    }
    if let Some(b) = &page.scale_box {
        layers.push(super::legend::scale_in_frame(b, fit.scale, theme));
    }
    layers.push(furniture::frame(&frame, theme));
    layers.push(furniture::text_layer(
        "title",
        &page.header,
        Style::default(),
    ));
    layers.push(furniture::text_layer(
        "credit",
        &page.footer,
        Style::default(),
    ));
    layers.retain(|l| !l.children.is_empty());
    Ok(Scene {
        size: opts.size,
        view: page.size,
        title: plan.title.clone(),
        description: plan.description.clone(),
        font_family: FONT_FAMILY.to_string(),
        defs,
        layers,
    })
}

/// What the lower layers put on the page that labels must know about.
struct Found<'a> {
    marker_at: &'a [Option<Pt>],
    graticule_ends: &'a [GraticuleEnd],
    point_labels: &'a [PointLabel],
    legs: &'a [DrawnLeg],
    /// Each shaded region's name and rings on screen.
    region_rings: &'a [(String, Vec<Vec<Pt>>)],
}

/// The layers [`annotations`] makes, and what later names must keep off.
struct Annotations {
    /// `north-arrow`, `leaders`, `graticule-labels`, `labels`.
    groups: Vec<Group>,
    /// Boxes of markers, the legend, the scale bar, mode symbols, graticule
    /// labels, the north arrow, every placed label with its halo and the
    /// regions' names.
    obstacles: Vec<Rect>,
    /// Points along the drawn legs.
    lines: Vec<Pt>,
    /// The names of shaded regions, placed clear of all the above.
    region_names: Vec<TextLine>,
    /// Boxes of the place labels' lines and leaders (not their halos).
    names_at: Vec<Rect>,
}

/// The north arrow, leader lines, graticule labels and place labels: each
/// placed clear of markers, the legend and what was placed before it; then
/// the names of shaded regions, clear of all those and of the routes.
fn annotations(
    plan: &Plan<'_>,
    geo: &Projected,
    page: &Page,
    found: &Found<'_>,
    north_arrow: bool,
) -> Annotations {
    let (theme, ds, frame) = (plan.theme, plan.ds, page.frame);
    let marker_at = found.marker_at;
    let mut requests = labels::place_requests(
        plan.ds,
        plan.graph,
        &plan.ends,
        plan.label_by,
        &plan.local_names,
        marker_at,
        MAX_LABELS,
    );
    let mut obstacles: Vec<Rect> = (0..ds.places.len())
        .filter_map(|i| {
            let r = marker_radius(plan.ends[i]);
            let p = marker_at[i]?;
            Some(Rect::new(p.0 - r, p.1 - r, p.0 + r, p.1 + r))
        })
        .collect();
    obstacles.extend(page.furniture());
    obstacles.extend(marks::mark_boxes(found.legs));
    // Small formats leave the graticule unlabelled: fewer items, more map.
    let graticule_labels = if page.small {
        Vec::new()
    } else {
        furniture::graticule_labels(found.graticule_ends, &frame, &obstacles)
    };
    obstacles.extend(graticule_labels.iter().map(TextLine::bbox));
    let mut out = Vec::new();
    if north_arrow {
        let (g, b) =
            furniture::north_arrow(&geo.projection, &page.fit, &frame, &page.legend_box, theme);
        out.push(g);
        obstacles.push(b);
    }
    let r_point = 4.5;
    let points = &found.point_labels[..found.point_labels.len().min(MAX_POINT_LABELS)];
    obstacles.extend(points.iter().map(|p| {
        Rect::new(
            p.at.0 - r_point,
            p.at.1 - r_point,
            p.at.0 + r_point,
            p.at.1 + r_point,
        )
    }));
    requests.extend(points.iter().map(|p| Request {
        text: p.text.clone(),
        local: None,
        at: p.at,
        radius: r_point,
        size: size::LABEL - 1.5,
        weight: Weight::Normal,
        required: true,
    }));
    let line_points = labels::sample_lines(found.legs.iter().flat_map(|l| l.pieces.iter()));
    // A short leg's whole visible stretch, and every leg's last stretch
    // into each of its ends: no name, nor its halo, may hide them.
    let mut short: Vec<Vec<Pt>> = Vec::new();
    for l in found.legs {
        let len: f64 = l
            .pieces
            .iter()
            .flat_map(|p| p.windows(2))
            .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
            .sum();
        if len < SHORT_LEG {
            short.extend(l.pieces.iter().cloned());
            continue;
        }
        if let Some(first) = l.pieces.first() {
            short.push(stretch(first.iter().copied(), END_STRETCH));
        }
        if let Some(last) = l.pieces.last() {
            short.push(stretch(last.iter().rev().copied(), END_STRETCH));
        }
    }
    let critical = labels::sample_lines(short.iter());
    let placed = labels::place_with(&requests, &obstacles, &frame, &line_points, &critical, 2.0);
    let mut leaders = Group::named("leaders");
    for (a, b) in placed.iter().filter_map(|p| p.leader) {
        leaders.shape(Geometry::line(vec![a, b]), Style::line(theme.ink, 0.8));
    }
    out.push(leaders);
    let muted: Vec<(TextLine, _)> = graticule_labels
        .into_iter()
        .map(|l| (l, theme.muted))
        .collect();
    out.push(furniture::text_layer(
        "graticule-labels",
        &muted,
        halo(theme),
    ));
    let mut names = Group::named("labels").with_style(halo(theme));
    for p in &placed {
        // The name (one or two lines) is one text; a local-name line in
        // another size and weight is a text of its own, just under it.
        for block in p
            .lines
            .chunk_by(|a, b| a.size == b.size && a.weight == b.weight)
        {
            names.text(Text::from_lines(block, theme.ink));
        }
    }
    out.push(names);
    let names_at: Vec<Rect> = placed
        .iter()
        .flat_map(|p| p.lines.iter().map(TextLine::bbox))
        .chain(
            placed
                .iter()
                .filter_map(|p| p.leader)
                .map(|(a, b)| Rect::bounding([a, b]).expect("two points")),
        )
        .collect();
    let halo_w = super::style::size::HALO;
    obstacles.extend(
        placed
            .iter()
            .map(|p| labels::block_bbox(&p.lines).inflate(halo_w)),
    );
    obstacles.extend(names_at.iter().copied());
    let mut region_names = Vec::new();
    for (name, rings) in found.region_rings {
        if let Some(t) = regions::place_name(name, rings, &frame, &obstacles, &line_points) {
            obstacles.push(t.bbox());
            region_names.push(t);
        }
    }
    Annotations {
        groups: out,
        obstacles,
        lines: line_points,
        region_names,
        names_at,
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze::compare_with_graph;
    use crate::graph::RouteGraph;
    use crate::render::{RenderOptions, Scene, scene};

    fn seed(opts: &RenderOptions) -> Scene {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/routes/donbas-workers");
        let ds = crate::load::dataset(dir.as_ref()).unwrap();
        let g = RouteGraph::new(&ds);
        let cmp = compare_with_graph(&ds, &g);
        scene(&ds, &g, &cmp, opts).unwrap()
    }

    fn ids(s: &Scene) -> Vec<&str> {
        s.layers.iter().filter_map(|l| l.id.as_deref()).collect()
    }

    #[test]
    fn layers_come_in_drawing_order_and_empty_ones_are_left_out() {
        let s = seed(&RenderOptions::default());
        assert_eq!(
            ids(&s),
            [
                "page",
                "sea",
                "land",
                "lakes",
                "rivers",
                "graticule",
                "coast",
                "borders",
                "regions",
                "country-labels",
                "sea-labels",
                "routes",
                "markers",
                "graticule-labels",
                "labels",
                "legend",
                "inset",
                "frame",
                "title",
                "credit"
            ]
        );
        assert_eq!(s.view, (1200.0, 800.0));
        assert!(s.defs.is_empty());
    }

    #[test]
    fn furniture_appears_as_asked() {
        let s = seed(&RenderOptions {
            north_arrow: true,
            graticule: false,
            ..RenderOptions::default()
        });
        let ids = ids(&s);
        assert!(ids.contains(&"north-arrow"));
        assert!(!ids.contains(&"graticule") && !ids.contains(&"graticule-labels"));
    }

    #[test]
    fn every_place_has_a_marker_and_a_name() {
        let s = seed(&RenderOptions::default());
        let labels = s.layer("labels").unwrap();
        assert_eq!(labels.walk().len(), 5);
        // Two ends (ring, disc, dot) and three stops (ring, disc).
        assert_eq!(s.layer("markers").unwrap().children.len(), 2 * 3 + 3 * 2);
    }
}
