//! `xinjian rule [NAME]`: the list of checks, or one check's documentation. A check is found
//! by its code (X008), its name (cliche) or words of its Chinese summary (套话); a mistyped
//! name gets the closest names as a hint.

use crate::checks::{registry, registry::Rule, RULES};

pub fn run(name: Option<String>) -> i32 {
    match name {
        None => {
            println!("{:<6} {:<28} {:<6} 说明", "代码", "名称", "级别");
            for r in RULES {
                println!(
                    "{:<8} {:<30} {:<6} {}",
                    r.code,
                    r.name,
                    r.default_severity.label(),
                    r.summary
                );
            }
            println!("\n用 xinjian rule 名称 查看某一项的详细说明，如 xinjian rule missing-data 或 xinjian rule 套话");
            0
        }
        Some(n) => match lookup(&n) {
            Lookup::One(r) => {
                print!("{}", describe(r));
                0
            }
            Lookup::Several(rules) => {
                println!("“{n}”对应 {} 个检查项：", rules.len());
                for r in &rules {
                    println!("  {}  {:<28} {}", r.code, r.name, r.summary);
                }
                println!(
                    "用代码或名称查看其中一项，如 xinjian rule {}",
                    rules[0].code
                );
                0
            }
            Lookup::None(near) => {
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    let names: Vec<String> = near
                        .iter()
                        .map(|r| format!("{}（{}，{}）", r.name, r.code, r.summary))
                        .collect();
                    format!("你是不是要找 {}？", names.join("、"))
                };
                eprintln!("xinjian：没有名为“{n}”的检查项。{hint}用 xinjian rule 列出全部检查项");
                2
            }
        },
    }
}

/// What `xinjian rule NAME` prints for one check (also the server's rule page).
pub fn describe(r: &Rule) -> String {
    format!(
        "{}  {}  默认级别：{}\n\n{}\n",
        r.code,
        r.name,
        r.default_severity.label(),
        r.doc.trim_end()
    )
}

/// The result of looking a check up by what a user typed.
#[derive(Debug)]
pub enum Lookup {
    One(&'static Rule),
    /// Chinese words that several checks' summaries contain.
    Several(Vec<&'static Rule>),
    /// Nothing: the names closest to what was typed (maybe none).
    None(Vec<&'static Rule>),
}

/// Finds a check by code or name (case-insensitive), else by words of its Chinese summary.
pub fn lookup(typed: &str) -> Lookup {
    let typed = typed.trim();
    let lower = typed.to_lowercase();
    if let Some(r) = registry::find(typed).or_else(|| registry::find(&lower)) {
        return Lookup::One(r);
    }
    if !typed.is_ascii() && !typed.is_empty() {
        let hits: Vec<&'static Rule> = RULES.iter().filter(|r| r.summary.contains(typed)).collect();
        match hits.len() {
            0 => {}
            1 => return Lookup::One(hits[0]),
            _ => return Lookup::Several(hits),
        }
    }
    // Names within a third of their length in edits (missng-data → missing-data).
    let mut near: Vec<(usize, &'static Rule)> = RULES
        .iter()
        .map(|r| (edits(&lower, r.name), r))
        .filter(|&(d, r)| d > 0 && d * 3 <= r.name.len().max(3))
        .collect();
    near.sort_by_key(|&(d, r)| (d, r.code));
    Lookup::None(near.into_iter().take(3).map(|(_, r)| r).collect())
}

/// Levenshtein distance in characters.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(typed: &str) -> Option<&'static str> {
        match lookup(typed) {
            Lookup::One(r) => Some(r.code),
            _ => None,
        }
    }

    #[test]
    fn a_check_is_found_by_code_name_or_chinese_words() {
        assert_eq!(one("X001"), Some("X001"));
        assert_eq!(one("x001"), Some("X001"));
        assert_eq!(one("missing-data"), Some("X001"));
        assert_eq!(one("Missing-Data"), Some("X001"));
        assert_eq!(one("过时提法"), Some("X007"));
        assert_eq!(one("标题过长"), Some("X011"));
        // 套话 is in two summaries (X008 套话、空话 and X016 套话过多): both are offered.
        match lookup("套话") {
            Lookup::Several(rs) => {
                let codes: Vec<_> = rs.iter().map(|r| r.code).collect();
                assert_eq!(codes, ["X008", "X016"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_mistyped_name_gets_the_closest_names_and_nonsense_gets_none() {
        match lookup("missng-data") {
            Lookup::None(near) => assert_eq!(near[0].name, "missing-data"),
            other => panic!("{other:?}"),
        }
        match lookup("clichee") {
            Lookup::None(near) => assert_eq!(near[0].name, "cliche"),
            other => panic!("{other:?}"),
        }
        match lookup("zzzzzzzzzzzz") {
            Lookup::None(near) => assert!(near.is_empty()),
            other => panic!("{other:?}"),
        }
        match lookup("天气") {
            Lookup::None(near) => assert!(near.is_empty()),
            other => panic!("{other:?}"),
        }
        assert_eq!(edits("kitten", "sitting"), 3);
        assert_eq!(edits("", "abc"), 3);
    }
}
