//! The base map on screen: land, lakes, rivers, graticule, coastlines and
//! borders, cut to the frame.

use super::fit::Fit;
use super::scene::{FillRule, Geometry, Group, LineJoin, Pt, Style};
use super::style::{Colour, Theme};
use crate::error::Result;
use crate::map::LonLat;
use crate::map::basemap::{
    BaseMap, Feature, FeatureKind, Resolution, clip_line_to_window, clip_ring_to_window, features,
    unwrap_ring,
};
use crate::map::clip::{Rect, clip_polyline, clip_ring, simplify};
use crate::map::projection::{Kind, Projection, fmt_lat, fmt_lon};
use crate::model::Borders;

/// The longitude/latitude window that holds everything the frame shows.
fn geographic_window(projection: &Projection, fit: &Fit, frame: &Rect) -> Rect {
    let mut pts: Vec<LonLat> = Vec::new();
    let mut all_inside = true;
    let steps = 60;
    for i in 0..=steps {
        let t = f64::from(i) / f64::from(steps);
        for p in [
            (frame.x0 + t * frame.width(), frame.y0),
            (frame.x0 + t * frame.width(), frame.y1),
            (frame.x0, frame.y0 + t * frame.height()),
            (frame.x1, frame.y0 + t * frame.height()),
        ] {
            // A frame point off the globe (outside a world projection's edge,
            // beyond the orthographic's horizon) has no true inverse: then the
            // whole globe may be in view.
            let m = fit.metres(p);
            let round_trip = projection.inverse(m).filter(|&ll| {
                projection
                    .forward(ll)
                    .is_some_and(|b| (b.0 - m.0).hypot(b.1 - m.1) < 1.0)
            });
            match round_trip {
                Some(ll) => pts.push(ll),
                None => all_inside = false,
            }
        }
    }
    let lon0 = projection.lon0_deg;
    let full = Rect::new(lon0 - 180.0, -90.0, lon0 + 180.0, 90.0);
    let mut window = if all_inside {
        Rect::bounding(pts).unwrap_or(full).inflate(3.0)
    } else {
        full
    };
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
        window.x0.max(lon0 - 179.9999),
        window.y0.max(-90.0),
        window.x1.min(lon0 + 179.9999),
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

/// A closed ring densified so that no edge spans more than `max_deg` degrees,
/// each edge taken the short way round in longitude (a ring round a pole
/// stays a loop round it; nothing runs along a seam).
fn densify_sphere(ring: &[LonLat], max_deg: f64) -> Vec<LonLat> {
    let n = ring.len();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let a = ring[i];
        let b = ring[(i + 1) % n];
        out.push(a);
        let dlon = (b.0 - a.0 + 180.0).rem_euclid(360.0) - 180.0;
        let d = dlon.abs().max((b.1 - a.1).abs());
        if d > max_deg {
            let k = (d / max_deg).ceil() as usize;
            for j in 1..k {
                let t = j as f64 / k as f64;
                out.push((a.0 + t * dlon, a.1 + t * (b.1 - a.1)));
            }
        }
    }
    out
}

/// A graticule line's end on the edge of the map, for a label.
#[derive(Debug, Clone)]
pub(crate) struct GraticuleEnd {
    /// The label, e.g. "40°N".
    pub text: String,
    /// Where the line meets the edge.
    pub at: Pt,
    /// Whether it is a parallel (labelled at the left) or a meridian (at the bottom).
    pub parallel: bool,
}

/// Everything needed to put longitude/latitude geometry on screen: the
/// projection, the fit, the frame and the longitude/latitude window that holds
/// the frame.
pub(crate) struct View<'a> {
    pub projection: &'a Projection,
    pub fit: &'a Fit,
    pub frame: &'a Rect,
    pub(crate) window: Rect,
    tolerance: f64,
    /// Whether rings are drawn on the sphere rather than cut in
    /// longitude/latitude: an azimuthal view showing the whole hemisphere
    /// or more ([`View::fill`]).
    spherical: bool,
}

impl<'a> View<'a> {
    pub(crate) fn new(projection: &'a Projection, fit: &'a Fit, frame: &'a Rect) -> Self {
        let window = geographic_window(projection, fit, frame);
        View {
            projection,
            fit,
            frame,
            window,
            tolerance: 0.35,
            spherical: projection.horizon_deg().is_some() && window.width() > 359.9,
        }
    }

