//! Pairs files (`paths --pairs`) against a tiny dataset: any bytes give pairs
//! or an error, never a panic; accepted pairs name two different known places.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use routemap::load::{decode_utf8, parse_legs, parse_pairs, parse_places};
use routemap::model::Dataset;

fn dataset() -> &'static Dataset {
    static DS: std::sync::OnceLock<Dataset> = std::sync::OnceLock::new();
    DS.get_or_init(|| {
        let places = parse_places(
            Path::new("places.csv"),
            "id,name,lat,lon\nmoscow,Moscow,55.75,37.62\nminsk,Minsk,53.9,27.57\nkyiv,Kyiv,50.45,30.52\n",
        )
        .unwrap();
        let legs = parse_legs(
            Path::new("legs.csv"),
            "route,from,to\nr,moscow,minsk\nr,minsk,kyiv\n",
        )
        .unwrap();
        Dataset::new("tiny".into(), Default::default(), places, legs)
    })
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("pairs.csv");
    let Ok(text) = decode_utf8(path, data.to_vec()) else {
        return;
    };
    let ds = dataset();
    if let Ok(pairs) = parse_pairs(path, &text, ds) {
        for p in &pairs {
            assert!(p.from < ds.places.len() && p.to < ds.places.len(), "{p:?}");
            assert_ne!(p.from, p.to);
            assert!(p.k.is_none_or(|k| k > 0), "{p:?}");
        }
    }
});
