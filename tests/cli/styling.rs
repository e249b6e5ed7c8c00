//! How legs look (issue 14, items 9 and 10): the line's pattern says how a
//! leg is known (reported solid, inferred dashed, disputed dotted and
//! faded) whatever its mode; the mode is a symbol at mid-leg, never a plane
//! when the source does not say; the legend lists the evidence levels and
//! modes in use, apart; and a route has the same colour on the map of its
//! dataset, on a map of paths, and in the report's map and chart.

use std::path::Path;

use crate::common::scene::{options, scene, scene_of, text_nodes};
use crate::common::{Run, root, routemap, seed_copy};
use routemap::model::Colour;
use routemap::render::scene::{Geometry, Group, Node, Paint, Scene};
use routemap::render::style::ThemeName;

/// A leg as the SVG draws it: tooltip, stroke colour, dash pattern (`None`
/// when solid).
struct SvgLeg {
    title: String,
    stroke: String,
    dash: Option<Vec<f64>>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_string())
}

/// The legs of a map's SVG: each is a group whose `<title>` reads
/// "From → To: ..." followed by its line's group.
fn svg_legs(svg: &str) -> Vec<SvgLeg> {
    svg.split("<title>")
        .skip(1)
        .filter_map(|part| {
            let (title, rest) = part.split_once("</title>")?;
            if !title.contains(" → ") {
                return None;
            }
            let start = rest.find("<g ")?;
            let tag = &rest[start..start + rest[start..].find('>')?];
            Some(SvgLeg {
                title: title.to_string(),
                stroke: attr(tag, "stroke")?,
                dash: attr(tag, "stroke-dasharray")
                    .map(|d| d.split(' ').map(|v| v.parse().unwrap()).collect()),
            })
        })
        .collect()
}

/// The one leg whose tooltip starts with `from_to` ("Moscow → Donbas").
fn leg<'a>(legs: &'a [SvgLeg], from_to: &str) -> &'a SvgLeg {
    let found: Vec<&SvgLeg> = legs
        .iter()
        .filter(|l| l.title.starts_with(&format!("{from_to}:")))
        .collect();
    assert_eq!(found.len(), 1, "{from_to}");
    found[0]
}

fn render_to(dataset: &Path, extra: &[&str], out: &Path) -> String {
    routemap(&root())
        .arg("render")
        .arg(dataset)
        .args(extra)
        .arg("-o")
        .arg(out)
        .assert()
        .success();
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn reported_legs_are_solid_and_inferred_legs_dashed_whatever_their_mode() {
    // Regression: the reported legs of unknown mode that carry the seed's
    // story were dotted, fainter than the one inferred leg.
    let tmp = tempfile::tempdir().unwrap();
    let svg = render_to(
        &root().join("routes/donbas-workers"),
        &[],
        &tmp.path().join("m.svg"),
    );
    let legs = svg_legs(&svg);
    assert_eq!(legs.len(), 6);
    for l in &legs {
        if l.title.contains(", reported,") {
            assert_eq!(l.dash, None, "reported, so solid: {}", l.title);
        } else {
            assert!(l.title.contains(", inferred,"), "{}", l.title);
            let dash = l.dash.as_ref().expect("inferred, so dashed");
            assert!(dash.len() == 2 && dash[0] > 5.0, "{dash:?}");
        }
    }
    let unknown = legs
        .iter()
        .filter(|l| l.title.contains("mode not stated, reported"));
    assert_eq!(unknown.count(), 4);
}

/// The seed with the Volgograd → Donbas leg disputed.
fn disputed_seed() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = seed_copy("disputed");
    let legs = std::fs::read_to_string(dir.join("legs.csv"))
        .unwrap()
        .replace(
            "via Volgograd,volgograd,donetsk,unknown,reported",
            "via Volgograd,volgograd,donetsk,unknown,disputed",
        );
    std::fs::write(dir.join("legs.csv"), legs).unwrap();
    (tmp, dir)
}

