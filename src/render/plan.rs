//! Stage 1, plan: what the map shows, before any geometry. Which legs are
//! drawn and how (strands: a route, a ranked path, a network leg), whether
//! the legs on no route form a network map in classes, which places get a
//! marker and which are ends, the legend's entries and leg styles, the flow
//! widths, the title, subtitle and description. The request is checked here:
//! a map too big to draw is refused before any work.

use super::RenderOptions;
use super::labels::LabelBy;
use super::legend::{LegStyles, LegendEntry, Swatch};
use super::legs::{Flow, Strand};
use super::network::{self, NetworkClasses, NetworkStyle};
use super::overlay;
use super::regions;
use super::style::{Colour, Theme, size};
use crate::analyze::Comparison;
use crate::analyze::paths::{Alternatives, Metric};
use crate::error::{Error, Result};
use crate::graph::RouteGraph;
use crate::model::{Dataset, Evidence, Labels, Mode};
use crate::text::thousands;

/// A map draws at most this many lines (legs, or place pairs of a network
/// map): each becomes a densified geodesic, and far more would exhaust memory
/// (one million legs drawn one by one took over 20 GB) and make an SVG no one
/// can open. Bigger networks are for `check`, `compare`, `paths`.
pub const MAX_DRAWN_LEGS: usize = 50_000;

/// Above this many legs, legs that are on no drawn path are left out when
/// alternatives are drawn (they would bury the paths).
pub const MAX_CONTEXT_LEGS: usize = 2000;

/// Line widths of alternative paths by rank, px.
const RANK_WIDTHS: [f64; 3] = [3.4, 2.6, 2.0];

/// What to draw.
pub(crate) struct Plan<'a> {
    /// The dataset.
    pub ds: &'a Dataset,
    /// Its graph (leg lengths, place degrees).
    pub graph: &'a RouteGraph,
    /// Colours.
    pub theme: &'static Theme,
    /// Legs to draw, strand by strand, bottom first.
    pub strands: Vec<Strand>,
    /// Legend rows: network classes, routes or paths, flows, overlays.
    pub entries: Vec<LegendEntry>,
    /// Evidence levels of the drawn legs and modes of those with a mode
    /// symbol (one legend row each).
    pub styles: LegStyles,
    /// Line widths by count, when a drawn leg has one.
    pub flow: Option<Flow>,
    /// Legs on no route drawn as a whole network in classes.
    pub network: Option<NetworkClasses>,
    /// Per leg: drawn in a strand.
    pub drawn: Vec<bool>,
    /// Per place: gets a marker (if it projects inside the frame). On a
    /// network map the places only on network legs are not shown here: the
    /// hubs among them are chosen from what is in view (see
    /// [`NetworkClasses::hubs`] and `geometry`).
    pub shown: Vec<bool>,
    /// Per place: the end of a route or path (larger marker, bold label).
    pub ends: Vec<bool>,
    /// What place labels say: `Auto` resolved (see [`LabelBy::resolve`]).
    pub label_by: LabelBy,
    /// Per place: its name in its country's language, for a second label
    /// line (`--labels en+local`); empty with `en`.
    pub local_names: Vec<Option<String>>,
    /// The map's title.
    pub title: String,
    /// The subtitle, if any.
    pub subtitle: Option<String>,
    /// A text alternative for the whole map.
    pub description: String,
}

