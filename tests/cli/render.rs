//! `routemap render`: files written where asked, deterministic, structurally sound.

use crate::common;
use crate::common::scene::{labels, markers, scene};
use crate::common::{Run, routemap, seed_copy};
use routemap::map::clip::Rect;
use routemap::render::Scene;

fn render_seed() -> String {
    let ds = routemap::load::dataset(&common::seed()).unwrap();
    crate::common::map_svg(&ds, &Default::default())
}

fn seed_scene() -> Scene {
    scene("donbas-workers", &Default::default())
}

/// The value of attribute `name` in an element's text.
fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = element.find(&key)? + key.len();
    let end = element[start..].find('"')? + start;
    Some(&element[start..end])
}

#[test]
fn default_output_is_output_slash_dataset_svg() {
    let (tmp, _dir) = seed_copy("donbas-workers");
    routemap(tmp.path())
        .args(["render", "donbas-workers"])
        .assert()
        .success();
    let svg = std::fs::read_to_string(tmp.path().join("output/donbas-workers.svg")).unwrap();
    assert_eq!(svg, render_seed());
}

#[test]
fn explicit_output_path_is_used() {
    let (tmp, dir) = seed_copy("seed");
    let out = tmp.path().join("map.svg");
    routemap(tmp.path())
        .arg("render")
        .arg(&dir)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("<svg"));
    assert!(!tmp.path().join("output").exists());
}

#[test]
fn unsupported_extension_is_exit_2_and_writes_nothing() {
    let (tmp, dir) = seed_copy("seed");
    let out = routemap(tmp.path())
        .arg("render")
        .arg(&dir)
        .args(["-o", "map.gif"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("map.gif: unsupported output format \"gif\""),
        "{stderr}"
    );
    assert!(!tmp.path().join("map.gif").exists());
}

#[test]
fn missing_output_folder_is_a_clear_error() {
    let (tmp, dir) = seed_copy("seed");
    let out = routemap(tmp.path())
        .arg("render")
        .arg(&dir)
        .args(["-o", "nope/map.svg"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("nope: output folder does not exist"),
        "{stderr}"
    );
}

#[test]
fn same_input_gives_byte_identical_svg() {
    assert_eq!(render_seed(), render_seed());
}

#[test]
fn document_has_size_viewbox_title_desc_and_font_fallbacks() {
    let svg = render_seed();
    let root = svg.lines().next().unwrap();
    assert_eq!(attr(root, "width"), Some("1200"));
    assert_eq!(attr(root, "height"), Some("800"));
    assert_eq!(attr(root, "viewBox"), Some("0 0 1200 800"));
    let family = attr(root, "font-family").unwrap();
    assert!(
        family.starts_with("&apos;DejaVu Sans&apos;,") && family.ends_with("sans-serif"),
        "{family}"
    );
    assert!(svg.contains("<title>North Korean workers sent to Donbas</title>"));
    let desc = &svg[svg.find("<desc>").unwrap()..svg.find("</desc>").unwrap()];
    assert!(
        desc.contains("via Moscow: Pyongyang to Vladivostok to Moscow to Donbas"),
        "{desc}"
    );
}

#[test]
fn legend_lists_routes_with_km_and_only_the_styles_in_use() {
    let scene = seed_scene();
    let legend = scene.layer("legend").expect("legend");
    let rows: Vec<&str> = crate::common::scene::text_nodes(legend)
        .iter()
        .map(|t| t.lines[0].text.as_str())
        .collect();
    assert_eq!(
        rows,
        [
            "via Moscow: 7,979 km",
            "via Volgograd: 7,611 km",
            "Donbas (Donets'k and Luhans'k regions); distances to",
            "Reported leg",
            "Inferred leg",
            "Air",
            "Mode not stated",
            "1,000 km",
            "true along 42.7°N and 57.4°N"
        ]
    );
}

#[test]
fn credit_names_the_source_and_says_not_verified() {
    let svg = render_seed();
    assert!(svg.contains("Daily NK, republished by The Diplomat"));
    assert!(svg.contains("has not been independently verified"));
    assert!(svg.contains("Base map: Natural Earth"));
}

#[test]
fn scale_bar_states_where_it_is_true() {
    assert!(
        seed_scene()
            .texts()
            .contains(&"true along 42.7°N and 57.4°N"),
        "scale bar label missing"
    );
}

#[test]
fn inferred_legs_are_dashed_and_no_line_is_dotted() {
    let svg = render_seed();
    // One route leg is inferred (dashes 3 and 2.2 widths), and its legend
    // swatch; the seed has no disputed (dotted) leg.
    assert_eq!(
        svg.matches("stroke-dasharray=\"7.8 5.72\"").count(),
        1 + 1,
        "1 leg + legend swatch"
    );
    assert!(!svg.contains("stroke-dasharray=\"0.03"));
}

#[test]
fn every_place_is_labelled_once_and_labels_do_not_overlap() {
    let scene = seed_scene();
    let labels = labels(&scene);
    let mut names: Vec<&str> = labels.iter().map(|l| l.text.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        ["Donetsk", "Moscow", "Pyongyang", "Vladivostok", "Volgograd"]
    );
    let boxes: Vec<Rect> = labels.iter().map(|l| l.bbox()).collect();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(!a.intersects(b), "labels overlap: {a:?} {b:?}");
        }
    }
    // Marker circles (radius >= 4 px) are not covered by labels.
    let markers = markers(&scene, 4.0);
    assert!(markers.len() >= 5);
    for b in &boxes {
        for m in &markers {
            assert!(!b.intersects(m), "label {b:?} covers marker {m:?}");
        }
    }
}

