//! Base-map names: countries in spaced capitals, seas, oceans and lakes in
//! italics, so that a reader can tell where the map is.
//!
//! Names come from [`crate::map::names`] in the map's language (English
//! where Natural Earth has no translation). They are placed after the
//! route and place labels, most important first (Natural Earth's
//! `min_label`, then area), and only where:
//!
//! * Natural Earth shows the name at this scale (its `min_label` is at most
//!   the map's web-map zoom plus [`ZOOM_SLACK`]);
//! * the label point is inside the frame, and the name fits its feature: a
//!   country's name is no wider than [`COUNTRY_WIDTH`] times the square
//!   root of the country's area on screen; a sea's or ocean's lies within
//!   the water round its pole of inaccessibility; a lake's inside the lake,
//!   or beside it when the lake is at least [`LAKE_MIN_SIDE`] px across
//!   but too small to hold it (at most [`MAX_LAKES`] lakes); a big
//!   country whose label point is off the map may be named at another
//!   point well inside it;
//! * it covers none of the boxes it is given (place labels with their
//!   halos, markers, the legend, the scale bar, the north arrow, graticule
//!   labels, an inset...) and no other base-map name, and stays inside the
//!   frame (so off the title and credit).
//!
//! A few positions round the label point are tried, the one covering
//! fewest points of route lines wins; a name that fits nowhere is dropped,
//! never shrunk or squeezed. The layers `country-labels` and `sea-labels`
//! (lakes included) are drawn over the base map and under the routes, so a
//! route is never hidden by a name's halo.
//!
//! Country names in scripts with capitals are upper-cased and spaced with
//! SVG `letter-spacing` ([`LETTER_SPACING`] em); the text stays the name
//! ("RUSSIA"), measured with the spacing.

use std::collections::BTreeSet;

use super::basemap::View;
use super::labels::PointGrid;
use super::scene::{Group, Halo, Line, Pt, Style, Text};
use super::style::ThemeName;
use super::text::{Anchor, CAP_HEIGHT, DESCENT, Weight, width};
use crate::map::clip::Rect;
use crate::map::names::{self, BaseName, Kind};
use crate::model::{Colour, Lang};

/// Mean Earth radius, metres.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// How far past the map's zoom a name's `min_label` may be.
pub(crate) const ZOOM_SLACK: f64 = 1.0;

/// A country's name may be this many times as wide as the square root of
/// its area on screen.
pub(crate) const COUNTRY_WIDTH: f64 = 1.4;

/// Space after each letter of a country's name, in em.
pub(crate) const LETTER_SPACING: f64 = 0.18;

/// At most this many base-map names on a map (a small format: half).
pub(crate) const MAX_NAMES: usize = 40;

/// A lake is named only when its area on the map is at least this side
/// squared (design px).
pub(crate) const LAKE_MIN_SIDE: f64 = 10.0;

/// At most this many lakes are named (a small format: a third).
pub(crate) const MAX_LAKES: usize = 8;

/// Room kept between a base-map name and anything else, design px.
const CLEARANCE: f64 = 3.0;

/// What placing names needs besides the view.
pub(crate) struct Setting<'a> {
    /// The language of the names.
    pub lang: Lang,
    /// The theme, for the names' colours.
    pub theme: ThemeName,
    /// A small format: fewer, smaller names.
    pub small: bool,
    /// Boxes no name may cover (design px).
    pub obstacles: &'a [Rect],
    /// Points along route lines, which names keep off where they can.
    pub lines: &'a [Pt],
}

/// Colours of country names and of water names, each readable on its
/// ground (WCAG contrast ≥ 4.5; see the tests).
pub(crate) fn colours(theme: ThemeName) -> (Colour, Colour) {
    match theme {
        ThemeName::Light => (Colour(0x6b, 0x62, 0x59), Colour(0x2f, 0x62, 0x8c)),
        ThemeName::Dark => (Colour(0xb4, 0xb0, 0xa8), Colour(0x8c, 0xb8, 0xdc)),
        ThemeName::Print => (Colour(0x4a, 0x4a, 0x4a), Colour(0x40, 0x40, 0x40)),
    }
}

/// A name laid out: its lines, size and style, before it is placed.
struct Shaped {
    lines: Vec<String>,
    size: f64,
    spacing: f64,
    italic: bool,
    /// Widths of the lines as drawn, spacing included (not after the last letter).
    widths: Vec<f64>,
}

