//! `routemap check`.

use crate::common;
use crate::common::{Run, root, routemap};

#[test]
fn seed_dataset_summary() {
    let out = routemap(&root())
        .args(["check", "routes/donbas-workers"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!(stdout);
}

#[test]
fn missing_folder_is_exit_2_with_the_path() {
    let out = routemap(&root())
        .args(["check", "routes/no-such-dataset"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("routemap: error: routes/no-such-dataset: "),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn usage_error_is_exit_2() {
    let out = routemap(&root()).args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_is_exit_0() {
    let out = routemap(&root()).args(["--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    for cmd in ["check", "compare", "render"] {
        assert!(stdout.contains(cmd), "{stdout}");
    }
}

mod gazetteer {
    use super::*;

    /// A dataset whose places.csv leaves coordinates to the gazetteer.
    fn named_places(places: &str) -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("named");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("places.csv"), places).unwrap();
        std::fs::write(
            dir.join("legs.csv"),
            "route,from,to,mode\nr,pyongyang,vladivostok,air\nr,vladivostok,donetsk,\n",
        )
        .unwrap();
        tmp
    }

    #[test]
    fn empty_coordinates_are_located_and_reported_with_their_source() {
        let tmp = named_places(
            "id,name,lat,lon,country,code\n\
             pyongyang,Пхеньян,,,,\n\
             vladivostok,Vladivostok airport,,,,VVO\n\
             donetsk,Donetsk,,,,\n",
        );
        let out = routemap(tmp.path())
            .args(["check", "named"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.contains("located by the gazetteer: 3 of 3 places"),
            "{stdout}"
        );
        assert!(
            stdout.contains(
                "  pyongyang: \"Пхеньян\" (city name) → Pyongyang, KP (pop 3,222,000), GeoNames 1871859"
            ),
            "{stdout}"
        );
        assert!(
            stdout.contains("  vladivostok: \"VVO\" (IATA code) → "),
            "{stdout}"
        );
        assert!(stdout.contains("airportsdata UHWW"), "{stdout}");
        assert!(
            stdout.contains("    note: \"Donetsk\" is Donetsk, UA (pop 901,645)"),
            "{stdout}"
        );
    }

    #[test]
    fn country_column_chooses_among_places_of_one_name() {
        let tmp = named_places(
            "id,name,lat,lon,country\n\
             pyongyang,Pyongyang,,,\n\
             vladivostok,Vladivostok,,,\n\
             donetsk,Donetsk,,,RU\n",
        );
        let out = routemap(tmp.path())
            .args(["check", "named"])
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.contains("Donetsk, RU (pop 50,850), GeoNames 565348"),
            "{stdout}"
        );
        assert!(!stdout.contains("note:"), "{stdout}");
    }

    #[test]
    fn unknown_name_is_exit_2_with_line_and_close_matches() {
        let tmp = named_places(
            "id,name,lat,lon\npyongyang,Pyongyang,,\nvladivostok,Vladivostok,,\ndonetsk,Donetzk,,\n",
        );
        let out = routemap(tmp.path())
            .args(["check", "named"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.starts_with(
                "routemap: error: named/places.csv:4: unknown place \"Donetzk\" (close matches: Donetsk, UA"
            ),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }

    #[test]
    fn only_one_coordinate_empty_is_still_an_error() {
        let tmp = named_places(
            "id,name,lat,lon\npyongyang,Pyongyang,39,\nvladivostok,Vladivostok,,\ndonetsk,Donetsk,,\n",
        );
        let out = routemap(tmp.path())
            .args(["check", "named"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("places.csv:2: empty \"lon\""), "{stderr}");
    }

    #[test]
    fn map_credit_names_the_gazetteer_sources_used() {
        let tmp = named_places(
            "id,name,lat,lon,code\npyongyang,Pyongyang,,,\nvladivostok,Vladivostok,43.1,131.9,\ndonetsk,Donetsk,,,\n",
        );
        routemap(tmp.path())
            .args(["render", "named", "-o", "map.svg"])
            .assert()
            .success();
        let svg = std::fs::read_to_string(tmp.path().join("map.svg")).unwrap();
        assert!(
            svg.contains("GeoNames (CC BY 4.0)"),
            "credit lacks GeoNames"
        );
        assert!(!svg.contains("airportsdata"), "airportsdata was not used");
    }

    #[test]
    fn dataset_with_coordinates_credits_no_gazetteer() {
        let (tmp, _dir) = common::seed_copy("seed");
        routemap(tmp.path())
            .args(["render", "seed", "-o", "map.svg"])
            .assert()
            .success();
        let svg = std::fs::read_to_string(tmp.path().join("map.svg")).unwrap();
        assert!(!svg.contains("GeoNames"));
    }
}