#[test]
fn text_from_data_is_escaped() {
    let (_tmp, dir) = seed_copy("escape");
    let places = std::fs::read_to_string(dir.join("places.csv"))
        .unwrap()
        .replace("Moscow,", "\"<script>alert('x')</script> & Co\",");
    std::fs::write(dir.join("places.csv"), places).unwrap();
    let ds = routemap::load::dataset(&dir).unwrap();
    let svg = crate::common::map_svg(&ds, &Default::default());
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; Co"));
}

#[test]
fn too_many_legs_to_draw_is_refused_with_the_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("big");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("places.csv"),
        "id,name,lat,lon\na,A,50,10\nb,B,51,11\n",
    )
    .unwrap();
    let n = routemap::render::MAX_DRAWN_LEGS + 1;
    let mut legs = String::from("route,from,to\n");
    for _ in 0..n {
        legs.push_str(",a,b\n");
    }
    std::fs::write(dir.join("legs.csv"), legs).unwrap();
    let out = routemap(tmp.path())
        .args(["render", "big", "-o", "map.svg", "--network", "legs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "routemap: error: \"big\": {n} legs to draw; a map draws at most 50000 (draw the best paths between two places instead, or use check, compare and paths for a network this big)\n"
        )
    );
    assert!(!tmp.path().join("map.svg").exists());
}

