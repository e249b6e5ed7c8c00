//! `routemap quick SPEC`: routes typed as text, places from the gazetteer.

use std::path::Path;

use crate::common::{Run, routemap};

/// Run `routemap quick ARGS...` in a fresh temp dir: (dir, exit code,
/// stdout, stderr).
fn quick(args: &[&str]) -> (tempfile::TempDir, Option<i32>, String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let out = routemap(tmp.path())
        .arg("quick")
        .args(args)
        .output()
        .unwrap();
    (
        tmp,
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The places of a GeoJSON map: (name, lat, lon).
fn geojson_places(path: &Path) -> Vec<(String, f64, f64)> {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["geometry"]["type"] == "Point")
        .map(|f| {
            let c = &f["geometry"]["coordinates"];
            (
                f["properties"]["name"].as_str().unwrap().to_string(),
                c[1].as_f64().unwrap(),
                c[0].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn issue_example_with_names_draws_quick_svg_and_prints_the_comparison() {
    let (tmp, code, stdout, stderr) =
        quick(&["Pyongyang-Vladivostok-Moscow-Donetsk, Vladivostok-Volgograd-Donetsk"]);
    assert_eq!(code, Some(0), "{stderr}");
    let svg = std::fs::read_to_string(tmp.path().join("quick.svg")).unwrap();
    assert!(svg.starts_with("<svg"));
    assert!(
        svg.contains("GeoNames (CC BY 4.0)"),
        "credit lacks GeoNames"
    );
    assert!(
        stdout.contains("Pyongyang → Vladivostok → Moscow → Donetsk"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Vladivostok → Volgograd → Donetsk"),
        "{stdout}"
    );
    assert!(stdout.contains("684 + 6,434 + 860"), "{stdout}");
}

#[test]
fn ambiguous_names_are_noted_on_stderr_with_the_other_candidates() {
    let (_tmp, code, _stdout, stderr) = quick(&["Moscow-Donetsk"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "routemap: note: \"Donetsk\" is Donetsk, UA (pop 901,645), the most populous of 2; also: Donetsk, RU (pop 50,850)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("routemap: note: \"Moscow\" is Moscow, RU")
            && stderr.contains("Moscow, US"),
        "{stderr}"
    );
}

#[test]
fn issue_example_with_codes_is_flown() {
    let (tmp, code, stdout, stderr) = quick(&["FNJ-VVO-SVO-ROV"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("Pyongyang (FNJ) → Vladivostok (VVO) → Moscow (SVO) → Rostov-on-Don (ROV)"),
        "{stdout}"
    );
    assert!(stdout.contains("  air  "), "{stdout}");
    assert!(
        stderr.contains("legs between two airport codes are mode air"),
        "{stderr}"
    );
    let svg = std::fs::read_to_string(tmp.path().join("quick.svg")).unwrap();
    assert!(
        svg.contains("airportsdata (MIT)"),
        "credit lacks airportsdata"
    );
    assert!(!svg.contains("GeoNames"), "GeoNames was not used");
}

#[test]
fn arrows_mixed_names_and_codes_and_mode() {
    let (_tmp, code, stdout, stderr) =
        quick(&["FNJ > Vladivostok>SVO-Rostov-on-Don", "--mode", "rail"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("Pyongyang (FNJ) → Vladivostok → Moscow (SVO) → Rostov-on-Don"),
        "{stdout}"
    );
    assert!(stdout.contains("  rail  "), "{stdout}");
    assert!(!stderr.contains("mode air"), "{stderr}");
}

#[test]
fn hyphenated_names_resolve_longest_first() {
    let (_tmp, code, stdout, stderr) = quick(&["Rostov-on-Don-Yuzhno-Sakhalinsk-Moscow"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("Rostov-on-Don → Yuzhno-Sakhalinsk → Moscow"),
        "{stdout}"
    );
}

#[test]
fn country_suffix_and_coordinates_choose_explicitly() {
    let (tmp, code, _stdout, stderr) =
        quick(&["Donetsk (RU)-@47.2,39.7>@-33.9,151.2", "-o", "map.geojson"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("note: \"Donetsk\""), "{stderr}");
    let places = geojson_places(&tmp.path().join("map.geojson"));
    let find = |name: &str| {
        places
            .iter()
            .find(|p| p.0 == name)
            .unwrap_or_else(|| panic!("{name} in {places:?}"))
    };
    // Another Donetsk (in Ukraine) is the better known: the label keeps
    // the country typed.
    let donetsk = find("Donetsk (RU)");
    assert!(
        (donetsk.1 - 48.0).abs() < 0.5 && (donetsk.2 - 40.0).abs() < 0.5,
        "{donetsk:?}"
    );
    assert_eq!(
        (find("47.2°N 39.7°E").1, find("47.2°N 39.7°E").2),
        (47.2, 39.7)
    );
    assert_eq!(
        (find("33.9°S 151.2°E").1, find("33.9°S 151.2°E").2),
        (-33.9, 151.2)
    );
}

/// Issue 14: a place typed in Cyrillic or Hangul keeps the name as typed
/// on the map and in the table (the first spelling, when typed twice),
/// unless `--names gazetteer` asks for the gazetteer's.
#[test]
fn names_in_other_scripts() {
    let (tmp, code, stdout, stderr) = quick(&["평양-Донецк, Пхеньян>Vladivostok", "-o", "map.svg"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("평양 → Донецк"), "{stdout}");
    assert!(stdout.contains("평양 → Vladivostok"), "{stdout}");
    let svg = std::fs::read_to_string(tmp.path().join("map.svg")).unwrap();
    let labels = crate::common::group_texts(&svg, "labels");
    for name in ["평양", "Донецк", "Vladivostok"] {
        assert!(labels.iter().any(|l| l == name), "{name} in {labels:?}");
    }
    assert!(!labels.iter().any(|l| l == "Pyongyang"), "{labels:?}");
    let (_tmp, code, stdout, stderr) =
        quick(&["평양-Донецк, Пхеньян>Vladivostok", "--names", "gazetteer"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("Pyongyang → Donetsk"), "{stdout}");
}

/// Issue 14: `Donetsk (RU)` was labelled "Donetsk", like the Ukrainian
/// city a reader would think of. Both keep their country when both appear.
#[test]
fn a_country_typed_stays_in_labels_and_tables() {
    let (tmp, code, stdout, stderr) =
        quick(&["Moscow-Donetsk (RU), Kyiv-Donetsk", "-o", "map.svg"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("Moscow → Donetsk (RU)"), "{stdout}");
    assert!(stdout.contains("Kyiv → Donetsk (UA)"), "{stdout}");
    let svg = std::fs::read_to_string(tmp.path().join("map.svg")).unwrap();
    let labels = crate::common::group_texts(&svg, "labels");
    assert!(labels.iter().any(|l| l == "Donetsk (RU)"), "{labels:?}");
    assert!(labels.iter().any(|l| l == "Donetsk (UA)"), "{labels:?}");
}

/// Issue 14: a 13-stop route was named after all its stops and the map
/// titled with the text as typed, which made a legend most of the page
/// wide. The route is named by its ends and stops, the map after it.
#[test]
fn routes_are_named_by_their_ends_and_the_map_after_its_routes() {
    let spec = "Lisbon-Madrid-Barcelona-Marseille-Nice-Genoa-Milan-Zagreb-Belgrade-Sofia-Edirne-Plovdiv-Istanbul";
    let (tmp, code, stdout, stderr) = quick(&[spec, "-o", "map.svg"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("Lisbon – Istanbul, 13 stops  "), "{stdout}");
    let svg = std::fs::read_to_string(tmp.path().join("map.svg")).unwrap();
    assert_eq!(
        crate::common::group_texts(&svg, "title"),
        ["Lisbon – Istanbul, 13 stops"]
    );
    let legend = crate::common::group_texts(&svg, "legend").join(" ");
    assert!(legend.contains("Lisbon – Istanbul, 13 stops"), "{legend}");
    assert!(
        !svg.contains("Madrid – Barcelona"),
        "a name lists the stops"
    );
    let (tmp, code, _stdout, stderr) = quick(&[
        "Pyongyang-Vladivostok-Moscow-Donetsk, Pyongyang-Vladivostok-Volgograd-Donetsk",
        "-o",
        "map.svg",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let svg = std::fs::read_to_string(tmp.path().join("map.svg")).unwrap();
    assert_eq!(
        crate::common::group_texts(&svg, "title"),
        ["2 routes from Pyongyang to Donetsk"]
    );
    let legend = crate::common::group_texts(&svg, "legend").join(" ");
    assert!(
        legend.contains("Pyongyang – Donetsk via Moscow, 4 stops")
            && legend.contains("Pyongyang – Donetsk via Volgograd, 4 stops"),
        "{legend}"
    );
}

/// `--title`, `--subtitle` and `--credit` on `quick`: the title and
/// subtitle replace quick's, the credit adds to the gazetteer's and base
/// map's attributions; `--save` keeps them in dataset.toml.
#[test]
fn title_subtitle_and_credit_options() {
    let (tmp, code, _stdout, stderr) = quick(&[
        "FNJ-VVO-SVO",
        "-o",
        "map.svg",
        "--title",
        "Flights out of Pyongyang",
        "--subtitle",
        "Two legs, as reported",
        "--credit",
        "Graphic: A. Writer.",
        "--save",
        "trip",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let svg = std::fs::read_to_string(tmp.path().join("map.svg")).unwrap();
    assert_eq!(
        crate::common::group_texts(&svg, "title"),
        ["Flights out of Pyongyang", "Two legs, as reported"]
    );
    let credit = crate::common::group_texts(&svg, "credit").join(" ");
    assert!(
        credit.starts_with(
            "Graphic: A. Writer. Places: airportsdata (MIT). Base map: Natural Earth."
        ),
        "{credit}"
    );
    let toml = std::fs::read_to_string(tmp.path().join("trip/dataset.toml")).unwrap();
    assert!(
        toml.contains("title = \"Flights out of Pyongyang\""),
        "{toml}"
    );
    assert!(
        toml.contains("subtitle = \"Two legs, as reported\""),
        "{toml}"
    );
    assert!(
        toml.contains("credit = \"Graphic: A. Writer. Places: airportsdata (MIT)\""),
        "{toml}"
    );
}

#[test]
fn unknown_name_is_exit_2_with_suggestions_and_no_file() {
    let (tmp, code, stdout, stderr) = quick(&["Moscow-Donetzk"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            "routemap: error: quick route: route 1, stop 2: unknown place \"Donetzk\" (close matches: Donetsk, UA (pop 901,645))"
        ]
    );
    assert!(stdout.is_empty());
    assert!(std::fs::read_dir(tmp.path()).unwrap().next().is_none());
}

#[test]
fn unknown_name_keeps_an_existing_output_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("map.svg"), "old").unwrap();
    routemap(tmp.path())
        .args(["quick", "Moscow-Nowhereville", "-o", "map.svg"])
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("map.svg")).unwrap(),
        "old"
    );
}

#[test]
fn malformed_specs_are_exit_2() {
    for spec in ["Moscow", "Moscow--Kyiv", "Moscow-", "@95,0-Moscow", ""] {
        let (_tmp, code, _stdout, stderr) = quick(&[spec]);
        assert_eq!(code, Some(2), "{spec:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{spec:?}: {stderr}");
    }
}

#[test]
fn render_options_apply_png_and_paths_by_name() {
    let (tmp, code, _stdout, stderr) = quick(&[
        "Moscow-Volgograd-Donetsk, Moscow-Donetsk",
        "-o",
        "m.png",
        "--size",
        "square",
        "--theme",
        "print",
        "--paths",
        "Moscow",
        "Donetsk",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let png = std::fs::read(tmp.path().join("m.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
}

#[test]
fn save_writes_a_dataset_that_loads_without_the_gazetteer() {
    let (tmp, code, _stdout, stderr) = quick(&["FNJ-Vladivostok-Donetsk (UA)", "--save", "trip"]);
    assert_eq!(code, Some(0), "{stderr}");
    let places = std::fs::read_to_string(tmp.path().join("trip/places.csv")).unwrap();
    assert!(
        places.contains("coordinates: airportsdata ZKPY"),
        "{places}"
    );
    assert!(places.contains("coordinates: GeoNames 709717"), "{places}");
    let out = routemap(tmp.path())
        .args(["check", "trip"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("places: 3"), "{stdout}");
    assert!(!stdout.contains("located by the gazetteer"), "{stdout}");
    routemap(tmp.path())
        .args(["render", "trip", "-o", "trip.svg"])
        .assert()
        .success();
    let svg = std::fs::read_to_string(tmp.path().join("trip.svg")).unwrap();
    assert!(svg.contains("Places: GeoNames (CC BY 4.0), airportsdata (MIT)"));
}

#[test]
fn help_documents_the_longest_match_rule() {
    let out = routemap(Path::new("."))
        .args(["quick", "--help"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("longest"), "{stdout}");
    assert!(stdout.contains("--projection"), "{stdout}");
}

#[test]
fn a_save_folder_that_cannot_be_written_is_refused_before_the_map() {
    // Regression: the map was written first, then --save failed.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("mine")).unwrap();
    std::fs::write(tmp.path().join("mine/notes.txt"), "hand-written\n").unwrap();
    let out = routemap(tmp.path())
        .args(["quick", "FNJ-VVO", "--save", "mine"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("mine: holds \"notes.txt\" which was not written by routemap"),
        "{stderr}"
    );
    assert!(!tmp.path().join("quick.svg").exists(), "no map written");
    assert_eq!(
        std::fs::read_dir(tmp.path().join("mine")).unwrap().count(),
        1,
        "the folder is untouched"
    );
}

/// A re-save is all or nothing, like an import: the folder cannot be moved
/// aside (immutable, which stops root too), and the previous save is left
/// byte for byte, still loading, and so is the previous map (the map is
/// written after the folder).
#[test]
fn a_save_that_fails_half_way_leaves_the_previous_one() {
    let tmp = tempfile::tempdir().unwrap();
    let save = |spec: &str| {
        routemap(tmp.path())
            .args(["quick", spec, "--save", "trip", "-o", "map.svg"])
            .output()
            .unwrap()
    };
    assert_eq!(save("FNJ-VVO").status.code(), Some(0));
    let dir = tmp.path().join("trip");
    let before = crate::common::snapshot_dir(tmp.path());
    {
        let Some(_lock) = crate::common::Immutable::set(&dir) else {
            return;
        };
        let out = save("Moscow-Donetsk");
        assert_eq!(out.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&out.stderr)
                .ends_with("routemap: error: trip: Operation not permitted (os error 1)\n")
        );
    }
    assert_eq!(crate::common::snapshot_dir(tmp.path()), before);
    let check = routemap(tmp.path())
        .args(["check", "trip"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 2);
}

/// Regression: a quick route of thousands of stops wrote a 1 GB SVG (every
/// leg's tooltip repeated the route's name, which was the whole route).
/// The most stops allowed make a map whose texts are not long.
#[test]
fn the_most_stops_make_a_map_without_long_texts() {
    let codes = [
        "SVO", "VVO", "LED", "KZN", "ROV", "AER", "OVB", "KJA", "IKT", "KHV",
    ];
    let spec = (0..5)
        .map(|r| {
            (0..200)
                .map(|i| codes[(i * 3 + r) % 10])
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let tmp = tempfile::tempdir().unwrap();
    let out = routemap(tmp.path())
        .args(["quick", &spec, "-o", "map.svg"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = std::fs::read_to_string(tmp.path().join("map.svg")).unwrap();
    // One text may list every stop once (the map's description); no other
    // is long (before, each of the 995 legs' tooltips held 4,000 characters).
    let long_texts = svg
        .split('<')
        .filter_map(|s| s.split_once('>').map(|(_, text)| text.chars().count()))
        .filter(|&n| n > 1000)
        .count();
    assert!(
        long_texts <= 1,
        "{long_texts} texts of over 1,000 characters"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Moscow (SVO) – Krasnoyarsk (KJA), 200 stops"),
        "{stdout:.400}"
    );
    // One more stop is refused.
    let out = routemap(tmp.path())
        .args(["quick", &format!("{spec}, SVO-VVO"), "-o", "more.svg"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!tmp.path().join("more.svg").exists());
}

/// An unpaired surrogate (as the bytes ED A0 80, which are not UTF-8) on
/// the command line is refused by the argument parser, in one line.
#[cfg(unix)]
#[test]
fn a_lone_surrogate_in_an_argument_is_refused() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let surrogate = std::ffi::OsStr::from_bytes(b"Moscow-\xed\xa0\x80");
    let out = routemap(tmp.path())
        .arg("quick")
        .arg(surrogate)
        .args(["-o", "map.svg"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "routemap: error: invalid UTF-8 was detected in one or more arguments\n"
    );
    assert!(!tmp.path().join("map.svg").exists());
}

#[test]
fn airports_are_labelled_by_name_city_or_code() {
    let spec = "FNJ-VVO-SVO";
    let label = |how: &str| {
        let (tmp, code, _, stderr) = quick(&[spec, "--label", how, "-o", "m.svg"]);
        assert_eq!(code, Some(0), "{stderr}");
        std::fs::read_to_string(tmp.path().join("m.svg")).unwrap()
    };
    let by_name = label("name");
    assert!(by_name.contains(">Moscow (SVO)</text>"), "names as before");
    let by_city = label("city");
    for city in ["Pyongyang", "Vladivostok", "Moscow"] {
        assert!(by_city.contains(&format!(">{city}</text>")), "{city}");
    }
    let by_code = label("code");
    for code in ["FNJ", "VVO", "SVO"] {
        assert!(by_code.contains(&format!(">{code}</text>")), "{code}");
    }
    // The default on a map of routes is the name.
    let (tmp, code, _, stderr) = quick(&[spec, "-o", "m.svg"]);
    assert_eq!(code, Some(0), "{stderr}");
    let default = std::fs::read_to_string(tmp.path().join("m.svg")).unwrap();
    assert_eq!(default, by_name);
}

#[test]
fn saved_airports_keep_their_city_and_code() {
    let (tmp, code, _stdout, stderr) = quick(&["FNJ-Vladivostok", "--save", "trip"]);
    assert_eq!(code, Some(0), "{stderr}");
    let places = std::fs::read_to_string(tmp.path().join("trip/places.csv")).unwrap();
    let mut lines = places.lines();
    assert_eq!(
        lines.next(),
        Some("id,name,lat,lon,country,kind,note,code,city")
    );
    let fnj = places.lines().find(|l| l.contains("(FNJ)")).unwrap();
    assert!(fnj.ends_with(",FNJ,Pyongyang"), "{fnj}");
    // A city has neither.
    let vvo = places
        .lines()
        .find(|l| l.starts_with("vladivostok"))
        .unwrap();
    assert!(vvo.ends_with(",,"), "{vvo}");
    routemap(tmp.path())
        .args(["render", "trip", "--label", "code", "-o", "t.svg"])
        .assert()
        .success();
    let svg = std::fs::read_to_string(tmp.path().join("t.svg")).unwrap();
    assert!(svg.contains(">FNJ</text>") && svg.contains(">vladivostok</text>"));
}
