//! Base-map names (issue 15): countries in spaced capitals, seas and lakes
//! in italics, in the map's language, clear of place labels, markers and
//! the legend, dropped rather than shrunk. Structural checks on the scene;
//! `--lang` and `lang` in `dataset.toml` also through the binary.

use routemap::map::clip::Rect;
use routemap::model::Dataset;
use routemap::render::scene::{Geometry, Node, Scene, Text};
use routemap::render::text::{Anchor, CAP_HEIGHT, DESCENT, Weight, width};
use routemap::render::{self, RenderOptions};

use crate::common::scene::{frame, labels, markers, options, scene};
use crate::common::{group_texts, root, routemap, seed_copy};

/// A base-map name: its text (lines joined by a space), the node, and the
/// box it covers, measured here from the text, size and letter spacing.
struct Name<'a> {
    text: String,
    node: &'a Text,
    bbox: Rect,
}

fn names<'a>(s: &'a Scene, layer: &str) -> Vec<Name<'a>> {
    let Some(g) = s.layer(layer) else {
        return Vec::new();
    };
    g.walk()
        .into_iter()
        .filter_map(|n| match n {
            Node::Text(t) => Some(t),
            _ => None,
        })
        .map(|t| {
            // Each line starts at its left edge (renderers disagree on
            // where a letter-spaced line anchored at its middle lies).
            assert_eq!(t.anchor, Anchor::Start);
            let boxes = t.lines.iter().map(|l| {
                let n = l.text.chars().count() as f64;
                let w = width(&l.text, t.size, t.weight) + t.letter_spacing * (n - 1.0);
                let c = l.x + w / 2.0;
                Rect::new(
                    c - w / 2.0,
                    l.y - CAP_HEIGHT * t.size,
                    c + w / 2.0,
                    l.y + DESCENT * t.size,
                )
            });
            Name {
                text: t
                    .lines
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                node: t,
                bbox: boxes.reduce(|a, b| a.union(&b)).unwrap(),
            }
        })
        .collect()
}

fn all_names(s: &Scene) -> Vec<Name<'_>> {
    let mut v = names(s, "country-labels");
    v.extend(names(s, "sea-labels"));
    v
}

fn has(s: &Scene, layer: &str, text: &str) -> bool {
    names(s, layer).iter().any(|n| n.text == text)
}

fn quick_scene(spec: &str, opts: &RenderOptions) -> Scene {
    let gaz = routemap::gazetteer::Gazetteer::embedded().unwrap();
    let q = routemap::load::quick::parse(spec, gaz).unwrap();
    let ds: Dataset = q.dataset("quick", spec, None);
    let graph = routemap::graph::RouteGraph::new(&ds);
    let cmp = routemap::analyze::compare_with_graph(&ds, &graph);
    render::scene(&ds, &graph, &cmp, opts).unwrap()
}

fn legend_box(s: &Scene) -> Rect {
    s.layer("legend")
        .expect("legend layer")
        .walk()
        .into_iter()
        .find_map(|n| match n {
            Node::Shape(sh) => match sh.geometry {
                Geometry::Rect { min, max } => Some(Rect::new(min.0, min.1, max.0, max.1)),
                _ => None,
            },
            _ => None,
        })
        .expect("a panel")
}

#[test]
fn the_seed_map_names_russia_its_neighbours_and_a_sea() {
    let s = scene("donbas-workers", &RenderOptions::default());
    // Countries: the name in capitals, spaced by letter-spacing.
    let russia = names(&s, "country-labels")
        .into_iter()
        .find(|n| n.text == "RUSSIA")
        .expect("a RUSSIA label");
    assert!(russia.node.letter_spacing > 0.0 && !russia.node.italic);
    for country in ["UKRAINE", "KAZAKHSTAN", "NORTH KOREA", "CHINA"] {
        assert!(has(&s, "country-labels", country), "{country}");
    }
    // Seas and lakes: italic, in the water colour.
    let seas = names(&s, "sea-labels");
    assert!(
        seas.iter()
            .any(|n| n.text == "Caspian Sea" || n.text == "Sea of Japan"),
        "{:?}",
        seas.iter().map(|n| &n.text).collect::<Vec<_>>()
    );
    assert!(seas.iter().all(|n| n.node.italic));
    assert!(has(&s, "sea-labels", "Lake Baikal"));
    // Drawn over the base map, under the routes.
    let ids: Vec<&str> = s.layers.iter().filter_map(|l| l.id.as_deref()).collect();
    let at = |id: &str| ids.iter().position(|x| *x == id).unwrap();
    assert!(at("borders") < at("country-labels") && at("sea-labels") < at("routes"));
    // Place names stay as the dataset wrote them.
    assert!(labels(&s).iter().any(|l| l.text == "Vladivostok"));
}