#[test]
fn a_legend_of_120_routes_stays_in_the_frame_and_summarises() {
    // Regression (issue 13): the legend ran off the page and over the title.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("many");
    std::fs::create_dir(&dir).unwrap();
    let mut places = String::from("id,name,lat,lon\nhub,Hub,50,10\n");
    let mut legs = String::from("route,from,to\n");
    for i in 0..120 {
        let (lat, lon) = (40.0 + f64::from(i % 12), 0.0 + f64::from(i / 12) * 2.0);
        places.push_str(&format!("p{i},Place {i},{lat},{lon}\n"));
        legs.push_str(&format!("route {i},hub,p{i}\n"));
    }
    std::fs::write(dir.join("places.csv"), places).unwrap();
    std::fs::write(dir.join("legs.csv"), legs).unwrap();
    for size in ["1200x800", "a4-column"] {
        let scene =
            crate::common::scene::scene_of(&dir, &crate::common::scene::options(&["--size", size]));
        let legend = scene.layer("legend").expect("legend");
        // A row's text, its wrapped lines joined.
        let rows: Vec<String> = crate::common::scene::text_nodes(legend)
            .iter()
            .map(|t| {
                t.lines
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let summary = rows
            .iter()
            .find(|r| r.starts_with("and ") && r.ends_with(" more routes"))
            .unwrap_or_else(|| panic!("{size}: no summary row in {rows:?}"));
        let shown = rows.iter().filter(|r| r.starts_with("route ")).count();
        assert_eq!(
            summary,
            &format!("and {} more routes", 120 - shown),
            "{size}"
        );
        // The legend's panel is its first shape.
        let panel = legend
            .children
            .iter()
            .find_map(|n| match n {
                routemap::render::scene::Node::Shape(s) => match s.geometry {
                    routemap::render::scene::Geometry::Rect { min, max } => {
                        Some(Rect::new(min.0, min.1, max.0, max.1))
                    }
                    _ => None,
                },
                _ => None,
            })
            .expect("legend panel");
        let title_bottom = crate::common::scene::text_nodes(scene.layer("title").unwrap())
            .iter()
            .flat_map(|t| crate::common::scene::boxes(t))
            .map(|b| b.y1)
            .fold(0.0, f64::max);
        assert!(panel.y0 > title_bottom, "{size}: legend over the title");
        assert!(panel.y1 <= scene.view.1, "{size}: legend off the page");
    }
}

/// A place located by its code takes the airport's city from the
/// gazetteer; a `city` column names it outright; a place with neither is
/// named.
#[test]
fn places_are_labelled_by_the_city_they_serve() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("trip");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("places.csv"),
        "id,name,lat,lon,code,city\n\
         vvo,Vladivostok airport,,,VVO,\n\
         svo,Sheremetyevo,55.97,37.41,SVO,Moscow\n\
         kazan,Kazan,55.79,49.12,,\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("legs.csv"),
        "route,from,to,mode\nA,vvo,svo,air\nA,svo,kazan,rail\n",
    )
    .unwrap();
    let texts = |args: &[&str]| -> Vec<String> {
        let mut l: Vec<String> = labels(&crate::common::scene::scene_of(
            &dir,
            &crate::common::scene::options(args),
        ))
        .into_iter()
        .map(|l| l.text)
        .collect();
        l.sort();
        l
    };
    assert_eq!(
        texts(&[]),
        ["Kazan", "Sheremetyevo", "Vladivostok airport"],
        "names by default on a map of routes"
    );
    assert_eq!(
        texts(&["--label", "city"]),
        ["Kazan", "Moscow", "Vladivostok"]
    );
    assert_eq!(texts(&["--label", "code"]), ["SVO", "VVO", "kazan"]);
}

/// Issue 14: `-o` naming an existing folder said `unsupported output format
/// ""`; the map goes in it as `<dataset>.<ext>` (the extension from
/// `--format`, SVG by default), with or without a trailing separator.
#[test]
fn output_to_an_existing_folder_writes_dataset_name_in_it() {
    let (tmp, dir) = seed_copy("donbas-workers");
    std::fs::create_dir(tmp.path().join("maps")).unwrap();
    routemap(tmp.path())
        .arg("render")
        .arg(&dir)
        .args(["-o", "maps"])
        .assert()
        .success();
    let svg = std::fs::read_to_string(tmp.path().join("maps/donbas-workers.svg")).unwrap();
    assert_eq!(svg, render_seed());
    routemap(tmp.path())
        .arg("render")
        .arg(&dir)
        .args(["-o", "maps/", "--format", "geojson"])
        .assert()
        .success();
    let geojson = std::fs::read_to_string(tmp.path().join("maps/donbas-workers.geojson")).unwrap();
    assert!(geojson.contains("\"FeatureCollection\""), "{geojson:.200}");
    assert_eq!(
        std::fs::read_dir(tmp.path().join("maps")).unwrap().count(),
        2
    );
    assert!(!tmp.path().join("output").exists());
}

/// A name ending in a separator is a folder: one that does not exist is
/// exit 2, not a file called `maps` nor an empty-extension error.
#[test]
fn output_to_a_missing_folder_with_a_trailing_slash_is_exit_2() {
    let (tmp, dir) = seed_copy("seed");
    let out = routemap(tmp.path())
        .arg("render")
        .arg(&dir)
        .args(["-o", "maps/"])
        .assert()
        .code(2);
    assert_eq!(
        String::from_utf8_lossy(&out.0.stderr),
        "routemap: error: maps/: no such folder (a name ending in / is a folder, and -o DIR must exist)\n"
    );
    assert!(!tmp.path().join("maps").exists());
}

