//! One-file outputs (`render -o`, `quick -o`, `build`): whatever is at the
//! target (nothing, a regular file, a link to a file, to nothing, to a
//! folder or to /dev/null, a folder, a path through a file),
//! `export::file::write` replaces only a regular file, nothing or a link,
//! writes through to a character device, refuses a folder, and on failure
//! changes nothing. Links' targets are never touched; /dev/null stays a
//! character device.
#![no_main]

use std::collections::BTreeMap;
use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use routemap::export::file::{Target, target, write};

/// Every entry under `dir`, links as their target, with bytes for files.
fn snapshot(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let md = std::fs::symlink_metadata(&p).unwrap();
            let what = if md.file_type().is_symlink() {
                format!("link {}", std::fs::read_link(&p).unwrap().display())
            } else if md.is_dir() {
                stack.push(p);
                "folder".into()
            } else {
                format!("{:?}", std::fs::read(&p).unwrap())
            };
            out.insert(rel, what);
        }
    }
    out
}

fuzz_target!(|input: (u8, Vec<u8>)| {
    let (kind, bytes) = input;
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    std::fs::write(t.join("other"), b"other file").unwrap();
    std::fs::create_dir(t.join("folder")).unwrap();
    let out = t.join("map.svg");
    let path = match kind % 8 {
        0 => out.clone(),
        1 => {
            std::fs::write(&out, b"previous").unwrap();
            out.clone()
        }
        2 => {
            symlink(t.join("other"), &out).unwrap();
            out.clone()
        }
        3 => {
            symlink(t.join("nothing"), &out).unwrap();
            out.clone()
        }
        4 => t.join("folder"),
        5 => {
            symlink(t.join("folder"), &out).unwrap();
            out.clone()
        }
        6 => {
            symlink("/dev/null", &out).unwrap();
            out.clone()
        }
        _ => t.join("other").join("map.svg"),
    };
    let before = snapshot(t);
    let decided = target(&path);
    match write(&path, &bytes) {
        Ok(Target::Replace { .. }) => {
            let md = std::fs::symlink_metadata(&path).unwrap();
            assert!(md.is_file(), "{kind}: not a regular file after the write");
            assert_eq!(std::fs::read(&path).unwrap(), bytes);
            assert_eq!(std::fs::read(t.join("other")).unwrap(), b"other file");
            assert!(t.join("folder").is_dir());
        }
        Ok(Target::Direct) => {
            assert_eq!(kind % 8, 6, "written directly");
            assert_eq!(snapshot(t), before);
        }
        Ok(other) => panic!("{kind}: written to {other:?}"),
        Err(_) => {
            assert!(matches!(kind % 8, 4 | 7), "{kind}: refused");
            assert_eq!(snapshot(t), before);
        }
    }
    // Only a folder is refused before the write is tried.
    assert_eq!(decided.is_err(), kind % 8 == 4, "{kind}");
    let null = std::fs::symlink_metadata("/dev/null").unwrap();
    assert!(null.file_type().is_char_device());
});
