//! The base map on screen: graticule, land, coastlines and borders, cut to the
//! frame.

use super::canvas::SCALE;
use super::canvas::{Canvas, Pt, fill, polygon, polyline, stroke};
use super::style::Theme;
use super::{Fit, u};
use crate::error::Result;
use crate::map::LonLat;
use crate::map::basemap::{
    BaseMap, Resolution, clip_line_to_window, clip_ring_to_window, unwrap_ring,
};
use crate::map::clip::{Rect, clip_polyline, clip_ring, simplify};
use crate::map::projection::Projection;

/// The longitude/latitude window that holds everything the frame shows.
fn geographic_window(projection: &Projection, fit: &Fit, frame: &Rect) -> Rect {
    let mut pts: Vec<LonLat> = Vec::new();
    let steps = 60;
    for i in 0..=steps {
        let t = f64::from(i) / f64::from(steps);
        for p in [
            (frame.x0 + t * frame.width(), frame.y0),
            (frame.x0 + t * frame.width(), frame.y1),
            (frame.x0, frame.y0 + t * frame.height()),
            (frame.x1, frame.y0 + t * frame.height()),
        ] {
            if let Some(ll) = projection.inverse(fit.metres(p)) {
                pts.push(ll);
            }
        }
    }
    let lon0 = projection.lon0_deg;
    let mut window = Rect::bounding(pts)
        .unwrap_or(Rect::new(lon0 - 180.0, -90.0, lon0 + 180.0, 90.0))
        .inflate(3.0);
    for pole in [90.0, -90.0] {
        if let Some(m) = projection.forward((lon0, pole))
            && frame.contains(fit.screen(m))
        {
            window = Rect::new(
                lon0 - 180.0,
                window.y0.min(pole),
                lon0 + 180.0,
                window.y1.max(pole),
            );
        }
    }
    Rect::new(
        window.x0.max(lon0 - 179.9),
        window.y0.max(-90.0),
        window.x1.min(lon0 + 179.9),
        window.y1.min(90.0),
    )
}

/// Insert points so no segment is longer than `max_deg` degrees (window edges
/// are long straight lines in degrees but curves once projected).
fn densify_degrees(ring: &[LonLat], max_deg: f64, closed: bool) -> Vec<LonLat> {
    let n = ring.len();
    let mut out = Vec::with_capacity(n);
    let segs = if closed { n } else { n.saturating_sub(1) };
    for i in 0..segs {
        let a = ring[i];
        let b = ring[(i + 1) % n];
        out.push(a);
        let d = (b.0 - a.0).abs().max((b.1 - a.1).abs());
        if d > max_deg {
            let k = (d / max_deg).ceil() as usize;
            for j in 1..k {
                let t = j as f64 / k as f64;
                out.push((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)));
            }
        }
    }
    if !closed && let Some(&last) = ring.last() {
        out.push(last);
    }
    out
}

