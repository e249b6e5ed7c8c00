//! The library's modules depend on each other one way only. This reads the
//! `crate::` paths in every library source file (test modules and comments
//! left out) and fails on an edge between stages that is not in the list
//! below, or on a cycle among the files of one stage.
//!
//! The order, leaves first: text, error, assets, par → model → gazetteer,
//! map → load, graph → analyze → caption → render → export (render also
//! reads the gazetteer's local names).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::root;

/// Every edge allowed between top-level modules: (from, [to...]).
const ALLOWED: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("error", &["text"]),
    ("assets", &[]),
    ("par", &[]),
    ("model", &["error", "text"]),
    ("gazetteer", &["assets", "error", "model", "text"]),
    ("map", &["assets", "error", "model", "par", "text"]),
    ("load", &["assets", "error", "gazetteer", "model", "text"]),
    ("graph", &["map", "model", "par"]),
    (
        "analyze",
        &["error", "graph", "map", "model", "par", "text"],
    ),
    ("caption", &["analyze", "model", "text"]),
    (
        "render",
        // gazetteer: the local names of `--labels en+local` (embedded data,
        // no I/O), asked for only when a map wants them.
        &[
            "analyze",
            "assets",
            "caption",
            "error",
            "gazetteer",
            "graph",
            "map",
            "model",
            "par",
            "text",
        ],
    ),
    (
        "export",
        &[
            "analyze", "assets", "caption", "error", "graph", "map", "model", "par", "render",
            "text",
        ],
    ),
];

/// The library's source files (the binary's `main.rs`, `cli.rs` and `cmd/`
/// are not the library) with their module paths.
fn library_files() -> Vec<(Vec<String>, PathBuf)> {
    let src = root().join("src");
    let mut out = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if p.file_name().unwrap() != "cmd" {
                    stack.push(p);
                }
                continue;
            }
            let rel = p.strip_prefix(&src).unwrap();
            let mut parts: Vec<String> = rel
                .iter()
                .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_string())
                .collect();
            if parts.last().is_some_and(|l| l == "mod") {
                parts.pop();
            }
            if matches!(parts.as_slice(), [f] if f == "main" || f == "cli" || f == "lib") {
                continue;
            }
            out.push((parts, p));
        }
    }
    out.sort();
    out
}

/// The code of a file up to its test module, with comments removed and
/// string and character literals emptied (a `crate::x` or `//` inside a
/// string is not code).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let body = match text.find("\n#[cfg(test)]") {
        Some(i) => &text[..i],
        None => &text[..],
    };
    strip(body)
}

/// `text` without comments and with literals emptied.
fn strip(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        let word_before = i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_');
        match (c[i], c.get(i + 1).copied()) {
            ('/', Some('/')) => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            ('/', Some('*')) => {
                let mut depth = 0;
                while i < c.len() {
                    if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            ('r', Some('#' | '"')) if !word_before => {
                // A raw string: r"..." or r#"..."#.
                let mut j = i + 1;
                let mut hashes = 0;
                while c.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if c.get(j) != Some(&'"') {
                    out.push(c[i]);
                    i += 1;
                    continue;
                }
                j += 1;
                while j < c.len()
                    && !(c[j] == '"' && (1..=hashes).all(|k| c.get(j + k) == Some(&'#')))
                {
                    j += 1;
                }
                out.push_str("\"\"");
                i = j + 1 + hashes;
            }
            ('"', _) => {
                i += 1;
                while i < c.len() && c[i] != '"' {
                    i += if c[i] == '\\' { 2 } else { 1 };
                }
                out.push_str("\"\"");
                i += 1;
            }
            ('\'', _) if c.get(i + 2) == Some(&'\'') || c.get(i + 1) == Some(&'\\') => {
                // A character literal ('a', '\n'); a lifetime has no closing quote.
                i += 1;
                while i < c.len() && c[i] != '\'' {
                    i += if c[i] == '\\' { 2 } else { 1 };
                }
                out.push_str("' '");
                i += 1;
            }
            (ch, _) => {
                out.push(ch);
                i += 1;
            }
        }
    }
    out
}

/// Tokens: identifiers, `::`, and single punctuation characters.
fn tokens(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let c: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_alphanumeric() || c[i] == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(c[start..i].iter().collect());
        } else if c[i] == ':' && c.get(i + 1) == Some(&':') {
            out.push("::".into());
            i += 2;
        } else {
            if !c[i].is_whitespace() {
                out.push(c[i].to_string());
            }
            i += 1;
        }
    }
    out
}

/// The paths that start at token `i` after a `::`: `a::b`, `{a::b, c}`,
/// nested groups; each path is its lowercase segments after `prefix` (a
/// type, `self` or `*` ends it). Returns the index after what was read.
fn paths_from(t: &[String], i: usize, prefix: &[String], out: &mut Vec<Vec<String>>) -> usize {
    if t.get(i).map(String::as_str) == Some("{") {
        let mut i = i + 1;
        loop {
            if t.get(i).map(String::as_str) == Some("}") {
                return i + 1;
            }
            i = paths_from(t, i, prefix, out);
            match t.get(i).map(String::as_str) {
                Some(",") => i += 1,
                Some("}") => return i + 1,
                _ => return i,
            }
        }
    }
    let Some(seg) = t.get(i) else {
        return i;
    };
    let is_module = seg.chars().next().is_some_and(|c| c.is_lowercase()) && seg != "self";
    if !is_module {
        if !prefix.is_empty() {
            out.push(prefix.to_vec());
        }
        return i + 1;
    }
    let mut path = prefix.to_vec();
    path.push(seg.clone());
    if t.get(i + 1).map(String::as_str) == Some("::") {
        paths_from(t, i + 2, &path, out)
    } else {
        out.push(path);
        i + 1
    }
}

