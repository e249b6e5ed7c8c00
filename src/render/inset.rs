//! The locator inset: a small globe (orthographic, centred on the map) or
//! world outline (Equal Earth) in a corner of the frame, with the main
//! map's frame drawn on it, so that a reader sees where the map lies in
//! the world. Drawn as the `inset` layer from the embedded 1:110m land.
//!
//! `--inset auto` (the default) gives regional maps a globe and world
//! views none: no inset when the map is in a world projection (Robinson,
//! Equal Earth), when a corner of its frame lies off the globe, or when its
//! frame covers more than [`MAX_AUTO_SHARE`] of the Earth. `globe` and
//! `world` ask for one, `none` leaves it out. Layout puts the inset in a
//! corner where it hides no route, marker or name and keeps clear of the
//! legend (see [`super::layout`]); where no corner is free it is left out.

use std::str::FromStr;

use super::basemap::View;
use super::fit::Fit;
use super::scene::{FillRule, Geometry, Group, LineJoin, Pt, Style};
use super::style::{Colour, Theme};
use crate::error::Result;
use crate::map::LonLat;
use crate::map::basemap::{BaseMap, Resolution};
use crate::map::clip::Rect;
use crate::map::projection::{Kind, Projection};

/// What `--inset` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InsetChoice {
    /// A globe on regional maps, none on world views.
    #[default]
    Auto,
    /// No inset.
    None,
    /// An orthographic globe centred on the map.
    Globe,
    /// A world outline (Equal Earth) centred on the map's longitude.
    World,
}

impl FromStr for InsetChoice {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(InsetChoice::Auto),
            "none" => Ok(InsetChoice::None),
            "globe" => Ok(InsetChoice::Globe),
            "world" => Ok(InsetChoice::World),
            _ => Err(format!(
                "unknown inset {} (expected auto, none, globe or world)",
                crate::text::quote(s)
            )),
        }
    }
}

/// Which inset is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InsetKind {
    Globe,
    World,
}

/// Under `--inset auto`, a map whose frame covers more than this share of
/// the Earth's surface gets no inset: it shows where it is by itself.
pub const MAX_AUTO_SHARE: f64 = 0.2;

/// An inset laid out: its kind, its box on the page (design px), and what
/// it shows.
#[derive(Debug, Clone)]
pub(crate) struct Inset {
    pub kind: InsetKind,
    /// The panel's box.
    pub rect: Rect,
    /// The main map's frame as a ring in degrees (**x = longitude, y =
    /// latitude**), densified along its edges.
    pub frame_ring: Vec<LonLat>,
    /// Whether every point of the frame's edges lies on the globe.
    pub frame_whole: bool,
    /// The main map's centre, (lon, lat) in degrees.
    pub centre: LonLat,
}

/// The inset's size for a frame `frame_width` design px wide: a globe's
/// diameter, 14% of the frame between 80 and 140 px; on small formats
/// 72 px at most.
pub(crate) fn globe_size(frame_width: f64, small: bool) -> f64 {
    let d = (frame_width * 0.14).clamp(80.0, 140.0);
    if small { d.min(72.0) } else { d }
}

/// The panel's width and height for a kind and a globe size.
pub(crate) fn panel_size(kind: InsetKind, d: f64) -> (f64, f64) {
    match kind {
        InsetKind::Globe => (d + 8.0, d + 8.0),
        InsetKind::World => (1.9 * d + 8.0, 0.95 * d + 8.0),
    }
}

/// The main map's frame on the globe: its edges sampled every few px,
/// unprojected; and whether every sample lies on the globe.
pub(crate) fn frame_ring(projection: &Projection, fit: &Fit, frame: &Rect) -> (Vec<LonLat>, bool) {
    const PER_EDGE: usize = 32;
    let corners = [
        (frame.x0, frame.y0),
        (frame.x1, frame.y0),
        (frame.x1, frame.y1),
        (frame.x0, frame.y1),
    ];
    let mut ring = Vec::new();
    let mut whole = true;
    for k in 0..4 {
        let (a, b) = (corners[k], corners[(k + 1) % 4]);
        for i in 0..PER_EDGE {
            let t = i as f64 / PER_EDGE as f64;
            let p = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            match projection.inverse(fit.metres(p)) {
                Some(ll) => ring.push(ll),
                None => whole = false,
            }
        }
    }
    // Longitudes continuous along the ring (a frame across ±180°).
    crate::map::geodesic::unwrap_longitudes(&mut ring);
    (ring, whole)
}

