//! `routemap compare`: numbers, formats and the JSON shape.

use crate::common;
use crate::common::{root, routemap};
use approx::assert_relative_eq;
use routemap::map::geodesic::distance_m;

fn compare(format: &str) -> String {
    let out = routemap(&root())
        .args(["compare", "routes/donbas-workers", "--format", format])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn json_has_the_documented_shape_and_consistent_numbers() {
    let v: serde_json::Value = serde_json::from_str(&compare("json")).unwrap();
    assert_eq!(v["dataset"], "donbas-workers");
    let routes = v["routes"].as_array().unwrap();
    assert_eq!(routes.len(), 2);
    let names: Vec<&str> = routes.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["via Moscow", "via Volgograd"]);
    for r in routes {
        let legs = r["legs"].as_array().unwrap();
        let stops = r["stops"].as_array().unwrap();
        assert_eq!(stops.len(), legs.len() + 1);
        let sum: f64 = legs
            .iter()
            .map(|l| l["distance_km"].as_f64().unwrap())
            .sum();
        assert_relative_eq!(sum, r["distance_km"].as_f64().unwrap(), epsilon = 0.01);
        let direct = r["direct_km"].as_f64().unwrap();
        let detour = r["detour_pct"].as_f64().unwrap();
        assert_relative_eq!(detour, (sum / direct - 1.0) * 100.0, epsilon = 0.01);
        // Unknown modes: no travel time.
        assert!(r["duration_h"].is_null());
        for l in legs {
            for key in ["from", "to", "mode", "evidence", "distance_km"] {
                assert!(!l[key].is_null(), "leg without {key}: {l}");
            }
        }
    }
    let first_leg = &routes[0]["legs"][0];
    assert_eq!(first_leg["mode"], "air");
    assert_eq!(routes[1]["legs"][0]["evidence"], "inferred");
    assert_eq!(routes[1]["legs"][0]["mode"], "unknown");
}

#[test]
fn leg_lengths_are_geodesic_between_the_gazetteer_coordinates() {
    let v: serde_json::Value = serde_json::from_str(&compare("json")).unwrap();
    // Pyongyang and Vladivostok city centres from GeoNames (places.csv).
    let expected = distance_m((125.75432, 39.03385), (131.87353, 43.10562)) / 1000.0;
    let got = v["routes"][0]["legs"][0]["distance_km"].as_f64().unwrap();
    assert_relative_eq!(got, expected, epsilon = 0.001);
    // Moscow -> Vladivostok is about 6,400 km; a sanity bound on the order of magnitude.
    let long_leg = v["routes"][0]["legs"][1]["distance_km"].as_f64().unwrap();
    assert!((6_300.0..6_500.0).contains(&long_leg), "{long_leg}");
}

#[test]
fn table_snapshot() {
    insta::assert_snapshot!(compare("table"));
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(compare("md"));
}

#[test]
fn csv_snapshot() {
    insta::assert_snapshot!(compare("csv"));
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!(compare("json"));
}

