//! Colours and line styles. Three channels, each saying one thing:
//!
//! - **colour** says which route (the same route has the same colour on
//!   every map of its dataset: see [`Theme::route_colour`]);
//! - the **line pattern** says how the leg is known, strongest first:
//!
//!   | evidence | line |
//!   | --- | --- |
//!   | reported | solid |
//!   | inferred | dashed |
//!   | disputed | dotted, faded |
//!
//! - a **mode symbol** in a disc at mid-leg says how it was travelled: a
//!   plane, a train, a car, a ship, or a question mark where the source does
//!   not say. So a leg of unknown mode never looks like a flight, and the
//!   mode never changes how firm a line looks. Legs on no route (the grey
//!   network) carry no symbol: their mode is in their tooltip.

pub use crate::model::Colour;
use crate::model::{Evidence, Mode};

/// Sizes of type and lines, in design px (a 1200 px wide map; see
/// [`super::text_scale`]).
pub(crate) mod size {
    /// Page margin.
    pub const PAD: f64 = 16.0;
    /// Title type.
    pub const TITLE: f64 = 22.0;
    /// Subtitle type.
    pub const SUBTITLE: f64 = 14.0;
    /// Credit type.
    pub const CREDIT: f64 = 10.5;
    /// Place-name type.
    pub const LABEL: f64 = 13.0;
    /// Legend type.
    pub const LEGEND: f64 = 12.0;
    /// A route's line.
    pub const LINE: f64 = 2.6;
    /// A network leg's line.
    pub const NETWORK_LINE: f64 = 1.4;
    /// How much wider a leg's casing is than the leg.
    pub const CASING: f64 = 2.2;
    /// Gap between parallel legs, beyond their widths.
    pub const OFFSET: f64 = 4.2;
    /// A place marker's radius.
    pub const MARKER: f64 = 4.0;
    /// The radius of a route end's marker.
    pub const END_MARKER: f64 = 5.5;
    /// Text halo width.
    pub const HALO: f64 = 3.0;
    /// Graticule label type.
    pub const GRATICULE: f64 = 9.5;
    /// Direction arrow length.
    pub const ARROW: f64 = 9.0;
}

/// Route colours of the light theme, in the order routes get them: based on
/// Okabe–Ito (blue, vermillion, bluish green, reddish purple, orange, sky
/// blue, black), with vermillion, green and purple darkened and orange and
/// sky blue lightened, so that every pair stays at least ΔE₀₀ 15 apart with
/// normal colour vision and simulated deuteranopia and protanopia (see the
/// `palette` tests), and every colour reads over both land and sea.
pub const ROUTE_COLOURS: [Colour; 7] = [
    Colour(0x00, 0x72, 0xb2), // blue
    Colour(0xad, 0x4b, 0x02), // vermillion, darker
    Colour(0x07, 0x8c, 0x68), // bluish green, darker
    Colour(0x88, 0x22, 0x55), // wine
    Colour(0xe7, 0xad, 0x52), // orange, lighter
    Colour(0x59, 0xa2, 0xcf), // sky blue, deeper
    Colour(0x00, 0x00, 0x00), // black
];

/// Colour of network legs (legs in no route).
pub const NETWORK: Colour = Colour(0x8c, 0x8c, 0x8c);

/// Base-map and furniture colours, and how routes are told apart.
#[derive(Debug, Clone, Copy, PartialEq)]
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
    /// Halo around labels and casing around lines.
    pub halo: Colour,
    /// Colours of routes, in the dataset's order (cycling when there are
    /// more routes); paths drawn with `--paths` take the colour of the route
    /// they follow, or the next colour no route has.
    pub routes: &'static [Colour],
    /// Colour of network legs.
    pub network: Colour,
    /// Colours of the classes of a whole-network map, fewest routes on a leg
    /// first; the later ones stand out more (see `render::network`).
    pub network_ramp: [Colour; 5],
    /// Number badges along each route, so routes differ without colour.
    pub badges: bool,
}

impl Theme {
    /// The colour of the `i`-th route, cycling.
    pub fn route_colour(&self, i: usize) -> Colour {
        self.routes[i % self.routes.len()]
    }
}

/// Which theme: `light` (default), `dark`, or `print` (safe in greyscale:
/// routes are told apart by numbered badges as well as by shade).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Light background.
    #[default]
    Light,
    /// Dark background, for slides and screens.
    Dark,
    /// Greyscale-safe, for print.
    Print,
}

impl std::str::FromStr for ThemeName {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "light" => Ok(ThemeName::Light),
            "dark" => Ok(ThemeName::Dark),
            "print" => Ok(ThemeName::Print),
            _ => Err(format!(
                "unknown theme {} (expected light, dark or print)",
                crate::text::quote(s)
            )),
        }
    }
}

impl ThemeName {
    /// The theme's colours.
    pub fn theme(self) -> &'static Theme {
        match self {
            ThemeName::Light => &LIGHT,
            ThemeName::Dark => &DARK,
            ThemeName::Print => &PRINT,
        }
    }
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
    routes: &ROUTE_COLOURS,
    network: NETWORK,
    // The darker half of ColorBrewer Oranges: reads over both sea and land,
    // and apart from the blue of the sea.
    network_ramp: [
        Colour(0xf1, 0x69, 0x13),
        Colour(0xd9, 0x48, 0x01),
        Colour(0xa6, 0x36, 0x03),
        Colour(0x7f, 0x27, 0x04),
        Colour(0x3d, 0x11, 0x01),
    ],
    badges: false,
};