#[test]
fn disputed_legs_are_read_drawn_dotted_and_faded_and_reported() {
    let (tmp, dir) = disputed_seed();
    routemap(tmp.path())
        .arg("check")
        .arg(&dir)
        .assert()
        .success();
    let svg = render_to(&dir, &[], &tmp.path().join("m.svg"));
    let legs = svg_legs(&svg);
    let disputed = leg(&legs, "Volgograd → Donbas");
    assert!(disputed.title.contains(", disputed,"), "{}", disputed.title);
    let dash = disputed.dash.as_ref().expect("dotted");
    assert!(dash[0] < 0.1 && dash[1] > 2.0, "dots: {dash:?}");
    // Faded: lighter than the route's other legs.
    let route = &leg(&legs, "Vladivostok → Volgograd").stroke;
    let sum = |hex: &str| -> u32 {
        (0..3)
            .map(|i| u32::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap())
            .sum()
    };
    assert!(
        sum(&disputed.stroke) > sum(route) + 100,
        "{} vs {route}",
        disputed.stroke
    );
    assert!(svg.contains(">Disputed leg</text>"));

    // Every output that states evidence says "disputed".
    let geojson = tmp.path().join("m.geojson");
    routemap(tmp.path())
        .arg("render")
        .arg(&dir)
        .arg("-o")
        .arg(&geojson)
        .assert()
        .success();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&geojson).unwrap()).unwrap();
    let evidence: Vec<&str> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["properties"]["evidence"].as_str())
        .collect();
    assert_eq!(evidence.iter().filter(|e| **e == "disputed").count(), 1);
    let json = routemap(tmp.path())
        .arg("compare")
        .arg(&dir)
        .args(["--format", "json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&json.0.stdout).unwrap();
    assert_eq!(v["routes"][1]["legs"][2]["evidence"], "disputed");
    assert!(
        v["routes"][1]["evidence"]
            .as_array()
            .unwrap()
            .contains(&"disputed".into())
    );
    let table = routemap(tmp.path())
        .arg("compare")
        .arg(&dir)
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&table.0.stdout).contains("disputed"));
}

