//! Colours and line styles. Colour says which route; the line pattern says how
//! the leg is known:
//!
//! | leg | pattern |
//! | --- | --- |
//! | mode known, reported | solid |
//! | mode known, inferred | dashed |
//! | mode unknown, reported | dotted |
//! | mode unknown, inferred | dash-dot |
//!
//! Surface modes add a mark on top of the pattern: rail has cross ties, road a
//! white centre line, sea white dots. Air is the plain line. So an unknown-mode
//! leg never looks like a flight, and an inferred leg never looks reported.

use crate::model::{Evidence, Mode};

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub u8, pub u8, pub u8);

impl Colour {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Okabe–Ito colours distinguishable with the common colour-vision deficiencies,
/// in the order routes get them (yellow, too light on a pale map, is left out).
pub const ROUTE_COLOURS: [Colour; 7] = [
    Colour(0x00, 0x72, 0xb2), // blue
    Colour(0xd5, 0x5e, 0x00), // vermillion
    Colour(0x00, 0x9e, 0x73), // bluish green
    Colour(0xcc, 0x79, 0xa7), // reddish purple
    Colour(0xe6, 0x9f, 0x00), // orange
    Colour(0x56, 0xb4, 0xe9), // sky blue
    Colour(0x00, 0x00, 0x00), // black
];

/// Colour of network legs (legs in no route).
pub const NETWORK: Colour = Colour(0x8c, 0x8c, 0x8c);

/// Base-map and furniture colours.
pub struct Theme {
    /// Sea and page inside the frame.
    pub sea: Colour,
    /// Land fill.
    pub land: Colour,
    /// Coastline stroke.
    pub coast: Colour,
    /// Country borders.
    pub border: Colour,
    /// Graticule lines.
    pub graticule: Colour,
    /// Page background outside the frame.
    pub page: Colour,
    /// Main text.
    pub ink: Colour,
    /// Secondary text (credit, notes).
    pub muted: Colour,
    /// Halo around labels.
    pub halo: Colour,
}

/// The light theme.
pub const LIGHT: Theme = Theme {
    sea: Colour(0xdf, 0xea, 0xf2),
    land: Colour(0xf7, 0xf5, 0xf0),
    coast: Colour(0x9f, 0xb3, 0xc2),
    border: Colour(0xb8, 0xb0, 0xa4),
    graticule: Colour(0xc8, 0xd6, 0xe1),
    page: Colour(0xff, 0xff, 0xff),
    ink: Colour(0x22, 0x22, 0x22),
    muted: Colour(0x55, 0x55, 0x55),
    halo: Colour(0xff, 0xff, 0xff),
};

/// The colour of the `i`-th route (cycling through [`ROUTE_COLOURS`]).
pub fn route_colour(i: usize) -> Colour {
    ROUTE_COLOURS[i % ROUTE_COLOURS.len()]
}

/// The dash pattern for a leg, in multiples of the line width (`None` = solid).
pub fn dash_pattern(mode: Mode, evidence: Evidence) -> Option<&'static [f64]> {
    match (mode == Mode::Unknown, evidence) {
        (false, Evidence::Reported) => None,
        (false, Evidence::Inferred) => Some(&[3.0, 2.0]),
        (true, Evidence::Reported) => Some(&[0.01, 2.0]),
        (true, Evidence::Inferred) => Some(&[3.0, 1.8, 0.01, 1.8]),
    }
}

/// How a leg style is named in the legend.
pub fn style_label(mode: Mode, evidence: Evidence) -> String {
    let m = match mode {
        Mode::Air => "Air",
        Mode::Rail => "Rail",
        Mode::Road => "Road",
        Mode::Sea => "Sea",
        Mode::Unknown => "Mode not stated",
    };
    format!("{m}, {evidence}")
}
