//! File names made from dataset names. A dataset is named after its folder,
//! and `build` and `report` name their outputs after the dataset; a folder
//! name is whatever the file system allowed, so it must be checked before it
//! names a file: it must not climb out of the output folder, hide the file,
//! carry control characters into a terminal, or name a device on Windows.

/// Names Windows reserves for devices, with or without an extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Characters Windows forbids in file names, besides control characters.
const FORBIDDEN: [char; 9] = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// Longest accepted stem, in **bytes** (file systems allow 255 per name; this
/// leaves room for an extension).
pub const MAX_STEM_BYTES: usize = 200;

/// Why `name` cannot be used as a file name stem, or `None` if it can.
///
/// Rejected: the empty name; names starting with a dot (`.`, `..`, hidden
/// files); path separators (`/`, `\`) and the other characters Windows forbids
/// (`: * ? " < > |`); NUL and every other control character (line breaks,
/// tabs, escapes, including Unicode ones); a trailing dot or space (Windows
/// drops them, so `a.` would be `a`); Windows device names (`CON`, `PRN`,
/// `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, in any case, with or without an
/// extension, e.g. `con.txt`); names over [`MAX_STEM_BYTES`] bytes.
pub fn unsafe_file_stem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("it is empty");
    }
    if name.starts_with('.') {
        return Some("it starts with a dot");
    }
    if name.contains(['/', '\\']) {
        return Some("it contains a path separator");
    }
    if name.chars().any(char::is_control) {
        return Some("it contains a control character");
    }
    if name.contains(FORBIDDEN) {
        return Some("it contains a character Windows forbids in file names (: * ? \" < > |)");
    }
    if name.ends_with(['.', ' ']) {
        return Some("it ends with a dot or a space");
    }
    let base = name.split('.').next().unwrap_or(name).trim_end();
    if RESERVED.iter().any(|r| base.eq_ignore_ascii_case(r)) {
        return Some("it is a device name on Windows");
    }
    if name.len() > MAX_STEM_BYTES {
        return Some("it is too long");
    }
    None
}

/// `name` as a file name stem (to which an extension such as `.svg` is added),
/// or `None` if it is not safe as one (see [`unsafe_file_stem`] for the rules).
/// `donbas-workers` is one; `..` and `Con.txt` are not.
pub fn safe_file_stem(name: &str) -> Option<String> {
    match unsafe_file_stem(name) {
        None => Some(name.to_string()),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    mod accepted {
        use super::*;

        #[test]
        fn ordinary_names_are_kept_as_they_are() {
            for name in [
                "donbas-workers",
                "europe capitals",
                "trans_pacific.v2",
                "Москва–Пхеньян",
                "평양",
                "console",
                "com10",
                "lpt",
                "a.b.c",
            ] {
                assert_eq!(safe_file_stem(name).as_deref(), Some(name), "{name:?}");
            }
        }
    }

    mod rejected {
        use super::*;

        fn rejected(name: &str) {
            assert_eq!(safe_file_stem(name), None, "{name:?} was accepted");
            assert!(unsafe_file_stem(name).is_some());
        }

        #[test]
        fn empty_and_dot_names() {
            for name in ["", ".", "..", "...", ".hidden", "..evil"] {
                rejected(name);
            }
        }

        #[test]
        fn path_separators() {
            for name in ["a/b", "../x", "a\\b", "..\\..\\x", "/abs", "C:\\x"] {
                rejected(name);
            }
        }

        #[test]
        fn nul_and_control_characters() {
            for name in [
                "a\0b",
                "a\nb",
                "a\rb",
                "tab\there",
                "esc\u{1b}[31m",
                "\u{85}next",
            ] {
                rejected(name);
            }
        }

        #[test]
        fn characters_windows_forbids() {
            for name in ["a:b", "a*", "what?", "say \"hi\"", "<x>", "a|b"] {
                rejected(name);
            }
        }

        #[test]
        fn trailing_dot_or_space() {
            for name in ["name.", "name "] {
                rejected(name);
            }
        }

        #[test]
        fn windows_device_names_in_any_case_with_or_without_extension() {
            for name in [
                "CON",
                "con",
                "Con",
                "prn",
                "AUX",
                "nul",
                "NUL.txt",
                "con.svg",
                "com1",
                "COM9",
                "lpt1",
                "Lpt9.tar.gz",
                "con .txt",
            ] {
                rejected(name);
            }
        }

        #[test]
        fn overlong_names() {
            rejected(&"a".repeat(MAX_STEM_BYTES + 1));
            assert!(safe_file_stem(&"a".repeat(MAX_STEM_BYTES)).is_some());
        }
    }
}