    /// Rings to fill together by the even-odd rule (outer rings and holes
    /// alike), on screen.
    ///
    /// Regional views cut each ring in longitude/latitude ([`View::ring`]).
    /// An azimuthal view of a whole hemisphere or more draws rings on the
    /// sphere instead: each is densified along its own edges, points beyond
    /// the horizon are moved onto it, and the result is cut to the frame.
    /// Such a view maps the globe without its antipode onto a disc, so a
    /// ring whose smaller side holds the antipode comes out as its
    /// complement; for each one the disc's edge is added once more, which
    /// under the even-odd rule turns it back (issue 14: the Pacific filled
    /// as land on Pacific-centred globes).
    pub(crate) fn fill<'r>(
        &self,
        rings: impl IntoIterator<Item = &'r Vec<LonLat>>,
    ) -> Vec<Vec<Pt>> {
        if !self.spherical {
            return rings.into_iter().flat_map(|r| self.ring(r)).collect();
        }
        let mut out = Vec::new();
        let mut flips = 0usize;
        for ring in rings {
            if ring.len() < 3 {
                continue;
            }
            if self.projection.ring_holds_antipode(ring) {
                flips += 1;
            }
            let s = self.to_screen(&densify_sphere(ring, 1.0));
            let c = simplify(&clip_ring(&s, self.frame), self.tolerance);
            if c.len() >= 3 {
                out.push(c);
            }
        }
        if flips % 2 == 1 {
            let disc = clip_ring(&self.to_screen(&self.projection.outline()), self.frame);
            if disc.len() >= 3 {
                out.push(disc);
            }
        }
        out
    }

    pub(crate) fn to_screen(&self, ring: &[LonLat]) -> Vec<Pt> {
        ring.iter()
            .filter_map(|&p| self.projection.forward(self.projection.clamp_to_horizon(p)))
            .map(|m| self.fit.screen(m))
            .collect()
    }

    /// A closed ring on screen: unwrapped round the central meridian, cut to
    /// the window, projected, cut to the frame, simplified. Fill it; do not
    /// stroke it (cuts run along the frame).
    pub(crate) fn ring(&self, ring: &[LonLat]) -> Vec<Vec<Pt>> {
        let (unwrapped, _) = unwrap_ring(ring, self.projection.lon0_deg);
        clip_ring_to_window(&unwrapped, &self.window)
            .into_iter()
            .filter_map(|piece| {
                let s = self.to_screen(&densify_degrees(&piece, 1.0, true));
                let c = clip_ring(&s, self.frame);
                let c = simplify(&c, self.tolerance);
                (c.len() >= 3).then_some(c)
            })
            .collect()
    }

    /// An open line on screen, in pieces cut at the window and the frame.
    pub(crate) fn line(&self, line: &[LonLat]) -> Vec<Vec<Pt>> {
        let lon0 = self.projection.lon0_deg;
        let mut l = line.to_vec();
        if let Some(first) = l.first_mut() {
            first.0 = lon0 + (first.0 - lon0 + 180.0).rem_euclid(360.0) - 180.0;
        }
        crate::map::geodesic::unwrap_longitudes(&mut l);
        clip_line_to_window(&l, &self.window)
            .into_iter()
            .flat_map(|piece| self.visible_runs(&densify_degrees(&piece, 1.0, false)))
            .flat_map(|run| clip_polyline(&run, self.frame))
            .map(|p| simplify(&p, self.tolerance))
            .collect()
    }

    /// A line on screen in runs of points the projection can show (a line is
    /// cut at an orthographic globe's horizon, not drawn along it).
    fn visible_runs(&self, line: &[LonLat]) -> Vec<Vec<Pt>> {
        let mut runs = Vec::new();
        let mut current = Vec::new();
        for &p in line {
            match self
                .projection
                .forward(p)
                .filter(|_| self.projection.clamp_to_horizon(p) == p)
            {
                Some(m) => current.push(self.fit.screen(m)),
                None => {
                    if current.len() >= 2 {
                        runs.push(std::mem::take(&mut current));
                    }
                    current.clear();
                }
            }
        }
        if current.len() >= 2 {
            runs.push(current);
        }
        runs
    }
}

/// The map's scale as a web-map zoom level (0: the equator 256 px long),
/// the measure Natural Earth's `min_zoom` uses.
fn web_zoom(view: &View<'_>) -> f64 {
    (40_075_016.7 * view.fit.scale / 256.0).max(1e-9).log2()
}

