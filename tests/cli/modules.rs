//! The library's modules depend on each other one way only. This reads the
//! `crate::` paths in every library source file (test modules and comments
//! left out) and fails on an edge between stages that is not in the list
//! below, or on a cycle among the files of one stage.
//!
//! The order, leaves first: text, error, assets, par → model → gazetteer,
//! map → load, graph → analyze → caption → render → export.

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
    ("load", &["error", "gazetteer", "model", "text"]),
    ("graph", &["map", "model", "par"]),
    (
        "analyze",
        &["error", "graph", "map", "model", "par", "text"],
    ),
    ("caption", &["analyze", "model", "text"]),
    (
        "render",
        &[
            "analyze", "assets", "caption", "error", "graph", "map", "model", "par", "text",
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

/// The code of a file: up to its test module, without comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let body = match text.find("\n#[cfg(test)]") {
        Some(i) => &text[..i],
        None => &text[..],
    };
    body.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module paths a file's code names: `crate::a::b`, `crate::{a, b::c}`
/// and, for files inside a stage, `super::x`.
fn references(code: &str, module: &[String]) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> Vec<String> {
        s.split("::")
            .map(|p| {
                p.trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<String>()
            })
            .take_while(|p| !p.is_empty() && p.chars().next().is_some_and(|c| c.is_lowercase()))
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(inner) = rest.strip_prefix('{') {
            let end = inner.find('}').unwrap_or(inner.len());
            for item in inner[..end].split(',') {
                let path = ident(item);
                if !path.is_empty() {
                    out.insert(path);
                }
            }
        } else {
            let path = ident(rest);
            if !path.is_empty() {
                out.insert(path);
            }
        }
    }
    // `super::x` in a stage's file names a sibling (or the stage itself).
    if module.len() >= 2 {
        let parent = &module[..module.len() - 1];
        for (i, _) in code.match_indices("super::") {
            if i >= 7 && &code[i - 7..i] == "crate::" {
                continue;
            }
            let path = ident(&code[i + "super::".len()..]);
            let mut full = parent.to_vec();
            full.extend(path);
            out.insert(full);
        }
    }
    out
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
    let refs = references(
        "use crate::{render::x, text};\nlet a = crate::map::clip::Rect;",
        &["export".into()],
    );
    assert!(refs.contains(&vec!["render".to_string(), "x".to_string()]));
    assert!(refs.contains(&vec!["text".to_string()]));
    assert!(refs.contains(&vec!["map".to_string(), "clip".to_string()]));
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
