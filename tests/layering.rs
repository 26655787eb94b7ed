//! The library's layers stay in order: a module imports only modules below it, so the import
//! graph among `src/` modules has no cycle (issue 20). Read from the source text: every
//! `crate::…` path (in `use` items and in code, comments left out) and every `super::` that
//! climbs to the crate root, with the crate root's re-exports (`pub use text::Resources`)
//! resolved to the module that defines the item. The binary (`src/main.rs`, `src/cli/`) sits
//! above everything and is not read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may import any module listed before it and none after.
/// `lib` is the crate root (the engine: `Engine`, `DocReport`).
const LAYERS: &[&str] = &[
    "date",       // calendar days
    "category",   // the five categories
    "diagnostic", // a finding and its severity
    "source",     // reading drafts (and isolating a document's panic)
    "lexicon",    // the word lists and their one-scan matcher
    "text",       // segmentation, places, data points, the shared resources
    "elements",   // the elements of an item, the category guess
    "index",      // the archive: shingles, facts, topics, full text
    "checks",     // the rules
    "config",     // xinjian.toml: thresholds and rule severities
    "scoring",    // quality score and 可得分
    "lib",        // the engine
    "report",     // terminal, JSON
    "annotate",   // the Word copy with 批注
    "audit",      // a month's audit
    "serve",      // the browser workbench
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The text without `//` comments (doc comments name higher modules in links, which is
/// not an import). A `//` inside a string literal cuts the rest of that line, which can only
/// hide an edge, never invent one; the paths read here are not written inside strings.
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first segment of each path in a `{…}` group that starts at `open` (the `{`), nested
/// groups skipped.
fn group_heads(s: &str, open: usize) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut item = String::new();
    for c in s[open..].chars() {
        match c {
            '{' => {
                depth += 1;
                if depth > 1 {
                    item.push(c);
                }
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    heads.push(std::mem::take(&mut item));
                    break;
                }
                item.push(c);
            }
            ',' if depth == 1 => heads.push(std::mem::take(&mut item)),
            _ => item.push(c),
        }
    }
    heads
        .iter()
        .filter_map(|h| {
            let h = h.trim();
            let first = h.split("::").next()?.trim();
            let first = first.split_whitespace().next()?;
            (!first.is_empty() && first != "self").then(|| first.to_string())
        })
        .collect()
}

/// Names the crate root gives: its modules, what it re-exports (→ the module it comes
/// from) and what it defines (→ `lib`).
fn root_names(lib: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    // Items at the top level only: an indented `pub fn` is a method.
    for l in code(lib)
        .lines()
        .filter(|l| !l.starts_with(char::is_whitespace))
    {
        if let Some(m) = l
            .strip_prefix("pub mod ")
            .or_else(|| l.strip_prefix("mod "))
        {
            let m = m.trim_end_matches(';').trim();
            names.insert(m.to_string(), m.to_string());
        } else if let Some(u) = l.strip_prefix("pub use ") {
            let u = u.trim_end_matches(';');
            let (module, rest) = u.split_once("::").expect("pub use module::…");
            let items: Vec<&str> = match rest.strip_prefix('{') {
                Some(g) => g.trim_end_matches('}').split(',').collect(),
                None => vec![rest],
            };
            for i in items {
                let i = i.trim();
                let name = i
                    .rsplit(" as ")
                    .next()
                    .unwrap()
                    .rsplit("::")
                    .next()
                    .unwrap();
                if !name.is_empty() {
                    names.insert(name.trim().to_string(), module.to_string());
                }
            }
        } else {
            for kw in [
                "pub struct ",
                "pub enum ",
                "pub fn ",
                "pub const ",
                "pub static ",
                "pub type ",
                "pub trait ",
            ] {
                if let Some(rest) = l.strip_prefix(kw) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    names.insert(name, "lib".to_string());
                }
            }
        }
    }
    names
}

