//! The maps committed under `output/` are exactly what the current code draws
//! from `routes/`. Fails when a committed map is stale; run with
//! `UPDATE_GOLDEN=1` to regenerate them. Also proves rendering is deterministic.

use crate::common;
#[test]
fn committed_maps_match_the_datasets() {
    let root = common::root();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut datasets: Vec<_> = std::fs::read_dir(root.join("routes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("legs.csv").exists())
        .collect();
    datasets.sort();
    assert!(!datasets.is_empty());
    let mut stale = Vec::new();
    for dir in datasets {
        let ds = routemap::load::dataset(&dir).unwrap();
        let svg = crate::common::map_svg(&ds, &Default::default());
        let path = root.join("output").join(format!("{}.svg", ds.name));
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current != svg {
            if update {
                routemap::export::write_atomic(&path, svg.as_bytes()).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale maps (regenerate with `UPDATE_GOLDEN=1 cargo test --test test_output_fresh`): {stale:?}"
    );
}
