//! Draft metadata: a front-matter block at the top of `.txt`/`.md`, and the file-name
//! convention `2026-11-03_永嘉县委办_标题.docx`. Front matter wins over the file name.

use crate::category::Category;

/// What is known about a draft besides its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub unit: Option<String>,
    /// ISO date `YYYY-MM-DD`.
    pub date: Option<String>,
    pub category: Option<Category>,
    /// Where the item was adopted (`采用:`), one entry per line or separated by `；`.
    pub adopted: Vec<String>,
    /// Leader instructions (`批示:`), e.g. `省领导`.
    pub instructions: Vec<String>,
    /// Penalties recorded by the office (`扣分:`), e.g. `失实`.
    pub penalties: Vec<String>,
    /// Checks turned off for this draft by `<!-- xinjian: disable 名称 -->` lines.
    pub disabled: Vec<String>,
}

impl Meta {
    /// Fills unit, date and category still empty from `other` (lower priority). The title is
    /// not taken: a file name holds a short label, the title is the text's first line.
    pub fn fill_from(&mut self, other: Meta) {
        if self.unit.is_none() {
            self.unit = other.unit;
        }
        if self.date.is_none() {
            self.date = other.date;
        }
        if self.category.is_none() {
            self.category = other.category;
        }
    }
}

/// Splits a leading `---` block off the text. Returns the metadata and the rest of the text.
/// A text without front matter comes back whole with empty metadata.
pub fn split_front_matter(text: &str) -> Result<(Meta, &str), String> {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line_end = t.find('\n').unwrap_or(t.len());
    if t[..first_line_end].trim() != "---" {
        return Ok((Meta::default(), t));
    }
    let mut meta = Meta::default();
    let mut pos = first_line_end + 1;
    let mut line_no = 1;
    while pos <= t.len() {
        let end = t[pos..].find('\n').map(|i| pos + i).unwrap_or(t.len());
        let line = t[pos..end].trim();
        line_no += 1;
        if line == "---" {
            let rest = if end < t.len() { &t[end + 1..] } else { "" };
            return Ok((meta, rest));
        }
        if !line.is_empty() && !line.starts_with('#') {
            let (key, value) = line
                .split_once([':', '：'])
                .ok_or_else(|| format!("第 {line_no} 行“{line}”不是“键: 值”的形式"))?;
            // A comment after the value (`类别: 问题类   # 可写…`), as the README shows.
            let value = strip_comment(value);
            let value = value.trim().trim_matches(['"', '\'']).to_string();
            apply_key(&mut meta, key.trim(), value).map_err(|e| format!("第 {line_no} 行：{e}"))?;
        }
        if end >= t.len() {
            break;
        }
        pos = end + 1;
    }
    Err("开头的“---”元数据块没有以“---”结束".to_string())
}

/// The value without a trailing `# comment` (a `#` after white space; 《#1》 stays).
fn strip_comment(value: &str) -> &str {
    value
        .char_indices()
        .find(|&(i, c)| c == '#' && value[..i].ends_with(|p: char| p.is_whitespace()))
        .map_or(value, |(i, _)| &value[..i])
}

fn apply_key(meta: &mut Meta, key: &str, value: String) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    match key {
        "标题" | "title" => meta.title = Some(value),
        "单位" | "unit" => meta.unit = Some(value),
        "日期" | "date" => {
            meta.date = Some(parse_date(&value).ok_or_else(|| {
                format!("日期“{value}”不是有效的日期，请写成 2026-11-03 这样的年-月-日")
            })?)
        }
        "类别" | "category" => {
            meta.category = Some(Category::parse(&value).ok_or_else(|| {
                format!("类别“{value}”无法识别，可用：问题类、调研类、典型经验、专报、动态")
            })?)
        }
        "采用" | "adopted" => meta.adopted.extend(split_list(&value)),
        "批示" | "instructions" => meta.instructions.extend(split_list(&value)),
        "扣分" | "penalties" => meta.penalties.extend(split_list(&value)),
        // Unknown keys are kept out of the way rather than refused: offices add their own
        // (编号, 签发人 …) and a pre-check must not fail on them.
        _ => {}
    }
    Ok(())
}

