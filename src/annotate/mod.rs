//! The annotated copy: a draft's findings written into a Word file as comments (批注), the way
//! an editor returns a draft.
//!
//! A `.docx` draft is copied with only the comments added (see [`package`]); any other draft
//! (`.doc`, `.wps`, `.txt`, `.md`) becomes a new `.docx` with its text as paragraphs. Each
//! finding is a comment on its own span; the summary (score, category, elements, points) and
//! the findings about the whole draft sit on the title. The copy goes beside the original as
//! `草稿（信鉴批注）.docx`; the original is never written.

pub mod package;

use std::path::{Path, PathBuf};

use crate::checks::registry::RULES;
use crate::source;
use crate::{DocReport, SourceError};

/// What is added to a file name for its annotated copy.
pub const SUFFIX: &str = "（信鉴批注）";

/// One comment on a span of the document's canonical text (byte offsets).
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub start: usize,
    pub end: usize,
    pub paragraphs: Vec<String>,
}

/// The comments for a checked draft: the summary on the title, then one per finding.
pub fn notes(r: &DocReport) -> Vec<Note> {
    let title = r.analysis.title();
    let mut out = vec![Note {
        start: title.start,
        end: title.end,
        paragraphs: summary(r),
    }];
    for d in &r.diagnostics {
        let mut paragraphs = Vec::with_capacity(4);
        paragraphs.push(["【", d.severity.label(), "】", &d.message].concat());
        if let Some(reason) = REASONS.get(d.code) {
            paragraphs.push(reason.clone());
        }
        if let Some(s) = &d.suggestion {
            paragraphs.push(["建议：", s].concat());
        }
        paragraphs.push([d.code, " ", d.name].concat());
        out.push(Note {
            start: d.start,
            end: d.end,
            paragraphs,
        });
    }
    out
}

/// Each rule's reason (see [`reason`]) as its comment line `依据：…`, by code.
static REASONS: once_cell::sync::Lazy<std::collections::HashMap<&'static str, String>> =
    once_cell::sync::Lazy::new(|| {
        RULES
            .iter()
            .filter_map(|r| reason(r.doc).map(|why| (r.code, format!("依据：{why}"))))
            .collect()
    });

/// The first sentence of a rule's 为什么 paragraph: the requirement it rests on.
fn reason(doc: &str) -> Option<String> {
    let why = doc
        .split("\n\n")
        .find_map(|p| p.trim().strip_prefix("为什么："))?;
    let end = why.find('。').map_or(why.len(), |i| i + '。'.len_utf8());
    Some(why[..end].trim().to_string())
}

/// The summary comment: score, category, the elements at a glance and potential points.
fn summary(r: &DocReport) -> Vec<String> {
    use crate::text::numbers::DataLevel;
    let e = &r.elements;
    let a = &r.analysis;
    let cat = &e.category;
    let how = if cat.declared.is_some() {
        "稿件写明".to_string()
    } else {
        format!("推断，置信度 {:.2}", cat.confidence)
    };
    let level = |l: DataLevel| a.data_points.iter().filter(|p| p.level == Some(l)).count();
    let mark = |b: bool| if b { "有" } else { "无" };
    let operable = e.suggestions.iter().filter(|s| s.operable).count();
    let mut lines = vec![
        format!("【信鉴预审】{}", crate::report::score_line(r)),
        format!("类别：{}（{how}）", cat.category.label()),
        format!(
            "数据 {} 处（点 {} / 线 {} / 面 {}）· 县级 {} · 乡镇 {} · 典型事例 {} 处 · 建议 {} 条（可操作 {} 条）",
            a.data_points.len(),
            level(DataLevel::Point),
            level(DataLevel::Line),
            level(DataLevel::Area),
            mark(e.coverage.county),
            mark(e.coverage.township),
            e.typical_cases.len(),
            e.suggestions.len(),
            operable
        ),
    ];
    if r.diagnostics.is_empty() {
        lines.push("没有发现问题。".to_string());
    } else {
        lines.push(format!("共 {} 条意见，见各处批注。", r.diagnostics.len()));
    }
    lines
}

