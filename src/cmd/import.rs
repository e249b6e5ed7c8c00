//! `routemap import openflights --airports FILE --routes FILE -o DIR`: the
//! OpenFlights network as a dataset folder. Everything is read, checked and
//! formatted in memory before the first file is written.

use std::fmt::Write as _;
use std::path::Path;

use routemap::export::{self, dataset, thousands};
use routemap::load::{self, openflights};

use crate::Outcome;

pub fn openflights(airports: &Path, routes: &Path, dir: &Path) -> anyhow::Result<Outcome> {
    let airports_text = load::read_text(airports)?;
    let routes_text = load::read_text(routes)?;
    let net = openflights::parse(airports, &airports_text, routes, &routes_text)?;
    let file_name = |p: &Path| {
        p.file_name()
            .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
    };
    let readme = net.readme(
        &file_name(airports),
        &file_name(routes),
        &load::dataset_name(dir),
    );
    let files = dataset::Files::new(
        &net.places,
        &net.legs,
        &net.meta(),
        &readme,
        "import openflights",
    )?;
    export::dataset::write(dir, &files)?;
    eprint!("{}", summary(&net, airports, routes, dir));
    Ok(Outcome::Done)
}

/// What was read, skipped and written, for stderr.
fn summary(net: &openflights::Network, airports: &Path, routes: &Path, dir: &Path) -> String {
    let n = |v: usize| thousands(v as f64);
    let (a, r) = (&net.airports, &net.routes);
    let skipped = r.unresolved + r.without_iata + r.bad_coordinates + r.self_loops;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "routemap: {}: {} airports read, {} without valid coordinates, {} without an IATA code",
        airports.display(),
        n(a.read),
        n(a.bad_coordinates),
        n(a.without_iata)
    );
    let _ = writeln!(
        s,
        "routemap: {}: {} routes read, {} used, {} skipped:",
        routes.display(),
        n(r.read),
        n(r.used),
        n(skipped)
    );
    for (count, why) in [
        (r.unresolved, "airport found neither by id nor by code"),
        (r.without_iata, "airport without an IATA code"),
        (r.bad_coordinates, "airport without valid coordinates"),
        (r.self_loops, "self loop (from and to the same airport)"),
    ] {
        let _ = writeln!(s, "routemap:   {:>7}  {why}", n(count));
    }
    if a.duplicate_iata > 0 {
        let _ = writeln!(
            s,
            "routemap: {} airports repeat an earlier airport's IATA code; lookups by code find \
             the earlier one",
            n(a.duplicate_iata)
        );
    }
    if r.ambiguous_codes > 0 {
        let _ = writeln!(
            s,
            "routemap: {} IATA codes resolve to more than one airport; each place uses the \
             airport found by id first",
            n(r.ambiguous_codes)
        );
    }
    let _ = writeln!(
        s,
        "routemap: wrote {}: {} places, {} legs (one per directed airport pair)",
        dir.display(),
        n(net.places.len()),
        n(net.legs.len())
    );
    s
}
