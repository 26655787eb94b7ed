//! Reading one list: entries, `旧 -> 新` substitutions, `#` comments, with file:line in
//! every error.

/// Entries that are regular expressions start with this.
pub const REGEX_PREFIX: &str = "re:";

/// One line of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub line: usize,
    pub text: String,
}

/// `旧 -> 新`.
#[derive(Debug, Clone, PartialEq)]
pub struct Substitution {
    pub old: String,
    pub new: String,
}

/// A problem in a list, with where it is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}：{message}（“{content}”）")]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub content: String,
    pub message: String,
}

/// Parses a plain list. Blank lines and `#` comments are skipped; a trailing ` # …` is a comment.
pub fn parse_list(file: &str, content: &str) -> Result<Vec<Entry>, Vec<LexiconError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in content.lines().enumerate() {
        let line = i + 1;
        let text = strip_comment(raw);
        if text.is_empty() {
            continue;
        }
        if text.chars().any(|c| c.is_control()) {
            errors.push(LexiconError {
                file: file.into(),
                line,
                content: raw.into(),
                message: "含有控制字符".into(),
            });
            continue;
        }
        out.push(Entry {
            line,
            text: text.to_string(),
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Parses a list of `旧 -> 新` substitutions.
pub fn parse_substitutions(
    file: &str,
    content: &str,
) -> Result<Vec<Substitution>, Vec<LexiconError>> {
    let entries = parse_list(file, content)?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for e in entries {
        match e.text.split_once("->") {
            Some((old, new)) if !old.trim().is_empty() && !new.trim().is_empty() => {
                out.push(Substitution {
                    old: old.trim().to_string(),
                    new: new.trim().to_string(),
                })
            }
            _ => errors.push(LexiconError {
                file: file.into(),
                line: e.line,
                content: e.text.clone(),
                message: "应写成“旧提法 -> 新提法”".into(),
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

pub(super) fn strip_comment(raw: &str) -> &str {
    let t = raw.trim();
    if t.starts_with('#') {
        return "";
    }
    match t.find(" #") {
        Some(i) => t[..i].trim(),
        None => t,
    }
}