/// Why a copy could not be written. Messages are Chinese and name the file.
#[derive(Debug, thiserror::Error)]
pub enum AnnotateError {
    #[error("{0}")]
    Source(#[from] SourceError),
    #[error("{path}：无法写出批注稿（{why}）")]
    Write { path: String, why: String },
    #[error("{path}：文件在检查之后被改动了，请重新检查后再生成批注稿")]
    Changed { path: String },
    #[error("{out}：已有同名文件，且不是信鉴生成的批注稿，没有覆盖。请移走或改名后再试")]
    NotOurs { out: String },
}

/// An annotated copy in memory.
#[derive(Debug)]
pub struct Annotated {
    pub bytes: Vec<u8>,
    /// The draft was not a `.docx`: the copy is a new document and its formatting is not
    /// carried over.
    pub rebuilt: bool,
    /// How many comments it holds.
    pub comments: usize,
}

/// The annotated copy of a draft read from `bytes` (the same bytes, or the same file, that
/// `report` was checked from; `path` names it and its extension decides the format).
pub fn annotate(
    path: &Path,
    bytes: &[u8],
    r: &DocReport,
    date: &str,
) -> Result<Annotated, AnnotateError> {
    let shown = path.display().to_string();
    let changed = || AnnotateError::Changed {
        path: shown.clone(),
    };
    let write_error = |why: String| AnnotateError::Write {
        path: shown.clone(),
        why,
    };
    // A .docx is read once, by the annotator itself; anything else is made into one from its
    // raw text.
    let docx = source::is_docx(path, bytes);
    let raw = if docx {
        None
    } else {
        let (raw, _) = source::raw_from_bytes(path, bytes)?;
        if source::raw_hash(&raw) != r.doc.map.raw_hash {
            return Err(changed());
        }
        Some(raw)
    };
    // A title given only in front matter is put first in the new document, so that the
    // comments on the title have it to stand on: canonical offsets on it are its offsets.
    let title_first = raw.is_some() && r.doc.map.raw_offset(0).is_none();
    let shift = if title_first {
        r.doc.text.find('\n').unwrap_or(r.doc.text.len()) + 1
    } else {
        0
    };
    let raw = raw.map(|t| {
        if title_first {
            format!("{}\n{t}", &r.doc.text[..shift - 1])
        } else {
            t
        }
    });
    let anchors: Vec<package::Anchor> = notes(r)
        .into_iter()
        .map(|n| {
            let at = |o: usize| {
                r.doc
                    .map
                    .raw_offset(o)
                    .map(|x| x + shift)
                    .unwrap_or(o.min(shift.saturating_sub(1)))
            };
            package::Anchor {
                start: at(n.start),
                end: at(n.end.max(n.start)),
                paragraphs: n.paragraphs,
            }
        })
        .collect();
    let out = match raw {
        None => {
            let (out, text) = package::annotate_with(bytes, r.doc.word.as_deref(), &anchors, date)
                .map_err(write_error)?;
            if text.is_some_and(|t| source::raw_hash(&t) != r.doc.map.raw_hash) {
                return Err(changed());
            }
            out
        }
        Some(raw) => {
            package::annotate(&package::from_text(&raw), &anchors, date).map_err(write_error)?
        }
    };
    let rebuilt = !docx;
    Ok(Annotated {
        bytes: out,
        rebuilt,
        comments: anchors.len(),
    })
}

/// Where the annotated copy of `input` goes: beside it, or in `dir`, as
/// `草稿（信鉴批注）.docx`. A draft that is itself an annotated copy gets the same name it has
/// (its comments are replaced), unless that would be the input itself: then
/// `草稿（信鉴批注2）.docx`, and so on.
pub fn output_path(input: &Path, dir: Option<&Path>) -> PathBuf {
    output_path_avoiding(input, dir, &Default::default())
}

/// [`output_path`], also avoiding the paths in `taken` (copies of other drafts of the same
/// batch: `草稿.doc` and `草稿.docx` side by side).
pub fn output_path_avoiding(
    input: &Path,
    dir: Option<&Path>,
    taken: &std::collections::HashSet<PathBuf>,
) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = strip_suffix(&stem);
    let folder = dir
        .map(Path::to_path_buf)
        .or_else(|| input.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let same = |p: &Path| {
        let canon = |x: &Path| std::fs::canonicalize(x).unwrap_or_else(|_| x.to_path_buf());
        p == input || (p.exists() && canon(p) == canon(input))
    };
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{base}{SUFFIX}.docx")
        } else {
            format!("{base}（信鉴批注{n}）.docx")
        };
        let p = folder.join(name);
        if !same(&p) && !taken.contains(&p) {
            return p;
        }
        n += 1;
    }
}

