//! `routemap import openflights --airports FILE --routes FILE -o DIR`: the
//! OpenFlights network as a dataset folder. Everything is read, checked and
//! formatted in memory before the first file is written.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use routemap::export::{self, dataset, thousands};
use routemap::load;
use routemap::load::openflights::{self, DATA_URL};

use crate::Outcome;

/// Arguments of `routemap import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub format: Format,
}

/// The formats `routemap import` reads.
#[derive(Debug, clap::Subcommand)]
pub enum Format {
    /// OpenFlights airports.dat and routes.dat: one network leg (mode air) per
    /// directed airport pair, listing its airlines; places keyed by IATA code.
    Openflights {
        /// OpenFlights airports.dat (headerless CSV).
        #[arg(long, value_name = "PATH")]
        airports: PathBuf,
        /// OpenFlights routes.dat (headerless CSV).
        #[arg(long, value_name = "PATH")]
        routes: PathBuf,
        /// Dataset folder to write (created if missing; its parent must exist).
        #[arg(short, long, value_name = "DIR", value_parser = crate::cli::folder)]
        output: PathBuf,
    },
}

pub fn run(args: &Args) -> anyhow::Result<Outcome> {
    match &args.format {
        Format::Openflights {
            airports,
            routes,
            output,
        } => openflights(airports, routes, output),
    }
}

fn openflights(airports: &Path, routes: &Path, dir: &Path) -> anyhow::Result<Outcome> {
    let airports_text = load::read_text(airports)?;
    let routes_text = load::read_text(routes)?;
    let net = openflights::parse(airports, &airports_text, routes, &routes_text)?;
    // Names for the README: quoted with escapes if they hold characters a
    // terminal acts on (`cat README.md` must not run them).
    let file_name = |p: &Path| {
        p.file_name().map_or_else(
            || crate::cmd::shown(p),
            |n| routemap::error::shown_name(&n.to_string_lossy()),
        )
    };
    let readme = readme(
        &net,
        &file_name(airports),
        &file_name(routes),
        &routemap::error::shown_name(&load::dataset_name(dir)),
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
fn summary(net: &openflights::Imported, airports: &Path, routes: &Path, dir: &Path) -> String {
    let n = |v: usize| thousands(v as f64);
    let (a, r) = (&net.airports, &net.routes);
    let skipped = r.unresolved + r.without_iata + r.bad_coordinates + r.self_loops;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "routemap: {}: {} airports read, {} without valid coordinates, {} without an IATA code",
        crate::cmd::shown(airports),
        n(a.read),
        n(a.bad_coordinates),
        n(a.without_iata)
    );
    let _ = writeln!(
        s,
        "routemap: {}: {} routes read, {} used, {} skipped:",
        crate::cmd::shown(routes),
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
        crate::cmd::shown(dir),
        n(net.places.len()),
        n(net.legs.len())
    );
    s
}

/// The imported dataset's `README.md`: what it is, its licence and
/// attribution, how it was made (from files named `airports_file` and
/// `routes_file`, into a folder named `dir_name`), and the counts.
fn readme(
    net: &openflights::Imported,
    airports_file: &str,
    routes_file: &str,
    dir_name: &str,
) -> String {
    let n = |v: usize| thousands(v as f64);
    let a = &net.airports;
    let r = &net.routes;
    let mut s = String::new();
    let _ = writeln!(s, "# OpenFlights airline network\n");
    let _ = writeln!(
        s,
        "{} airports and {} directed airport pairs, imported from \
         the [OpenFlights]({DATA_URL}) airport and route databases. Each leg is a network \
         leg (no route name) of mode `air`; its `carrier` column lists the codes of the \
         airlines OpenFlights has on that pair, sorted and separated by spaces.\n",
        n(net.places.len()),
        n(net.legs.len())
    );
    let _ = writeln!(s, "## Licence and attribution\n");
    let _ = writeln!(
        s,
        "This is a derived database of OpenFlights data. The OpenFlights databases are \
         made available under the [Open Database License (ODbL) 1.0]\
         (https://opendatacommons.org/licenses/odbl/1-0/); their individual contents under \
         the [Database Contents License (DbCL) 1.0]\
         (https://opendatacommons.org/licenses/dbcl/1-0/). This folder is a database derived \
         from them, under the same terms:\n\n\
         - **Attribution**: credit \"OpenFlights\" ({DATA_URL}) wherever you use this data \
         or a map made from it (`dataset.toml` puts it in every map's credit line).\n\
         - **Share-alike**: if you publish a database derived from this one, offer it under \
         the ODbL 1.0, and keep this notice with it.\n\n\
         OpenFlights credits its airport data to OurAirports and DAFIF and its route data \
         to Airline Route Mapper.\n"
    );
    let _ = writeln!(s, "## What it means, and what it does not\n");
    let _ = writeln!(
        s,
        "- **Historical.** The route provider stopped updating in June 2014. A leg says an \
         airline was listed on the pair then, not that anyone flies it now, how often, or \
         with how many seats.\n\
         - **Places are keyed by the IATA code the routes use**, with the name and \
         coordinates of the airport routes.dat points to. Where airports.dat now gives \
         that airport another code, or none, the place's note says so (OpenFlights' routes \
         call Atatürk airport `IST`, while airports.dat now gives it `ISL` and gives `IST` \
         to the new Istanbul Airport).\n\
         - **`country` is empty**: airports.dat gives country names, not ISO 3166-1 codes. \
         The note gives the city and country as OpenFlights spells them.\n\
         - **Skipped**: routes whose airport is found neither by id nor by code, or has \
         no valid coordinates, and routes from an airport to itself (counts below).\n"
    );
    let _ = writeln!(s, "## How it was made\n");
    let _ = writeln!(
        s,
        "```sh\nroutemap import openflights --airports {airports_file} --routes {routes_file} \
         -o {dir_name}\n```\n"
    );
    let _ = writeln!(
        s,
        "Each end of a route is looked up by OpenFlights airport id, then by its code. \
         Rows are merged into one leg per directed pair. Re-run the command rather than \
         editing these files: a re-run overwrites them.\n"
    );
    let _ = writeln!(s, "| count | value |\n| --- | --- |");
    let rows = [
        ("airports read", a.read),
        ("airports without valid coordinates", a.bad_coordinates),
        ("airports without an IATA code", a.without_iata),
        (
            "routes read (one row per airline and directed pair)",
            r.read,
        ),
        ("routes used", r.used),
        (
            "routes skipped: airport found neither by id nor by code",
            r.unresolved,
        ),
        (
            "routes skipped: airport without an IATA code",
            r.without_iata,
        ),
        (
            "routes skipped: airport without valid coordinates",
            r.bad_coordinates,
        ),
        ("routes skipped: self loop", r.self_loops),
        (
            "IATA codes that routes resolve to more than one airport",
            r.ambiguous_codes,
        ),
        ("places written (airports with routes)", net.places.len()),
        ("legs written (directed airport pairs)", net.legs.len()),
    ];
    for (what, v) in rows {
        let _ = writeln!(s, "| {what} | {} |", n(v));
    }
    s
}
