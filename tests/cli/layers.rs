//! The SVG's layers (issue 15, "Layered output for editing"): the layers the
//! issue names are there on the seed map, every top-level group on the maps
//! is documented in the README's layer table, and each is marked as an
//! Inkscape layer named by its id.

use crate::common::root;
use crate::common::scene::{options, scene};

/// The ids of the top-level groups of an SVG, in order.
fn layer_ids(svg: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < svg.len() {
        let rest = &svg[i..];
        if rest.starts_with("<g") {
            if depth == 0 {
                let id = rest
                    .strip_prefix("<g id=\"")
                    .and_then(|r| r.split('"').next())
                    .unwrap_or_else(|| panic!("a top-level group without an id: {}", &rest[..40]));
                ids.push(id.to_string());
            }
            depth += 1;
        } else if rest.starts_with("</g>") {
            depth -= 1;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    ids
}

/// The layer names in the README's layer table (its first column).
fn documented() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let table = readme
        .split("| layer | what it holds |")
        .nth(1)
        .expect("the README has a layer table");
    table
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with("| `"))
        .map(|l| l.split('`').nth(1).unwrap().to_string())
        .collect()
}

#[test]
fn the_seed_map_has_every_layer_the_issue_names() {
    let svg = scene("donbas-workers", &options(&[])).to_svg();
    let ids = layer_ids(&svg);
    for want in [
        "land",
        "lakes",
        "rivers",
        "borders",
        "graticule",
        "regions",
        "routes",
        "markers",
        "labels",
        "country-labels",
        "sea-labels",
        "legend",
        "inset",
        "credit",
    ] {
        assert!(ids.iter().any(|i| i == want), "no layer {want} in {ids:?}");
    }
}

#[test]
fn every_layer_is_documented_and_an_inkscape_layer() {
    let doc = documented();
    assert!(doc.len() >= 20, "{doc:?}");
    let maps = [
        ("donbas-workers", vec![]),
        (
            "donbas-workers",
            vec!["--size", "a4-column", "--north-arrow"],
        ),
        ("world", vec![]),
        ("trans-pacific", vec!["--projection", "ortho"]),
        ("europe-capitals", vec!["--theme", "dark"]),
    ];
    for (dataset, args) in maps {
        let svg = scene(dataset, &options(&args)).to_svg();
        let ids = layer_ids(&svg);
        for id in &ids {
            assert!(
                doc.contains(id),
                "{dataset} {args:?}: layer {id} is not in the README's layer table"
            );
            let open =
                format!("<g id=\"{id}\" inkscape:groupmode=\"layer\" inkscape:label=\"{id}\"");
            assert!(svg.contains(&open), "{dataset}: {id} is no Inkscape layer");
        }
        // Bottom first, in the documented order.
        let at: Vec<usize> = ids
            .iter()
            .map(|id| doc.iter().position(|d| d == id).unwrap())
            .collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "{dataset} {args:?}: layers {ids:?} are not in the README's order"
        );
    }
}
