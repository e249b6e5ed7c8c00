//! Whole networks on one map. Drawing each of tens of thousands of legs with
//! its casing, pattern, arrow and tooltip buries the map under ink and writes
//! files of tens of megabytes. A network map instead draws each pair of places
//! once (both directions together), in one of up to five classes by the number
//! of routes between them, each class wider and stronger in colour than the
//! last, so the busiest links stay readable where hubs crowd. Each class is a
//! group of paths (one per pair, so that crossing lines add up), its geodesics clipped to the frame and simplified at
//! a fraction of an output pixel.

use std::collections::BTreeMap;

use super::fit::Fit;
use super::legend::{LegendEntry, Swatch};
use super::scene::{Geometry, Group, Pt, Style};
use super::style::{Colour, Theme};
use crate::map::clip::{Rect, clip_polyline, simplify};
use crate::model::{Dataset, Leg};
use crate::text::thousands;

/// How legs that belong to no route are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NetworkStyle {
    /// Classes when there are more than [`AUTO_LEGS`] such legs, else each leg.
    #[default]
    Auto,
    /// Each leg with its own line, pattern and tooltip.
    Legs,
    /// Place pairs in classes by the number of routes between them.
    Classes,
}

impl std::str::FromStr for NetworkStyle {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(NetworkStyle::Auto),
            "legs" => Ok(NetworkStyle::Legs),
            "classes" => Ok(NetworkStyle::Classes),
            _ => Err(format!(
                "unknown network style {} (expected auto, legs or classes)",
                crate::text::quote(s)
            )),
        }
    }
}

/// `auto` draws a network in classes above this many legs on no route.
pub const AUTO_LEGS: usize = 1000;

/// Lines are simplified (Douglas–Peucker) to this fraction of an output pixel.
const TOLERANCE_PX: f64 = 0.35;

/// The busiest places in view get a marker and a label; the others are
/// line ends.
pub(crate) const HUBS: usize = 12;

/// A legend swatch's least contrast with the legend's background (WCAG's
/// contrast ratio; 3:1 is the minimum WCAG 2.1 asks of graphics).
pub(crate) const MIN_SWATCH_CONTRAST: f64 = 3.0;

/// Each class's swatch contrasts at least this many times more than the
/// class before it, so that the key reads from weakest to strongest.
const SWATCH_CONTRAST_STEP: f64 = 1.2;

/// A legend swatch is this much wider than one line of its class, design px.
pub(crate) const SWATCH_EXTRA_PX: f64 = 1.5;

/// Line width of each class, output px.
const WIDTHS_PX: [f64; 5] = [0.3, 0.4, 0.48, 0.9, 1.5];

/// Stroke opacity of each class. Each pair is its own path, so where many
/// lines cross, their ink adds up: dense areas darken gradually instead of
/// turning into one flat patch, and the busiest links, nearly opaque, stay on
/// top of them.
const OPACITY: [f64; 5] = [0.15, 0.18, 0.25, 0.5, 0.9];

/// An unordered pair of places with the routes between them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pair {
    /// Index of the first place (the lower index).
    pub a: usize,
    /// Index of the second place.
    pub b: usize,
    /// Routes between the two, both directions together.
    pub routes: u64,
}

/// The network legs of a dataset as place pairs, with the routes at each
/// place.
#[derive(Debug, Clone)]
pub(crate) struct NetworkClasses {
    /// Pairs in order of their place indices.
    pub pairs: Vec<Pair>,
    /// What is counted: `"airline route"` (or `"carrier route"` when not all
    /// legs are by air) when legs name carriers, one per carrier; else `"leg"`.
    pub unit: &'static str,
    /// Per place of the dataset: the routes at it, both directions (0 for
    /// places on no network leg).
    pub at_place: Vec<u64>,
    /// The most routes on one pair.
    pub max_routes: u64,
}

/// The routes a leg stands for: one per carrier it names, else one.
pub(crate) fn routes_on(leg: &Leg) -> u64 {
    leg.carrier
        .as_deref()
        .map_or(0, |c| c.split_whitespace().count() as u64)
        .max(1)
}

/// The class of a pair with `routes` routes: 1, 2–3, 4–7, 8–15, 16 and more.
pub(crate) fn class_of(routes: u64) -> usize {
    (routes.max(1).ilog2() as usize).min(WIDTHS_PX.len() - 1)
}

impl NetworkClasses {
    /// Collect the given legs (indices into `ds.legs`) into pairs.
    pub(crate) fn new(ds: &Dataset, legs: &[usize]) -> NetworkClasses {
        let mut by_pair: BTreeMap<(usize, usize), u64> = BTreeMap::new();
        let (mut any_carrier, mut all_air) = (false, true);
        for &i in legs {
            let leg = &ds.legs[i];
            any_carrier |= leg.carrier.is_some();
            all_air &= leg.mode == crate::model::Mode::Air;
            let a = ds.place_index(&leg.from).expect("validated dataset");
            let b = ds.place_index(&leg.to).expect("validated dataset");
            *by_pair.entry((a.min(b), a.max(b))).or_default() += routes_on(leg);
        }
        let pairs: Vec<Pair> = by_pair
            .into_iter()
            .map(|((a, b), routes)| Pair { a, b, routes })
            .collect();
        let mut at_place = vec![0u64; ds.places.len()];
        for p in &pairs {
            at_place[p.a] += p.routes;
            at_place[p.b] += p.routes;
        }
        NetworkClasses {
            max_routes: pairs.iter().map(|p| p.routes).max().unwrap_or(0),
            pairs,
            unit: match (any_carrier, all_air) {
                (true, true) => "airline route",
                (true, false) => "carrier route",
                (false, _) => "leg",
            },
            at_place,
        }
    }

