//! Output sizes: presets and `WxH` in px, mm or in (1 px = 1/96 inch, the
//! CSS pixel, so a size in mm prints at that size in PDF and at `--dpi` in PNG).

/// The presets `--size` accepts, with their size in CSS px and what they are for.
pub const PRESETS: &[(&str, (u32, u32), &str)] = &[
    (
        "a4-column",
        (317, 416),
        "84 x 110 mm, one column of a two-column A4 page",
    ),
    (
        "a4-page",
        (643, 907),
        "170 x 240 mm, the text block of an A4 page",
    ),
    ("slide-16x9", (1600, 900), "1600 x 900 px, a 16:9 slide"),
    ("square", (1000, 1000), "1000 x 1000 px"),
];

/// Parse a `--size` value: a preset name, or `WxH` with an optional unit
/// (`px`, the default; `mm`; `in`), e.g. `1600x900`, `170x120mm`, `7x5in`.
/// Returns CSS pixels; sizes must come to 200–20000 px wide and 150–20000 px high.
///
/// ```
/// use routemap::render::page::parse_size;
/// assert_eq!(parse_size("1600x900"), Ok((1600, 900)));
/// assert_eq!(parse_size("84x84mm"), Ok((317, 317)));
/// assert_eq!(parse_size("a4-column"), Ok((317, 416)));
/// assert!(parse_size("10x10").is_err());
/// ```
pub fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let t = s.trim().to_ascii_lowercase();
    if let Some((_, size, _)) = PRESETS.iter().find(|(name, _, _)| *name == t) {
        return Ok(*size);
    }
    let bad = || {
        format!(
            "invalid size {} (expected a preset: {}, or WxH in px, mm or in, e.g. 1600x900 or 170x120mm)",
            crate::error::quote(s),
            PRESETS.iter().map(|p| p.0).collect::<Vec<_>>().join(", ")
        )
    };
    let (body, per_unit) = if let Some(b) = t.strip_suffix("mm") {
        (b, 96.0 / 25.4)
    } else if let Some(b) = t.strip_suffix("in") {
        (b, 96.0)
    } else if let Some(b) = t.strip_suffix("px") {
        (b, 1.0)
    } else {
        (t.as_str(), 1.0)
    };
    let (w, h) = body.split_once('x').ok_or_else(bad)?;
    let parse = |v: &str| -> Result<f64, String> {
        let n: f64 = v.trim().parse().map_err(|_| bad())?;
        if n.is_finite() && n > 0.0 {
            Ok(n)
        } else {
            Err(bad())
        }
    };
    let (w, h) = (parse(w)? * per_unit, parse(h)? * per_unit);
    let (w, h) = (w.round(), h.round());
    if !(200.0..=20_000.0).contains(&w) || !(150.0..=20_000.0).contains(&h) {
        return Err(format!(
            "size {} is {w} x {h} px; it must be 200 to 20000 px wide and 150 to 20000 px high",
            crate::error::quote(s)
        ));
    }
    Ok((w as u32, h as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_convert_at_96_px_per_inch() {
        assert_eq!(parse_size("170x120mm"), Ok((643, 454)));
        assert_eq!(parse_size("7x5in"), Ok((672, 480)));
        assert_eq!(parse_size(" 1600X900PX "), Ok((1600, 900)));
    }

    #[test]
    fn every_preset_parses_and_is_in_range() {
        for (name, size, _) in PRESETS {
            assert_eq!(parse_size(name), Ok(*size));
        }
    }

    #[test]
    fn nonsense_is_rejected_with_the_presets_listed() {
        for bad in [
            "",
            "x",
            "1600",
            "1600x",
            "-5x5",
            "NaNx100",
            "1e9x1e9",
            "100x100cm",
        ] {
            let e = parse_size(bad).unwrap_err();
            assert!(e.contains(crate::error::quote(bad).as_str()), "{bad}: {e}");
        }
    }
}