/// Plan a map. Fails when the map would draw more than [`MAX_DRAWN_LEGS`]
/// lines.
pub(crate) fn plan<'a>(
    ds: &'a Dataset,
    graph: &'a RouteGraph,
    cmp: &Comparison,
    opts: &RenderOptions,
) -> Result<Plan<'a>> {
    let theme = opts.theme.theme();
    let alternatives = opts.alternatives.as_ref();
    // Legs on no route: a whole network in classes, or each on its own.
    let loose: Vec<usize> = match alternatives {
        None => (0..ds.legs.len())
            .filter(|&i| ds.legs[i].route.is_none())
            .collect(),
        Some(_) => Vec::new(),
    };
    let network = match opts.network {
        NetworkStyle::Legs => None,
        NetworkStyle::Classes => Some(&loose).filter(|l| !l.is_empty()),
        NetworkStyle::Auto => Some(&loose).filter(|l| l.len() > network::AUTO_LEGS),
    }
    .map(|legs| NetworkClasses::new(ds, legs));
    let (strands, mut entries) = match alternatives {
        None => route_strands(ds, cmp, network.is_none(), theme),
        Some(a) => path_strands(ds, a, theme),
    };
    let drawn = drawn_legs(ds, &strands);
    check_size(ds, &drawn, network.as_ref(), loose.len())?;
    let shown = shown_places(ds, &drawn, network.as_ref(), alternatives.is_none());
    let styles = leg_styles(ds, &strands);
    // A flow map when any drawn leg of a route or the network has a count.
    let flow = alternatives
        .is_none()
        .then(|| {
            (0..ds.legs.len())
                .filter(|&i| drawn[i])
                .filter_map(|i| ds.legs[i].count)
                .max()
        })
        .flatten()
        .map(|max_count| Flow { max_count });
    if let Some(f) = flow {
        entries.extend(flow_entries(f, ds, &drawn, theme));
    }
    if let Some(net) = &network {
        entries.splice(0..0, net.legend_entries(theme));
    }
    entries.extend(overlay::legend_entries(&opts.overlays, theme));
    entries.extend(regions::legend_entries(&regions::shown(ds, &shown), theme));
    let (title, subtitle) = titles(ds, alternatives);
    let title = opts.title.clone().unwrap_or(title);
    let subtitle = opts.subtitle.clone().or(subtitle);
    let mut description = crate::caption::description(ds, cmp, alternatives);
    if let Some(net) = &network {
        description.push(' ');
        description.push_str(&net.describe());
    }
    Ok(Plan {
        ds,
        graph,
        theme,
        label_by: opts.label.resolve(network.is_some()),
        local_names: match opts.labels {
            Labels::En => Vec::new(),
            Labels::EnLocal => ds
                .places
                .iter()
                .map(|p| crate::gazetteer::local_name(p).map(|l| l.name))
                .collect(),
        },
        ends: ends(ds, alternatives),
        strands,
        entries,
        styles,
        flow,
        network,
        drawn,
        shown,
        title,
        subtitle,
        description,
    })
}

/// The evidence levels of all drawn legs, and the modes of the legs that
/// carry marks, each once.
fn leg_styles(ds: &Dataset, strands: &[Strand]) -> LegStyles {
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut modes: Vec<Mode> = Vec::new();
    for s in strands {
        for &(l, _) in &s.legs {
            evidence.push(ds.legs[l].evidence);
            if s.marks {
                modes.push(ds.legs[l].mode);
            }
        }
    }
    evidence.sort();
    evidence.dedup();
    modes.sort();
    modes.dedup();
    LegStyles { evidence, modes }
}

fn drawn_legs(ds: &Dataset, strands: &[Strand]) -> Vec<bool> {
    let mut drawn = vec![false; ds.legs.len()];
    for s in strands {
        for &(l, _) in &s.legs {
            drawn[l] = true;
        }
    }
    drawn
}

/// Places with a marker: the ends of drawn legs; without alternatives every
/// place, even one with no legs, except on a network map the places on
/// network legs (the hubs among them get one once the view is known).
fn shown_places(
    ds: &Dataset,
    drawn: &[bool],
    network: Option<&NetworkClasses>,
    all: bool,
) -> Vec<bool> {
    let mut shown = vec![false; ds.places.len()];
    for (i, leg) in ds.legs.iter().enumerate() {
        if drawn[i] {
            for id in [&leg.from, &leg.to] {
                shown[ds.place_index(id).expect("validated dataset")] = true;
            }
        }
    }
    if all {
        let mut on_network = vec![false; ds.places.len()];
        if let Some(net) = network {
            for p in &net.pairs {
                on_network[p.a] = true;
                on_network[p.b] = true;
            }
        }
        for (s, on) in shown.iter_mut().zip(on_network) {
            *s |= !on;
        }
    }
    shown
}