    /// Whether place `i` is on some network leg.
    pub(crate) fn has(&self, i: usize) -> bool {
        self.at_place.get(i).is_some_and(|&n| n > 0)
    }

    /// The hubs of the map: the [`HUBS`] places with the most routes among
    /// the network's places for which `in_view` holds, most first (ties in
    /// place order). So a map of one region labels that region's hubs, not
    /// the world's.
    pub(crate) fn hubs(&self, in_view: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut hubs: Vec<usize> = (0..self.at_place.len())
            .filter(|&i| self.has(i) && in_view(i))
            .collect();
        hubs.sort_by_key(|&i| (std::cmp::Reverse(self.at_place[i]), i));
        hubs.truncate(HUBS);
        hubs
    }

    /// The range of routes in class `c`, as a legend shows it ("4–7").
    fn range(&self, c: usize) -> (u64, u64) {
        let lo = 1u64 << c;
        let hi = if c + 1 == WIDTHS_PX.len() {
            self.max_routes
        } else {
            ((1u64 << (c + 1)) - 1).min(self.max_routes)
        };
        (lo, hi.max(lo))
    }

    /// How a class is named: "2–3 airline routes between the two places".
    fn label(&self, c: usize) -> String {
        let (lo, hi) = self.range(c);
        let plural = if hi > 1 { "s" } else { "" };
        if lo == hi {
            format!("{lo} {}{plural} between two places", self.unit)
        } else {
            format!(
                "{}–{} {}{plural} between two places",
                thousands(lo as f64),
                thousands(hi as f64),
                self.unit
            )
        }
    }

    /// The classes some pair falls in, in order.
    fn classes(&self) -> Vec<usize> {
        let mut used = vec![false; WIDTHS_PX.len()];
        for p in &self.pairs {
            used[class_of(p.routes)] = true;
        }
        (0..used.len()).filter(|&c| used[c]).collect()
    }

    /// One legend row per class in use, with the swatches of
    /// [`swatches`].
    pub(crate) fn legend_entries(&self, theme: &Theme) -> Vec<LegendEntry> {
        let swatches = swatches(theme);
        self.classes()
            .into_iter()
            .map(|c| LegendEntry {
                colour: swatches[c].0,
                width_px: swatches[c].1,
                label: self.label(c),
                badge: None,
                swatch: Swatch::Line,
                noun: "network class",
            })
            .collect()
    }

    /// A sentence for the map's description.
    pub(crate) fn describe(&self) -> String {
        format!(
            "{} place pairs drawn once for both directions, in classes by the number of {}s between them (up to {}).",
            thousands(self.pairs.len() as f64),
            self.unit,
            thousands(self.max_routes as f64)
        )
    }

    /// The `network` layer: a group per class in use, fewest routes first,
    /// each pair its own path so that crossing lines add up. `arcs_m` holds
    /// each pair's projected geodesic, in pieces. `k` is the output pixels
    /// per design pixel (see `text_scale`): lines are simplified to a
    /// fraction of an output pixel.
    pub(crate) fn layer(
        &self,
        arcs_m: &[Vec<Vec<(f64, f64)>>],
        fit: &Fit,
        frame: &Rect,
        theme: &Theme,
        k: f64,
    ) -> Group {
        let tolerance = TOLERANCE_PX / k;
        let mut lines: Vec<Vec<Vec<Vec<Pt>>>> = vec![Vec::new(); WIDTHS_PX.len()];
        let mut screen: Vec<Pt> = Vec::new();
        for (pair, pieces) in self.pairs.iter().zip(arcs_m) {
            let mut runs = Vec::new();
            for piece in pieces {
                screen.clear();
                screen.extend(piece.iter().map(|&m| fit.screen(m)));
                runs.extend(
                    clip_polyline(&screen, frame)
                        .into_iter()
                        .map(|run| simplify(&run, tolerance)),
                );
            }
            lines[class_of(pair.routes)].push(runs);
        }
        let mut layer = Group::named("network");
        for c in self.classes() {
            let count = lines[c].len();
            let mut style = Style::line(theme.network_ramp[c], WIDTHS_PX[c]).round();
            if let Some(s) = style.stroke.as_mut() {
                s.opacity = Some(OPACITY[c]);
            }
            let mut g = Group::named(&format!("network-{}", c + 1)).with_style(style);
            g.title = Some(format!(
                "{}: {} place pair{}",
                self.label(c),
                thousands(count as f64),
                if count == 1 { "" } else { "s" }
            ));
            for runs in std::mem::take(&mut lines[c]) {
                g.plain(Geometry::Path {
                    runs,
                    closed: false,
                });
            }
            layer.group(g);
        }
        layer
    }
}