pub(crate) fn draw_basemap(
    canvas: &mut Canvas,
    projection: &Projection,
    fit: &Fit,
    frame: &Rect,
    theme: &Theme,
) -> Result<()> {
    let ground_km = frame.width() / fit.scale / 1000.0;
    let res = Resolution::for_scale(ground_km, frame.width() / SCALE);
    let base = BaseMap::embedded(res)?;
    let window = geographic_window(projection, fit, frame);
    let lon0 = projection.lon0_deg;
    let tolerance = u(0.35);
    let to_screen = |ring: &[LonLat]| -> Vec<Pt> {
        ring.iter()
            .filter_map(|&p| projection.forward(p))
            .map(|m| fit.screen(m))
            .collect()
    };
    let screen_ring = |ring: &[LonLat]| -> Vec<Vec<Pt>> {
        let (unwrapped, _) = unwrap_ring(ring, lon0);
        clip_ring_to_window(&unwrapped, &window)
            .into_iter()
            .filter_map(|piece| {
                let s = to_screen(&densify_degrees(&piece, 1.0, true));
                let c = clip_ring(&s, frame);
                let c = simplify(&c, tolerance);
                (c.len() >= 3).then_some(c)
            })
            .collect()
    };
    let screen_line = |line: &[LonLat]| -> Vec<Vec<Pt>> {
        let mut l = line.to_vec();
        if let Some(first) = l.first_mut() {
            first.0 = lon0 + (first.0 - lon0 + 180.0).rem_euclid(360.0) - 180.0;
        }
        crate::map::geodesic::unwrap_longitudes(&mut l);
        clip_line_to_window(&l, &window)
            .into_iter()
            .flat_map(|piece| {
                clip_polyline(&to_screen(&densify_degrees(&piece, 1.0, false)), frame)
            })
            .map(|p| simplify(&p, tolerance))
            .collect()
    };

    let mut holes: Vec<Vec<Pt>> = Vec::new();
    let mut coasts: Vec<Vec<Pt>> = Vec::new();
    canvas.group("", |area| {
        for p in &base.land {
            for ring in screen_ring(&p.outer) {
                polygon(area, &ring, fill(theme.land))?;
            }
            for hole in &p.holes {
                holes.extend(screen_ring(hole));
            }
        }
        for hole in &holes {
            polygon(area, hole, fill(theme.sea))?;
        }
        Ok(())
    })?;
    // Graticule over the land fill, under coasts, borders and routes.
    let step = graticule_step(&window);
    canvas.group("fill=\"none\"", |area| {
        for line in graticule(&window, step) {
            for piece in screen_line(&line) {
                polyline(area, &piece, stroke(theme.graticule, u(0.6)))?;
            }
        }
        Ok(())
    })?;

    for p in &base.land {
        for ring in std::iter::once(&p.outer).chain(&p.holes) {
            let mut closed = ring.clone();
            if let Some(&f) = ring.first() {
                closed.push(f);
            }
            // Closing edges of polar rings run along ±180° and are not coast.
            let (_, polar) = unwrap_ring(ring, lon0);
            if polar {
                closed.pop();
            }
            coasts.extend(screen_line(&closed));
        }
    }
    canvas.group("fill=\"none\" stroke-linejoin=\"round\"", |area| {
        for c in &coasts {
            polyline(area, c, stroke(theme.coast, u(0.6)))?;
        }
        for b in &base.borders {
            for piece in screen_line(b) {
                polyline(area, &piece, stroke(theme.border, u(0.7)))?;
            }
        }
        Ok(())
    })
}

fn graticule_step(window: &Rect) -> f64 {
    let span = window.width().max(window.height());
    if span > 90.0 {
        10.0
    } else if span > 40.0 {
        5.0
    } else if span > 15.0 {
        2.0
    } else {
        1.0
    }
}

fn graticule(window: &Rect, step: f64) -> Vec<Vec<LonLat>> {
    let mut lines = Vec::new();
    let lat_lo = (window.y0 / step).floor() * step;
    let lat_hi = (window.y1 / step).ceil() * step;
    let lat_lo_m = lat_lo.max(-80.0);
    let lat_hi_m = lat_hi.min(80.0);
    let mut lon = (window.x0 / step).floor() * step;
    while lon <= window.x1 {
        let n = ((lat_hi_m - lat_lo_m) / 0.5).ceil().max(1.0) as usize;
        lines.push(
            (0..=n)
                .map(|i| (lon, lat_lo_m + (lat_hi_m - lat_lo_m) * i as f64 / n as f64))
                .collect(),
        );
        lon += step;
    }
    let mut lat = lat_lo.max(-80.0);
    while lat <= lat_hi.min(80.0) {
        let n = ((window.x1 - window.x0) / 0.5).ceil().max(1.0) as usize;
        lines.push(
            (0..=n)
                .map(|i| {
                    (
                        window.x0 + (window.x1 - window.x0) * i as f64 / n as f64,
                        lat,
                    )
                })
                .collect(),
        );
        lat += step;
    }
    lines
}