/// The centre of points on the sphere, (lon, lat) in degrees.
fn centre(points: &[LonLat]) -> LonLat {
    let (mut x, mut y, mut z) = (0.0, 0.0, 0.0);
    for p in points {
        let (lat, lon) = (p.1.to_radians(), p.0.to_radians());
        x += lat.cos() * lon.cos();
        y += lat.cos() * lon.sin();
        z += lat.sin();
    }
    (y.atan2(x).to_degrees(), z.atan2(x.hypot(y)).to_degrees())
}

/// The share of the Earth's surface a ring encloses (its side that holds
/// `c`), 0 to 1: its area in a Lambert azimuthal equal-area projection of
/// the unit sphere centred on `c`, over 4π.
fn globe_share(ring: &[LonLat], c: LonLat) -> f64 {
    let (lat0, lon0) = (c.1.to_radians(), c.0.to_radians());
    let (s0, c0) = lat0.sin_cos();
    let xy = |p: &LonLat| {
        let (lat, dlon) = (p.1.to_radians(), p.0.to_radians() - lon0);
        let (s, cl) = lat.sin_cos();
        let cos_c = (s0 * s + c0 * cl * dlon.cos()).max(-1.0 + 1e-12);
        let k = (2.0 / (1.0 + cos_c)).sqrt();
        (k * cl * dlon.sin(), k * (c0 * s - s0 * cl * dlon.cos()))
    };
    let pts: Vec<(f64, f64)> = ring.iter().map(xy).collect();
    let mut twice = 0.0;
    for i in 0..pts.len() {
        let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
        twice += a.0 * b.1 - b.0 * a.1;
    }
    twice.abs() / 2.0 / (4.0 * std::f64::consts::PI)
}

/// Which inset a map gets, and its frame ring and centre: `None` for
/// `--inset none`, and under `auto` for world views.
pub(crate) fn decide(
    choice: InsetChoice,
    projection: &Projection,
    fit: &Fit,
    frame: &Rect,
) -> Option<(InsetKind, Vec<LonLat>, bool, LonLat)> {
    let kind = match choice {
        InsetChoice::None => return None,
        InsetChoice::Globe | InsetChoice::Auto => InsetKind::Globe,
        InsetChoice::World => InsetKind::World,
    };
    let (ring, whole) = frame_ring(projection, fit, frame);
    if ring.len() < 3 {
        return None;
    }
    let c = projection
        .inverse(fit.metres(((frame.x0 + frame.x1) / 2.0, (frame.y0 + frame.y1) / 2.0)))
        .unwrap_or_else(|| centre(&ring));
    if choice == InsetChoice::Auto
        && (matches!(projection.kind, Kind::Robin | Kind::EqEarth)
            || !whole
            || globe_share(&ring, c) > MAX_AUTO_SHARE)
    {
        return None;
    }
    Some((kind, ring, whole, c))
}