/// `草稿（信鉴批注）` and `草稿（信鉴批注2）` → `草稿`.
fn strip_suffix(stem: &str) -> &str {
    if let Some(rest) = stem.strip_suffix('）') {
        if let Some(at) = rest.rfind("（信鉴批注") {
            let n = &rest[at + "（信鉴批注".len()..];
            if n.chars().all(|c| c.is_ascii_digit()) {
                return &stem[..at];
            }
        }
    }
    stem
}

/// Writes the copy to `out`: a new file, or over a file that is xinjian's own earlier copy;
/// never over anything else. Written to a temporary file first and renamed, so a failure
/// leaves no half-written copy.
pub fn write_copy(out: &Path, bytes: &[u8]) -> Result<(), AnnotateError> {
    let shown = out.display().to_string();
    if out.exists() {
        let ours = std::fs::read(out).is_ok_and(|b| package::is_annotated(&b));
        if !ours {
            return Err(AnnotateError::NotOurs { out: shown });
        }
    }
    let write_error = |e: std::io::Error| AnnotateError::Write {
        path: shown.clone(),
        why: e.to_string(),
    };
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(d) = dir {
        std::fs::create_dir_all(d).map_err(write_error)?;
    }
    let tmp = out.with_extension("docx.xinjian-tmp");
    std::fs::write(&tmp, bytes).map_err(write_error)?;
    // The earlier copy (xinjian's own, checked above) goes first: renaming over an existing
    // file makes ext4 flush the new data to disk at once, which costs more than writing the
    // copy (measured in benches/annotate.rs).
    if out.exists() {
        std::fs::remove_file(out).map_err(write_error)?;
    }
    std::fs::rename(&tmp, out).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        write_error(e)
    })
}

/// Today's date as `2026-12-07` (UTC), for the comments.
pub fn today() -> String {
    crate::date::Date::today().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_named_beside_the_original_and_never_as_it() {
        let p = output_path(Path::new("稿件/草稿.docx"), None);
        assert_eq!(p, Path::new("稿件/草稿（信鉴批注）.docx"));
        let p = output_path(Path::new("草稿.txt"), Some(Path::new("批注")));
        assert_eq!(p, Path::new("批注/草稿（信鉴批注）.docx"));
        let p = output_path(Path::new("a/草稿（信鉴批注）.docx"), None);
        assert_eq!(p, Path::new("a/草稿（信鉴批注2）.docx"));
        let p = output_path(Path::new("a/草稿（信鉴批注2）.docx"), None);
        assert_eq!(p, Path::new("a/草稿（信鉴批注）.docx"));
        assert_eq!(strip_suffix("草稿（其他）"), "草稿（其他）");
    }

    #[test]
    fn the_reason_is_the_first_sentence_of_why() {
        let doc =
            "标题\n\n查什么：x。\n\n为什么：讲话要求信息“要有点线面数据支撑”。没有数据……\n\n示例";
        assert_eq!(
            reason(doc).as_deref(),
            Some("讲话要求信息“要有点线面数据支撑”。")
        );
        for rule in RULES {
            assert!(reason(rule.doc).is_some(), "{} has no 为什么", rule.name);
        }
    }
}