#[test]
fn lang_ko_writes_korean_names_and_falls_back_to_english() {
    let ko = RenderOptions {
        lang: Some("ko".parse().unwrap()),
        ..RenderOptions::default()
    };
    let s = scene("donbas-workers", &ko);
    assert!(has(&s, "country-labels", "러시아"));
    assert!(has(&s, "sea-labels", "바이칼호"));
    // Natural Earth's marine polygons have no Korean names.
    assert!(
        names(&s, "sea-labels")
            .iter()
            .any(|n| n.text.contains("Sea")),
        "seas fall back to English"
    );
    // Hangul has no capitals: neither upper-cased nor spaced.
    let r = names(&s, "country-labels")
        .into_iter()
        .find(|n| n.text == "러시아")
        .unwrap();
    assert_eq!(r.node.letter_spacing, 0.0);
    // City labels stay as the dataset wrote them.
    assert!(labels(&s).iter().any(|l| l.text == "Vladivostok"));
}

/// No base-map name covers a place label, a marker, the legend or another
/// base-map name, and each lies inside the frame, on real maps.
#[test]
fn names_keep_off_labels_markers_the_legend_and_each_other() {
    let cases: Vec<(String, Scene)> = vec![
        (
            "seed".into(),
            scene("donbas-workers", &RenderOptions::default()),
        ),
        (
            "seed a4-column".into(),
            scene("donbas-workers", &options(&["--size", "a4-column"])),
        ),
        (
            "seed robin dark".into(),
            scene(
                "donbas-workers",
                &options(&["--projection", "robin", "--theme", "dark"]),
            ),
        ),
        (
            "europe-capitals".into(),
            scene("europe-capitals", &RenderOptions::default()),
        ),
        (
            "trans-pacific".into(),
            scene("trans-pacific", &RenderOptions::default()),
        ),
        ("world".into(), scene("world", &RenderOptions::default())),
        (
            "world ortho".into(),
            scene("world", &options(&["--projection", "ortho"])),
        ),
        (
            "quick London-Paris".into(),
            quick_scene("London-Paris", &RenderOptions::default()),
        ),
    ];
    let mut total = 0;
    for (what, s) in &cases {
        let all = all_names(s);
        total += all.len();
        let f = frame(s);
        let legend = legend_box(s);
        let places: Vec<Rect> = labels(s).iter().map(|l| l.bbox().inflate(1.5)).collect();
        let marks = markers(s, 2.0);
        for (i, n) in all.iter().enumerate() {
            assert!(
                f.contains_rect(&n.bbox),
                "{what}: {} leaves the frame",
                n.text
            );
            assert!(
                !n.bbox.intersects(&legend),
                "{what}: {} on the legend",
                n.text
            );
            for p in &places {
                assert!(!n.bbox.intersects(p), "{what}: {} on a place label", n.text);
            }
            for m in &marks {
                assert!(!n.bbox.intersects(m), "{what}: {} on a marker", n.text);
            }
            for o in &all[i + 1..] {
                assert!(
                    !n.bbox.intersects(&o.bbox),
                    "{what}: {} on {}",
                    n.text,
                    o.text
                );
            }
        }
    }
    assert!(total > 40, "only {total} names on all these maps");
}

