//! Reading back what the renderer wrote: text blocks, polylines, groups.

#![allow(dead_code)]

use routemap::map::clip::Rect;
use routemap::render::labels::block_bbox;
use routemap::render::text::{Anchor, TextLine, Weight};

/// The value of attribute `name` in an element's text.
pub fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = element.find(&key)? + key.len();
    let end = element[start..].find('"')? + start;
    Some(&element[start..end])
}

/// Undo XML escaping.
pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The body of the `<g id="...">` group (up to its closing tag; groups with
/// an id are not nested).
pub fn group<'a>(svg: &'a str, id: &str) -> Option<&'a str> {
    let start = svg.find(&format!("<g id=\"{id}\""))?;
    let end = svg[start..].find("</g>")? + start;
    Some(&svg[start..end])
}

/// A label as written: its text (lines joined by a space) and its lines.
pub struct Label {
    pub text: String,
    pub lines: Vec<TextLine>,
}

impl Label {
    pub fn bbox(&self) -> Rect {
        block_bbox(&self.lines)
    }
}

/// The labels in the `labels` group, measured with the bundled font.
pub fn labels(svg: &str) -> Vec<Label> {
    let g = group(svg, "labels").expect("label group");
    g.lines()
        .filter(|l| l.starts_with("<text"))
        .map(|l| {
            let head = &l[..l.find('>').unwrap()];
            let size: f64 = attr(head, "font-size").unwrap().parse().unwrap();
            let weight = if attr(head, "font-weight") == Some("bold") {
                Weight::Bold
            } else {
                Weight::Normal
            };
            let anchor = match attr(head, "text-anchor") {
                Some("middle") => Anchor::Middle,
                Some("end") => Anchor::End,
                _ => Anchor::Start,
            };
            let mut lines = Vec::new();
            if l.contains("<tspan") {
                for part in l.split("<tspan").skip(1) {
                    let tag_end = part.find('>').unwrap();
                    let content = &part[tag_end + 1..part.find("</tspan>").unwrap()];
                    lines.push(TextLine {
                        text: unescape(content),
                        x: attr(&part[..tag_end], "x").unwrap().parse().unwrap(),
                        y: attr(&part[..tag_end], "y").unwrap().parse().unwrap(),
                        size,
                        weight,
                        anchor,
                    });
                }
            } else {
                let content = &l[l.find('>').unwrap() + 1..l.rfind("</text>").unwrap()];
                lines.push(TextLine {
                    text: unescape(content),
                    x: attr(head, "x").unwrap().parse().unwrap(),
                    y: attr(head, "y").unwrap().parse().unwrap(),
                    size,
                    weight,
                    anchor,
                });
            }
            Label {
                text: lines
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                lines,
            }
        })
        .collect()
}

/// Circles of radius at least `min_r` (place markers), as boxes.
pub fn markers(svg: &str, min_r: f64) -> Vec<Rect> {
    svg.lines()
        .filter(|l| l.starts_with("<circle"))
        .filter_map(|l| {
            let r: f64 = attr(l, "r")?.parse().ok()?;
            let (x, y): (f64, f64) = (attr(l, "cx")?.parse().ok()?, attr(l, "cy")?.parse().ok()?);
            (r >= min_r).then(|| Rect::new(x - r, y - r, x + r, y + r))
        })
        .collect()
}

/// Points of a `points="x,y x,y "` attribute.
pub fn points(polyline: &str) -> Vec<(f64, f64)> {
    attr(polyline, "points")
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|p| {
            let (x, y) = p.split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect()
}

/// The map frame, from the `frame` group's outline.
pub fn frame(svg: &str) -> Rect {
    let g = group(svg, "frame").expect("frame group");
    let line = g
        .lines()
        .find(|l| l.starts_with("<polyline"))
        .expect("frame outline");
    Rect::bounding(points(line)).unwrap()
}

/// A drawn leg: its tooltip and its polylines.
pub type DrawnLeg = (String, Vec<Vec<(f64, f64)>>);

/// Leg groups (those with a `<title>`): (title, polylines as point lists).
pub fn legs(svg: &str) -> Vec<DrawnLeg> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find("<g ") {
        let after = &rest[start..];
        let end = after.find("</g>").unwrap_or(after.len());
        let group = &after[..end];
        let mut lines = group.lines();
        lines.next();
        if let Some(t) = lines.next().filter(|l| l.starts_with("<title>")) {
            let title = unescape(&t["<title>".len()..t.len() - "</title>".len()]);
            let polys = group
                .lines()
                .filter(|l| l.starts_with("<polyline"))
                .map(points)
                .collect();
            out.push((title, polys));
        }
        rest = &after[end.min(after.len())..];
        if end == after.len() {
            break;
        }
    }
    out
}
