//! Tests of the route palettes under colour-vision deficiency: every pair of
//! a theme's route colours (its whole cycle: 7 colours in the light and dark
//! themes, 4 greys in print) stays at least [`MIN_PAIR`] apart in CIEDE2000
//! ΔE₀₀, with normal vision and with deuteranopia and protanopia simulated
//! by the matrices of Machado, Oliveira and Fernandes (2009) at severity 1;
//! and every route colour stays [`MIN_BACKGROUND`] from the land and the sea.
//!
//! The simulation works on linear RGB (sRGB decoded), clamps to the gamut,
//! and ΔE₀₀ is computed in CIELAB under D65.

use super::style::{Colour, DARK, LIGHT, PRINT, Theme};

/// The least ΔE₀₀ between two route colours of a theme, in every vision.
const MIN_PAIR: f64 = 15.0;

/// The least ΔE₀₀ between a route colour and the land or the sea.
const MIN_BACKGROUND: f64 = 20.0;

/// Machado et al. (2009), severity 1.0, on linear RGB.
const DEUTERANOPIA: [[f64; 3]; 3] = [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.011820, 0.042940, 0.968881],
];
const PROTANOPIA: [[f64; 3]; 3] = [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Vision {
    Normal,
    Deuteranopia,
    Protanopia,
}

const VISIONS: [Vision; 3] = [Vision::Normal, Vision::Deuteranopia, Vision::Protanopia];

/// Linear RGB as seen with `vision`.
fn seen(c: Colour, vision: Vision) -> [f64; 3] {
    let rgb = c.linear();
    let m = match vision {
        Vision::Normal => return rgb,
        Vision::Deuteranopia => DEUTERANOPIA,
        Vision::Protanopia => PROTANOPIA,
    };
    m.map(|row| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0))
}

/// CIELAB (D65) of linear RGB.
fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
    let x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
    let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    let z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIEDE2000 colour difference (kL = kC = kH = 1), after Sharma, Wu and