/// The dark theme: Okabe–Ito sky blue, orange and yellow, with a lighter
/// green, a brighter purple and a dusty rose for vermillion (too dark on
/// the dark sea), and white; as apart as the light theme's (ΔE₀₀ ≥ 15 with
/// normal vision and simulated deuteranopia and protanopia).
pub const DARK: Theme = Theme {
    sea: Colour(0x1b, 0x25, 0x30),
    land: Colour(0x2c, 0x33, 0x3c),
    coast: Colour(0x4d, 0x5c, 0x6b),
    border: Colour(0x5a, 0x63, 0x6d),
    graticule: Colour(0x2f, 0x3d, 0x4b),
    page: Colour(0x12, 0x17, 0x1d),
    ink: Colour(0xee, 0xee, 0xee),
    muted: Colour(0xa8, 0xb0, 0xb8),
    halo: Colour(0x12, 0x17, 0x1d),
    routes: &[
        Colour(0x56, 0xb4, 0xe9), // sky blue
        Colour(0xee, 0x77, 0x33), // orange
        Colour(0x73, 0xb7, 0xa9), // sea green
        Colour(0xb3, 0x45, 0xa2), // purple
        Colour(0xb7, 0x67, 0x6d), // dusty rose
        Colour(0xf0, 0xe4, 0x42), // yellow
        Colour(0xff, 0xff, 0xff), // white
    ],
    network: Colour(0x80, 0x88, 0x90),
    // ColorBrewer PuOr's orange half, dark to light: brighter stands out here.
    network_ramp: [
        Colour(0x7f, 0x3b, 0x08),
        Colour(0xb3, 0x58, 0x06),
        Colour(0xe0, 0x82, 0x14),
        Colour(0xfd, 0xb8, 0x63),
        Colour(0xfe, 0xe0, 0xb6),
    ],
    badges: false,
};

/// The print theme: four greys far enough apart to survive photocopying
/// (ΔE₀₀ ≥ 15), then the same greys again, told apart by the numbered
/// badges every route carries.
pub const PRINT: Theme = Theme {
    sea: Colour(0xff, 0xff, 0xff),
    land: Colour(0xf0, 0xf0, 0xf0),
    coast: Colour(0x9a, 0x9a, 0x9a),
    border: Colour(0xb4, 0xb4, 0xb4),
    graticule: Colour(0xdd, 0xdd, 0xdd),
    page: Colour(0xff, 0xff, 0xff),
    ink: Colour(0x00, 0x00, 0x00),
    muted: Colour(0x44, 0x44, 0x44),
    halo: Colour(0xff, 0xff, 0xff),
    routes: &[
        Colour(0x00, 0x00, 0x00),
        Colour(0x6e, 0x6e, 0x6e),
        Colour(0x40, 0x40, 0x40),
        Colour(0x9a, 0x9a, 0x9a),
    ],
    network: Colour(0xb0, 0xb0, 0xb0),
    network_ramp: [
        Colour(0xc8, 0xc8, 0xc8),
        Colour(0xa0, 0xa0, 0xa0),
        Colour(0x70, 0x70, 0x70),
        Colour(0x40, 0x40, 0x40),
        Colour(0x00, 0x00, 0x00),
    ],
    badges: true,
};

/// The colour of the `i`-th route in the light theme (cycling through [`ROUTE_COLOURS`]).
pub fn route_colour(i: usize) -> Colour {
    ROUTE_COLOURS[i % ROUTE_COLOURS.len()]
}

/// The dash pattern of a leg known with `evidence`, in multiples of the line
/// width (`None` = solid). Drawn with round caps, so a zero-length dash is a
/// dot.
///
/// ```
/// use routemap::model::Evidence;
/// use routemap::render::style::dash_pattern;
///
/// assert_eq!(dash_pattern(Evidence::Reported), None);
/// assert_eq!(dash_pattern(Evidence::Inferred), Some(&[3.0, 2.2][..]));
/// ```
pub fn dash_pattern(evidence: Evidence) -> Option<&'static [f64]> {
    match evidence {
        Evidence::Reported => None,
        Evidence::Inferred => Some(&[3.0, 2.2]),
        Evidence::Disputed => Some(&[0.01, 2.2]),
    }
}

/// How much of a disputed leg's colour is kept over the background (the
/// rest is faded into it).
pub const DISPUTED_OPACITY: f64 = 0.5;

/// The colour a leg of `colour` is drawn in: faded towards `background` when
/// it is disputed, as it is otherwise.
pub fn evidence_colour(colour: Colour, evidence: Evidence, background: Colour) -> Colour {
    match evidence {
        Evidence::Disputed => colour.over(background, DISPUTED_OPACITY),
        Evidence::Reported | Evidence::Inferred => colour,
    }
}

/// A mode as legends name it: "Air", ..., "Mode not stated".
pub fn mode_label(mode: Mode) -> &'static str {
    match mode {
        Mode::Air => "Air",
        Mode::Rail => "Rail",
        Mode::Road => "Road",
        Mode::Sea => "Sea",
        Mode::Unknown => "Mode not stated",
    }
}

/// An evidence level as legends name it: "Reported leg", ...
pub fn evidence_label(evidence: Evidence) -> &'static str {
    match evidence {
        Evidence::Reported => "Reported leg",
        Evidence::Inferred => "Inferred leg",
        Evidence::Disputed => "Disputed leg",
    }
}
