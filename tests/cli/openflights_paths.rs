//! Paths on the real OpenFlights network (imported from ../shared/data): every
//! path loopless, at least as long as the direct geodesic, sorted; a few pairs
//! checked by hand against routes.dat. Skipped, with a note, if the data is absent.

use crate::common;
use crate::common::{root, routemap};
use routemap::map::geodesic::distance_m;

#[test]
fn paths_on_the_imported_network_are_loopless_sorted_and_no_shorter_than_direct() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(ds_dir) = common::imported_openflights(tmp.path()) else {
        return;
    };
    let out = routemap(&root())
        .arg("paths")
        .arg(&ds_dir)
        .args([
            "--pairs",
            "bench/pairs-32.csv",
            "-k",
            "5",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ds = routemap::load::dataset(&ds_dir).unwrap();
    let answers = answers.as_array().unwrap();
    assert_eq!(answers.len(), 32);
    for a in answers {
        let (from, to) = (a["from"].as_str().unwrap(), a["to"].as_str().unwrap());
        let (pf, pt) = (ds.place(from).unwrap(), ds.place(to).unwrap());
        let direct_km = distance_m((pf.lon_deg, pf.lat_deg), (pt.lon_deg, pt.lat_deg)) / 1000.0;
        let paths = a["paths"].as_array().unwrap();
        assert_eq!(paths.len(), 5, "{from}-{to}: the network is well connected");
        let mut last = 0.0;
        for p in paths {
            let stops: Vec<&str> = p["stops"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
                .collect();
            assert_eq!(stops[0], from);
            assert_eq!(*stops.last().unwrap(), to);
            let mut seen = std::collections::HashSet::new();
            assert!(
                stops.iter().all(|s| seen.insert(*s)),
                "{from}-{to}: loop in {stops:?}"
            );
            let km = p["distance_km"].as_f64().unwrap();
            assert!(
                km >= direct_km - 0.001,
                "{from}-{to}: {km} km is shorter than the direct {direct_km}"
            );
            assert!(km >= last - 1e-6, "{from}-{to}: not sorted");
            last = km;
            assert!(p["modes"].as_array().unwrap().iter().all(|m| m == "air"));
        }
    }
    let find = |from: &str, to: &str| {
        answers
            .iter()
            .find(|a| a["from"] == from && a["to"] == to)
            .unwrap()
    };
    // By hand: routes.dat has JFK-LHR (e.g. AA, BA): the direct flight is shortest.
    assert_eq!(
        find("JFK", "LHR")["paths"][0]["stops"],
        serde_json::json!(["JFK", "LHR"])
    );
    // By hand: VVO-SVO is flown directly (Aeroflot).
    assert_eq!(
        find("VVO", "SVO")["paths"][0]["stops"],
        serde_json::json!(["VVO", "SVO"])
    );
    // By hand: Pyongyang (FNJ) has routes only to KUL, PEK, SHE and VVO, so every
    // path from it starts with one of them.
    for p in find("FNJ", "DOK")["paths"].as_array().unwrap() {
        let second = p["stops"][1].as_str().unwrap();
        assert!(["KUL", "PEK", "SHE", "VVO"].contains(&second), "{second}");
    }
}
