//! Function benchmarks (`cargo bench`): the stages whose speed the issue
//! targets set, each on real data. Whole-process figures (start-up, file
//! I/O, writing the output) come from `scripts/bench.sh`.
//!
//! The OpenFlights benchmarks read `../shared/data/openflights` (or the
//! folder in `$OPENFLIGHTS`) and are skipped with a note when it is missing.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use divan::{Bencher, black_box};
use routemap::analyze::paths::{Constraints, Metric, PathFinder};
use routemap::graph::RouteGraph;
use routemap::load::{self, openflights};
use routemap::map::geodesic;
use routemap::model::Dataset;

fn main() {
    divan::main();
}

fn openflights_dir() -> PathBuf {
    std::env::var_os("OPENFLIGHTS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/openflights"),
        PathBuf::from,
    )
}

/// The OpenFlights network as a dataset (3,266 airports, 37,123 legs).
static OPENFLIGHTS: LazyLock<Option<Dataset>> = LazyLock::new(|| {
    let dir = openflights_dir();
    let (a, r) = (dir.join("airports.dat"), dir.join("routes.dat"));
    let (Ok(at), Ok(rt)) = (std::fs::read_to_string(&a), std::fs::read_to_string(&r)) else {
        eprintln!(
            "note: {} not found; OpenFlights benchmarks skipped",
            dir.display()
        );
        return None;
    };
    let net = openflights::parse(&a, &at, &r, &rt).expect("OpenFlights parses");
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("openflights");
    let files = routemap::export::dataset::Files::new(
        &net.places,
        &net.legs,
        &net.meta(),
        "",
        "import openflights",
    )
    .expect("dataset formats");
    routemap::export::dataset::write(&dir, &files).expect("dataset written");
    Some(load::dataset(&dir).expect("dataset loads"))
});

/// `legs.csv` text of `n` legs between OpenFlights airports (a repeating walk
/// over the real legs), for the loader.
fn legs_text(ds: &Dataset, n: usize) -> String {
    let mut s = String::from("route,from,to,mode,evidence,carrier\n");
    for i in 0..n {
        let l = &ds.legs[i % ds.legs.len()];
        s.push_str(&format!(
            ",{},{},air,reported,{}\n",
            l.from,
            l.to,
            l.carrier.as_deref().unwrap_or("")
        ));
    }
    s
}

/// Parsing and checking `legs.csv` rows (throughput in legs).
#[divan::bench]
fn load_legs_100k(bencher: Bencher) {
    let Some(ds) = OPENFLIGHTS.as_ref() else {
        return;
    };
    let text = legs_text(ds, 100_000);
    bencher
        .counter(divan::counter::ItemsCount::new(100_000usize))
        .bench(|| load::parse_legs(Path::new("legs.csv"), black_box(&text)).unwrap());
}

/// Geodesic distance (Karney, WGS84) between the ends of every OpenFlights
/// leg, one core.
#[divan::bench]
fn geodesic_distance(bencher: Bencher) {
    let Some(ds) = OPENFLIGHTS.as_ref() else {
        return;
    };
    let pairs: Vec<((f64, f64), (f64, f64))> = ds
        .legs
        .iter()
        .map(|l| {
            let a = ds.place(&l.from).unwrap();
            let b = ds.place(&l.to).unwrap();
            ((a.lon_deg, a.lat_deg), (b.lon_deg, b.lat_deg))
        })
        .collect();
    bencher
        .counter(divan::counter::ItemsCount::new(pairs.len()))
        .bench(|| {
            let mut sum = 0.0;
            for &(a, b) in &pairs {
                sum += geodesic::distance_m(black_box(a), black_box(b));
            }
            sum
        });
}

/// The 32 origin-destination pairs of `bench/pairs-32.csv`, k = 5 by
/// distance, on the loaded OpenFlights network (network set-up included).
#[divan::bench]
fn paths_32_pairs_k5(bencher: Bencher) {
    let Some(ds) = OPENFLIGHTS.as_ref() else {
        return;
    };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/pairs-32.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let pairs = load::parse_pairs(&path, &text, ds).unwrap();
    let graph = RouteGraph::new(ds);
    bencher.bench(|| {
        let net = PathFinder::new(ds, &graph, Metric::Distance, &Constraints::default());
        pairs
            .iter()
            .map(|p| net.k_shortest(p.from, p.to, &[], 5).len())
            .sum::<usize>()
    });
}

/// A map as SVG the way `render` makes it: the graph, the comparison, the
/// scene and its SVG.
fn map_svg(ds: &Dataset, opts: &routemap::render::RenderOptions) -> String {
    let graph = RouteGraph::new(ds);
    let cmp = routemap::analyze::compare_with_graph(ds, &graph);
    routemap::render::svg(ds, &graph, &cmp, opts).unwrap()
}

/// The seed map as SVG, from the loaded dataset.
#[divan::bench]
fn render_seed_svg(bencher: Bencher) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("routes/donbas-workers");
    let ds = load::dataset(&dir).unwrap();
    bencher.bench(|| map_svg(black_box(&ds), &Default::default()));
}

/// The whole OpenFlights network on an Equal Earth world map, as SVG.
#[divan::bench(sample_count = 10)]
fn render_world_svg(bencher: Bencher) {
    let Some(ds) = OPENFLIGHTS.as_ref() else {
        return;
    };
    let opts = routemap::render::RenderOptions {
        projection: routemap::map::projection::Choice::Kind(
            routemap::map::projection::Kind::EqEarth,
        ),
        ..Default::default()
    };
    bencher.bench(|| map_svg(black_box(ds), &opts));
}
