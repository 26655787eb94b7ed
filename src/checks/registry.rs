//! THE table of checks: code, name, default severity, one line, the check function and its
//! documentation. A check that is not ready is not in this table.

use super::{Context, Diagnostic, Severity};

/// A registered check.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    /// Severity for the categories that require the element (others get one level less).
    pub default_severity: Severity,
    /// One line in Chinese, for `xinjian rule`.
    pub summary: &'static str,
    /// The full documentation in Chinese (the check file's doc comment).
    pub doc: &'static str,
    pub check: fn(&Context, Severity, &mut Vec<Diagnostic>),
}

macro_rules! rule {
    ($code:literal, $module:ident, $sev:ident, $summary:literal) => {
        Rule {
            code: $code,
            name: super::$module::NAME,
            default_severity: Severity::$sev,
            summary: $summary,
            doc: super::$module::DOC,
            check: super::$module::check,
        }
    };
}

pub static RULES: &[Rule] = &[
    rule!("X001", missing_data, Error, "缺少数据支撑（点线面数据）"),
    rule!("X002", missing_county_coverage, Error, "没有写到县级层面"),
    rule!("X003", missing_township_coverage, Error, "没有写到乡镇层面"),
    rule!("X004", missing_typical_case, Warning, "缺少典型事例"),
    rule!(
        "X005",
        missing_suggestion,
        Error,
        "问题类、调研类信息缺少对策建议"
    ),
    rule!("X006", vague_suggestion, Warning, "对策建议空泛、不可操作"),
    rule!("X007", outdated_formulation, Warning, "使用了过时提法"),
    rule!("X008", cliche, Info, "套话、空话"),
    rule!("X009", category_mismatch, Info, "声明的类别与内容不符"),
    rule!(
        "X010",
        generic_title,
        Warning,
        "标题空泛，没有主体或具体事实"
    ),
    rule!("X011", long_title, Warning, "标题过长"),
    rule!("X012", broken_hierarchy, Warning, "层次序号不连贯"),
    rule!(
        "X013",
        incomplete_structure,
        Warning,
        "缺少该类信息应有的部分（调研的问题、经验的成效）"
    ),
    rule!("X014", too_long, Warning, "篇幅超出该类信息的篇幅"),
    rule!("X015", too_short, Info, "篇幅过短"),
    rule!("X016", cliche_density, Warning, "套话过多"),
    rule!(
        "X017",
        empty_sentence,
        Info,
        "空话过多：放到哪里都正确的句子"
    ),
    rule!(
        "X018",
        vague_time,
        Warning,
        "时间模糊（近日、日前）或事件过旧"
    ),
    rule!(
        "X019",
        no_problem_stated,
        Warning,
        "问题类信息只报成绩、不报问题"
    ),
    rule!(
        "X020",
        outdated_place_name,
        Warning,
        "使用了已撤销或更名的县级地名"
    ),
    rule!(
        "X021",
        duplicate_of_earlier,
        Error,
        "与已报送的信息重复（需要索引）"
    ),
    rule!(
        "X022",
        stale_topic,
        Warning,
        "同一题目近期已多次报送（需要索引）"
    ),
];

/// Finds a rule by code (X001) or name (missing-data).
pub fn find(key: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
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
    if let Some(r) = find(typed).or_else(|| find(&lower)) {
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

    #[test]
    fn codes_and_names_are_unique_and_documented() {
        let mut codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        let mut names: Vec<_> = RULES.iter().map(|r| r.name).collect();
        codes.sort();
        codes.dedup();
        names.sort();
        names.dedup();
        assert_eq!(codes.len(), RULES.len());
        assert_eq!(names.len(), RULES.len());
        for r in RULES {
            assert!(r.doc.contains("为什么"), "{} doc lacks a why", r.name);
            assert!(r.doc.contains("示例"), "{} doc lacks an example", r.name);
            assert!(r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
    }

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