/// A small format shows fewer names, each at no less than the smallest
/// size a normal map uses for its kind: names are dropped, not shrunk.
#[test]
fn small_formats_drop_names_rather_than_shrink_them() {
    let big = scene("donbas-workers", &RenderOptions::default());
    let small = scene("donbas-workers", &options(&["--size", "a4-column"]));
    let (b, s) = (all_names(&big), all_names(&small));
    assert!(
        !s.is_empty() && s.len() < b.len(),
        "{} vs {}",
        s.len(),
        b.len()
    );
    // Small formats use 0.9 × the normal sizes, never less.
    let min_big = b.iter().map(|n| n.node.size).fold(f64::MAX, f64::min);
    for n in &s {
        assert!(
            n.node.size >= 0.9 * min_big - 1e-9,
            "{} at {}",
            n.text,
            n.node.size
        );
        assert_eq!(n.node.weight, Weight::Normal);
    }
    // A name on both maps is written in full on both, its size 0.9 × the
    // big map's, whatever room it had.
    let mut both = 0;
    for n in &s {
        if let Some(o) = b.iter().find(|o| o.text == n.text) {
            assert!((n.node.size - 0.9 * o.node.size).abs() < 1e-9, "{}", n.text);
            both += 1;
        }
    }
    assert!(both >= 3, "{both}");
}

#[test]
fn a_world_map_names_oceans_and_big_countries() {
    let s = scene("world", &RenderOptions::default());
    let seas: Vec<String> = names(&s, "sea-labels")
        .into_iter()
        .map(|n| n.text)
        .collect();
    assert!(seas.iter().any(|t| t.contains("OCEAN")), "{seas:?}");
    assert!(has(&s, "country-labels", "RUSSIA") || has(&s, "country-labels", "CHINA"));
}

#[test]
fn names_are_deterministic() {
    let o = RenderOptions {
        lang: Some("ru".parse().unwrap()),
        ..RenderOptions::default()
    };
    let a = scene("donbas-workers", &o).to_svg();
    let b = scene("donbas-workers", &o).to_svg();
    assert_eq!(a, b);
    assert!(a.contains(">РОССИЯ</text>"));
}

mod cli {
    use super::*;

    #[test]
    fn lang_flag_and_dataset_toml_choose_the_language() {
        let out = routemap(&root())
            .args(["render", "routes/donbas-workers", "--lang", "ko", "-o", "-"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let svg = String::from_utf8(out.stdout).unwrap();
        assert!(group_texts(&svg, "country-labels").contains(&"러시아".to_string()));

        // dataset.toml `lang`, and the command line over it.
        let (_tmp, dir) = seed_copy("ds");
        let toml = dir.join("dataset.toml");
        let text = std::fs::read_to_string(&toml).unwrap();
        std::fs::write(&toml, format!("lang = \"de\"\n{text}")).unwrap();
        let run = |extra: &[&str]| {
            let mut args = vec!["render", dir.to_str().unwrap(), "-o", "-"];
            args.extend_from_slice(extra);
            let out = routemap(&root()).args(&args).output().unwrap();
            assert!(out.status.success());
            group_texts(&String::from_utf8(out.stdout).unwrap(), "country-labels")
        };
        assert!(run(&[]).contains(&"RUSSLAND".to_string()));
        assert!(run(&["--lang", "en"]).contains(&"RUSSIA".to_string()));
    }

    #[test]
    fn a_bad_lang_is_a_one_line_error_and_writes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let map = tmp.path().join("map.svg");
        let out = routemap(&root())
            .args(["render", "routes/donbas-workers", "--lang", "xx", "-o"])
            .arg(&map)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("unknown language"));
        assert!(!map.exists());

        let (_tmp, dir) = seed_copy("ds");
        let toml = dir.join("dataset.toml");
        let text = std::fs::read_to_string(&toml).unwrap();
        std::fs::write(
            &toml,
            format!("# top-level keys first\nlang = \"klingon\"\n{text}"),
        )
        .unwrap();
        let line = 2;
        let out = routemap(tmp.path())
            .arg("render")
            .arg(&dir)
            .args(["-o", "map.svg"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(&format!(
                "dataset.toml:{line}: unknown language \"klingon\""
            )),
            "{err}"
        );
        assert!(!tmp.path().join("map.svg").exists());
    }
}
