//! `routemap paths`: known answers on the seed dataset, constraints, batches,
//! exit codes; and k-shortest results checked against brute force on small
//! random graphs.

use crate::common::{Run, root, routemap};
use approx::assert_relative_eq;
use proptest::prelude::*;
use routemap::analyze::paths::{Constraints, Metric, PathFinder};
use routemap::graph::RouteGraph;
use routemap::model::{Dataset, Evidence, Leg, Meta, Mode, Place};

fn paths_json(args: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let out = routemap(&root())
        .args(["paths", "routes/donbas-workers", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code(), v, String::from_utf8(out.stderr).unwrap())
}

fn stops(v: &serde_json::Value) -> Vec<Vec<String>> {
    v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["stops"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

mod seed {
    use super::*;

    #[test]
    fn both_reported_routes_are_the_two_paths_in_order_of_length() {
        let (code, v, _) = paths_json(&["--from", "pyongyang", "--to", "donetsk"]);
        assert_eq!(code, Some(0));
        assert_eq!(v["from"], "pyongyang");
        assert_eq!(v["to"], "donetsk");
        assert_eq!(v["by"], "distance");
        assert_eq!(
            stops(&v),
            vec![
                vec!["pyongyang", "vladivostok", "volgograd", "donetsk"],
                vec!["pyongyang", "vladivostok", "moscow", "donetsk"],
            ]
        );
        let p = &v["paths"][0];
        assert_eq!(p["rank"], 1);
        assert_eq!(p["legs"], 3);
        // The parallel Pyongyang -> Vladivostok legs are equally long: the first
        // in file order (the reported flight) is taken.
        assert_eq!(p["modes"], serde_json::json!(["air", "unknown", "unknown"]));
        assert!(p["duration_h"].is_null());
        // Same km as `compare` gives for the route.
        let cmp = routemap(&root())
            .args(["compare", "routes/donbas-workers", "--format", "json"])
            .output()
            .unwrap();
        let cmp: serde_json::Value = serde_json::from_slice(&cmp.stdout).unwrap();
        assert_relative_eq!(
            p["distance_km"].as_f64().unwrap(),
            cmp["routes"][1]["distance_km"].as_f64().unwrap(),
            epsilon = 0.001
        );
    }

    #[test]
    fn avoid_and_via_select_one_route_each() {
        let (_, v, _) = paths_json(&[
            "--from",
            "pyongyang",
            "--to",
            "donetsk",
            "--avoid",
            "volgograd",
        ]);
        assert_eq!(
            stops(&v),
            vec![vec!["pyongyang", "vladivostok", "moscow", "donetsk"]]
        );
        let (_, v, _) = paths_json(&["--from", "pyongyang", "--to", "donetsk", "--via", "moscow"]);
        assert_eq!(
            stops(&v),
            vec![vec!["pyongyang", "vladivostok", "moscow", "donetsk"]]
        );
    }

    #[test]
    fn legs_are_directed_unless_undirected() {
        let (code, v, stderr) = paths_json(&["--from", "donetsk", "--to", "pyongyang"]);
        assert_eq!(code, Some(1));
        assert!(v["paths"].as_array().unwrap().is_empty());
        assert_eq!(
            stderr,
            "routemap: no path from \"donetsk\" to \"pyongyang\": they are not connected under the given constraints (by distance)\n"
        );
        let (code, v, _) = paths_json(&["--from", "donetsk", "--to", "pyongyang", "--undirected"]);
        assert_eq!(code, Some(0));
        assert_eq!(
            stops(&v)[0],
            vec!["donetsk", "volgograd", "vladivostok", "pyongyang"]
        );
    }

    #[test]
    fn modes_restrict_the_legs() {
        let (code, _, stderr) = paths_json(&[
            "--from",
            "pyongyang",
            "--to",
            "donetsk",
            "--modes",
            "air,rail",
        ]);
        assert_eq!(code, Some(1));
        assert!(
            stderr.contains("not connected under the given constraints"),
            "{stderr}"
        );
        let (code, v, _) = paths_json(&[
            "--from",
            "pyongyang",
            "--to",
            "vladivostok",
            "--modes",
            "air",
        ]);
        assert_eq!(code, Some(0));
        assert_eq!(v["paths"][0]["modes"], serde_json::json!(["air"]));
    }

    #[test]
    fn by_time_leaves_unknown_modes_out() {
        let (code, _, stderr) =
            paths_json(&["--from", "pyongyang", "--to", "donetsk", "--by", "time"]);
        assert_eq!(code, Some(1));
        assert!(
            stderr.contains("legs of unknown mode are not used"),
            "{stderr}"
        );
        let (code, v, _) =
            paths_json(&["--from", "pyongyang", "--to", "vladivostok", "--by", "time"]);
        assert_eq!(code, Some(0));
        let t = routemap::model::TimeModel::default().air;
        let km = v["paths"][0]["distance_km"].as_f64().unwrap();
        assert_relative_eq!(
            v["paths"][0]["duration_h"].as_f64().unwrap(),
            t.overhead_h + km * t.circuity / t.speed_kmh,
            epsilon = 0.01
        );
    }

    #[test]
    fn bad_requests_are_exit_2_with_a_clear_message() {
        for (args, message) in [
            (
                vec!["--from", "pyongyang", "--to", "donetzk"],
                "routemap: error: unknown place id \"donetzk\" in --to; it is not in donbas-workers's places.csv (did you mean \"donetsk\"?)\n",
            ),
            (
                vec![
                    "--from",
                    "pyongyang",
                    "--to",
                    "donetsk",
                    "--via",
                    "pyongyang",
                ],
                "routemap: error: --via \"pyongyang\" is the same place as --from\n",
            ),
            (
                vec!["--from", "pyongyang", "--to", "donetsk", "-k", "0"],
                "routemap: error: invalid value '0' for '--k <K>': \"0\" is not a number of paths from 1 to 100\n",
            ),
            (
                vec![
                    "--from",
                    "pyongyang",
                    "--to",
                    "donetsk",
                    "--modes",
                    "air,plane",
                ],
                "routemap: error: invalid value 'plane' for '--modes <MODES>': unknown mode \"plane\" (expected one of: air, rail, road, sea, unknown)\n",
            ),
        ] {
            let (code, _, stderr) = paths_json(&args);
            assert_eq!(code, Some(2), "{args:?}");
            assert_eq!(stderr, message, "{args:?}");
        }
    }

    #[test]
    fn pairs_answer_in_file_order_and_go_on_past_unconnected_pairs() {
        let tmp = tempfile::tempdir().unwrap();
        let pairs = tmp.path().join("pairs.csv");
        std::fs::write(
            &pairs,
            "from,to,k\npyongyang,donetsk,1\ndonetsk,pyongyang,\nvladivostok,moscow,\n",
        )
        .unwrap();
        let (code, v, _) = paths_json(&["--pairs", pairs.to_str().unwrap()]);
        assert_eq!(code, Some(0));
        let answers = v.as_array().unwrap();
        assert_eq!(answers.len(), 3);
        assert_eq!(answers[0]["from"], "pyongyang");
        assert_eq!(answers[0]["paths"].as_array().unwrap().len(), 1);
        assert!(answers[1]["paths"].as_array().unwrap().is_empty());
        assert_eq!(stops(&answers[2])[0], vec!["vladivostok", "moscow"]);
    }

    #[test]
    fn pairs_file_with_unknown_id_names_the_line() {
        let tmp = tempfile::tempdir().unwrap();
        let pairs = tmp.path().join("pairs.csv");
        std::fs::write(&pairs, "from,to\npyongyang,donetsk\nkyiv,donetsk\n").unwrap();
        let (code, _, stderr) = paths_json(&["--pairs", pairs.to_str().unwrap()]);
        assert_eq!(code, Some(2));
        assert!(
            stderr.ends_with("pairs.csv:3: unknown place id \"kyiv\" in column \"from\"\n"),
            "{stderr}"
        );
    }

    #[test]
    fn compare_ranks_each_route_among_the_network_paths() {
        let out = routemap(&root())
            .args([
                "compare",
                "routes/donbas-workers",
                "--format",
                "json",
                "-k",
                "3",
            ])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let moscow = &v["routes"][0]["network"];
        assert_eq!(moscow["by"], "distance");
        assert_eq!(moscow["k"], 3);
        assert_eq!(moscow["rank"], 2);
        assert_eq!(
            moscow["best"]["stops"],
            serde_json::json!(["pyongyang", "vladivostok", "volgograd", "donetsk"])
        );
        assert_eq!(v["routes"][1]["network"]["rank"], 1);
        let out = routemap(&root())
            .args([
                "compare",
                "routes/donbas-workers",
                "--format",
                "json",
                "-k",
                "1",
            ])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(v["routes"][0]["network"]["rank"].is_null());
        assert_eq!(v["routes"][0]["network"]["note"], "beyond the 1 best");
    }

    #[test]
    fn render_paths_draws_the_ranked_alternatives() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("paths.svg");
        routemap(&root())
            .args([
                "render",
                "routes/donbas-workers",
                "--paths",
                "pyongyang",
                "donetsk",
                "-o",
            ])
            .arg(&out)
            .assert()
            .success();
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(svg.contains(">1. via Vladivostok, Volgograd: 7,611 km</text>"));
        assert!(svg.contains(">2. via Vladivostok, Moscow: 7,979 km</text>"));
        assert!(svg.contains("<title>Moscow → Donbas: mode not stated, reported, 860 km; route: via Moscow; date: 2024-01; source: Daily NK</title>"));
    }
}

/// A dataset of `n` places at given coordinates with the given directed legs.
fn dataset(coords: &[(f64, f64)], legs: &[(usize, usize, Mode)]) -> Dataset {
    let places = coords
        .iter()
        .enumerate()
        .map(|(i, &(lat, lon))| Place {
            id: format!("p{i:02}"),
            name: format!("P{i}"),
            lat_deg: lat,
            lon_deg: lon,
            country: None,
            kind: None,
            note: None,
            city: None,
            code: None,
            located: None,
            area: None,
        })
        .collect();
    let legs = legs
        .iter()
        .map(|&(a, b, mode)| Leg {
            route: None,
            from: format!("p{a:02}"),
            to: format!("p{b:02}"),
            mode,
            evidence: Evidence::Reported,
            date: None,
            count: None,
            source: None,
            carrier: None,
            note: None,
            line: 0,
        })
        .collect();
    Dataset::new("random".into(), Meta::default(), places, legs)
}

/// Every simple path from `s` to `t` with its cost (cheapest parallel leg per
/// hop), by depth-first search.
fn brute_force(
    ds: &Dataset,
    g: &RouteGraph,
    metric: Metric,
    c: &Constraints,
    s: usize,
    t: usize,
) -> Vec<(f64, Vec<usize>)> {
    let n = ds.places.len();
    let mut best = vec![vec![None::<f64>; n]; n];
    for (i, leg) in ds.legs.iter().enumerate() {
        if c.modes.as_ref().is_some_and(|m| !m.contains(&leg.mode)) {
            continue;
        }
        let Some(cost) = routemap::analyze::paths::leg_cost(ds, g, metric, i) else {
            continue;
        };
        let a = ds.place_index(&leg.from).unwrap();
        let b = ds.place_index(&leg.to).unwrap();
        let mut set = |x: usize, y: usize| {
            if best[x][y].is_none_or(|v| cost < v) {
                best[x][y] = Some(cost);
            }
        };
        set(a, b);
        if c.undirected {
            set(b, a);
        }
    }
    let mut out = Vec::new();
    let mut path = vec![s];
    fn dfs(
        u: usize,
        t: usize,
        cost: f64,
        path: &mut Vec<usize>,
        best: &[Vec<Option<f64>>],
        avoid: &[usize],
        out: &mut Vec<(f64, Vec<usize>)>,
    ) {
        if u == t {
            out.push((cost, path.clone()));
            return;
        }
        for v in 0..best.len() {
            if let Some(c) = best[u][v]
                && !path.contains(&v)
                && !avoid.contains(&v)
            {
                path.push(v);
                dfs(v, t, cost + c, path, best, avoid, out);
                path.pop();
            }
        }
    }
    if !c.avoid.contains(&s) {
        dfs(s, t, 0.0, &mut path, &best, &c.avoid, &mut out);
    }
    // Keep paths through `via` in order.
    out.retain(|(_, p)| {
        let mut pos = 0;
        for v in &c.via {
            match p[pos..].iter().position(|x| x == v) {
                Some(i) => pos += i + 1,
                None => return false,
            }
        }
        true
    });
    out.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    out
}

fn mode_strategy() -> impl Strategy<Value = Mode> {
    prop_oneof![
        Just(Mode::Air),
        Just(Mode::Rail),
        Just(Mode::Road),
        Just(Mode::Sea),
        Just(Mode::Unknown)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Yen's first k equal brute force's first k: same costs in the same order,
    /// and, where costs are distinct, the same stops. Every path is loopless,
    /// sorted, and at least as long as the direct geodesic.
    #[test]
    fn k_shortest_matches_brute_force(
        coords in prop::collection::vec((-60.0..60.0f64, -170.0..170.0f64), 3..8),
        raw_legs in prop::collection::vec((0usize..8, 0usize..8, mode_strategy()), 4..40),
        k in 1usize..6,
        metric_i in 0usize..3,
        undirected in any::<bool>(),
        via_pick in prop::option::of(0usize..8),
        avoid_pick in prop::option::of(0usize..8),
        modes_pick in prop::option::of(prop::collection::vec(mode_strategy(), 1..3)),
    ) {
        let n = coords.len();
        let legs: Vec<(usize, usize, Mode)> = raw_legs
            .into_iter()
            .map(|(a, b, m)| (a % n, b % n, m))
            .filter(|(a, b, _)| a != b)
            .collect();
        let ds = dataset(&coords, &legs);
        let g = RouteGraph::new(&ds);
        let metric = [Metric::Distance, Metric::Time, Metric::Legs][metric_i];
        let (s, t) = (0, n - 1);
        let via: Vec<usize> = via_pick.map(|v| v % n).filter(|&v| v != s && v != t).into_iter().collect();
        let avoid: Vec<usize> = avoid_pick.map(|v| v % n).filter(|&v| v != s && v != t && !via.contains(&v)).into_iter().collect();
        let c = Constraints { avoid, via: via.clone(), modes: modes_pick, undirected };
        let net = PathFinder::new(&ds, &g, metric, &c);
        let got = net.k_shortest(s, t, &via, k);
        let want = brute_force(&ds, &g, metric, &c, s, t);
        prop_assert_eq!(got.len(), want.len().min(k));
        for (i, p) in got.iter().enumerate() {
            let tol = 1e-6 * want[i].0.abs().max(1.0);
            prop_assert!((p.cost - want[i].0).abs() <= tol, "rank {} cost {} vs {}", i + 1, p.cost, want[i].0);
            let distinct = want.iter().filter(|w| (w.0 - want[i].0).abs() <= tol).count() == 1;
            if distinct {
                prop_assert_eq!(&p.stops, &want[i].1);
            }
            let mut seen = std::collections::HashSet::new();
            prop_assert!(p.stops.iter().all(|x| seen.insert(*x)), "loop in {:?}", p.stops);
            let (a, b) = (&ds.places[s], &ds.places[t]);
            let direct = routemap::map::geodesic::distance_m((a.lon_deg, a.lat_deg), (b.lon_deg, b.lat_deg));
            prop_assert!(p.distance_m >= direct - 1e-3);
        }
        for w in got.windows(2) {
            prop_assert!(w[0].cost <= w[1].cost + 1e-6 * w[1].cost.abs().max(1.0));
        }
    }
}

/// Regression: a mistyped 100,000-character id spent minutes in the
/// did-you-mean search. Now it is answered at once, without a suggestion,
/// wherever an id is typed.
mod huge_ids {
    use super::*;

    #[test]
    fn a_huge_id_on_the_command_line_gets_no_suggestion() {
        let huge = "x".repeat(100_000);
        let expected = format!(
            "routemap: error: unknown place id \"{}\"... (100000 characters) in --from; it is \
             not in donbas-workers's places.csv\n",
            "x".repeat(60)
        );
        routemap(&root())
            .args([
                "paths",
                "routes/donbas-workers",
                "--from",
                &huge,
                "--to",
                "donetsk",
            ])
            .assert()
            .code(2)
            .stderr(&expected);
        let tmp = tempfile::tempdir().unwrap();
        routemap(&root())
            .args([
                "render",
                "routes/donbas-workers",
                "--paths",
                &huge,
                "donetsk",
                "-o",
            ])
            .arg(tmp.path().join("map.svg"))
            .assert()
            .code(2)
            .stderr(&expected.replace("--from", "--paths FROM"));
        assert!(!tmp.path().join("map.svg").exists());
    }

    #[test]
    fn a_huge_id_in_a_pairs_file_is_refused_for_its_length() {
        let tmp = tempfile::tempdir().unwrap();
        let pairs = tmp.path().join("pairs.csv");
        std::fs::write(
            &pairs,
            format!("from,to\npyongyang,{}\n", "y".repeat(100_000)),
        )
        .unwrap();
        routemap(&root())
            .args(["paths", "routes/donbas-workers", "--pairs"])
            .arg(&pairs)
            .assert()
            .code(2)
            .stderr(&format!(
                "routemap: error: {}:2: column \"to\" value \"{}\"... (100000 characters) is \
                 longer than 200 characters\n",
                pairs.display(),
                "y".repeat(60)
            ));
    }
}

/// Regression: a batch of 100,000 pairs printed nothing for minutes. A long
/// batch runs on every core with a progress bar on stderr, shown only on a
/// terminal: here (a pipe) stderr stays empty, and the answers come in file
/// order, each as a single query gives it.
#[test]
fn a_long_batch_answers_in_file_order_and_keeps_stderr_clean() {
    let ids = ["pyongyang", "vladivostok", "moscow", "volgograd", "donetsk"];
    let mut rows = String::from("from,to\n");
    let mut pairs = Vec::new();
    for n in 0..150 {
        let (a, b) = (ids[n % 5], ids[(n / 5 + n + 1) % 5]);
        if a != b {
            rows.push_str(&format!("{a},{b}\n"));
            pairs.push((a, b));
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("pairs.csv");
    std::fs::write(&file, rows).unwrap();
    let out = routemap(&root())
        .args([
            "paths",
            "routes/donbas-workers",
            "--format",
            "json",
            "--pairs",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let batch: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let batch = batch.as_array().unwrap();
    assert_eq!(batch.len(), pairs.len());
    for (answer, (a, b)) in batch.iter().zip(&pairs).take(12) {
        let (_, single, _) = paths_json(&["--from", a, "--to", b]);
        assert_eq!(answer["paths"], single["paths"], "{a} -> {b}");
    }
}