/// Each module's imports of other modules: (from, to) → the files.
fn edges(root: &Path) -> BTreeMap<(String, String), BTreeSet<String>> {
    let lib = std::fs::read_to_string(root.join("lib.rs")).unwrap();
    let names = root_names(&lib);
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let mut edges: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let rel = f
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "main.rs" || rel.starts_with("cli/") {
            continue;
        }
        let parts: Vec<&str> = rel.split('/').collect();
        let from = if rel == "lib.rs" {
            "lib".to_string()
        } else {
            parts[0].trim_end_matches(".rs").to_string()
        };
        // How many `super::` reach the crate root from this file.
        let depth = if rel == "lib.rs" {
            0
        } else if parts.len() == 1 || parts.last() == Some(&"mod.rs") {
            parts.len() - usize::from(parts.len() > 1 && parts.last() == Some(&"mod.rs"))
        } else {
            parts.len()
        };
        let text = code(&std::fs::read_to_string(&f).unwrap());
        let mut heads: Vec<String> = Vec::new();
        let climb = "super::".repeat(depth);
        for prefix in ["crate::".to_string(), climb] {
            if prefix.is_empty() {
                continue;
            }
            let mut at = 0;
            while let Some(i) = text[at..].find(&prefix) {
                let start = at + i;
                at = start + prefix.len();
                // `super::super::` seen from a shallower climb is not a root path.
                if prefix.starts_with("super") && text[..start].ends_with("super::") {
                    continue;
                }
                let rest = &text[at..];
                if rest.starts_with('{') {
                    heads.extend(group_heads(&text, at));
                } else {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    // `name!` is a macro; an empty name is `super::*`, which in these
                    // files only an inline `mod tests` writes, for its parent.
                    if !name.is_empty() && !rest[name.len()..].starts_with('!') {
                        heads.push(name);
                    }
                }
            }
        }
        for h in heads {
            let to = names
                .get(&h)
                .unwrap_or_else(|| panic!("{rel}: crate::{h} names nothing at the crate root"))
                .clone();
            if to != from {
                edges
                    .entry((from.clone(), to))
                    .or_default()
                    .insert(rel.clone());
            }
        }
    }
    edges
}

#[test]
fn every_module_is_in_a_layer() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    for line in code(&lib).lines() {
        if let Some(m) = line.trim().strip_prefix("pub mod ") {
            let m = m.trim_end_matches(';').trim();
            assert!(
                LAYERS.contains(&m),
                "src/{m}: add the module to LAYERS in tests/layering.rs, above what it imports"
            );
        }
    }
}

#[test]
fn modules_import_only_lower_layers() {
    let rank = |m: &str| {
        LAYERS
            .iter()
            .position(|l| *l == m)
            .unwrap_or_else(|| panic!("module {m} is not in LAYERS"))
    };
    let edges = edges(&src());
    // The reader must see the edges that exist, or the test proves nothing.
    assert!(edges.contains_key(&("checks".into(), "text".into())));
    assert!(edges.contains_key(&("serve".into(), "lib".into())));
    let upward: Vec<String> = edges
        .iter()
        .filter(|((from, to), _)| rank(to) > rank(from))
        .map(|((from, to), files)| {
            let files: Vec<&str> = files.iter().map(String::as_str).collect();
            format!("{from} → {to}（{}）", files.join(", "))
        })
        .collect();
    assert!(
        upward.is_empty(),
        "lower layers import higher ones:\n{}",
        upward.join("\n")
    );
}

/// The reader finds the edges it is meant to find, in a small crate written here: a plain
/// path, a nested group, a root re-export, `super::super::` from a nested file, and not a
/// path in a comment or a method of the root named like a module.
#[test]
fn the_reader_finds_imports_in_every_form() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |p: &str, s: &str| {
        let p = root.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, s).unwrap();
    };
    write(
        "lib.rs",
        "pub mod a;\npub mod b;\npub mod c;\npub mod d;\npub use d::{Thing, other::Other as O};\n\
         pub struct Engine;\nimpl Engine {\n    pub fn a(&self) {}\n}\n",
    );
    write(
        "a.rs",
        "use crate::{b::{x, y}, c};\n// crate::d in a comment\n",
    );
    write(
        "b/mod.rs",
        "pub mod inner;\nfn f() -> crate::Thing { todo!() }\n",
    );
    write("b/inner.rs", "use super::super::Engine;\nuse super::f;\n");
    write("c.rs", "");
    write("d.rs", "");
    let e = edges(root);
    let got: Vec<(&str, &str)> = e.keys().map(|(f, t)| (f.as_str(), t.as_str())).collect();
    assert_eq!(
        got,
        [("a", "b"), ("a", "c"), ("b", "d"), ("b", "lib")],
        "{e:?}"
    );
}
