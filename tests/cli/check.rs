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
    assert_eq!(
        stderr,
        "routemap: error: no dataset folder at routes/no-such-dataset\n"
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

/// Datasets too big to commit, made at test time. The checks are on the
/// result; speed is measured in `BENCHMARKS.md`, not here.
mod big {
    use std::fmt::Write as _;
    use std::path::{Path, PathBuf};

    use crate::common::{Run, routemap};

    /// `places` places `p0`, `p1`, ... spread over the globe, and `legs`
    /// (route, from index, to index) in `<tmp>/<name>/`.
    pub fn write(
        tmp: &Path,
        name: &str,
        places: usize,
        legs: &[(String, usize, usize)],
    ) -> PathBuf {
        let dir = tmp.join(name);
        std::fs::create_dir(&dir).unwrap();
        let mut text = String::from("id,name,lat,lon\n");
        for i in 0..places {
            let lat = -60.0 + (i * 37 % 1200) as f64 / 10.0;
            let lon = -180.0 + (i * 7919 % 3600) as f64 / 10.0;
            let _ = writeln!(text, "p{i},Place {i},{lat:.1},{lon:.1}");
        }
        std::fs::write(dir.join("places.csv"), text).unwrap();
        let mut text = String::from("route,from,to\n");
        for (route, a, b) in legs {
            let _ = writeln!(text, "{route},p{a},p{b}");
        }
        std::fs::write(dir.join("legs.csv"), text).unwrap();
        dir
    }

    fn stdout(dir: &Path, args: &[&str]) -> String {
        let ran = routemap(dir.parent().unwrap())
            .args(args)
            .arg(dir)
            .assert()
            .success();
        String::from_utf8(ran.0.stdout).unwrap()
    }

    /// Regression: one route of 200,000 legs took 42 s in `check` (every
    /// spur of the route's ranking allocated arrays the size of the network).
    #[test]
    fn route_of_200000_legs_is_checked() {
        let tmp = tempfile::tempdir().unwrap();
        let legs: Vec<_> = (0..200_000)
            .map(|i| ("long".to_string(), i, i + 1))
            .collect();
        let dir = write(tmp.path(), "long-route", 200_001, &legs);
        let out = stdout(&dir, &["check"]);
        assert!(
            out.contains("legs: 200000 (200000 in routes, 0 network)\nroutes: 1\n"),
            "{out}"
        );
        assert!(out.contains("  long: 200000 legs, "), "{out}");
    }

    /// Regression: 100,000 one-leg routes took minutes (routes were found
    /// by name with a scan of the routes so far, then each was ranked).
    #[test]
    fn hundred_thousand_one_leg_routes_are_checked() {
        let tmp = tempfile::tempdir().unwrap();
        let legs: Vec<_> = (0..100_000)
            .map(|r| (format!("r{r}"), r % 1000, (r * 7 + 1) % 1000))
            .filter(|(_, a, b)| a != b)
            .collect();
        let n = legs.len();
        let dir = write(tmp.path(), "many-routes", 1000, &legs);
        let out = stdout(&dir, &["check"]);
        assert!(out.contains(&format!("routes: {n}\n")), "{out:.300}");
        assert_eq!(
            out.lines()
                .filter(|l| l.ends_with(" km") && l.starts_with("  r"))
                .count(),
            n
        );
    }

    /// A route longer than `MAX_RANKED_LEGS` is compared with the best path
    /// but not ranked; one just within the limit is ranked.
    #[test]
    fn long_routes_are_ranked_up_to_the_limit() {
        let tmp = tempfile::tempdir().unwrap();
        let max = routemap::analyze::MAX_RANKED_LEGS;
        let mut legs: Vec<_> = (0..max).map(|i| ("within".to_string(), i, i + 1)).collect();
        legs.extend((0..=max).map(|i| ("beyond".to_string(), i + max + 1, i + max + 2)));
        let dir = write(tmp.path(), "long-routes", 2 * max + 3, &legs);
        let json: serde_json::Value =
            serde_json::from_str(&stdout(&dir, &["compare", "--format", "json"])).unwrap();
        let within = &json["routes"][0]["network"];
        assert_eq!(within["rank"], 1, "{within}");
        let beyond = &json["routes"][1]["network"];
        assert_eq!(beyond["rank"], serde_json::Value::Null);
        assert_eq!(
            beyond["note"],
            format!(
                "not ranked: the route has {} legs; routes of more than {max} are not ranked",
                max + 1
            )
        );
        assert_eq!(beyond["best"]["stops"].as_array().unwrap().len(), max + 2);
    }
}
