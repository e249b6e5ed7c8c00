//! Gazetteer speed (issue 8 targets: load ≤ 50 ms, lookup ≤ 1 ms per name).
//!
//! `cargo bench --bench gazetteer`. A benchmark, not a test: nothing here
//! asserts on time.

use routemap::gazetteer::Gazetteer;

fn main() {
    divan::main();
}

/// The embedded asset, as the binary holds it.
static ASSET: &[u8] = include_bytes!("../assets/gazetteer/gazetteer.tsv.deflate");

/// Inflate and index the whole gazetteer (what the first lookup of a process
/// pays).
#[divan::bench(sample_count = 20)]
fn load() -> Gazetteer {
    Gazetteer::decode(divan::black_box(ASSET)).unwrap()
}

/// Names and codes as users type them: Latin, other scripts, codes,
/// ambiguous names, hyphenated names, a country suffix.
const QUERIES: &[&str] = &[
    "Pyongyang",
    "Пхеньян",
    "평양",
    "Donetsk",
    "Donetsk (RU)",
    "Moscow",
    "VVO",
    "UHWW",
    "Rostov-on-Don",
    "Yuzhno-Sakhalinsk",
    "dusseldorf",
    "São Paulo",
];

/// One lookup of each query (a successful lookup).
#[divan::bench(args = QUERIES)]
fn lookup(bencher: divan::Bencher, query: &str) {
    let gaz = Gazetteer::embedded().unwrap();
    bencher.bench(|| gaz.lookup(divan::black_box(query)).unwrap());
}

/// An unknown name: the error path, which searches every key for close
/// matches.
#[divan::bench(sample_count = 20)]
fn unknown_with_suggestions(bencher: divan::Bencher) {
    let gaz = Gazetteer::embedded().unwrap();
    bencher.bench(|| gaz.lookup(divan::black_box("Donetzk")).unwrap_err());
}

/// A whole quick route: lexing, longest-match lookups, four stops.
#[divan::bench]
fn quick_route(bencher: divan::Bencher) {
    let gaz = Gazetteer::embedded().unwrap();
    bencher.bench(|| {
        routemap::load::quick::parse(
            divan::black_box("Pyongyang-Vladivostok-Rostov-on-Don-Donetsk (RU)"),
            gaz,
        )
        .unwrap()
    });
}