/// How far above the map's zoom level a lake's or a river's `min_zoom`
/// may be for it to be drawn: a little more than Natural Earth's own web
/// styles, since a printed map is read more closely than a slippy map.
const LAKE_ZOOM_SLACK: f64 = 1.0;
const RIVER_ZOOM_SLACK: f64 = 0.5;

/// The features to draw, grouped by name in the order of their first
/// appearance; unnamed features form one group with an empty name.
fn by_name<'f>(
    all: &'f [Feature],
    zoom: f64,
    slack: f64,
    window: &Rect,
) -> Vec<(&'f str, Vec<&'f Feature>)> {
    let mut groups: Vec<(&str, Vec<&Feature>)> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for f in all.iter().filter(|f| f.min_zoom <= zoom + slack) {
        // A quick cut: features far outside the window cost nothing more.
        let near = f.parts.iter().flatten().any(|ring| {
            Rect::bounding(ring.iter().copied()).is_some_and(|b| {
                [-360.0, 0.0, 360.0].iter().any(|s| {
                    b.x0 + s <= window.x1
                        && window.x0 <= b.x1 + s
                        && b.y0 <= window.y1
                        && window.y0 <= b.y1
                })
            })
        });
        if !near {
            continue;
        }
        match index.get(f.name.as_str()) {
            Some(&i) => groups[i].1.push(f),
            None => {
                index.insert(&f.name, groups.len());
                groups.push((&f.name, vec![f]));
            }
        }
    }
    // Unnamed features last, in one group.
    groups.sort_by_key(|(name, _)| name.is_empty());
    groups
}

/// Lakes, filled with the sea's colour, one group per named lake with the
/// name as its title (`<title>Lake Baikal</title>`).
fn lakes_layer(view: &View<'_>, theme: &Theme, res: Resolution) -> Result<Group> {
    let zoom = web_zoom(view);
    let mut layer = Group::named("lakes").with_style(Style {
        fill_rule: Some(FillRule::EvenOdd),
        ..Style::fill(theme.sea)
    });
    for (name, feats) in by_name(
        features(FeatureKind::Lakes, res)?,
        zoom,
        LAKE_ZOOM_SLACK,
        &view.window,
    ) {
        let runs = view.fill(feats.iter().flat_map(|f| f.parts.iter().flatten()));
        if runs.is_empty() {
            continue;
        }
        let mut g = Group {
            title: (!name.is_empty()).then(|| name.to_string()),
            ..Group::default()
        };
        g.plain(Geometry::Path { runs, closed: true });
        layer.children.push(super::scene::Node::Group(g));
    }
    Ok(layer)
}

/// The stroke width of a river, design units: wider for the larger
/// (lower `scalerank`) rivers.
fn river_width(scalerank: u8) -> f64 {
    (0.9 - 0.075 * f64::from(scalerank)).max(0.3)
}

/// The colour rivers are drawn in: the sea's, deepened towards a plain
/// water blue so a thin line reads on land (and apart from the grey
/// borders) in every theme; in the print theme (white sea) a light blue
/// that greys to a pale line.
fn river_colour(theme: &Theme) -> Colour {
    Colour(0x3f, 0x88, 0xc5).over(theme.sea, 0.5)
}

/// Rivers as thin lines in [`river_colour`], one group per named river
/// with the name as its title.
fn rivers_layer(view: &View<'_>, theme: &Theme, res: Resolution) -> Result<Group> {
    let zoom = web_zoom(view);
    let mut style = Style::line(river_colour(theme), 0.6);
    if let Some(s) = style.stroke.as_mut() {
        s.join = Some(LineJoin::Round);
    }
    let mut layer = Group::named("rivers").with_style(style);
    for (name, feats) in by_name(
        features(FeatureKind::Rivers, res)?,
        zoom,
        RIVER_ZOOM_SLACK,
        &view.window,
    ) {
        // Each width in its own path, widest first.
        let mut ranks: Vec<u8> = feats.iter().map(|f| f.scalerank).collect();
        ranks.sort_unstable();
        ranks.dedup();
        let mut paths = Vec::new();
        for rank in ranks {
            let runs: Vec<Vec<Pt>> = feats
                .iter()
                .filter(|f| f.scalerank == rank)
                .flat_map(|f| f.parts.iter().flatten())
                .flat_map(|line| view.line(line))
                .collect();
            if !runs.is_empty() {
                paths.push((rank, runs));
            }
        }
        if paths.is_empty() {
            continue;
        }
        let mut g = Group {
            title: (!name.is_empty()).then(|| name.to_string()),
            ..Group::default()
        };
        for (rank, runs) in paths {
            let s = Style {
                stroke: Some(super::scene::Stroke {
                    width: Some(river_width(rank)),
                    ..Default::default()
                }),
                ..Default::default()
            };
            g.shape(
                Geometry::Path {
                    runs,
                    closed: false,
                },
                s,
            );
        }
        layer.children.push(super::scene::Node::Group(g));
    }
    Ok(layer)
}

