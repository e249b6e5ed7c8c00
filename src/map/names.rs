//! Base-map names: countries, seas and oceans, and large lakes, with their
//! label points, ranks, areas and translations, from the embedded Natural
//! Earth names asset (`assets/basenames/`, made by
//! `scripts/build-basenames.py`). Decoded once, on first use.
//!
//! Points are **x = longitude, y = latitude** in degrees.

use std::sync::OnceLock;

use crate::model::{Lang, LonLat};

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A country (Natural Earth admin-0), named in spaced capitals.
    Country,
    /// An ocean.
    Ocean,
    /// A sea, gulf, bay, strait or other marine name.
    Sea,
    /// A lake or reservoir.
    Lake,
}

/// Where a name may go: a point and, for water, the radius of the largest
/// circle round it inside the water.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    /// The point, degrees.
    pub at: LonLat,
    /// Radius of the inside circle in **degrees of latitude** (0 for a
    /// country's main point, Natural Earth's `LABEL_X`/`LABEL_Y`).
    pub radius_deg: f64,
}

/// One named feature.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseName {
    /// What it is.
    pub kind: Kind,
    /// Natural Earth's `LABELRANK` (countries) or `scalerank`: 0 or 1 for
    /// the most important.
    pub rank: u8,
    /// Natural Earth's `min_label`: the web-map zoom level from which the
    /// name is shown (1 = the whole world on 512 px).
    pub min_label: f64,
    /// Area in **km²**, three significant digits.
    pub area_km2: f64,
    /// Where the name may go, the main label point first; seas and oceans
    /// wider than 10°, and countries of more than a million km², have one
    /// more per 10° tile, with the radius of the circle inside them.
    pub anchors: Vec<Anchor>,
    /// The names, one per language of [`Lang::ALL`], tab-separated (split
    /// when asked: most are never read); empty where Natural Earth has no
    /// translation.
    names: &'static str,
}

impl BaseName {
    /// The name in `lang`, or in English where there is no translation.
    pub fn name(&self, lang: Lang) -> &'static str {
        let english = self.names.split('\t').next().unwrap_or_default();
        match self.names.split('\t').nth(lang.index()) {
            Some(n) if !n.is_empty() => n,
            _ => english,
        }
    }
}

/// Every base-map name, most important first (by kind, rank and area).
pub fn all() -> &'static [BaseName] {
    static TEXT: OnceLock<String> = OnceLock::new();
    static NAMES: OnceLock<Vec<BaseName>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let text = TEXT.get_or_init(|| {
            inflate(crate::assets::BASENAMES).expect("embedded names asset inflates")
        });
        parse(text).expect("embedded names asset parses")
    })
}

/// The text of a names asset (raw deflate).
pub fn inflate(deflated: &[u8]) -> Result<String, String> {
    use std::io::Read;
    let mut text = String::with_capacity(deflated.len() * 3);
    flate2::bufread::DeflateDecoder::new(deflated)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot inflate: {e}"))?;
    Ok(text)
}

/// Parse a names asset's text, in the format described in
/// `scripts/build-basenames.py`.
pub fn parse(text: &'static str) -> Result<Vec<BaseName>, String> {
    let mut lines = text.lines();
    if lines.next() != Some("#routemap-basenames 1") {
        return Err("not a names asset (version 1)".into());
    }
    let langs: Vec<&str> = lines
        .next()
        .and_then(|l| l.strip_prefix("langs\t"))
        .ok_or("no langs line")?
        .split('\t')
        .collect();
    if langs != Lang::ALL {
        return Err(format!("languages {langs:?} differ from Lang::ALL"));
    }
    lines
        .enumerate()
        .map(|(i, l)| row(l).ok_or_else(|| format!("bad row {}: {l:.60}", i + 3)))
        .collect()
}

fn row(line: &'static str) -> Option<BaseName> {
    let mut f = line.splitn(6, '\t');
    let kind = match f.next()? {
        "C" => Kind::Country,
        "O" => Kind::Ocean,
        "S" => Kind::Sea,
        "L" => Kind::Lake,
        _ => return None,
    };
    let rank = f.next()?.parse().ok()?;
    let min_label = f.next()?.parse().ok()?;
    let area_km2 = f.next()?.parse().ok()?;
    let anchors = f
        .next()?
        .split(';')
        .map(|p| {
            let v: Vec<f64> = p
                .split(',')
                .map(|x| x.parse().ok())
                .collect::<Option<_>>()?;
            match v[..] {
                [lon, lat] => Some(Anchor {
                    at: (lon, lat),
                    radius_deg: 0.0,
                }),
                [lon, lat, r] => Some(Anchor {
                    at: (lon, lat),
                    radius_deg: r,
                }),
                _ => None,
            }
        })
        .collect::<Option<Vec<_>>>()?;
    let names = f.next()?;
    if names.split('\t').count() != Lang::ALL.len() || names.starts_with('\t') {
        return None;
    }
    Some(BaseName {
        kind,
        rank,
        min_label,
        area_km2,
        anchors,
        names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(en: &str) -> &'static BaseName {
        all()
            .iter()
            .find(|n| n.name(Lang::EN) == en)
            .unwrap_or_else(|| panic!("{en} not in the names asset"))
    }

    #[test]
    fn the_asset_has_the_names_readers_look_for() {
        let ru = find("Russia");
        assert_eq!(ru.kind, Kind::Country);
        assert_eq!(ru.name("ko".parse().unwrap()), "러시아");
        assert_eq!(ru.name("ru".parse().unwrap()), "Россия");
        for (name, kind) in [
            ("North Korea", Kind::Country),
            ("Ukraine", Kind::Country),
            ("Kazakhstan", Kind::Country),
            ("Sea of Japan", Kind::Sea),
            ("Caspian Sea", Kind::Sea),
            ("Black Sea", Kind::Sea),
            ("NORTH PACIFIC OCEAN", Kind::Ocean),
            ("Lake Baikal", Kind::Lake),
            ("Lake Balkhash", Kind::Lake),
            ("Lake Superior", Kind::Lake),
        ] {
            assert_eq!(find(name).kind, kind, "{name}");
        }
        // Lake Baikal's label point lies in the lake, near 53.5°N 108°E.
        let b = find("Lake Baikal").anchors[0];
        assert!((b.at.0 - 108.0).abs() < 3.0 && (b.at.1 - 53.5).abs() < 2.0);
        assert!(b.radius_deg > 0.0);
        assert!(find("NORTH PACIFIC OCEAN").anchors.len() > 5);
    }

    #[test]
    fn a_missing_translation_falls_back_to_english() {
        // NE 4.0.0 marine polygons have English and French names only.
        let s = find("Sea of Japan");
        assert_eq!(s.name("ko".parse().unwrap()), "Sea of Japan");
        assert_eq!(s.name("fr".parse().unwrap()), "Mer du Japon");
    }

    #[test]
    fn names_come_most_important_first_and_garbage_is_refused() {
        let kinds: Vec<Kind> = all().iter().map(|n| n.kind).collect();
        assert!(kinds.windows(2).all(|w| w[0] <= w[1]));
        assert!(inflate(b"not deflate").is_err());
        assert!(parse("#routemap-basenames 1\nlangs\ten\n").is_err());
        assert!(parse("#something else\n").is_err());
    }
}