/// A leg group's mode symbol (its second child), scaled to a unit disc:
/// every point of every shape relative to the disc's centre and radius,
/// rounded; and the disc's fill and rim colours.
fn symbol(leg: &Group) -> Option<(Vec<String>, Colour, Colour)> {
    let Some(Node::Group(sym)) = leg.children.get(1) else {
        return None;
    };
    let mut shapes = sym.children.iter().filter_map(|n| match n {
        Node::Shape(s) => Some(s),
        _ => None,
    });
    let disc = shapes.next()?;
    let Geometry::Circle { centre: c, r } = disc.geometry else {
        return None;
    };
    let colour = |p: &Option<Paint>| match p {
        Some(Paint::Colour(c)) => Some(*c),
        _ => None,
    };
    let fill = colour(&disc.style.fill)?;
    let rim = shapes.next()?;
    let rim_colour = colour(&rim.style.stroke.as_ref()?.paint)?;
    let unit = |(x, y): (f64, f64)| format!("{:.2},{:.2}", (x - c.0) / r, (y - c.1) / r);
    let mut out = Vec::new();
    for s in sym.children.iter().filter_map(|n| match n {
        Node::Shape(s) => Some(s),
        _ => None,
    }) {
        match &s.geometry {
            Geometry::Circle { centre, r: rr } => {
                out.push(format!("circle {} {:.2}", unit(*centre), rr / r))
            }
            Geometry::Path { runs, closed } => out.push(format!(
                "path {closed} {}",
                runs.iter()
                    .flatten()
                    .map(|&p| unit(p))
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
            Geometry::Rect { .. } => out.push("rect".into()),
        }
    }
    Some((out, fill, rim_colour))
}

/// The leg groups (with a tooltip) of the routes layer.
fn leg_groups(scene: &Scene) -> Vec<&Group> {
    scene
        .layer("routes")
        .expect("routes layer")
        .children
        .iter()
        .filter_map(|c| match c {
            Node::Group(g) if g.title.is_some() => Some(g),
            _ => None,
        })
        .collect()
}

/// The disc of a leg's mode symbol: centre and radius.
fn disc(leg: &Group) -> Option<((f64, f64), f64)> {
    let Some(Node::Group(sym)) = leg.children.get(1) else {
        return None;
    };
    sym.children.iter().find_map(|n| match n {
        Node::Shape(s) => match s.geometry {
            Geometry::Circle { centre, r } => Some((centre, r)),
            _ => None,
        },
        _ => None,
    })
}

#[test]
fn every_route_leg_shows_its_mode_and_an_unknown_mode_is_never_a_plane() {
    let s = scene("donbas-workers", &Default::default());
    let mut air = Vec::new();
    let mut unknown = Vec::new();
    for g in leg_groups(&s) {
        let title = g.title.as_deref().unwrap();
        let (shape, ..) = symbol(g).unwrap_or_else(|| panic!("no symbol: {title}"));
        if title.contains(": air,") {
            air.push(shape);
        } else {
            assert!(title.contains(": mode not stated,"), "{title}");
            unknown.push(shape);
        }
    }
    assert_eq!((air.len(), unknown.len()), (1, 5));
    assert!(
        unknown.iter().all(|u| *u == unknown[0]),
        "one symbol for unknown"
    );
    assert_ne!(
        air[0], unknown[0],
        "an unknown mode is not drawn as a flight"
    );
    // Legs on no route (the grey network) carry no symbol.
    let europe = scene("europe-capitals", &Default::default());
    let (network, routes): (Vec<&Group>, Vec<&Group>) = leg_groups(&europe)
        .into_iter()
        .partition(|g| !g.title.as_deref().unwrap().contains("; route: "));
    assert!(network.len() > 50 && routes.len() > 10);
    assert!(network.iter().all(|g| symbol(g).is_none()));
    assert!(routes.iter().all(|g| symbol(g).is_some()));
}

#[test]
fn the_legend_lists_the_evidence_levels_and_modes_in_use_apart() {
    let s = scene("europe-capitals", &Default::default());
    let rows: Vec<String> = text_nodes(s.layer("legend").unwrap())
        .iter()
        .map(|t| t.lines[0].text.clone())
        .collect();
    let from = rows
        .iter()
        .position(|r| r == "Reported leg")
        .expect("{rows:?}");
    // Network legs of sea and unknown mode carry no symbol, so those modes
    // are not listed; no leg is inferred or disputed.
    assert_eq!(
        rows[from..from + 4],
        ["Reported leg", "Air", "Rail", "Road"]
    );
    for absent in ["Sea", "Mode not stated", "Inferred leg", "Disputed leg"] {
        assert!(!rows.iter().any(|r| r == absent), "{absent}: {rows:?}");
    }
}

#[test]
fn mode_symbols_read_in_every_theme_and_at_a4_column() {
    for theme in ["light", "dark", "print"] {
        for size in ["1200x800", "a4-column"] {
            let s = scene(
                "donbas-workers",
                &options(&["--theme", theme, "--size", size]),
            );
            let halo = theme.parse::<ThemeName>().unwrap().theme().halo;
            let legs = leg_groups(&s);
            let mut discs = Vec::new();
            for g in &legs {
                let (_, fill, rim) = symbol(g).expect("a symbol on every leg");
                assert_eq!(fill, halo, "{theme} {size}: the disc is in the halo colour");
                // The rim has the line's colour.
                let Some(Node::Group(line)) = g.children.first() else {
                    panic!("a line")
                };
                let Some(Paint::Colour(line_colour)) =
                    line.style.stroke.as_ref().and_then(|s| s.paint.clone())
                else {
                    panic!("a line colour")
                };
                assert_eq!(rim, line_colour, "{theme} {size}");
                let (c, r) = disc(g).unwrap();
                assert!(r >= 5.0, "{theme} {size}: radius {r}");
                discs.push((c, r));
            }
            for (i, &(a, ra)) in discs.iter().enumerate() {
                for &(b, rb) in &discs[i + 1..] {
                    let d = (a.0 - b.0).hypot(a.1 - b.1);
                    assert!(
                        d >= ra + rb,
                        "{theme} {size}: symbols overlap at {a:?}, {b:?}"
                    );
                }
            }
        }
    }
}

/// The colour of the bars in the chart's row of `route`: the rects of the
/// bar's height under the route's name.
fn chart_row_colours(chart: &str, route: &str) -> Vec<String> {
    let label = chart
        .split("<text")
        .find(|t| t.contains(&format!(">{route}</text>")))
        .expect("route name in the chart");
    let y: f64 = attr(label, "y").unwrap().parse().unwrap();
    chart
        .split("<rect")
        .skip(1)
        .filter(|r| {
            let num = |n: &str| attr(r, n).and_then(|v| v.parse::<f64>().ok());
            matches!((num("y"), num("height")), (Some(ry), Some(h)) if h >= 20.0 && ry > y && ry < y + 30.0)
        })
        .filter_map(|r| attr(r, "fill"))
        .collect()
}

#[test]
fn a_route_keeps_its_colour_on_its_map_on_a_map_of_paths_and_in_the_report() {
    // Regression: "via Moscow" was blue on the dataset's map and orange on
    // the map of paths (paths were coloured by rank).
    let tmp = tempfile::tempdir().unwrap();
    let seed = root().join("routes/donbas-workers");
    let map = svg_legs(&render_to(&seed, &[], &tmp.path().join("map.svg")));
    let paths = svg_legs(&render_to(
        &seed,
        &["--paths", "pyongyang", "donetsk"],
        &tmp.path().join("paths.svg"),
    ));
    routemap(tmp.path())
        .arg("report")
        .arg(&seed)
        .args(["-o", "bundle"])
        .assert()
        .success();
    let bundle = tmp.path().join("bundle");
    let report_map = svg_legs(&std::fs::read_to_string(bundle.join("map.svg")).unwrap());
    let chart = std::fs::read_to_string(bundle.join("chart.svg")).unwrap();
    // Each of these legs is on one route only.
    let routes = [
        ("via Moscow", "Moscow → Donbas"),
        ("via Volgograd", "Volgograd → Donbas"),
    ];
    let colours: Vec<&String> = routes.iter().map(|(_, l)| &leg(&map, l).stroke).collect();
    assert_ne!(colours[0], colours[1]);
    for ((route, from_to), colour) in routes.iter().zip(&colours) {
        assert_eq!(
            &&leg(&paths, from_to).stroke,
            colour,
            "{route} on the paths map"
        );
        assert_eq!(
            &&leg(&report_map, from_to).stroke,
            colour,
            "{route} in the report"
        );
        // The chart's bar: solid in the route's colour where reported (the
        // inferred part is a tint of it), never in another route's.
        let bars = chart_row_colours(&chart, route);
        assert!(bars.contains(colour), "{route} in the chart: {bars:?}");
        assert!(bars.iter().all(|b| !colours.contains(&b) || &b == colour));
    }
}

#[test]
fn route_colours_on_a_map_of_many_routes_are_all_different() {
    // The six trans-Pacific routes, three of them side by side off Asia,
    // each have a colour of their own.
    let s = scene_of(&root().join("routes/trans-pacific"), &Default::default());
    let mut colours: Vec<Colour> = leg_groups(&s)
        .iter()
        .filter_map(|g| match g.children.first() {
            Some(Node::Group(line)) => match line.style.stroke.as_ref()?.paint {
                Some(Paint::Colour(c)) => Some(c),
                _ => None,
            },
            _ => None,
        })
        .collect();
    colours.sort_by_key(|c| (c.0, c.1, c.2));
    colours.dedup();
    assert_eq!(colours.len(), 6);
}