/// A file name without an extension says so, not `unsupported output
/// format ""`.
#[test]
fn output_name_without_extension_says_so() {
    let (tmp, dir) = seed_copy("seed");
    let out = routemap(tmp.path())
        .arg("render")
        .arg(&dir)
        .args(["-o", "map"])
        .assert()
        .code(2);
    assert_eq!(
        String::from_utf8_lossy(&out.0.stderr),
        "routemap: error: map: the name has no extension to say the format; end it in .svg, \
         .png, .pdf or .geojson, or give --format\n"
    );
    assert!(!tmp.path().join("map").exists());
    // With --format the name is used as given.
    routemap(tmp.path())
        .arg("render")
        .arg(&dir)
        .args(["-o", "map", "--format", "svg"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(tmp.path().join("map"))
            .unwrap()
            .starts_with("<svg")
    );
}

/// Issue 14: `--format png -o map.svg` must not put PNG bytes in a .svg
/// file; a format that contradicts the name is exit 2 (also in upper case,
/// and for `.json`), and an existing file is left as it was.
#[test]
fn format_contradicting_the_extension_is_exit_2_and_touches_nothing() {
    let (tmp, dir) = seed_copy("seed");
    std::fs::write(tmp.path().join("map.svg"), "old").unwrap();
    for (format, name, ext) in [
        ("png", "map.svg", "svg"),
        ("svg", "map.PNG", "png"),
        ("pdf", "map.json", "json"),
        ("geojson", "map.pdf", "pdf"),
    ] {
        let out = routemap(tmp.path())
            .arg("render")
            .arg(&dir)
            .args(["--format", format, "-o", name])
            .assert()
            .code(2);
        assert_eq!(
            String::from_utf8_lossy(&out.0.stderr),
            format!(
                "routemap: error: {name}: --format {format} but the name ends in .{ext}; give one of them\n"
            )
        );
    }
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("map.svg")).unwrap(),
        "old"
    );
    let mut names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["map.svg", "seed"]);
}

/// Issue 14: `render --help` says every format it writes.
#[test]
fn help_names_every_format() {
    let out = routemap(std::path::Path::new("."))
        .args(["render", "--help"])
        .assert()
        .success();
    let help = String::from_utf8_lossy(&out.0.stdout);
    let about = help.lines().next().unwrap();
    assert_eq!(about, "Draw the dataset's map as SVG, PNG, PDF or GeoJSON");
    assert!(help.contains("an existing folder"), "{help}");
}

/// Issue 14: a wrong dataset path says "no dataset folder at PATH", not a
/// raw OS error, and writes nothing.
#[test]
fn a_wrong_dataset_path_says_no_dataset_folder() {
    let (tmp, _dir) = seed_copy("donbas-workers");
    let out = routemap(tmp.path())
        .args(["render", "donbas-worker"])
        .assert()
        .code(2);
    assert_eq!(
        String::from_utf8_lossy(&out.0.stderr),
        "routemap: error: no dataset folder at donbas-worker (did you mean donbas-workers?)\n"
    );
    let out = routemap(tmp.path())
        .args(["render", "donbas-workers/legs.csv"])
        .assert()
        .code(2);
    assert_eq!(
        String::from_utf8_lossy(&out.0.stderr),
        "routemap: error: no dataset folder at donbas-workers/legs.csv: it is a file; a dataset \
         is a folder holding places.csv and legs.csv (did you mean its folder, donbas-workers?)\n"
    );
    let out = routemap(tmp.path()).args(["render", "."]).assert().code(2);
    assert_eq!(
        String::from_utf8_lossy(&out.0.stderr),
        "routemap: error: no dataset folder at .: it holds neither places.csv nor legs.csv; it \
         holds 1 dataset folder (donbas-workers): name one\n"
    );
    assert!(!tmp.path().join("output").exists());
}

