//! The words around a map, in one place: the credit line (sources, what is
//! not independently verified, base map, projection, distance method) and
//! the one-paragraph description of what the map shows. The map (`<desc>`,
//! the footer) and the reports use the same text.

use crate::analyze::Comparison;
use crate::analyze::paths::Alternatives;
use crate::model::Dataset;
use crate::text::thousands;

/// The credit line: the dataset's credit (or its sources' publishers), "Not
/// independently verified" where a source cited by a leg or by the movement
/// is unverified and the credit does not already say so, any credit added
/// on the command line ([`Meta::extra_credit`](crate::model::Meta)), then the base map,
/// the projection (if given) and the distance method. When the gazetteer
/// located places, the sources it used (e.g. "Places: GeoNames (CC BY 4.0)")
/// come before the base map.
pub fn credit(ds: &Dataset, projection: Option<&str>) -> String {
    credit_with(ds, projection, false)
}

/// [`credit`], also crediting GeoNames when labels carry local names from
/// the gazetteer (`--labels en+local`): "Local names: GeoNames (CC BY 4.0)",
/// or GeoNames added to "Places: ..." when it located places too.
pub fn credit_with(ds: &Dataset, projection: Option<&str>, local_names: bool) -> String {
    let mut parts = Vec::new();
    match &ds.meta.credit {
        Some(c) => parts.push(c.trim_end_matches('.').to_string()),
        None => {
            let publishers: Vec<&str> = ds
                .meta
                .sources
                .iter()
                .filter_map(|s| s.publisher.as_deref())
                .collect();
            if !publishers.is_empty() {
                parts.push(format!("Source: {}", publishers.join("; ")));
            }
        }
    }
    // Only sources that back a claim count: those cited by a leg or by the
    // movement (a gazetteer of coordinates is a source too, but not of claims).
    let cited = |id: &str| {
        ds.legs.iter().any(|l| l.source.as_deref() == Some(id))
            || ds
                .meta
                .movement
                .as_ref()
                .is_some_and(|m| m.source.as_deref() == Some(id))
    };
    let unverified = ds.meta.sources.iter().any(|s| !s.verified && cited(&s.id));
    if unverified
        && !parts
            .iter()
            .any(|p| p.to_lowercase().contains("independently verified"))
    {
        parts.push("Not independently verified".into());
    }
    // Added on the command line: after the data's credit, before the
    // attributions of places and base map, which it never replaces.
    if let Some(extra) = &ds.meta.extra_credit {
        parts.push(extra.trim_end_matches('.').to_string());
    }
    // Places the gazetteer located: credit the sources actually used.
    let used = ds.located_sources();
    if !used.is_empty() {
        let names: Vec<&str> = used.iter().map(|s| s.attribution()).collect();
        parts.push(format!("Places: {}", names.join(", ")));
    }
    let geonames = crate::model::Provenance::GeoNames;
    if local_names && !used.contains(&geonames) {
        parts.push(format!("Local names: {}", geonames.attribution()));
    }
    parts.push(format!(
        "Base map: Natural Earth. {}",
        ds.meta.borders.credit()
    ));
    if let Some(p) = projection {
        parts.push(p.to_string());
    }
    parts.push("Distances: WGS84 geodesic. Made with routemap".into());
    parts.join(". ") + "."
}

/// A one-paragraph text summary of the map for `<desc>`.
pub fn description(ds: &Dataset, cmp: &Comparison, alternatives: Option<&Alternatives>) -> String {
    if let Some(a) = alternatives {
        let mut s = format!(
            "Map of the {} best paths by {} in dataset {}.",
            a.paths.len(),
            a.by.as_str(),
            ds.name
        );
        for (i, p) in a.paths.iter().enumerate() {
            let names: Vec<&str> = p
                .stops
                .iter()
                .map(|&x| ds.places[x].name.as_str())
                .collect();
            s.push_str(&format!(
                " {}: {} ({} km).",
                i + 1,
                names.join(" to "),
                thousands(p.distance_m / 1000.0)
            ));
        }
        return s;
    }
    let mut s = format!(
        "Map of {} route(s) in dataset {}.",
        cmp.routes.len(),
        ds.name
    );
    for r in &cmp.routes {
        let names: Vec<&str> = r
            .stops
            .iter()
            .map(|id| ds.place(id).map_or(id.as_str(), |p| p.name.as_str()))
            .collect();
        s.push_str(&format!(
            " {}: {} ({} km; modes: {}; evidence: {}).",
            r.name,
            names.join(" to "),
            thousands(r.distance_km),
            r.modes
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            r.evidence
                .iter()
                .map(|e| e.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let network = ds.legs.iter().filter(|l| l.route.is_none()).count();
    if network > 0 {
        s.push_str(&format!(" Also {network} network leg(s) on no route."));
    }
    s.push_str(
        " Solid lines: reported legs. Dashed: inferred. Dotted and faded: disputed. A symbol at the middle of each leg of a route gives its mode: plane, train, car, ship, or a question mark where the mode is not stated.",
    );
    s
}
