//! The base map's data layers (issue 15): lakes and rivers by scale, named
//! so a reader (and a test) can find them, 1:10m detail at regional scale,
//! and borders from a stated point of view. Structural checks on the scene
//! and on the command line's output.

use routemap::render::Scene;
use routemap::render::scene::{Geometry, Group, Node, Paint};
use routemap::render::style::ThemeName;

use crate::common::scene::{options, scene};
use crate::common::{Run, root, routemap, seed_copy};

/// The titles (names) of the groups directly under a layer.
fn names(scene: &Scene, layer: &str) -> Vec<String> {
    scene
        .layer(layer)
        .unwrap_or_else(|| panic!("no layer {layer}"))
        .children
        .iter()
        .filter_map(|n| match n {
            Node::Group(g) => g.title.clone(),
            _ => None,
        })
        .collect()
}

/// Points in every path under a group.
fn points(g: &Group) -> usize {
    g.walk()
        .into_iter()
        .map(|n| match n {
            Node::Shape(s) => match &s.geometry {
                Geometry::Path { runs, .. } => runs.iter().map(Vec::len).sum(),
                _ => 0,
            },
            _ => 0,
        })
        .sum()
}

#[test]
fn seed_map_has_baikal_and_the_aral_sea_among_its_lakes_and_the_volga_don_and_amur() {
    let s = scene("donbas-workers", &options(&[]));
    let lakes = names(&s, "lakes");
    for lake in ["Lake Baikal", "Lake Ladoga", "Lake Balkhash"] {
        assert!(lakes.iter().any(|n| n == lake), "{lake} not in {lakes:?}");
    }
    assert!(lakes.iter().any(|n| n.contains("Aral Sea")), "{lakes:?}");
    let rivers = names(&s, "rivers");
    for river in ["Volga", "Don", "Amur"] {
        assert!(
            rivers.iter().any(|n| n == river),
            "{river} not in {rivers:?}"
        );
    }
    // Each named lake is drawn, not only named.
    let baikal = s
        .layer("lakes")
        .unwrap()
        .children
        .iter()
        .find_map(|n| match n {
            Node::Group(g) if g.title.as_deref() == Some("Lake Baikal") => Some(g),
            _ => None,
        })
        .unwrap();
    assert!(points(baikal) > 20);
}

#[test]
fn base_layers_come_in_order_under_the_routes() {
    let s = scene("donbas-workers", &options(&[]));
    let ids: Vec<&str> = s.layers.iter().filter_map(|g| g.id.as_deref()).collect();
    let at = |id: &str| {
        ids.iter()
            .position(|&i| i == id)
            .unwrap_or_else(|| panic!("no {id} in {ids:?}"))
    };
    let order = [
        "sea", "land", "lakes", "rivers", "coast", "borders", "routes",
    ];
    for w in order.windows(2) {
        assert!(at(w[0]) < at(w[1]), "{} after {} in {ids:?}", w[0], w[1]);
    }
}

#[test]
fn world_map_has_the_great_lakes_but_only_the_largest_rivers() {
    let world = scene("world", &options(&[]));
    let lakes = names(&world, "lakes");
    for lake in [
        "Lake Superior",
        "Lake Michigan",
        "Lake Huron",
        "Lake Erie",
        "Lake Ontario",
    ] {
        assert!(lakes.iter().any(|n| n == lake), "{lake} not in {lakes:?}");
    }
    let rivers = names(&world, "rivers");
    // The Don (Natural Earth min_zoom 4.7) is on the seed map, not on a world map.
    assert!(!rivers.iter().any(|n| n == "Don"), "{rivers:?}");
    assert!(rivers.len() < 100, "{} rivers", rivers.len());
    let seed = scene("donbas-workers", &options(&[]));
    let per_area = |s: &Scene, n: usize| n as f64 / s.view.0;
    assert!(rivers.len() > 5, "{rivers:?}");
    assert!(per_area(&world, rivers.len()) < per_area(&seed, names(&seed, "rivers").len()) * 2.0);
}

#[test]
fn lakes_take_the_sea_colour_and_rivers_show_in_every_theme() {
    for name in ["light", "dark", "print"] {
        let theme: ThemeName = name.parse().unwrap();
        let t = theme.theme();
        let s = scene("donbas-workers", &options(&["--theme", name]));
        let lakes = s.layer("lakes").unwrap();
        assert_eq!(lakes.style.fill, Some(Paint::Colour(t.sea)), "{theme:?}");
        let rivers = s.layer("rivers").unwrap();
        let stroke = rivers.style.stroke.as_ref().unwrap();
        let Some(Paint::Colour(c)) = stroke.paint.clone() else {
            panic!("rivers have no stroke colour")
        };
        assert!(
            c.contrast(t.land) > 1.15,
            "{theme:?}: {c:?} on {:?}",
            t.land
        );
        assert!(points(rivers) > 100, "{theme:?}");
    }
}