/// Issue 14: `--title` and `--subtitle` replace the dataset's (also over
/// `--paths`, whose title would name the paths' ends); `--credit` adds to
/// the credit line, which keeps the source, the "not independently
/// verified" warning and the base map.
#[test]
fn title_subtitle_and_credit_options() {
    let (tmp, dir) = seed_copy("seed");
    for paths in [&[][..], &["--paths", "pyongyang", "donetsk"][..]] {
        routemap(tmp.path())
            .arg("render")
            .arg(&dir)
            .args(["-o", "map.svg"])
            .args(paths)
            .args([
                "--title",
                "Sent to the front",
                "--subtitle",
                "Reported routes & a guess",
                "--credit",
                "Graphic: A. Writer",
            ])
            .assert()
            .success();
        let svg = std::fs::read_to_string(tmp.path().join("map.svg")).unwrap();
        assert_eq!(
            common::group_texts(&svg, "title"),
            ["Sent to the front", "Reported routes & a guess"],
            "{paths:?}"
        );
        let credit = common::group_texts(&svg, "credit").join(" ");
        assert!(
            credit.starts_with(
                "Source: Daily NK, republished by The Diplomat, which says the information has \
                 not been independently verified. Graphic: A. Writer. Base map: Natural Earth."
            ),
            "{credit}"
        );
    }
}

/// The credit the user adds never removes the warning that a source is
/// not independently verified, even when it mentions verification.
#[test]
fn an_added_credit_keeps_the_not_verified_warning() {
    let (tmp, dir) = seed_copy("seed");
    // A dataset credit that does not say it, so the map adds the warning.
    let toml = std::fs::read_to_string(dir.join("dataset.toml")).unwrap();
    let toml: String = toml
        .lines()
        .filter(|l| !l.starts_with("credit"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.join("dataset.toml"), toml).unwrap();
    routemap(tmp.path())
        .arg("render")
        .arg(&dir)
        .args([
            "-o",
            "map.svg",
            "--credit",
            "Independently verified by nobody",
        ])
        .assert()
        .success();
    let svg = std::fs::read_to_string(tmp.path().join("map.svg")).unwrap();
    let credit = common::group_texts(&svg, "credit").join(" ");
    assert!(
        credit.contains("Not independently verified. Independently verified by nobody. Base map"),
        "{credit}"
    );
}

/// `--title`, `--subtitle` and `--credit` refuse empty text and control
/// characters (exit 2, one line, no file).
#[test]
fn empty_or_control_text_options_are_exit_2() {
    let (tmp, dir) = seed_copy("seed");
    for (option, value) in [
        ("--title", ""),
        ("--title", "   "),
        ("--subtitle", "two\nlines"),
        ("--credit", "bell\u{7}"),
        ("--credit", ""),
    ] {
        let out = routemap(tmp.path())
            .arg("render")
            .arg(&dir)
            .args(["-o", "map.svg", option, value])
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&out.0.stderr);
        assert!(
            stderr.starts_with("routemap: error: invalid value '"),
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!("for '{option} <TEXT>'")),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(!tmp.path().join("map.svg").exists());
    }
}

/// A folder named like a map file (`map.png`) is most likely a mistake
/// for a file: refused as before, unless written with a trailing `/`.
#[test]
fn a_folder_named_like_a_map_needs_a_trailing_slash() {
    let (tmp, dir) = seed_copy("seed");
    std::fs::create_dir(tmp.path().join("map.png")).unwrap();
    let out = routemap(tmp.path())
        .arg("render")
        .arg(&dir)
        .args(["-o", "map.png"])
        .assert()
        .code(2);
    assert_eq!(
        String::from_utf8_lossy(&out.0.stderr),
        "routemap: error: map.png: is a folder; name a file to write\n"
    );
    assert_eq!(
        std::fs::read_dir(tmp.path().join("map.png"))
            .unwrap()
            .count(),
        0
    );
    routemap(tmp.path())
        .arg("render")
        .arg(&dir)
        .args(["-o", "map.png/"])
        .assert()
        .success();
    assert!(tmp.path().join("map.png/seed.svg").is_file());
}
