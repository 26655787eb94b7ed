//! `xinjian lexicon check`: a folder of lists validated as office staff edit them (sorted,
//! no duplicates, substitutions well formed, nothing that would never match).

use super::*;

/// Full-width spaces and stray whitespace removed: what an entry means, however typed.
pub fn normalise(s: &str) -> String {
    s.replace('\u{3000}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One problem `xinjian lexicon check` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub content: String,
    pub message: String,
    /// Errors stop the lists from being used; notes (normalisation) do not.
    pub error: bool,
}

impl Problem {
    pub(super) fn error_value(self) -> LexiconError {
        LexiconError {
            file: self.file,
            line: self.line,
            content: self.content,
            message: self.message,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.error { "错误" } else { "提示" };
        write!(
            f,
            "{}:{}：{kind}：{}（“{}”）",
            self.file, self.line, self.message, self.content
        )
    }
}

fn is_substitution_list(name: &str) -> bool {
    name.starts_with("outdated")
}

/// Validates every list in `dir`: encoding (a GBK file gets a clear message), format, regular
/// expressions, duplicates, conflicting substitutions, entries that need normalising, `!`
/// removals of entries the shipped list does not have, and files with unknown names.
pub fn check_dir(dir: &Path) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    if files.is_empty() {
        out.push(Problem {
            file: dir.display().to_string(),
            line: 0,
            content: String::new(),
            message: "文件夹中没有词表（.txt）".into(),
            error: true,
        });
        return out;
    }
    // Substitutions across the two outdated lists: the same old term must map to one new one.
    let mut seen_old: std::collections::HashMap<String, (String, String, usize)> =
        Default::default();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let shown = path.display().to_string();
        let problem = |line: usize, content: &str, message: String, error: bool| Problem {
            file: shown.clone(),
            line,
            content: content.to_string(),
            message,
            error,
        };
        let Some(shipped) = EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, c)| *c) else {
            out.push(problem(
                0,
                &name,
                format!(
                    "不认识的词表文件名，可用的有：{}",
                    EMBEDDED
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                true,
            ));
            continue;
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                out.push(problem(0, "", format!("无法读取（{e}）"), true));
                continue;
            }
        };
        let text = match String::from_utf8(bytes.clone()) {
            Ok(t) => t,
            Err(_) => {
                let (_, _, bad) = encoding_rs::GB18030.decode(&bytes);
                let msg = if bad {
                    "文件不是 UTF-8 编码，无法读取".to_string()
                } else {
                    "文件是 GBK/GB18030 编码，请用记事本“另存为”UTF-8 编码后再用".to_string()
                };
                out.push(problem(1, "", msg, true));
                continue;
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let shipped_entries: Vec<String> = parse_list(&name, shipped)
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.text)
            .collect();
        let mut first_line: std::collections::HashMap<String, usize> = Default::default();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let t = strip_comment(raw);
            if t.is_empty() {
                continue;
            }
            if t.chars().any(|c| c.is_control()) {
                out.push(problem(line, raw, "含有控制字符".into(), true));
                continue;
            }
            let n = normalise(t);
            if n != t {
                out.push(problem(
                    line,
                    raw,
                    format!("含有全角空格或多余空白，按“{n}”读取"),
                    false,
                ));
            }
            if let Some(removed) = n.strip_prefix('!') {
                let removed = removed.trim();
                if !shipped_entries
                    .iter()
                    .any(|e| e == removed || e.split("->").next().map(str::trim) == Some(removed))
                {
                    out.push(problem(
                        line,
                        raw,
                        format!("要删除的“{removed}”不在随附词表中"),
                        true,
                    ));
                }
                continue;
            }
            if let Some(re) = n.strip_prefix(REGEX_PREFIX) {
                if !name.starts_with("cliche") {
                    out.push(problem(
                        line,
                        raw,
                        "只有套话词表（cliche_*.txt）可以写正则表达式".into(),
                        true,
                    ));
                } else if let Err(e) = regex::Regex::new(re) {
                    let first = e.to_string().lines().last().unwrap_or("").to_string();
                    out.push(problem(line, raw, format!("正则表达式有误：{first}"), true));
                }
            } else if name == "topic_synonyms.txt" && n.split_whitespace().count() < 2 {
                out.push(problem(
                    line,
                    raw,
                    "一行写一组近义词，至少两个词，用空格分开".into(),
                    true,
                ));
            } else if is_substitution_list(&name) {
                match n.split_once("->") {
                    Some((old, new)) if !old.trim().is_empty() && !new.trim().is_empty() => {
                        let (old, new) = (old.trim().to_string(), new.trim().to_string());
                        if let Some((other_new, other_file, other_line)) = seen_old.get(&old) {
                            if *other_new != new {
                                out.push(problem(
                                    line,
                                    raw,
                                    format!("与 {other_file}:{other_line} 冲突：同一个旧提法“{old}”对应了不同的新提法“{other_new}”"),
                                    true,
                                ));
                            }
                        } else {
                            seen_old.insert(old, (new, name.clone(), line));
                        }
                    }
                    _ => out.push(problem(line, raw, "应写成“旧提法 -> 新提法”".into(), true)),
                }
            }
            match first_line.get(&n) {
                Some(first) => out.push(problem(line, raw, format!("与第 {first} 行重复"), true)),
                None => {
                    first_line.insert(n, line);
                }
            }
        }
    }
    out
}