/// The base map as layers, bottom first: `sea` (the frame, or the inside
/// of the projection's edge), `land` (one path, holes by the even-odd
/// rule), `lakes`, `rivers`, `graticule`, `coast`, `borders` (as seen from
/// the point of view `pov`) and the globe's `edge`; and the graticule
/// lines' ends on the frame, for labels.
pub(crate) fn layers(
    view: &View<'_>,
    theme: &Theme,
    with_graticule: bool,
    pov: Borders,
) -> Result<(Vec<Group>, Vec<GraticuleEnd>)> {
    let ground_km = view.frame.width() / view.fit.scale / 1000.0;
    let res = Resolution::for_scale(ground_km, view.frame.width());
    layers_at(view, theme, with_graticule, pov, res)
}

/// [`layers`] at a given Natural Earth scale.
fn layers_at(
    view: &View<'_>,
    theme: &Theme,
    with_graticule: bool,
    pov: Borders,
    res: Resolution,
) -> Result<(Vec<Group>, Vec<GraticuleEnd>)> {
    let (projection, frame) = (view.projection, view.frame);
    let base = BaseMap::embedded(res)?;
    let lon0 = projection.lon0_deg;
    let mut out = Vec::new();
    // Sea: the whole frame, or the inside of the projection's edge.
    let outline: Vec<Pt> = if projection.has_outline() {
        clip_ring(&view.to_screen(&projection.outline()), frame)
    } else {
        Vec::new()
    };
    let mut sea = Group::named("sea").with_style(Style::fill(theme.sea));
    if projection.has_outline() {
        sea.plain(Geometry::ring(outline.clone()));
    } else {
        sea.plain(Geometry::Rect {
            min: (frame.x0, frame.y0),
            max: (frame.x1, frame.y1),
        });
    }
    out.push(sea);
    // All land in one path: outer rings and holes with the even-odd rule, so
    // lakes show the sea and islands in lakes show land again.
    let rings: Vec<Vec<Pt>> = view.fill(
        base.land
            .iter()
            .flat_map(|p| std::iter::once(&p.outer).chain(&p.holes)),
    );
    let mut land = Group::named("land").with_style(Style {
        fill_rule: Some(FillRule::EvenOdd),
        ..Style::fill(theme.land)
    });
    land.plain(Geometry::Path {
        runs: rings,
        closed: true,
    });
    out.push(land);
    out.push(lakes_layer(view, theme, res)?);
    out.push(rivers_layer(view, theme, res)?);
    // Graticule over the land fill, under coasts, borders and routes.
    let mut ends = Vec::new();
    if with_graticule {
        let (lines, e) = graticule_lines(view);
        ends = e;
        out.push(lines_layer("graticule", lines, theme.graticule, 0.6));
    }
    let mut coasts: Vec<Vec<Pt>> = Vec::new();
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
            coasts.extend(view.line(&closed));
        }
    }
    out.push(lines_layer("coast", coasts, theme.coast, 0.6));
    let borders: Vec<Vec<Pt>> = base.borders_for(pov).flat_map(|b| view.line(b)).collect();
    out.push(lines_layer("borders", borders, theme.border, 0.7));
    if projection.has_outline() && outline.len() >= 3 {
        let mut edge = outline.clone();
        edge.push(outline[0]);
        let pieces = clip_polyline(&edge, &frame.inflate(-0.3));
        out.push(lines_layer("edge", pieces, theme.coast, 1.0));
    }
    Ok((out, ends))
}

/// A layer of unfilled lines in one colour and width, as one path.
fn lines_layer(id: &str, lines: Vec<Vec<Pt>>, c: Colour, width: f64) -> Group {
    let mut style = Style::line(c, width);
    if let Some(s) = style.stroke.as_mut() {
        s.join = Some(LineJoin::Round);
    }
    let mut g = Group::named(id).with_style(style);
    g.plain(Geometry::Path {
        runs: lines,
        closed: false,
    });
    g
}