impl Shaped {
    fn new(text: &str, kind: Kind, rank: u8, small: bool, max_width: f64) -> Shaped {
        let size = match kind {
            Kind::Ocean => 12.5,
            Kind::Country if rank <= 2 => 12.5,
            Kind::Country if rank <= 3 => 11.0,
            Kind::Country if rank <= 4 => 10.0,
            Kind::Country => 9.0,
            Kind::Sea if rank <= 1 => 11.0,
            Kind::Sea if rank <= 3 => 10.0,
            Kind::Sea => 9.0,
            Kind::Lake => 9.0,
        } * if small { 0.9 } else { 1.0 };
        let cased = text.to_uppercase() != text.to_lowercase();
        let (text, spacing) = match kind {
            Kind::Country | Kind::Ocean if cased => (text.to_uppercase(), LETTER_SPACING * size),
            _ => (text.to_string(), 0.0),
        };
        let measure = |l: &str| {
            let n = l.chars().count().saturating_sub(1) as f64;
            width(l, size, Weight::Normal) + spacing * n
        };
        let mut lines = vec![text.clone()];
        if measure(&text) > max_width
            && let Some(split) = halves(&text)
        {
            lines = split;
        }
        let widths = lines.iter().map(|l| measure(l)).collect();
        Shaped {
            lines,
            size,
            spacing,
            italic: matches!(kind, Kind::Ocean | Kind::Sea | Kind::Lake),
            widths,
        }
    }

    fn width(&self) -> f64 {
        self.widths.iter().copied().fold(0.0, f64::max)
    }

    fn leading(&self) -> f64 {
        self.size * 1.15
    }

    fn height(&self) -> f64 {
        (CAP_HEIGHT + DESCENT) * self.size + self.leading() * (self.lines.len() - 1) as f64
    }

    /// The box covered when centred on `c`, an italic's slant included.
    fn bbox(&self, c: Pt) -> Rect {
        let (w, h) = (self.width(), self.height());
        let slant = if self.italic { 0.15 * self.size } else { 0.0 };
        Rect::new(
            c.0 - w / 2.0,
            c.1 - h / 2.0,
            c.0 + w / 2.0 + slant,
            c.1 + h / 2.0,
        )
    }

    /// The text, centred on `c`. Each line starts at its left edge, by its
    /// measured width: renderers disagree on whether letter spacing after
    /// the last letter counts when a line is anchored at its middle
    /// (Chromium counts it, resvg does not), and agree where it starts.
    fn text(&self, c: Pt, fill: Colour) -> Text {
        let top = c.1 - self.height() / 2.0 + CAP_HEIGHT * self.size;
        Text {
            lines: self
                .lines
                .iter()
                .enumerate()
                .map(|(i, l)| Line {
                    text: l.clone(),
                    x: c.0 - self.widths[i] / 2.0,
                    y: top + self.leading() * i as f64,
                })
                .collect(),
            size: self.size,
            weight: Weight::Normal,
            anchor: Anchor::Start,
            rotate_deg: 0.0,
            italic: self.italic,
            letter_spacing: self.spacing,
            style: Style::fill(fill),
        }
    }
}

/// Two lines split at the space nearest the middle, if there is a space.
fn halves(text: &str) -> Option<Vec<String>> {
    let mid = text.len() / 2;
    let at = text
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(mid))?;
    Some(vec![
        text[..at].trim().to_string(),
        text[at + 1..].trim().to_string(),
    ])
}

/// The map's scale as a web-map zoom level (256 px tiles): the level whose
/// equator has as many px per metre as the map has at its centre.
pub(crate) fn zoom(scale_px_per_m: f64) -> f64 {
    (scale_px_per_m * 2.0 * std::f64::consts::PI * EARTH_RADIUS_M / 256.0).log2()
}

/// A point on screen with the local scale there: px per km² of area and px
/// per degree of latitude.
fn local(view: &View, p: (f64, f64)) -> Option<(Pt, f64, f64)> {
    let d = 0.25;
    let screen = |q: (f64, f64)| {
        view.projection
            .forward(q)
            .map(|m| view.fit.screen(m))
            .filter(|s| s.0.is_finite() && s.1.is_finite())
    };
    let at = screen(p)?;
    let (lat_d, lon_d) = if p.1 > 89.0 { (-d, d) } else { (d, d) };
    let east = screen((p.0 + lon_d, p.1))?;
    let north = screen((p.0, p.1 + lat_d))?;
    let (ex, ey) = (east.0 - at.0, east.1 - at.1);
    let (nx, ny) = (north.0 - at.0, north.1 - at.1);
    let px2 = (ex * ny - ey * nx).abs();
    let km = d.to_radians() * EARTH_RADIUS_M / 1000.0;
    let km2 = km * km * p.1.to_radians().cos().max(0.01);
    let per_deg_lat = nx.hypot(ny) / d;
    // A fold or a seam between the three points is no local scale.
    if px2 == 0.0 || per_deg_lat > 1e4 || (px2 / km2).sqrt() > 1e3 {
        return None;
    }
    Some((at, px2 / km2, per_deg_lat))
}