/// Refuse a map of more than [`MAX_DRAWN_LEGS`] lines.
fn check_size(
    ds: &Dataset,
    drawn: &[bool],
    network: Option<&NetworkClasses>,
    loose: usize,
) -> Result<()> {
    let n_drawn = drawn.iter().filter(|d| **d).count();
    let n_pairs = network.map_or(0, |n| n.pairs.len());
    if n_drawn + n_pairs <= MAX_DRAWN_LEGS {
        return Ok(());
    }
    let what = match (n_pairs, n_drawn) {
        (0, _) => format!("{n_drawn} legs"),
        (_, 0) => format!("{n_pairs} place pairs (of {loose} legs)"),
        _ => format!(
            "{} lines ({n_pairs} place pairs of {loose} network legs, and {n_drawn} legs of routes)",
            n_drawn + n_pairs,
        ),
    };
    Err(Error::Usage(format!(
        "{}: {what} to draw; a map draws at most {MAX_DRAWN_LEGS} (draw the best paths between two places instead, or use check, compare and paths for a network this big)",
        crate::text::quote(&ds.name)
    )))
}

/// Places at the ends of the drawn routes or paths.
fn ends(ds: &Dataset, alternatives: Option<&Alternatives>) -> Vec<bool> {
    let mut ends = vec![false; ds.places.len()];
    match alternatives {
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
    ends
}

/// The map's title and subtitle.
fn titles(ds: &Dataset, alternatives: Option<&Alternatives>) -> (String, Option<String>) {
    match alternatives {
        Some(a) => {
            let title = match a.paths.first() {
                Some(p) => format!(
                    "{}: paths from {} to {}",
                    ds.title(),
                    ds.places[p.stops[0]].name,
                    ds.places[p.stops[p.stops.len() - 1]].name
                ),
                None => ds.title().to_string(),
            };
            let subtitle = format!(
                "The {} best loopless paths by {} over the dataset's legs",
                a.paths.len(),
                a.by.as_str()
            );
            (title, Some(subtitle))
        }
        None => (ds.title().to_string(), ds.meta.subtitle.clone()),
    }
}

fn network_strand(theme: &Theme, leg: usize) -> Strand {
    Strand {
        colour: theme.network,
        width_px: size::NETWORK_LINE,
        legs: vec![(leg, false)],
        marks: false,
        badge: None,
    }
}

fn line_entry(
    colour: crate::model::Colour,
    width_px: f64,
    label: String,
    noun: &'static str,
) -> LegendEntry {
    LegendEntry {
        noun,
        swatch: Swatch::Line,
        colour,
        width_px,
        label,
        badge: None,
    }
}

/// Without alternatives: the network legs in grey (unless drawn as a
/// network map) under each route in its colour.
fn route_strands(
    ds: &Dataset,
    cmp: &Comparison,
    network_legs: bool,
    theme: &Theme,
) -> (Vec<Strand>, Vec<LegendEntry>) {
    let mut strands = Vec::new();
    let mut entries = Vec::new();
    let network: Vec<usize> = (0..ds.legs.len())
        .filter(|&i| network_legs && ds.legs[i].route.is_none())
        .collect();
    if !network.is_empty() {
        let label = "Network legs".to_string();
        entries.push(line_entry(theme.network, size::NETWORK_LINE, label, "line"));
    }
    strands.extend(network.into_iter().map(|i| network_strand(theme, i)));
    for (ri, (route, summary)) in ds.routes.iter().zip(&cmp.routes).enumerate() {
        let badge = theme.badges.then_some(ri + 1);
        strands.push(Strand {
            colour: theme.route_colour(ri),
            width_px: size::LINE,
            legs: route.legs.iter().map(|&l| (l, false)).collect(),
            marks: true,
            badge,
        });
        let label = format!("{}: {} km", route.name, thousands(summary.distance_km));
        entries.push(LegendEntry {
            badge,
            ..line_entry(theme.route_colour(ri), size::LINE, label, "route")
        });
    }
    (strands, entries)
}

/// With alternatives: the paths in ranked colours and widths, best on top,
/// over the dataset's other legs in grey (left out for networks of more than
/// [`MAX_CONTEXT_LEGS`] legs).
fn path_strands(ds: &Dataset, a: &Alternatives, theme: &Theme) -> (Vec<Strand>, Vec<LegendEntry>) {
    let mut strands = Vec::new();
    let mut entries = Vec::new();
    let mut on_path = vec![false; ds.legs.len()];
    for p in &a.paths {
        for l in &p.legs {
            on_path[l.leg] = true;
        }
    }
    if ds.legs.len() <= MAX_CONTEXT_LEGS {
        let context: Vec<usize> = (0..ds.legs.len()).filter(|&i| !on_path[i]).collect();
        if !context.is_empty() {
            let label = "Other legs".to_string();
            entries.push(line_entry(theme.network, size::NETWORK_LINE, label, "line"));
        }
        strands.extend(context.into_iter().map(|i| network_strand(theme, i)));
    }
    let width = |rank: usize| RANK_WIDTHS[rank.min(RANK_WIDTHS.len() - 1)];
    let colours = path_colours(ds, a, theme);
    // Worst rank first, so the best path is drawn on top.
    for (rank, p) in a.paths.iter().enumerate().rev() {
        strands.push(Strand {
            colour: colours[rank],
            width_px: width(rank),
            legs: p.legs.iter().map(|l| (l.leg, l.reversed)).collect(),
            marks: true,
            badge: theme.badges.then_some(rank + 1),
        });
    }
    for (rank, p) in a.paths.iter().enumerate() {
        let km = format!("{} km", thousands(p.distance_m / 1000.0));
        let value = match (a.by, p.duration_h) {
            (Metric::Time, Some(h)) => format!("{h:.1} h, {km}"),
            _ => km,
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
        let label = format!("{}. {via}: {value}", rank + 1);
        entries.push(LegendEntry {
            badge: theme.badges.then_some(rank + 1),
            ..line_entry(colours[rank], width(rank), label, "path")
        });
    }
    (strands, entries)
}

/// The colour of each path, best first: a path through the same places as a
/// route of the dataset (either way round) takes that route's colour, so a
/// route looks the same on the map of routes, on a map of paths and in the
/// report; the others take, in rank order, the theme's colours that no route
/// of the dataset has, then those no path on this map has, then cycle.
fn path_colours(ds: &Dataset, a: &Alternatives, theme: &Theme) -> Vec<Colour> {
    let route_stops: Vec<Vec<usize>> = ds
        .routes
        .iter()
        .map(|r| {
            ds.stops(r)
                .iter()
                .filter_map(|id| ds.place_index(id))
                .collect()
        })
        .collect();
    let same_route = |stops: &[usize]| {
        route_stops
            .iter()
            .position(|r| r == stops || r.iter().rev().eq(stops.iter()))
    };
    let matched: Vec<Option<usize>> = a.paths.iter().map(|p| same_route(&p.stops)).collect();
    let n = theme.routes.len();
    // Colours a route of the dataset has.
    let mut taken: Vec<bool> = (0..n).map(|i| i < ds.routes.len()).collect();
    let mut on_map = vec![false; n];
    for ri in matched.iter().flatten() {
        on_map[ri % n] = true;
    }
    matched
        .iter()
        .enumerate()
        .map(|(rank, m)| match m {
            Some(ri) => theme.route_colour(*ri),
            None => {
                let pick = (0..n)
                    .find(|&i| !taken[i])
                    .or_else(|| (0..n).find(|&i| !on_map[i]))
                    .unwrap_or(rank % n);
                taken[pick] = true;
                on_map[pick] = true;
                theme.routes[pick]
            }
        })
        .collect()
}

/// Legend rows for a flow map: three sample widths (the largest count, and
/// two rounder smaller ones), and "no count" if some drawn leg lacks one.
fn flow_entries(flow: Flow, ds: &Dataset, drawn: &[bool], theme: &Theme) -> Vec<LegendEntry> {
    let max = flow.max_count;
    let mut samples = vec![max];
    for f in [0.5, 0.1] {
        let v = super::legend::nice_round(max as f64 * f) as u64;
        if v > 0 && !samples.contains(&v) {
            samples.push(v);
        }
    }
    let mut out: Vec<LegendEntry> = samples
        .into_iter()
        .map(|c| {
            let label = format!("{} people or units (count)", thousands(c as f64));
            line_entry(theme.muted, flow.width_px(Some(c)), label, "flow width")
        })
        .collect();
    if (0..ds.legs.len()).any(|i| drawn[i] && ds.legs[i].count.is_none()) {
        let label = "Count not given".to_string();
        out.push(line_entry(
            theme.muted,
            flow.width_px(None),
            label,
            "flow width",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::compare_with_graph;

    fn seed() -> Dataset {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/routes/donbas-workers");
        crate::load::dataset(dir.as_ref()).unwrap()
    }

    #[test]
    fn the_seed_plans_two_routes_with_their_km_and_styles() {
        let ds = seed();
        let g = RouteGraph::new(&ds);
        let cmp = compare_with_graph(&ds, &g);
        let p = plan(&ds, &g, &cmp, &RenderOptions::default()).unwrap();
        assert_eq!(p.strands.len(), 2);
        let labels: Vec<&str> = p.entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "via Moscow: 7,979 km",
                "via Volgograd: 7,611 km",
                "Donbas (Donets'k and Luhans'k regions); distances to Donetsk"
            ]
        );
        assert_eq!(
            p.styles,
            LegStyles {
                evidence: vec![Evidence::Reported, Evidence::Inferred],
                modes: vec![Mode::Air, Mode::Unknown],
            }
        );
        let ends: Vec<&str> = (0..ds.places.len())
            .filter(|&i| p.ends[i])
            .map(|i| ds.places[i].id.as_str())
            .collect();
        assert_eq!(ends, ["pyongyang", "donetsk"]);
        assert!(p.flow.is_none() && p.network.is_none());
        assert_eq!(p.title, "North Korean workers sent to Donbas");
    }

    /// A path through the seed's places `ids`, by legs the test does not
    /// need.
    fn path(ds: &Dataset, ids: &[&str]) -> crate::analyze::paths::Path {
        crate::analyze::paths::Path {
            stops: ids.iter().map(|id| ds.place_index(id).unwrap()).collect(),
            legs: Vec::new(),
            distance_m: 0.0,
            duration_h: None,
            cost: 0.0,
        }
    }

    #[test]
    fn a_path_along_a_route_takes_its_colour_and_others_take_colours_no_route_has() {
        let ds = seed();
        let theme = crate::render::style::ThemeName::Light.theme();
        let a = Alternatives {
            by: Metric::Distance,
            paths: vec![
                path(&ds, &["pyongyang", "vladivostok", "volgograd", "donetsk"]),
                path(&ds, &["pyongyang", "vladivostok", "donetsk"]),
                // Route "via Moscow" the other way round.
                path(&ds, &["donetsk", "moscow", "vladivostok", "pyongyang"]),
                path(&ds, &["pyongyang", "moscow", "donetsk"]),
            ],
        };
        assert_eq!(
            path_colours(&ds, &a, theme),
            [
                theme.routes[1],
                theme.routes[2],
                theme.routes[0],
                theme.routes[3]
            ]
        );
        // With every colour taken by a route, a path takes one no other
        // path on the map has.
        let mut crowded = ds.clone();
        for i in 0..theme.routes.len() {
            let mut r = crowded.routes[0].clone();
            r.name = format!("copy {i}");
            crowded.routes.push(r);
        }
        let c = path_colours(&crowded, &a, theme);
        assert_eq!(c[0], theme.routes[1]);
        assert_eq!(c[2], theme.routes[0]);
        assert!(c[1] != c[0] && c[1] != c[2] && c[3] != c[1] && c[3] != c[0] && c[3] != c[2]);
    }

    #[test]
    fn a_network_too_big_is_refused_before_any_geometry() {
        let ds = seed();
        let g = RouteGraph::new(&ds);
        let cmp = compare_with_graph(&ds, &g);
        let drawn = vec![true; MAX_DRAWN_LEGS + 1];
        let e = check_size(&ds, &drawn, None, 0).unwrap_err().to_string();
        assert!(
            e.starts_with("\"donbas-workers\": 50001 legs to draw"),
            "{e}"
        );
        assert!(!e.contains("--"), "library errors name no flags: {e}");
        assert!(plan(&ds, &g, &cmp, &RenderOptions::default()).is_ok());
    }
}