/// The legend's swatch of each class: its colour and width (design px).
///
/// One line of the weakest class is nearly transparent on the map (its
/// lines add up where they crowd), so drawn alike in the legend it would
/// not be seen. A swatch shows the class's colour at full strength, moved
/// towards the theme's ink where that is too faint against the legend's
/// background (the page colour), so that every swatch contrasts at least
/// [`MIN_SWATCH_CONTRAST`] with it and each class [`SWATCH_CONTRAST_STEP`]
/// times more than the one before; and [`SWATCH_EXTRA_PX`] wider than the
/// class's line, so the thinnest is still a line.
pub(crate) fn swatches(theme: &Theme) -> [(Colour, f64); 5] {
    let mut out = [(theme.ink, 0.0); 5];
    let mut least = MIN_SWATCH_CONTRAST;
    for (c, slot) in out.iter_mut().enumerate() {
        let colour = towards_contrast(theme.network_ramp[c], theme.ink, theme.page, least);
        least = colour.contrast(theme.page) * SWATCH_CONTRAST_STEP;
        *slot = (colour, WIDTHS_PX[c] + SWATCH_EXTRA_PX);
    }
    out
}

/// `colour`, mixed with `ink` in steps of 2% until it contrasts at least
/// `least` with `background` (or is `ink`).
fn towards_contrast(colour: Colour, ink: Colour, background: Colour, least: f64) -> Colour {
    (0..=50)
        .map(|k| ink.over(colour, f64::from(k) / 50.0))
        .find(|&c| c.contrast(background) >= least)
        .unwrap_or(ink)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_double_in_range() {
        assert_eq!(class_of(0), 0);
        assert_eq!(class_of(1), 0);
        assert_eq!(class_of(2), 1);
        assert_eq!(class_of(3), 1);
        assert_eq!(class_of(4), 2);
        assert_eq!(class_of(7), 2);
        assert_eq!(class_of(8), 3);
        assert_eq!(class_of(15), 3);
        assert_eq!(class_of(16), 4);
        assert_eq!(class_of(1000), 4);
    }

    /// Regression: the weakest class's legend swatch was drawn at 0.3 of
    /// its colour and 0.8 px wide: about 1.4:1 against the light legend,
    /// about 1.2:1 in the dark and print themes, so it could not be seen.
    #[test]
    fn every_class_swatch_is_visible_in_every_theme() {
        use crate::render::style::ThemeName;
        for name in [ThemeName::Light, ThemeName::Dark, ThemeName::Print] {
            let theme = name.theme();
            let s = swatches(theme);
            for (c, &(colour, width)) in s.iter().enumerate() {
                let k = colour.contrast(theme.page);
                assert!(
                    k >= MIN_SWATCH_CONTRAST,
                    "{name:?} class {c}: contrast {k:.2} of {} on {}",
                    colour.hex(),
                    theme.page.hex()
                );
                assert!(width >= 1.5, "{name:?} class {c}: {width} px");
                if c > 0 {
                    let before = s[c - 1].0.contrast(theme.page);
                    assert!(k > before, "{name:?} class {c} weaker than {}", c - 1);
                    assert!(width > s[c - 1].1);
                }
            }
        }
    }

    #[test]
    fn contrast_is_wcag() {
        let (white, black) = (Colour(255, 255, 255), Colour(0, 0, 0));
        assert!((white.contrast(black) - 21.0).abs() < 1e-9);
        assert_eq!(white.contrast(white), 1.0);
        // #767676 on white is the classic 4.54:1.
        let k = Colour(0x76, 0x76, 0x76).contrast(white);
        assert!((k - 4.54).abs() < 0.01, "{k}");
    }

    #[test]
    fn hubs_are_the_busiest_places_in_view() {
        let net = NetworkClasses {
            pairs: Vec::new(),
            unit: "leg",
            at_place: vec![50, 0, 7, 9, 9, 1],
            max_routes: 0,
        };
        assert_eq!(net.hubs(|_| true), [0, 3, 4, 2, 5]);
        // Place 0 out of view: the next busiest; place 1 has no routes.
        assert_eq!(net.hubs(|i| i != 0), [3, 4, 2, 5]);
        assert!(net.has(2) && !net.has(1) && !net.has(9));
        let many = NetworkClasses {
            at_place: (1..=40).collect(),
            ..net
        };
        let hubs = many.hubs(|i| i % 2 == 0);
        assert_eq!(hubs.len(), HUBS);
        assert_eq!(hubs[0], 38);
    }

    #[test]
    fn style_names_parse() {
        assert_eq!("classes".parse(), Ok(NetworkStyle::Classes));
        assert_eq!(" Legs ".parse(), Ok(NetworkStyle::Legs));
        assert!("grid".parse::<NetworkStyle>().is_err());
    }
}