/// Where a name may go: candidate centres round an anchor on a grid of
/// steps of 0.3 of the name's width and 0.9 of its height, nearest first,
/// no further than `reach`.
fn offsets(w: f64, h: f64, reach: f64) -> Vec<Pt> {
    let mut out: Vec<Pt> = Vec::new();
    for i in -3..=3 {
        for j in -2..=2 {
            let o = (f64::from(i) * 0.3 * w, f64::from(j) * 0.9 * h);
            if o.0.hypot(o.1) <= reach {
                out.push(o);
            }
        }
    }
    // Nearest first; ties in a fixed order (above before below, left
    // before right) so the output does not depend on sorting details.
    out.sort_by(|a, b| {
        a.0.hypot(a.1)
            .total_cmp(&b.0.hypot(b.1))
            .then(a.1.total_cmp(&b.1))
            .then(a.0.total_cmp(&b.0))
    });
    out
}

/// The `country-labels` and `sea-labels` layers (either may be empty).
pub(crate) fn layers(view: &View, set: &Setting<'_>) -> [Group; 2] {
    let frame = *view.frame;
    let inner = frame.inflate(-CLEARANCE - 1.0);
    let zoom = zoom(view.fit.scale);
    let grid = PointGrid::new(set.lines, &frame, 16.0);
    let (country_ink, water_ink) = colours(set.theme);
    let th = set.theme.theme();
    let mut countries = Group::named("country-labels").with_style(Style {
        halo: Some(Halo {
            colour: th.land,
            width: 2.5,
        }),
        ..Style::default()
    });
    let mut seas = Group::named("sea-labels").with_style(Style {
        halo: Some(Halo {
            colour: th.sea,
            width: 2.0,
        }),
        ..Style::default()
    });
    let max = if set.small { MAX_NAMES / 2 } else { MAX_NAMES };
    let max_lakes = if set.small { MAX_LAKES / 3 } else { MAX_LAKES };
    let mut lakes = 0;
    let mut taken: Vec<Rect> = Vec::new();
    let mut written: BTreeSet<String> = BTreeSet::new();
    let mut order: Vec<&BaseName> = names::all()
        .iter()
        .filter(|n| n.min_label <= zoom + ZOOM_SLACK)
        .collect();
    order.sort_by(|a, b| {
        a.min_label
            .total_cmp(&b.min_label)
            .then(b.area_km2.total_cmp(&a.area_km2))
    });
    for n in order {
        if taken.len() >= max {
            break;
        }
        let text = n.name(set.lang);
        if written.contains(text) || (n.kind == Kind::Lake && lakes >= max_lakes) {
            continue;
        }
        let Some((shaped, at)) = place(view, set, n, text, &inner, &taken, &grid) else {
            continue;
        };
        taken.push(shaped.bbox(at).inflate(CLEARANCE));
        written.insert(text.to_string());
        lakes += usize::from(n.kind == Kind::Lake);
        match n.kind {
            Kind::Country => countries.text(shaped.text(at, country_ink)),
            _ => seas.text(shaped.text(at, water_ink)),
        }
    }
    [countries, seas]
}