#[test]
fn times_appear_when_every_mode_is_known() {
    let (_tmp, dir) = common::seed_copy("known-modes");
    let legs = std::fs::read_to_string(dir.join("legs.csv"))
        .unwrap()
        .replace(",unknown,", ",rail,");
    std::fs::write(dir.join("legs.csv"), legs).unwrap();
    let out = routemap(&root())
        .args(["compare", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &v["routes"][0];
    // The air leg by the default air model, the others by the default rail model:
    // overhead + km x circuity / speed.
    let t = routemap::model::TimeModel::default();
    let expected: f64 = r["legs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let m = if l["mode"] == "air" { t.air } else { t.rail };
            m.overhead_h + l["distance_km"].as_f64().unwrap() * m.circuity / m.speed_kmh
        })
        .sum();
    assert_relative_eq!(r["duration_h"].as_f64().unwrap(), expected, epsilon = 0.01);
}

#[test]
fn time_model_from_dataset_toml_overrides_defaults() {
    let (_tmp, dir) = common::seed_copy("fast");
    let legs = std::fs::read_to_string(dir.join("legs.csv"))
        .unwrap()
        .replace(",unknown,", ",road,");
    std::fs::write(dir.join("legs.csv"), legs).unwrap();
    let mut toml = std::fs::read_to_string(dir.join("dataset.toml")).unwrap();
    toml.push_str("\n[time.road]\nspeed_kmh = 100\ncircuity = 1.0\noverhead_h = 0\n");
    std::fs::write(dir.join("dataset.toml"), toml).unwrap();
    let out = routemap(&root())
        .args(["compare", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &v["routes"][1];
    let km: f64 = r["distance_km"].as_f64().unwrap();
    assert_relative_eq!(
        r["duration_h"].as_f64().unwrap(),
        km / 100.0,
        epsilon = 0.01
    );
}

#[test]
fn closed_stdout_exits_quietly() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(crate::common::BIN)
        .current_dir(root())
        .args(["compare", "routes/donbas-workers", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Issue 14: `compare` on a dataset with no named routes printed an empty
/// table and exited 1 without a word. It says so on stderr (exit 1, "no
/// result": not bad input), and stdout stays valid in every format.
#[test]
fn a_dataset_without_routes_says_so() {
    let (tmp, dir) = common::seed_copy("net");
    std::fs::write(
        dir.join("legs.csv"),
        "route,from,to,mode\n,moscow,donetsk,rail\n,moscow,volgograd,rail\n",
    )
    .unwrap();
    for format in ["table", "md", "csv", "json"] {
        let out = routemap(tmp.path())
            .args(["compare", "net", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "routemap: net has no routes to compare: none of its 2 legs names a route (the \
             \"route\" column of legs.csv); routemap paths finds paths over them\n",
            "{format}"
        );
        let stdout = String::from_utf8(out.stdout).unwrap();
        if format == "json" {
            let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(v["routes"], serde_json::json!([]));
        }
    }
}

/// The seed with its places named in Hangul (Pyongyang, Vladivostok and
/// Moscow) and Cyrillic (Volgograd), in `<tmp>/wide`.
fn seed_in_wide_script() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = common::seed_copy("wide");
    let places = std::fs::read_to_string(dir.join("places.csv"))
        .unwrap()
        .replace(",Pyongyang,", ",평양,")
        .replace(",Vladivostok,", ",블라디보스토크,")
        .replace(",Moscow,", ",모스크바,")
        .replace(",Volgograd,", ",Волгоград,");
    std::fs::write(dir.join("places.csv"), places).unwrap();
    (tmp, dir)
}

/// Issue 14: Hangul names (two columns each in a terminal) broke the text
/// table's alignment, which padded by characters. Padded by display width,
/// every line ends in the same column (the last column, rank, is
/// right-aligned), and so does every right-aligned column, e.g. time.
#[test]
fn wide_characters_keep_table_columns_aligned() {
    use routemap::export::display_width;
    let (tmp, _dir) = seed_in_wide_script();
    let out = routemap(tmp.path())
        .args(["compare", "wide"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().take(3).collect();
    assert!(
        lines[1].contains("평양 → 블라디보스토크 → 모스크바"),
        "{stdout}"
    );
    let ends: Vec<usize> = lines.iter().map(|l| display_width(l)).collect();
    assert!(ends.iter().all(|&e| e == ends[0]), "{ends:?}\n{stdout}");
    let time_end = |l: &str, cell: &str| display_width(&l[..l.find(cell).unwrap() + cell.len()]);
    assert_eq!(time_end(lines[1], "unknown"), time_end(lines[0], "time"));
    assert_eq!(time_end(lines[2], "unknown"), time_end(lines[0], "time"));
}

/// The same for `paths`: the right-aligned km column ends in one column.
#[test]
fn wide_characters_keep_paths_columns_aligned() {
    use routemap::export::display_width;
    let (tmp, _dir) = seed_in_wide_script();
    let out = routemap(tmp.path())
        .args(["paths", "wide", "--from", "pyongyang", "--to", "donetsk"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().skip(1).take(3).collect();
    let end_of = |l: &str, cell: &str| display_width(&l[..l.find(cell).unwrap() + cell.len()]);
    let km = end_of(lines[0], "  km");
    assert_eq!(end_of(lines[1], "7,611"), km, "{stdout}");
    assert_eq!(end_of(lines[2], "7,979"), km, "{stdout}");
}