/// The module paths (from the crate root) a file's code names through
/// `crate::` and `super::` (chains of `super` resolved from `module`).
fn references(code: &str, module: &[String]) -> BTreeSet<Vec<String>> {
    let t = tokens(code);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let after_path = i > 0 && t[i - 1] == "::";
        let next_is_path = t.get(i + 1).map(String::as_str) == Some("::");
        if t[i] == "crate" && !after_path && next_is_path {
            i = paths_from(&t, i + 2, &[], &mut out);
            continue;
        }
        if t[i] == "super" && !after_path {
            // The file's parent module, then one up per further `super`.
            let mut base: Vec<String> = module[..module.len().saturating_sub(1)].to_vec();
            let mut j = i;
            while t.get(j + 1).map(String::as_str) == Some("::")
                && t.get(j + 2).map(String::as_str) == Some("super")
            {
                base.pop();
                j += 2;
            }
            if t.get(j + 1).map(String::as_str) == Some("::") {
                i = paths_from(&t, j + 2, &base, &mut out);
                continue;
            }
        }
        i += 1;
    }
    out.into_iter().filter(|p| !p.is_empty()).collect()
}

#[test]
fn stages_depend_on_each_other_only_as_allowed() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut unexpected = Vec::new();
    for (module, path) in library_files() {
        let from = module[0].as_str();
        let Some(ok) = allowed.get(from) else {
            unexpected.push(format!("{from}: a top-level module the test does not list"));
            continue;
        };
        for r in references(&code(&path), &module) {
            let to = r[0].as_str();
            if to != from && !ok.contains(&to) {
                unexpected.push(format!("{} -> {}", module.join("::"), r.join("::")));
            }
        }
    }
    assert!(
        unexpected.is_empty(),
        "edges not in the allow-list:\n{}",
        unexpected.join("\n")
    );
}

#[test]
fn the_allow_list_has_no_cycle() {
    let graph: BTreeMap<&str, Vec<&str>> =
        ALLOWED.iter().map(|(m, to)| (*m, to.to_vec())).collect();
    assert_eq!(find_cycle(&graph), None);
}

#[test]
fn files_within_a_stage_have_no_cycle() {
    // Edges between sibling files of one stage (render::legend ->
    // render::legs); the stage's own mod.rs is its front and not counted.
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, path) in library_files() {
        if module.len() < 2 {
            continue;
        }
        let from = module.join("::");
        for r in references(&code(&path), &module) {
            if r.len() >= 2 && r[0] == module[0] {
                let to = r[..2].join("::");
                if to != from {
                    graph.entry(from.clone()).or_default().insert(to);
                }
            }
        }
    }
    let graph: BTreeMap<&str, Vec<&str>> = graph
        .iter()
        .map(|(k, v)| (k.as_str(), v.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(find_cycle(&graph), None);
}

#[test]
fn a_planted_cycle_is_found() {
    let graph: BTreeMap<&str, Vec<&str>> = [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"])]
        .into_iter()
        .collect();
    assert_eq!(find_cycle(&graph), Some(vec!["a", "b", "c", "a"]));
}

#[test]
fn every_form_of_path_is_read() {
    let p = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    // Nested groups across lines (the review found the second group lost).
    let code = strip("use crate::{\n map::{clip::Rect, projection},\n render::scene,\n};");
    let refs = references(&code, &p("export"));
    for want in ["map::clip", "map::projection", "render::scene"] {
        assert!(refs.contains(&p(want)), "{want} in {refs:?}");
    }
    assert!(!refs.contains(&p("projection")));
    // `super` in a top-level file is the crate root; chains go up.
    assert!(references("use super::render::Scene;", &p("graph")).contains(&p("render")));
    let up = references(
        "let x = super::super::export::html();",
        &p("render::legend"),
    );
    assert!(up.iter().any(|r| r[0] == "export"), "{up:?}");
    // Strings and comments are not code.
    let quiet = strip("let s = \"crate::export // not code\"; // crate::render\nlet t = 1;");
    assert!(references(&quiet, &p("map")).is_empty(), "{quiet}");
    let after = strip("let u = \"http://x\"; crate::text::quote(u)");
    assert!(references(&after, &p("map")).contains(&p("text::quote")));
}

/// A cycle in `graph`, as the nodes along it, if there is one.
fn find_cycle<'a>(graph: &BTreeMap<&'a str, Vec<&'a str>>) -> Option<Vec<&'a str>> {
    fn visit<'a>(
        n: &'a str,
        graph: &BTreeMap<&'a str, Vec<&'a str>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<&'a str>> {
        if let Some(i) = stack.iter().position(|s| *s == n) {
            let mut cycle = stack[i..].to_vec();
            cycle.push(n);
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n);
        for &m in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, graph, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n);
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|&n| visit(n, graph, &mut Vec::new(), &mut done))
}