/// The best free position for one feature's name, if it has one.
fn place(
    view: &View,
    set: &Setting<'_>,
    n: &BaseName,
    text: &str,
    inner: &Rect,
    taken: &[Rect],
    grid: &PointGrid,
) -> Option<(Shaped, Pt)> {
    for anchor in &n.anchors {
        // Most anchors are off the map: one projection tells.
        let on_map = view
            .projection
            .forward(anchor.at)
            .is_some_and(|m| inner.contains(view.fit.screen(m)));
        if !on_map {
            continue;
        }
        let Some((at, px_per_km2, px_per_deg)) = local(view, anchor.at) else {
            continue;
        };
        if !inner.contains(at) {
            continue;
        }
        let (shaped, centres) = match n.kind {
            // A big country's other points: the name fits round the point.
            Kind::Country if anchor.radius_deg > 0.0 => {
                let r = anchor.radius_deg * px_per_deg;
                let s = Shaped::new(text, n.kind, n.rank, set.small, 4.0 * r);
                if s.width() / 2.0 > 2.0 * r || s.height() / 2.0 > r {
                    continue;
                }
                let c = offsets(s.width(), s.height(), 0.5 * r);
                (s, c)
            }
            Kind::Country => {
                let side = (n.area_km2 * px_per_km2).sqrt();
                let s = Shaped::new(text, n.kind, n.rank, set.small, COUNTRY_WIDTH * side);
                if s.width() > COUNTRY_WIDTH * side || s.height() > 0.8 * side {
                    continue;
                }
                let c = offsets(s.width(), s.height(), (0.5 * side).max(2.5 * s.height()));
                (s, c)
            }
            Kind::Lake if (n.area_km2 * px_per_km2).sqrt() < LAKE_MIN_SIDE => continue,
            Kind::Ocean | Kind::Sea | Kind::Lake => {
                let r = anchor.radius_deg * px_per_deg;
                let s = Shaped::new(text, n.kind, n.rank, set.small, 3.0 * r);
                let inside = s.width() / 2.0 <= 1.6 * r && s.height() / 2.0 <= r;
                if inside {
                    let c = offsets(s.width(), s.height(), 0.5 * r);
                    (s, c)
                } else if n.kind == Kind::Lake && r >= 1.5 {
                    // Beside a lake too small to hold its name.
                    let s = Shaped::new(text, n.kind, n.rank, set.small, f64::INFINITY);
                    let (hw, hh) = (s.width() / 2.0, s.height() / 2.0);
                    let g = r + 2.0;
                    let c = vec![(g + hw, 0.0), (-g - hw, 0.0), (0.0, g + hh), (0.0, -g - hh)];
                    (s, c)
                } else {
                    continue;
                }
            }
        };
        let mut best: Option<(usize, Pt)> = None;
        for o in centres {
            let c = (at.0 + o.0, at.1 + o.1);
            let b = shaped.bbox(c);
            if !inner.contains_rect(&b) {
                continue;
            }
            let grown = b.inflate(CLEARANCE);
            if set
                .obstacles
                .iter()
                .chain(taken)
                .any(|t| t.intersects(&grown))
            {
                continue;
            }
            let hits = grid.count(&grown);
            if best.is_none_or(|(h, _)| hits < h) {
                best = Some((hits, c));
            }
            if hits == 0 {
                break;
            }
        }
        if let Some((_, c)) = best {
            return Some((shaped, c));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_colours_read_on_their_ground_in_every_theme() {
        for t in [ThemeName::Light, ThemeName::Dark, ThemeName::Print] {
            let (country, water) = colours(t);
            let th = t.theme();
            assert!(country.contrast(th.land) >= 4.5, "{t:?} country");
            assert!(water.contrast(th.sea) >= 4.5, "{t:?} water");
        }
    }

    #[test]
    fn spaced_capitals_are_measured_with_their_spacing() {
        let s = Shaped::new("Russia", Kind::Country, 2, false, 1000.0);
        assert_eq!(s.lines, ["RUSSIA"]);
        let plain = width("RUSSIA", s.size, Weight::Normal);
        assert!((s.width() - plain - 5.0 * LETTER_SPACING * s.size).abs() < 1e-9);
        // Scripts without capitals are neither upper-cased nor spaced.
        let k = Shaped::new("러시아", Kind::Country, 2, false, 1000.0);
        assert_eq!((k.lines[0].as_str(), k.spacing), ("러시아", 0.0));
        // A name too wide for its room goes on two lines, never smaller.
        let nk = Shaped::new("North Korea", Kind::Country, 3, false, 50.0);
        assert_eq!(nk.lines, ["NORTH", "KOREA"]);
        assert_eq!(nk.size, 11.0);
    }

    #[test]
    fn zoom_matches_web_maps() {
        // The equator 256 px long is zoom 0.
        let z = zoom(256.0 / (2.0 * std::f64::consts::PI * EARTH_RADIUS_M));
        assert!(z.abs() < 1e-9);
    }

    #[test]
    fn italic_names_are_measured_with_the_oblique_faces_advances() {
        use std::io::Read;
        let mut bytes = Vec::new();
        flate2::bufread::DeflateDecoder::new(crate::assets::DEJAVU_SANS_OBLIQUE)
            .read_to_end(&mut bytes)
            .unwrap();
        let oblique = ttf_parser::Face::parse(&bytes, 0).unwrap();
        let regular = super::super::text::face(Weight::Normal);
        for c in "Sea of Japan Lake Baikal Mer Caspienne ÉÀçé".chars() {
            let adv =
                |f: &ttf_parser::Face<'_>| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g));
            assert_eq!(adv(&oblique), adv(regular), "{c}");
        }
    }
}