/// The graticule's lines on the page and the ends of those that leave the
/// frame where their labels go: parallels at the left edge, meridians at
/// the bottom.
fn graticule_lines(view: &View<'_>) -> (Vec<Vec<Pt>>, Vec<GraticuleEnd>) {
    let (projection, frame) = (view.projection, view.frame);
    let step = graticule_step(&view.window);
    let polar_limit = if matches!(projection.kind, Kind::Lcc | Kind::Merc) {
        80.0
    } else {
        90.0
    };
    let near = |a: f64, b: f64| (a - b).abs() < 0.5;
    let on_edge = |p: Pt| {
        near(p.0, frame.x0) || near(p.0, frame.x1) || near(p.1, frame.y0) || near(p.1, frame.y1)
    };
    let mut lines = Vec::new();
    let mut ends = Vec::new();
    for (line, parallel, value) in graticule(&view.window, step, polar_limit) {
        for piece in view.line(&line) {
            for &end in [piece[0], piece[piece.len() - 1]].iter() {
                let wanted = if parallel {
                    near(end.0, frame.x0)
                } else {
                    on_edge(end) && near(end.1, frame.y1)
                };
                if wanted {
                    ends.push(GraticuleEnd {
                        text: if parallel {
                            fmt_lat(value)
                        } else {
                            fmt_lon(wrap180(value))
                        },
                        at: end,
                        parallel,
                    });
                }
            }
            lines.push(piece);
        }
    }
    (lines, ends)
}

