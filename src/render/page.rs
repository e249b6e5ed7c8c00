//! Output sizes: presets and `WxH` in px, mm or in (1 px = 1/96 inch, the
//! CSS pixel, so a size in mm prints at that size in PDF and at the chosen
//! resolution in PNG).

use std::fmt;
use std::str::FromStr;

/// An output size in CSS pixels, 200–20000 wide and 150–20000 high.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// Width in CSS px.
    pub width_px: u32,
    /// Height in CSS px.
    pub height_px: u32,
}

/// The size presets, for the formats reports are made in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// 84 × 110 mm, one column of a two-column A4 page.
    A4Column,
    /// 170 × 240 mm, the text block of an A4 page.
    A4Page,
    /// 1600 × 900 px, a 16:9 slide.
    Slide16x9,
    /// 1000 × 1000 px.
    Square,
}

impl Preset {
    /// Every preset, in documentation order.
    pub const ALL: [Preset; 4] = [
        Preset::A4Column,
        Preset::A4Page,
        Preset::Slide16x9,
        Preset::Square,
    ];

    /// The name `--size` takes, e.g. `a4-column`.
    pub fn name(self) -> &'static str {
        match self {
            Preset::A4Column => "a4-column",
            Preset::A4Page => "a4-page",
            Preset::Slide16x9 => "slide-16x9",
            Preset::Square => "square",
        }
    }

    /// Its size in CSS px.
    pub fn size(self) -> Size {
        let (width_px, height_px) = match self {
            Preset::A4Column => (317, 416),
            Preset::A4Page => (643, 907),
            Preset::Slide16x9 => (1600, 900),
            Preset::Square => (1000, 1000),
        };
        Size {
            width_px,
            height_px,
        }
    }

    /// What it is for.
    pub fn description(self) -> &'static str {
        match self {
            Preset::A4Column => "84 x 110 mm, one column of a two-column A4 page",
            Preset::A4Page => "170 x 240 mm, the text block of an A4 page",
            Preset::Slide16x9 => "1600 x 900 px, a 16:9 slide",
            Preset::Square => "1000 x 1000 px",
        }
    }
}

impl From<Preset> for Size {
    fn from(p: Preset) -> Size {
        p.size()
    }
}

impl Default for Size {
    /// 1200 × 800 px.
    fn default() -> Self {
        Size {
            width_px: 1200,
            height_px: 800,
        }
    }
}

impl fmt::Display for Size {
    /// `1200x800`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}x{}", self.width_px, self.height_px)
    }
}

impl Size {
    /// The smallest size, CSS px.
    pub const MIN: (u32, u32) = (200, 150);
    /// The largest width and height, CSS px.
    pub const MAX: u32 = 20_000;

    /// A size of `width_px` × `height_px`, if it is within range.
    ///
    /// ```
    /// use routemap::render::page::Size;
    /// assert!(Size::new(1600, 900).is_ok());
    /// assert!(Size::new(100, 900).is_err());
    /// ```
    pub fn new(width_px: u32, height_px: u32) -> Result<Size, String> {
        if width_px < Self::MIN.0
            || height_px < Self::MIN.1
            || width_px > Self::MAX
            || height_px > Self::MAX
        {
            return Err(format!(
                "map size {width_px}x{height_px} px is out of range (200x150 to 20000x20000)"
            ));
        }
        Ok(Size {
            width_px,
            height_px,
        })
    }
}

impl FromStr for Size {
    type Err = String;

    /// A preset name, or `WxH` with an optional unit (`px`, the default;
    /// `mm`; `in`), e.g. `1600x900`, `170x120mm`, `7x5in`.
    fn from_str(s: &str) -> Result<Size, String> {
        parse_size(s)
    }
}

/// Parse a size: a preset name, or `WxH` with an optional unit (`px`, the
/// default; `mm`; `in`), e.g. `1600x900`, `170x120mm`, `7x5in`. Sizes must
/// come to 200–20000 px wide and 150–20000 px high.
///
/// ```
/// use routemap::render::page::{Preset, Size, parse_size};
/// assert_eq!(parse_size("1600x900"), Size::new(1600, 900));
/// assert_eq!(parse_size("84x84mm"), Size::new(317, 317));
/// assert_eq!(parse_size("a4-column"), Ok(Preset::A4Column.size()));
/// assert!(parse_size("10x10").is_err());
/// ```
pub fn parse_size(s: &str) -> Result<Size, String> {
    let t = s.trim().to_ascii_lowercase();
    if let Some(p) = Preset::ALL.iter().find(|p| p.name() == t) {
        return Ok(p.size());
    }
    let bad = || {
        format!(
            "invalid size {} (expected a preset: {}, or WxH in px, mm or in, e.g. 1600x900 or 170x120mm)",
            crate::text::quote(s),
            Preset::ALL.map(Preset::name).join(", ")
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
            crate::text::quote(s)
        ));
    }
    Ok(Size {
        width_px: w as u32,
        height_px: h as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn px(w: u32, h: u32) -> Result<Size, String> {
        Ok(Size {
            width_px: w,
            height_px: h,
        })
    }

    #[test]
    fn units_convert_at_96_px_per_inch() {
        assert_eq!(parse_size("170x120mm"), px(643, 454));
        assert_eq!(parse_size("7x5in"), px(672, 480));
        assert_eq!(parse_size(" 1600X900PX "), px(1600, 900));
    }

    #[test]
    fn every_preset_parses_and_is_in_range() {
        for p in Preset::ALL {
            assert_eq!(parse_size(p.name()), Ok(p.size()));
            let s = p.size();
            assert_eq!(Size::new(s.width_px, s.height_px), Ok(s));
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
            assert!(e.contains(crate::text::quote(bad).as_str()), "{bad}: {e}");
        }
    }
}