fn split_list(v: &str) -> Vec<String> {
    v.split(['；', ';', '、'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

use crate::date::parse_date;

/// `2026-11-03_永嘉县委办_桥头镇纽扣企业用工缺口` → date, unit, title. Parts that do not fit the
/// convention are ignored; a name without a leading date gives nothing.
pub fn meta_from_file_name(stem: &str) -> Meta {
    let parts: Vec<&str> = stem.splitn(3, '_').collect();
    let mut meta = Meta::default();
    if parts.len() < 2 {
        return meta;
    }
    if let Some(date) = parse_date(parts[0]) {
        meta.date = Some(date);
        meta.unit = Some(parts[1].to_string()).filter(|u| !u.is_empty());
        if parts.len() == 3 && !parts[2].is_empty() {
            meta.title = Some(parts[2].to_string());
        }
    }
    meta
}

/// Removes `<!-- xinjian: disable vague-time, cliche -->` lines from a text and returns the
/// names they list. Lines are removed whole, so offsets refer to the text without them.
pub fn take_suppressions(text: &str) -> (String, Vec<String>) {
    let mut disabled = Vec::new();
    let mut kept = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if let Some(inner) = t.strip_prefix("<!--").and_then(|x| x.strip_suffix("-->")) {
            if let Some(list) = inner
                .trim()
                .strip_prefix("xinjian:")
                .map(str::trim)
                .and_then(|x| x.strip_prefix("disable"))
            {
                disabled.extend(
                    list.split([',', '，', ' ', '、'])
                        .map(str::trim)
                        .filter(|x| !x.is_empty())
                        .map(String::from),
                );
                continue;
            }
        }
        kept.push_str(line);
    }
    (kept, disabled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_chinese_and_english_keys() {
        let (m, rest) = split_front_matter(
            "---\n标题: 桥头镇用工\n单位：永嘉县委办\n日期: 2026-11-3\n类别: 问题类\n---\n正文",
        )
        .unwrap();
        assert_eq!(m.title.as_deref(), Some("桥头镇用工"));
        assert_eq!(m.unit.as_deref(), Some("永嘉县委办"));
        assert_eq!(m.date.as_deref(), Some("2026-11-03"));
        assert_eq!(m.category, Some(Category::Problem));
        assert_eq!(rest, "正文");
        let (m, _) = split_front_matter("---\ntitle: x\ncategory: dynamic\n---\n").unwrap();
        assert_eq!(m.category, Some(Category::Dynamic));
    }

    #[test]
    fn trailing_comments_are_not_values() {
        let (m, _) = split_front_matter(
            "---\n类别: 问题类          # 问题类、调研类\n采用: 省委办公厅《每日要情》   # 可选\n批示: 省领导#1\n---\n",
        )
        .unwrap();
        assert_eq!(m.category, Some(Category::Problem));
        assert_eq!(m.adopted, vec!["省委办公厅《每日要情》"]);
        assert_eq!(m.instructions, vec!["省领导#1"]);
    }

    #[test]
    fn bad_front_matter_is_an_error() {
        assert!(split_front_matter("---\n标题 没有冒号\n---\n").is_err());
        assert!(split_front_matter("---\n日期: 明天\n---\n").is_err());
        assert!(split_front_matter("---\n标题: 没有结束\n正文").is_err());
    }

    #[test]
    fn suppression_lines_are_taken_out() {
        let (text, off) =
            take_suppressions("标题\n<!-- xinjian: disable vague-time, cliche -->\n正文\n");
        assert_eq!(text, "标题\n正文\n");
        assert_eq!(off, vec!["vague-time", "cliche"]);
        let (text, off) = take_suppressions("<!-- 普通注释 -->\n正文");
        assert_eq!(text, "<!-- 普通注释 -->\n正文");
        assert!(off.is_empty());
    }

    #[test]
    fn file_name_convention() {
        let m = meta_from_file_name("2026-11-03_永嘉县委办_桥头镇纽扣企业用工缺口");
        assert_eq!(m.date.as_deref(), Some("2026-11-03"));
        assert_eq!(m.unit.as_deref(), Some("永嘉县委办"));
        assert_eq!(m.title.as_deref(), Some("桥头镇纽扣企业用工缺口"));
        assert_eq!(meta_from_file_name("草稿_最终版"), Meta::default());
    }
}