/// The `inset` layer: a panel, the sea inside the globe's (or world's)
/// edge, the land, the edge, and the main map's frame, outlined and
/// tinted; a ring round it where the frame is too small to see.
pub(crate) fn layer(inset: &Inset, theme: &Theme) -> Result<Group> {
    let mut g = Group::named("inset");
    g.title = Some(match inset.kind {
        InsetKind::Globe => "Locator: the map's frame on the globe".to_string(),
        InsetKind::World => "Locator: the map's frame on the world".to_string(),
    });
    let b = inset.rect;
    let panel = Geometry::Rect {
        min: (b.x0, b.y0),
        max: (b.x1, b.y1),
    };
    g.shape(panel.clone(), Style::fill(theme.page));
    g.shape(panel, Style::line(Colour(0xbb, 0xbb, 0xbb), 1.0));
    let inner = b.inflate(-4.0);
    let (lon, lat) = inset.centre;
    let projection = match inset.kind {
        InsetKind::Globe => Projection::centred(Kind::Ortho, lat, lon, false)?,
        InsetKind::World => Projection::centred(Kind::EqEarth, 0.0, lon, true)?,
    };
    let edge: Vec<LonLat> = projection.outline();
    let Some(edge_box) = Rect::bounding(edge.iter().filter_map(|&p| projection.forward(p))) else {
        return Ok(g);
    };
    let fit = Fit::with_margins(&edge_box, &inner, (0.0, 0.0));
    let view = View::new(&projection, &fit, &inner);
    let edge_screen: Vec<Pt> = view.to_screen(&edge);
    g.shape(Geometry::ring(edge_screen.clone()), Style::fill(theme.sea));
    let base = BaseMap::embedded(Resolution::Low)?;
    let land = view.fill(
        base.land
            .iter()
            .flat_map(|p| std::iter::once(&p.outer).chain(&p.holes)),
    );
    g.shape(
        Geometry::Path {
            runs: land,
            closed: true,
        },
        Style {
            fill_rule: Some(FillRule::EvenOdd),
            ..Style::fill(theme.land)
        },
    );
    g.shape(Geometry::ring(edge_screen), Style::line(theme.coast, 0.6));
    // The main map's frame; not where it is (nearly) the whole globe, or
    // runs off it: the inset then shows the globe alone.
    if !inset.frame_whole || globe_share(&inset.frame_ring, inset.centre) > 0.5 {
        return Ok(g);
    }
    let mut closed = inset.frame_ring.clone();
    closed.extend(inset.frame_ring.first().copied());
    let tint = view.fill(std::iter::once(&inset.frame_ring));
    g.shape(
        Geometry::Path {
            runs: tint,
            closed: true,
        },
        Style {
            fill_opacity: Some(0.2),
            fill_rule: Some(FillRule::EvenOdd),
            ..Style::fill(theme.ink)
        },
    );
    let mut outline = Group::default().with_style(Style::line(theme.ink, 1.2));
    if let Some(s) = outline.style.stroke.as_mut() {
        s.join = Some(LineJoin::Round);
    }
    let pieces = view.line(&closed);
    let drawn = Rect::bounding(pieces.iter().flatten().copied());
    for piece in pieces {
        outline.plain(Geometry::line(piece));
    }
    // A frame a few px across is lost on the globe: ring it.
    if let Some(d) = drawn
        && d.width().max(d.height()) < 8.0
    {
        let (cx, cy) = ((d.x0 + d.x1) / 2.0, (d.y0 + d.y1) / 2.0);
        let ring: Vec<Pt> = (0..24)
            .map(|i| {
                let a = f64::from(i) / 24.0 * std::f64::consts::TAU;
                (cx + 7.0 * a.cos(), cy + 7.0 * a.sin())
            })
            .collect();
        outline.plain(Geometry::ring(ring));
    }
    g.group(outline);
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_parses_its_four_words_and_nothing_else() {
        assert_eq!("auto".parse(), Ok(InsetChoice::Auto));
        assert_eq!(" None ".parse(), Ok(InsetChoice::None));
        assert_eq!("globe".parse(), Ok(InsetChoice::Globe));
        assert_eq!("WORLD".parse(), Ok(InsetChoice::World));
        let e = "map".parse::<InsetChoice>().unwrap_err();
        assert!(
            e.contains("\"map\"") && e.contains("auto, none, globe or world"),
            "{e}"
        );
    }

    #[test]
    fn a_ring_encloses_its_share_of_the_globe() {
        // The northern hemisphere, as a ring along the equator.
        let equator: Vec<LonLat> = (0..360).map(|i| (f64::from(i) - 180.0, 0.0)).collect();
        let s = globe_share(&equator, (0.0, 90.0));
        assert!((s - 0.5).abs() < 1e-3, "{s}");
        // A 10° box at the equator: about 1.23 million km², 0.24% of the Earth.
        let b: Vec<LonLat> = vec![(0.0, -5.0), (10.0, -5.0), (10.0, 5.0), (0.0, 5.0)];
        let s = globe_share(&b, (5.0, 0.0));
        assert!((0.0022..0.0026).contains(&s), "{s}");
    }
}
