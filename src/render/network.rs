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
use super::style::Theme;
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

/// The busiest places get a marker and a label; the others are line ends.
pub(crate) const HUBS: usize = 12;

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

/// The network legs of a dataset as place pairs, with its hubs.
#[derive(Debug, Clone)]
pub(crate) struct NetworkClasses {
    /// Pairs in order of their place indices.
    pub pairs: Vec<Pair>,
    /// What is counted: `"airline route"` (or `"carrier route"` when not all
    /// legs are by air) when legs name carriers, one per carrier; else `"leg"`.
    pub unit: &'static str,
    /// The places with the most routes, most first.
    pub hubs: Vec<usize>,
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
        let mut hubs: Vec<usize> = (0..ds.places.len()).filter(|&i| at_place[i] > 0).collect();
        hubs.sort_by_key(|&i| (std::cmp::Reverse(at_place[i]), i));
        hubs.truncate(HUBS);
        NetworkClasses {
            max_routes: pairs.iter().map(|p| p.routes).max().unwrap_or(0),
            pairs,
            unit: match (any_carrier, all_air) {
                (true, true) => "airline route",
                (true, false) => "carrier route",
                (false, _) => "leg",
            },
            hubs,
        }
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

    /// One legend row per class in use.
    pub(crate) fn legend_entries(&self, theme: &Theme) -> Vec<LegendEntry> {
        self.classes()
            .into_iter()
            .map(|c| LegendEntry {
                // A little stronger than one line of the class looks on the
                // map, so that the faintest classes can be told apart.
                colour: theme.network_ramp[c].over(theme.page, (OPACITY[c] * 2.0).min(1.0)),
                width_px: WIDTHS_PX[c].max(0.8),
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

    #[test]
    fn style_names_parse() {
        assert_eq!("classes".parse(), Ok(NetworkStyle::Classes));
        assert_eq!(" Legs ".parse(), Ok(NetworkStyle::Legs));
        assert!("grid".parse::<NetworkStyle>().is_err());
    }
}
