//! Folder outputs (`report`, `import`, `quick --save`) are all or nothing:
//! for any earlier set of files and any new set (any names, any bytes),
//! `export::file::write_folder` either puts exactly the new set in place of
//! the earlier one, or fails and leaves everything as it was, with no
//! temporary folder left behind. Odd names (`..`, `a/b`, NUL, 300 bytes,
//! twice the same) fail before or half way through the write.
#![no_main]

use std::collections::BTreeMap;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use routemap::export::file::write_folder;

/// Every entry under `dir`: relative path -> bytes (folders: none).
fn snapshot(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                out.insert(rel, None);
                stack.push(p);
            } else {
                out.insert(rel, Some(std::fs::read(&p).unwrap()));
            }
        }
    }
    out
}

type Set = Vec<(String, Vec<u8>)>;

fn write(dir: &Path, set: &Set) -> routemap::Result<()> {
    let files: Vec<(&str, &[u8])> = set.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    write_folder(dir, &files, "fuzz")
}

/// After a successful write: the folder holds exactly `set`, nothing else
/// is beside it.
fn holds(tmp: &Path, set: &Set) {
    let mut want: BTreeMap<String, Option<Vec<u8>>> = BTreeMap::new();
    want.insert("set".into(), None);
    for (n, b) in set {
        want.insert(format!("set/{n}"), Some(b.clone()));
    }
    assert_eq!(snapshot(tmp), want);
}

fuzz_target!(|sets: (Set, Set)| {
    let (earlier, new) = sets;
    if earlier.len() > 16 || new.len() > 16 {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("set");
    match write(&dir, &earlier) {
        Ok(()) => holds(tmp.path(), &earlier),
        Err(_) => assert!(snapshot(tmp.path()).is_empty(), "a failed write left files"),
    }
    let before = snapshot(tmp.path());
    match write(&dir, &new) {
        Ok(()) => holds(tmp.path(), &new),
        Err(_) => assert_eq!(snapshot(tmp.path()), before, "a failed write changed files"),
    }
});
