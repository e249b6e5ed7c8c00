//! Regions as places and the locator inset (issue 15): the seed shades
//! Donbas in the `regions` layer and has an `inset`; world views have none;
//! `--inset` chooses; the inset never covers the legend, a marker, a name or
//! a route; a region's area is inside the fitted view. Region errors are in
//! the bad-input corpus (`tests/bad-input/places-area-*`).

use routemap::map::clip::Rect;
use routemap::render::Scene;
use routemap::render::scene::{Geometry, Group, Node};

use crate::common::scene::{frame, labels, legs, markers, options, runs, scene, scene_of};
use crate::common::{routemap, seed_copy};

/// The first rectangle drawn in a layer: the legend's or the inset's panel.
fn panel(scene: &Scene, layer: &str) -> Option<Rect> {
    scene
        .layer(layer)?
        .walk()
        .into_iter()
        .find_map(|n| match n {
            Node::Shape(s) => match s.geometry {
                Geometry::Rect { min, max } => Some(Rect::new(min.0, min.1, max.0, max.1)),
                _ => None,
            },
            _ => None,
        })
}

/// The groups directly in a layer.
fn groups(g: &Group) -> Vec<&Group> {
    g.children
        .iter()
        .filter_map(|n| match n {
            Node::Group(g) => Some(g),
            _ => None,
        })
        .collect()
}

#[test]
fn the_seed_shades_donbas_and_has_an_inset() {
    let s = scene("donbas-workers", &options(&[]));
    let regions = s.layer("regions").expect("a regions layer");
    let titled: Vec<Option<&str>> = groups(regions).iter().map(|g| g.title.as_deref()).collect();
    assert_eq!(titled, [Some("Donbas")]);
    assert!(!runs(regions).is_empty(), "the area is drawn");
    let texts = s.texts().join("\n");
    assert!(
        texts.contains("Donbas (Donets'k and Luhans'k regions); distances"),
        "{texts}"
    );
    // The marker is named by the city its point stands at.
    assert!(labels(&s).iter().any(|l| l.text == "Donetsk"));
    assert!(s.layer("inset").is_some(), "an inset");
    let svg = s.to_svg();
    assert!(svg.contains("<g id=\"regions\""));
    assert!(svg.contains("<g id=\"inset\""));
}

#[test]
fn world_views_have_no_inset_and_none_leaves_it_out() {
    for dataset in ["world", "trans-pacific"] {
        let s = scene(dataset, &options(&[]));
        assert!(s.layer("inset").is_none(), "{dataset} has an inset");
    }
    let s = scene("donbas-workers", &options(&["--inset", "none"]));
    assert!(s.layer("inset").is_none());
    // On the command line too.
    let tmp = tempfile::tempdir().unwrap();
    let out = routemap(tmp.path())
        .args(["render", "--inset", "none", "-o", "m.svg"])
        .arg(crate::common::seed())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let svg = std::fs::read_to_string(tmp.path().join("m.svg")).unwrap();
    assert!(!svg.contains("id=\"inset\""));
    let out = routemap(tmp.path())
        .args(["render", "--inset", "map", "-o", "m2.svg"])
        .arg(crate::common::seed())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown inset \"map\""));
    assert!(!tmp.path().join("m2.svg").exists());
}

#[test]
fn a_globe_and_a_world_inset_differ() {
    let globe = scene("donbas-workers", &options(&["--inset", "globe"]));
    let world = scene("donbas-workers", &options(&["--inset", "world"]));
    let (g, w) = (
        panel(&globe, "inset").unwrap(),
        panel(&world, "inset").unwrap(),
    );
    // A globe is round in a square panel; a world outline twice as wide.
    assert!((g.width() - g.height()).abs() < 1e-6, "{g:?}");
    assert!(w.width() > 1.5 * w.height(), "{w:?}");
    assert_ne!(globe.layer("inset"), world.layer("inset"));
    // A world map asked for a globe gets one.
    assert!(
        scene("world", &options(&["--inset", "globe"]))
            .layer("inset")
            .is_some()
    );
}

#[test]
fn the_inset_never_covers_the_legend_a_marker_a_name_or_a_route() {
    let mut seen = 0;
    for dataset in ["donbas-workers", "europe-capitals", "trans-pacific"] {
        for size in ["1200x800", "a4-column", "square", "slide-16x9", "800x1000"] {
            for inset in ["auto", "globe", "world"] {
                let s = scene(dataset, &options(&["--size", size, "--inset", inset]));
                let Some(b) = panel(&s, "inset") else {
                    continue;
                };
                seen += 1;
                let what = format!("{dataset} {size} {inset}: inset {b:?}");
                assert!(frame(&s).contains_rect(&b), "{what} leaves the frame");
                let legend = panel(&s, "legend").unwrap();
                assert!(!b.intersects(&legend), "{what} over the legend {legend:?}");
                for m in markers(&s, 0.0) {
                    assert!(!b.intersects(&m), "{what} over a marker {m:?}");
                }
                for l in labels(&s) {
                    assert!(!b.intersects(&l.bbox()), "{what} over {:?}", l.text);
                }
                for (tip, pieces) in legs(&s) {
                    for p in pieces.iter().flatten() {
                        assert!(!b.contains(*p), "{what} over the leg {tip:?} at {p:?}");
                    }
                }
            }
        }
    }
    assert!(seen >= 10, "only {seen} maps had an inset");
}

#[test]
fn a_region_is_inside_the_fitted_view() {
    // An area reaching well west and south of every place: the view
    // grows to hold it, so its outline is drawn whole (each ring one
    // closed line), inside the frame.
    let (_tmp, dir) = seed_copy("wide");
    let places = std::fs::read_to_string(dir.join("places.csv"))
        .unwrap()
        .replace("UA.DT+UA.LH", "wide.geojson");
    std::fs::write(dir.join("places.csv"), places).unwrap();
    std::fs::write(
        dir.join("wide.geojson"),
        r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[24,41],[40,41],[40,50],[24,50],[24,41]]]}}"#,
    )
    .unwrap();
    let s = scene_of(&dir, &options(&[]));
    let f = frame(&s);
    let regions = s.layer("regions").unwrap();
    let outline: Vec<_> = groups(regions)
        .iter()
        .flat_map(|g| groups(g))
        .flat_map(runs)
        .collect();
    assert_eq!(outline.len(), 1, "one ring, drawn as one line");
    let ring = &outline[0];
    let (a, z) = (ring[0], ring[ring.len() - 1]);
    assert!((a.0 - z.0).hypot(a.1 - z.1) < 1e-6, "the ring is closed");
    for p in ring {
        assert!(f.inflate(-1.0).contains(*p), "{p:?} outside {f:?}");
    }
}