/// Dalal (2005).
fn delta_e00(p: [f64; 3], q: [f64; 3]) -> f64 {
    let ([l1, a1, b1], [l2, a2, b2]) = (p, q);
    let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let pow7 = |c: f64| c.powi(7);
    let g = 0.5 * (1.0 - (pow7(c_bar) / (pow7(c_bar) + pow7(25.0))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| {
        if a == 0.0 && b == 0.0 {
            0.0
        } else {
            b.atan2(a).to_degrees().rem_euclid(360.0)
        }
    };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let dh_big = 2.0 * (c1p * c2p).sqrt() * (dh / 2.0).to_radians().sin();
    let l_bar = (l1 + l2) / 2.0;
    let cp_bar = (c1p + c2p) / 2.0;
    let h_bar = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let cos = |deg: f64| deg.to_radians().cos();
    let t =
        1.0 - 0.17 * cos(h_bar - 30.0) + 0.24 * cos(2.0 * h_bar) + 0.32 * cos(3.0 * h_bar + 6.0)
            - 0.20 * cos(4.0 * h_bar - 63.0);
    let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (pow7(cp_bar) / (pow7(cp_bar) + pow7(25.0))).sqrt();
    let sl = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cp_bar;
    let sh = 1.0 + 0.015 * cp_bar * t;
    let rt = -(2.0 * d_theta).to_radians().sin() * rc;
    let (l, c, h) = (dl / sl, dc / sc, dh_big / sh);
    (l * l + c * c + h * h + rt * c * h).sqrt()
}

fn difference(a: Colour, b: Colour, vision: Vision) -> f64 {
    delta_e00(lab(seen(a, vision)), lab(seen(b, vision)))
}

const THEMES: [(&str, &Theme); 3] = [("light", &LIGHT), ("dark", &DARK), ("print", &PRINT)];

/// The closest pair of a theme's route colours with `vision`: ΔE₀₀ and the
/// pair's indices.
fn closest_pair(theme: &Theme, vision: Vision) -> (f64, usize, usize) {
    let c = theme.routes;
    let mut best = (f64::INFINITY, 0, 0);
    for i in 0..c.len() {
        for j in i + 1..c.len() {
            let d = difference(c[i], c[j], vision);
            if d < best.0 {
                best = (d, i, j);
            }
        }
    }
    best
}

#[test]
fn delta_e00_matches_the_published_test_pairs() {
    // Sharma, Wu and Dalal (2005), table 1: pairs 1, 7, 13, 17, 25, 34.
    let pairs = [
        ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
        ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
        ([50.0, 2.49, -0.001], [50.0, -2.49, 0.0009], 7.1792),
        ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        (
            [60.2574, -34.0099, 36.2677],
            [60.4626, -34.1751, 39.4387],
            1.2644,
        ),
        ([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082),
    ];
    for (p, q, want) in pairs {
        let got = delta_e00(p, q);
        assert!((got - want).abs() < 1e-4, "{p:?} {q:?}: {got}, not {want}");
        assert!((delta_e00(q, p) - want).abs() < 1e-4, "symmetric");
    }
}

#[test]
fn the_simulations_keep_greys_and_lose_red_against_green() {
    for v in [Vision::Deuteranopia, Vision::Protanopia] {
        for g in [0u8, 0x40, 0x80, 0xc0, 0xff] {
            let grey = Colour(g, g, g);
            assert!(difference(grey, grey, Vision::Normal) == 0.0);
            let [l0, ..] = lab(seen(grey, Vision::Normal));
            let [l, a, b] = lab(seen(grey, v));
            assert!(
                (l - l0).abs() < 0.01 && a.abs() < 0.01 && b.abs() < 0.01,
                "{v:?} {g}"
            );
        }
        // A dichromat sees no red–green axis: a* of pure red and pure
        // green shrinks from about ±80 to under 10.
        for c in [Colour(255, 0, 0), Colour(0, 255, 0)] {
            assert!(lab(seen(c, Vision::Normal))[1].abs() > 80.0);
            assert!(lab(seen(c, v))[1].abs() < 10.0, "{v:?} {c:?}");
        }
    }
    // Okabe–Ito's vermillion and bluish green, far apart for most, come
    // much closer for a deuteranope.
    let (vermillion, green) = (Colour(0xd5, 0x5e, 0x00), Colour(0x00, 0x9e, 0x73));
    assert!(
        difference(vermillion, green, Vision::Deuteranopia)
            < difference(vermillion, green, Vision::Normal) * 0.8
    );
}

#[test]
fn route_colours_stay_apart_with_normal_vision_deuteranopia_and_protanopia() {
    let mut failures = Vec::new();
    for (name, theme) in THEMES {
        for v in VISIONS {
            let (d, i, j) = closest_pair(theme, v);
            eprintln!(
                "{name}, {v:?}: closest route colours {i} and {j} ({:?}, {:?}), ΔE00 {d:.1}",
                theme.routes[i], theme.routes[j]
            );
            if d < MIN_PAIR {
                failures.push(format!("{name} {v:?}: colours {i} and {j}: ΔE00 {d:.1}"));
            }
        }
    }
    assert!(failures.is_empty(), "below ΔE00 {MIN_PAIR}: {failures:?}");
}

#[test]
fn route_colours_read_over_land_and_sea() {
    for (name, theme) in THEMES {
        for v in VISIONS {
            for (i, &c) in theme.routes.iter().enumerate() {
                for (what, bg) in [("land", theme.land), ("sea", theme.sea)] {
                    let d = difference(c, bg, v);
                    assert!(
                        d >= MIN_BACKGROUND,
                        "{name} {v:?}: route colour {i} over the {what}: ΔE00 {d:.1}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_old_okabe_ito_order_fails_the_check() {
    // The palette before the check: vermillion and orange, blue and reddish
    // purple came within ΔE00 12.3 of each other for dichromats.
    const OLD: [Colour; 7] = [
        Colour(0x00, 0x72, 0xb2),
        Colour(0xd5, 0x5e, 0x00),
        Colour(0x00, 0x9e, 0x73),
        Colour(0xcc, 0x79, 0xa7),
        Colour(0xe6, 0x9f, 0x00),
        Colour(0x56, 0xb4, 0xe9),
        Colour(0x00, 0x00, 0x00),
    ];
    let theme = Theme {
        routes: &OLD,
        ..LIGHT
    };
    let (d, ..) = closest_pair(&theme, Vision::Protanopia);
    assert!(d < MIN_PAIR, "{d}");
}