fn wrap180(lon: f64) -> f64 {
    (lon + 180.0).rem_euclid(360.0) - 180.0
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

fn graticule(window: &Rect, step: f64, polar_limit: f64) -> Vec<(Vec<LonLat>, bool, f64)> {
    let mut lines = Vec::new();
    let lat_lo = ((window.y0 / step).floor() * step).max(-polar_limit);
    let lat_hi = ((window.y1 / step).ceil() * step).min(polar_limit);
    let mut lon = (window.x0 / step).ceil() * step;
    while lon <= window.x1 {
        // As d3's graticule: only every 90th meridian runs into a pole; the
        // others stop a step short, so a polar view has no starburst.
        let major = (lon / 90.0 - (lon / 90.0).round()).abs() < 1e-9;
        let (lo, hi) = if major {
            (lat_lo, lat_hi)
        } else {
            (lat_lo.max(step - 90.0), lat_hi.min(90.0 - step))
        };
        let n = ((hi - lo) / 0.5).ceil().max(1.0) as usize;
        lines.push((
            (0..=n)
                .map(|i| (lon, lo + (hi - lo) * i as f64 / n as f64))
                .collect(),
            false,
            lon,
        ));
        lon += step;
    }
    let mut lat = lat_lo;
    while lat <= lat_hi + 1e-9 {
        if lat.abs() < 90.0 {
            let n = ((window.x1 - window.x0) / 0.5).ceil().max(1.0) as usize;
            lines.push((
                (0..=n)
                    .map(|i| {
                        (
                            window.x0 + (window.x1 - window.x0) * i as f64 / n as f64,
                            lat,
                        )
                    })
                    .collect(),
                true,
                lat,
            ));
        }
        lat += step;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a point is inside rings filled by the even-odd rule.
    fn filled(rings: &[Vec<Pt>], p: Pt) -> bool {
        let mut inside = false;
        for ring in rings {
            let n = ring.len();
            for i in 0..n {
                let (a, b) = (ring[i], ring[(i + 1) % n]);
                if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) / (b.1 - a.1) * (b.0 - a.0)
                {
                    inside = !inside;
                }
            }
        }
        inside
    }

    /// Points in a layer's paths.
    fn points(layers: &[Group], id: &str) -> usize {
        let g = layers.iter().find(|g| g.id.as_deref() == Some(id)).unwrap();
        g.walk()
            .into_iter()
            .map(|n| match n {
                super::super::scene::Node::Shape(s) => match &s.geometry {
                    Geometry::Path { runs, .. } => runs.iter().map(Vec::len).sum(),
                    _ => 0,
                },
                _ => 0,
            })
            .sum()
    }

    /// A regional view (London to Paris, about 1:2 million) draws the
    /// coast from Natural Earth's 1:10m data: many more points than 1:50m.
    #[test]
    fn a_regional_view_draws_the_coast_at_ten_metre_detail() {
        let projection = Projection::centred(Kind::Lcc, 50.2, 1.1, false).unwrap();
        let corners: Vec<(f64, f64)> = [(-0.5, 48.6), (2.8, 48.6), (-0.5, 51.8), (2.8, 51.8)]
            .into_iter()
            .filter_map(|p| projection.forward(p))
            .collect();
        let frame = Rect::new(0.0, 0.0, 1168.0, 700.0);
        let fit = Fit::new(&Rect::bounding(corners).unwrap(), &frame, 10.0);
        let view = View::new(&projection, &fit, &frame);
        let theme = &crate::render::style::LIGHT;
        let (chosen, _) = layers(&view, theme, true, Borders::Recognised).unwrap();
        let (medium, _) =
            layers_at(&view, theme, true, Borders::Recognised, Resolution::Medium).unwrap();
        let (c10, c50) = (points(&chosen, "coast"), points(&medium, "coast"));
        assert!(c10 > 2 * c50, "coast points: chosen {c10}, 1:50m {c50}");
        // The layers in order.
        let ids: Vec<&str> = chosen.iter().filter_map(|g| g.id.as_deref()).collect();
        assert_eq!(
            ids,
            [
                "sea",
                "land",
                "lakes",
                "rivers",
                "graticule",
                "coast",
                "borders"
            ]
        );
    }

    /// Land and sea at probe points on whole-hemisphere views (issue 14:
    /// Pacific-centred globes filled the oceans as land). Each probe lies
    /// well inside land or sea on Natural Earth's 1:110m land.
    #[test]
    fn hemisphere_views_keep_land_and_sea_apart() {
        let land = [
            (-100.0, 40.0), // United States
            (20.0, 15.0),   // Chad
            (90.0, 60.0),   // Siberia
            (135.0, -25.0), // Australia
            (-60.0, -10.0), // Brazil
            (0.0, -80.0),   // Antarctica
            (-40.0, 72.0),  // Greenland
        ];
        let sea = [
            (-160.0, 0.0),   // Pacific
            (-30.0, 30.0),   // North Atlantic
            (75.0, -20.0),   // Indian Ocean
            (0.0, 88.0),     // Arctic Ocean
            (-150.0, -60.0), // Southern Ocean
        ];
        let base = BaseMap::embedded(Resolution::Low).unwrap();
        let centres = [
            (5.0, -155.0), // Pacific
            (30.0, -30.0), // Atlantic
            (89.0, 0.0),   // North Pole
            (-89.0, 0.0),  // South Pole
            (10.0, 60.0),  // Africa and Asia straddle the horizon
            (-20.0, 170.0),
        ];
        for kind in [Kind::Ortho, Kind::Laea, Kind::Aeqd] {
            for &(lat0, lon0) in &centres {
                let projection = Projection::centred(kind, lat0, lon0, true).unwrap();
                let edge: Vec<(f64, f64)> = projection
                    .outline()
                    .into_iter()
                    .filter_map(|p| projection.forward(p))
                    .collect();
                let data = Rect::bounding(edge).unwrap();
                let frame = Rect::new(0.0, 0.0, 800.0, 800.0);
                let fit = Fit::new(&data, &frame, 10.0);
                let view = View::new(&projection, &fit, &frame);
                assert!(view.spherical, "{kind:?} at {lat0},{lon0}");
                let rings = view.fill(
                    base.land
                        .iter()
                        .flat_map(|p| std::iter::once(&p.outer).chain(&p.holes)),
                );
                let shown = |p: LonLat| {
                    let d = crate::map::geodesic::distance_m((lon0, lat0), p) / 111_195.0;
                    d < projection.horizon_deg().unwrap() - 10.0
                };
                let at = |p: LonLat| fit.screen(projection.forward(p).unwrap());
                for &p in land.iter().filter(|&&p| shown(p)) {
                    assert!(
                        filled(&rings, at(p)),
                        "{kind:?} at {lat0},{lon0}: {p:?} should be land"
                    );
                }
                for &p in sea.iter().filter(|&&p| shown(p)) {
                    assert!(
                        !filled(&rings, at(p)),
                        "{kind:?} at {lat0},{lon0}: {p:?} should be sea"
                    );
                }
            }
        }
    }
}