#[test]
fn every_projection_draws_lakes() {
    for p in ["lcc", "aeqd", "laea", "merc", "robin", "eqearth", "ortho"] {
        let s = scene("world", &options(&["--projection", p]));
        let lakes = names(&s, "lakes");
        // Each view shows at least one of these, whatever its centre.
        let landmarks = ["Lake Superior", "Lake Baikal", "Lake Victoria"];
        assert!(
            lakes.iter().any(|n| landmarks.contains(&n.as_str())),
            "{p}: {lakes:?}"
        );
    }
}

/// London to Paris is a regional map: its coast comes from the 1:10m data.
#[test]
fn london_paris_quick_map_draws_a_detailed_coast() {
    let tmp = tempfile::tempdir().unwrap();
    routemap(tmp.path())
        .args(["quick", "London-Paris", "-o", "lp.svg"])
        .assert()
        .success();
    let svg = std::fs::read_to_string(tmp.path().join("lp.svg")).unwrap();
    let start = svg.find("<g id=\"coast\"").unwrap();
    let coast = &svg[start..start + svg[start..].find("</g>").unwrap()];
    // Numbers in the path data, two per point.
    let numbers = coast
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|t| !t.is_empty())
        .count();
    // The 1:50m coast drew about 170 points in this frame before issue 15;
    // 1:10m draws over 700.
    assert!(numbers / 2 > 500, "{} points", numbers / 2);
    assert!(svg.contains("<title>Seine</title>"));
}

#[test]
fn borders_option_changes_the_credit_and_the_border_across_perekop() {
    let (tmp, dir) = seed_copy("seed");
    let mut svgs = Vec::new();
    for pov in [None, Some("recognised"), Some("de-facto")] {
        let mut cmd = routemap(tmp.path());
        cmd.arg("render").arg(&dir).args(["-o", "map.svg"]);
        if let Some(p) = pov {
            cmd.args(["--borders", p]);
        }
        cmd.assert().success();
        svgs.push(std::fs::read_to_string(tmp.path().join("map.svg")).unwrap());
    }
    let borders = |svg: &str| {
        let start = svg.find("<g id=\"borders\"").unwrap();
        svg[start..start + svg[start..].find("</g>").unwrap()].to_string()
    };
    assert_eq!(svgs[0], svgs[1], "recognised is the default");
    assert!(
        svgs[0].contains("Borders: internationally recognised; Crimea shown as part of Ukraine")
    );
    assert!(svgs[2].contains("Borders: de facto (Natural Earth default); Crimea shown in Russia"));
    assert!(borders(&svgs[2]).len() > borders(&svgs[0]).len());

    // dataset.toml chooses; the option overrides it.
    let toml = std::fs::read_to_string(dir.join("dataset.toml")).unwrap();
    std::fs::write(
        dir.join("dataset.toml"),
        format!("borders = \"de-facto\"\n{toml}"),
    )
    .unwrap();
    routemap(tmp.path())
        .arg("render")
        .arg(&dir)
        .args(["-o", "toml.svg"])
        .assert()
        .success();
    let from_toml = std::fs::read_to_string(tmp.path().join("toml.svg")).unwrap();
    assert_eq!(borders(&from_toml), borders(&svgs[2]));
    routemap(tmp.path())
        .arg("render")
        .arg(&dir)
        .args(["-o", "over.svg", "--borders", "recognised"])
        .assert()
        .success();
    let over = std::fs::read_to_string(tmp.path().join("over.svg")).unwrap();
    assert_eq!(borders(&over), borders(&svgs[0]));
}

#[test]
fn bad_borders_option_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = routemap(tmp.path())
        .args([
            "quick",
            "London-Paris",
            "-o",
            "x.svg",
            "--borders",
            "russian",
        ])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.0.stderr).to_string();
    assert!(err.contains("unknown borders \"russian\""), "{err}");
    assert!(!tmp.path().join("x.svg").exists());
}

#[test]
fn committed_seed_map_stays_under_400_kb() {
    let size = std::fs::metadata(root().join("output/donbas-workers.svg"))
        .unwrap()
        .len();
    assert!(size < 400 * 1024, "{size} bytes");
}
