//! Reading drafts: files and folders → [`Document`]s.
//!
//! This module knows file formats, encodings and metadata; it knows nothing about checks.
//! Every failure is a typed [`SourceError`] whose `Display` is a Chinese sentence naming the
//! file, so the binary can print it as is and go on with the rest of the batch.

mod decode;
mod doc;
pub mod docx;
pub mod isolate;
pub mod masthead;
pub mod meta;

pub use decode::decode_text;
pub use meta::{meta_from_file_name, split_front_matter, Meta};

use crate::category::Category;
use std::path::{Path, PathBuf};

/// The extensions `xinjian` reads.
pub const SUPPORTED_EXTENSIONS: &[&str] = &["txt", "md", "docx", "doc", "wps"];

/// The supported extensions as a user reads them: .txt、.md、.docx、.doc、.wps.
pub fn supported_list() -> String {
    SUPPORTED_EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join("、")
}

/// Files larger than this are refused: a 信息 item is a few thousand characters, and a 50 MB
/// "draft" is almost certainly the wrong file.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// One draft as extracted: its canonical text and what is known about it.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as the user gave it (or as found below a folder they gave).
    pub path: PathBuf,
    /// Metadata from front matter and the file name.
    pub meta: Meta,
    /// Canonical text: the title line first, paragraphs separated by `\n`, no `\r`.
    /// All spans in the program are byte offsets into this string.
    pub text: String,
    /// Where each line of `text` came from in the text as read from the file.
    pub map: SourceMap,
    /// A `.docx` draft's main part as read, with where each character came from in it.
    pub word: Option<std::sync::Arc<docx::Word>>,
}

/// Where the lines of a document's canonical text came from in its raw text: the text as read
/// from the file (a Word file's body with its masthead, a text file after its front matter),
/// before the masthead was taken off and blank lines and trailing spaces were dropped. Kept so
/// that a finding can be shown where a Word user finds it (第N段) and written back into the
/// file (the annotated copy).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceMap {
    lines: Vec<LineOrigin>,
    /// A hash of the raw text, to tell that a file read again is the file that was checked.
    pub raw_hash: u64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct LineOrigin {
    /// Where the line starts in the canonical text.
    text: usize,
    /// Where it starts in the raw text; `None` for a title put first from front matter.
    raw: Option<usize>,
    /// Its paragraph in the raw text, counting lines with text from 1.
    paragraph: usize,
}

impl SourceMap {
    fn line(&self, at: usize) -> Option<&LineOrigin> {
        let i = self.lines.partition_point(|l| l.text <= at);
        self.lines.get(i.checked_sub(1)?)
    }

    /// The raw-text offset of canonical offset `at`, when its line came from the raw text.
    /// An offset past a line's end (its line break) maps past the same line's end in the raw
    /// text, onto the trailing spaces that were dropped or the line break.
    pub fn raw_offset(&self, at: usize) -> Option<usize> {
        let l = self.line(at)?;
        l.raw.map(|r| r + (at - l.text))
    }

    /// The paragraph (第N段, counting from 1 the lines with text as the file has them, the
    /// masthead included) that canonical offset `at` is in; `None` without a map (text built
    /// in memory).
    pub fn paragraph(&self, at: usize) -> Option<usize> {
        self.line(at).map(|l| l.paragraph)
    }
}

/// A stable hash of a raw text (FNV-1a; the same on every machine and every run).
pub fn raw_hash(raw: &str) -> u64 {
    raw.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Why a file could not be read. Messages are in Chinese and name the file.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{path}：无法读取文件（{source}）")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}：不支持的文件类型（只支持 {}；其他格式请先在 Word/WPS 中另存为 .docx）",
        supported_list()
    )]
    Unsupported { path: String },
    #[error("{path}：文件为空，没有可检查的内容")]
    Empty { path: String },
    #[error("{path}：文件过大（{size} 字节），不像是一篇信息稿件")]
    TooLarge { path: String, size: u64 },
    #[error("{path}：看起来不是文本文件（{why}）")]
    Binary { path: String, why: String },
    #[error(
        "{path}：不是有效的 .docx 文件（{why}）。如果是 WPS/Word 文档，请重新“另存为 .docx”后再试"
    )]
    Docx { path: String, why: String },
    #[error("{path}：无法读取这份 Word 97–2003/WPS 文档（{why}）。请在 Word/WPS 中打开，另存为 .docx 后再试")]
    Doc { path: String, why: String },
    #[error("{path}：元数据有误：{why}")]
    Meta { path: String, why: String },
    #[error("{path}：路径不存在")]
    NotFound { path: String },
    #[error("{path}：不是普通文件（{why}），没有读取")]
    NotRegular { path: String, why: String },
    /// The file was read, but its analysis failed: a bug in xinjian, caught per document
    /// by [`isolate`], so the rest of the batch goes on.
    #[error("{path}：内部错误：{message}（请把这个文件发给维护者）")]
    Internal { path: String, message: String },
}

impl SourceError {
    /// The path the error is about, as displayed.
    pub fn path(&self) -> &str {
        match self {
            SourceError::Io { path, .. }
            | SourceError::Unsupported { path }
            | SourceError::Empty { path }
            | SourceError::TooLarge { path, .. }
            | SourceError::Binary { path, .. }
            | SourceError::Docx { path, .. }
            | SourceError::Doc { path, .. }
            | SourceError::Meta { path, .. }
            | SourceError::NotFound { path }
            | SourceError::NotRegular { path, .. }
            | SourceError::Internal { path, .. } => path,
        }
    }
}

fn is_supported(path: &Path) -> bool {
    has_extension(path, SUPPORTED_EXTENSIONS)
}

fn has_extension(path: &Path, list: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| list.contains(&e.to_ascii_lowercase().as_str()))
}

/// Formats that a unit may send a draft in but that are not read (PDF, OFD — the national
/// e-document format — RTF, OpenDocument, Word macro files and templates): a folder walk
/// skips them and names them, so that an audit does not silently count fewer items.
pub const UNREAD_DOCUMENT_EXTENSIONS: &[&str] = &[
    "pdf", "ofd", "rtf", "odt", "docm", "dotx", "dot", "wpt", "uof",
];

/// The files found in the user's arguments, and the documents skipped in folders.
#[derive(Debug, Default)]
pub struct Collected {
    pub files: Vec<Result<PathBuf, SourceError>>,
    /// Files below a folder argument in one of [`UNREAD_DOCUMENT_EXTENSIONS`], sorted.
    pub skipped: Vec<PathBuf>,
    /// Folders passed over because xinjian wrote them (an audit report, an index), sorted.
    pub own_output: Vec<PathBuf>,
    /// Annotated copies (`草稿（信鉴批注）.docx`) found in folders: xinjian's output, not drafts.
    pub annotated: Vec<PathBuf>,
}

impl Collected {
    /// A notice naming the skipped documents (at most five, then a count), or `None`.
    /// Also names the folders passed over as xinjian's own output.
    pub fn skipped_notice(&self) -> Option<String> {
        let list = |paths: &[PathBuf]| {
            let names: Vec<String> = paths
                .iter()
                .take(5)
                .map(|p| p.display().to_string())
                .collect();
            let more = if paths.len() > 5 { "等" } else { "" };
            format!("{}{more}", names.join("、"))
        };
        let mut lines = Vec::new();
        if !self.skipped.is_empty() {
            lines.push(format!(
                "xinjian：提示：文件夹里有 {} 个文件的格式不能读取，没有检查：{}。请另存为 .docx 或 .txt 后再检查（支持 {}）",
                self.skipped.len(),
                list(&self.skipped),
                supported_list()
            ));
        }
        if !self.own_output.is_empty() {
            lines.push(format!(
                "xinjian：提示：{} 是信鉴自己生成的报告或索引文件夹，其中的文件不当作稿件读取",
                list(&self.own_output)
            ));
        }
        if !self.annotated.is_empty() {
            lines.push(format!(
                "xinjian：提示：{} 是信鉴生成的批注稿，不当作稿件检查（要检查改好的批注稿，请直接给出文件名）",
                list(&self.annotated)
            ));
        }
        (!lines.is_empty()).then(|| lines.join("\n"))
    }
}

/// Marks a folder that xinjian wrote (the audit's report folder), so that a later run over the
/// same tree never reads its report.md as a submission.
pub const OUTPUT_MARKER: &str = ".xinjian-output";

/// Whether `dir` is one of xinjian's own output folders: marked with [`OUTPUT_MARKER`], an
/// audit report folder from before the marker (all four report files), or a history index
/// (tantivy's `meta.json` beside `xinjian-bands/`).
pub fn is_own_output(dir: &Path) -> bool {
    dir.join(OUTPUT_MARKER).is_file()
        || ["report.html", "report.json", "report.md", "report.xlsx"]
            .iter()
            .all(|f| dir.join(f).is_file())
        || (dir.join("meta.json").is_file() && dir.join("xinjian-bands").is_dir())
}

/// Expands the user's arguments into files: a file stands for itself (whatever its extension,
/// so that an unsupported one gets a clear message), a folder for every supported file below it,
/// sorted by path so that output is stable. Hidden entries and Office lock files (`~$x.docx`)
/// are skipped.
pub fn collect_files(args: &[PathBuf]) -> Vec<Result<PathBuf, SourceError>> {
    collect(args).files
}

/// As [`collect_files`], also naming the documents in formats that are not read.
///
/// Folders are walked once and never through a link: a link to a folder is not followed (as
/// ripgrep does by default), so a link to a parent neither repeats nor loops; a link to a file
/// is read as that file. Only regular files are read (a named pipe called `x.txt` would block
/// forever). A file reached twice (named twice, or inside two folders given) is listed once.
/// xinjian's own output folders ([`is_own_output`]) are passed over.
pub fn collect(args: &[PathBuf]) -> Collected {
    let mut out = Collected::default();
    let mut seen = std::collections::HashSet::new();
    for arg in args {
        let meta = match std::fs::metadata(arg) {
            Ok(m) => m,
            Err(_) if arg.symlink_metadata().is_ok() => {
                out.files.push(Err(SourceError::NotRegular {
                    path: arg.display().to_string(),
                    why: "是指向不存在位置的链接".to_string(),
                }));
                continue;
            }
            Err(_) => {
                out.files.push(Err(SourceError::NotFound {
                    path: arg.display().to_string(),
                }));
                continue;
            }
        };
        if meta.is_dir() {
            if is_own_output(arg) {
                out.own_output.push(arg.clone());
                continue;
            }
            let mut found = Vec::new();
            walk(arg, &mut found, &mut out);
            found.sort();
            for f in found {
                if seen.insert(std::fs::canonicalize(&f).unwrap_or_else(|_| f.clone())) {
                    out.files.push(Ok(f));
                }
            }
        } else if meta.is_file() {
            if seen.insert(std::fs::canonicalize(arg).unwrap_or_else(|_| arg.clone())) {
                out.files.push(Ok(arg.clone()));
            }
        } else {
            out.files.push(Err(SourceError::NotRegular {
                path: arg.display().to_string(),
                why: "是管道、设备或套接字".to_string(),
            }));
        }
    }
    out.skipped.sort();
    out.own_output.sort();
    out.annotated.sort();
    out
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, out: &mut Collected) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.files.push(Err(SourceError::Io {
                path: dir.display().to_string(),
                source,
            }));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        // The entry's own type: a link is not followed into a folder.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let is_file = if kind.is_symlink() {
            std::fs::metadata(&path).is_ok_and(|m| m.is_file())
        } else if kind.is_dir() {
            if is_own_output(&path) {
                out.own_output.push(path);
            } else {
                walk(&path, found, out);
            }
            continue;
        } else {
            kind.is_file()
        };
        if !is_file {
            continue;
        }
        if is_supported(&path) && name.contains("（信鉴批注") {
            out.annotated.push(path);
        } else if is_supported(&path) {
            found.push(path);
        } else if has_extension(&path, UNREAD_DOCUMENT_EXTENSIONS) {
            out.skipped.push(path);
        }
    }
}

/// The path's extension in lower case, when it is one xinjian reads.
fn supported_extension(path: &Path) -> Result<String, SourceError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if SUPPORTED_EXTENSIONS.contains(&ext.as_str()) {
        Ok(ext)
    } else {
        Err(SourceError::Unsupported {
            path: path.display().to_string(),
        })
    }
}

/// [`load`], a panic while reading being that file's [`SourceError::Internal`].
pub fn load_isolated(path: &Path) -> Result<Document, SourceError> {
    isolate::isolate(&path.display().to_string(), || load(path))
}

/// Reads one file into a [`Document`]. Never writes anything.
pub fn load(path: &Path) -> Result<Document, SourceError> {
    let bytes = read_bytes(path)?;
    from_bytes(path, &bytes)
}

/// The bytes of a draft file, refused when it is not a supported draft, not a regular file or
/// larger than [`MAX_FILE_BYTES`] (checked on what is read, not only on what the file system
/// says). Never writes anything.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, SourceError> {
    let shown = path.display().to_string();
    supported_extension(path)?;
    let io = |source| SourceError::Io {
        path: shown.clone(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if !metadata.is_file() {
        return Err(SourceError::NotRegular {
            path: shown,
            why: "是文件夹、管道或设备".to_string(),
        });
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(SourceError::TooLarge {
            path: shown,
            size: metadata.len(),
        });
    }
    // Read no more than the limit allows, whatever the size was a moment ago.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| {
            std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_FILE_BYTES + 1), &mut bytes)
        })
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SourceError::TooLarge {
            path: shown,
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Reads a draft from its bytes; `path` gives its name (the extension decides the format,
/// the file name may carry date and unit) and is what messages name. Used for files on disk
/// and for uploads alike.
///
/// ```
/// let doc = xinjian::source::from_bytes("2026-11-03_永嘉县委办_纽扣.txt".as_ref(), "桥头镇纽扣企业缺工\n正文".as_bytes()).unwrap();
/// assert_eq!(doc.meta.unit.as_deref(), Some("永嘉县委办"));
/// assert!(xinjian::source::from_bytes("x.pdf".as_ref(), b"%PDF").is_err());
/// ```
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Document, SourceError> {
    let shown = path.display().to_string();
    let ext = supported_extension(path)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SourceError::TooLarge {
            path: shown,
            size: bytes.len() as u64,
        });
    }
    if bytes.is_empty() {
        return Err(SourceError::Empty { path: shown });
    }
    let mut word = None;
    let (raw_text, mut meta) = if matches!(ext.as_str(), "docx" | "doc" | "wps") {
        let (text, category, w) = word_text(bytes, &ext, &shown)?;
        word = w.map(std::sync::Arc::new);
        (
            text,
            Meta {
                category,
                ..Meta::default()
            },
        )
    } else {
        let text = decode_text(bytes).map_err(|why| SourceError::Binary {
            path: shown.clone(),
            why,
        })?;
        let (meta, body) = text_meta(&text, &shown)?;
        (body, meta)
    };
    let (text, map, head) = canonical(&raw_text, meta.title.as_deref());
    if let Some(name) = path.file_stem().and_then(|s| s.to_str()) {
        meta.fill_from(meta_from_file_name(name));
    }
    meta.fill_from(head);
    if text.trim().is_empty() {
        return Err(SourceError::Empty { path: shown });
    }
    if meta.title.is_none() {
        meta.title = text.lines().next().map(|l| l.trim().to_string());
    }
    Ok(Document {
        path: path.to_path_buf(),
        meta,
        text,
        map,
        word,
    })
}

/// The raw text of a draft as read from its bytes (see [`SourceMap`]) and, for a `.docx`,
/// where each character came from in `word/document.xml`. What [`from_bytes`] reads before it
/// takes the masthead off.
pub fn raw_from_bytes(
    path: &Path,
    bytes: &[u8],
) -> Result<(String, Option<docx::Layout>), SourceError> {
    let shown = path.display().to_string();
    let ext = supported_extension(path)?;
    if matches!(ext.as_str(), "docx" | "doc" | "wps") {
        if is_docx_bytes(bytes, &ext) {
            let xml = docx::document_part(bytes).map_err(|why| SourceError::Docx {
                path: shown.clone(),
                why,
            })?;
            let (text, layout) = docx::body_layout(&xml).map_err(|why| SourceError::Docx {
                path: shown.clone(),
                why,
            })?;
            return Ok((text, Some(layout)));
        }
        let (text, _, _) = word_text(bytes, &ext, &shown)?;
        return Ok((text, None));
    }
    let text = decode_text(bytes).map_err(|why| SourceError::Binary {
        path: shown.clone(),
        why,
    })?;
    let (_, body) = text_meta(&text, &shown)?;
    Ok((body, None))
}

/// Whether a draft is read as a `.docx` package: a Word or WPS file whose bytes are one
/// (whatever its extension says).
pub fn is_docx(path: &Path, bytes: &[u8]) -> bool {
    supported_extension(path).is_ok_and(|ext| {
        matches!(ext.as_str(), "docx" | "doc" | "wps") && is_docx_bytes(bytes, &ext)
    })
}

/// Whether a Word or WPS file's bytes are a `.docx` package (whatever its extension says).
fn is_docx_bytes(bytes: &[u8], ext: &str) -> bool {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    !(bytes.starts_with(OLE) || (ext != "docx" && !bytes.starts_with(b"PK")))
}

/// The text of a Word or WPS file, read by what the bytes are rather than by the extension:
/// a `.doc` that is really a `.docx` (or the other way round) is common after renaming.
/// A `.docx` also gives the category its document properties name.
fn word_text(
    bytes: &[u8],
    ext: &str,
    shown: &str,
) -> Result<(String, Option<Category>, Option<docx::Word>), SourceError> {
    if !is_docx_bytes(bytes, ext) {
        if bytes.starts_with(b"{\\rtf") {
            return Err(SourceError::Doc {
                path: shown.to_string(),
                why: "这是 RTF 格式，不是 Word 文档本身".to_string(),
            });
        }
        return doc::extract(bytes)
            .map(|t| (t, None, None))
            .map_err(|why| SourceError::Doc {
                path: shown.to_string(),
                why,
            });
    }
    docx::read(bytes)
        .map(|(t, p, w)| (t, p.category, Some(w)))
        .map_err(|why| SourceError::Docx {
            path: shown.to_string(),
            why,
        })
}

/// Builds a document from text already in memory (tests, benches, stdin).
pub fn from_text(path: impl Into<PathBuf>, text: &str) -> Result<Document, SourceError> {
    let path = path.into();
    let (mut meta, body) = text_meta(text, &path.display().to_string())?;
    let (text, map, head) = canonical(&body, meta.title.as_deref());
    meta.fill_from(head);
    if meta.title.is_none() {
        meta.title = text.lines().next().map(|l| l.trim().to_string());
    }
    Ok(Document {
        path,
        meta,
        text,
        map,
        word: None,
    })
}

/// A text draft's front matter and suppression comments, and the body without them.
fn text_meta(text: &str, shown: &str) -> Result<(Meta, String), SourceError> {
    let (mut meta, body) = split_front_matter(text).map_err(|why| SourceError::Meta {
        path: shown.to_string(),
        why,
    })?;
    let (body, disabled) = meta::take_suppressions(body);
    meta.disabled = disabled;
    Ok((meta, body))
}

/// The canonical text of a raw text, where its lines came from, and what its masthead (刊头)
/// says as metadata of the lowest priority (the issuing office as unit, the issue's date).
fn canonical(raw: &str, declared_title: Option<&str>) -> (String, SourceMap, Meta) {
    let (body, head) = match masthead::split(raw) {
        Some((m, rest)) => (
            rest,
            Meta {
                unit: m.unit,
                date: m.date,
                ..Meta::default()
            },
        ),
        None => (raw, Meta::default()),
    };
    let skipped = raw.len() - body.len();
    let (text, mut lines) = canonical_text(body, declared_title);
    // Paragraph numbers count the lines with text of the whole raw text, the masthead's too.
    let mut starts = Vec::new();
    let mut count = 0;
    let mut at = 0;
    for line in raw.split_inclusive('\n') {
        if !line.trim().is_empty() {
            count += 1;
        }
        starts.push((at, count.max(1)));
        at += line.len();
    }
    for l in &mut lines {
        if let Some(r) = l.raw.as_mut() {
            *r += skipped;
            let i = starts.partition_point(|&(s, _)| s <= *r).saturating_sub(1);
            l.paragraph = starts.get(i).map_or(1, |&(_, p)| p);
        }
    }
    let map = SourceMap {
        lines,
        raw_hash: raw_hash(raw),
    };
    (text, map, head)
}

/// Normalises line breaks, trims trailing spaces, drops blank lines at the top, and makes sure
/// the text starts with its title line (a front-matter title the body does not repeat is put
/// first, so the title is always part of what is checked).
///
/// Also gives, for each line of the result, where it starts in `raw` (paragraph numbers are
/// filled in by the caller).
fn canonical_text(raw: &str, declared_title: Option<&str>) -> (String, Vec<LineOrigin>) {
    let bom = if raw.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = bom;
    for l in raw[bom..].split('\n') {
        lines.push((at, l.trim_end_matches(['\r', ' ', '\t', '\u{3000}'])));
        at += l.len() + 1;
    }
    let first = lines.iter().position(|(_, l)| !l.trim().is_empty());
    let last = lines.iter().rposition(|(_, l)| !l.trim().is_empty());
    let lines = match (first, last) {
        (Some(f), Some(l)) => &lines[f..=l],
        _ => &[][..],
    };
    let mut text = String::with_capacity(raw.len() + 64);
    let mut origins = Vec::with_capacity(lines.len() + 1);
    if let Some(title) = declared_title {
        let first = lines.first().map(|(_, l)| l.trim()).unwrap_or("");
        if first != title.trim() {
            origins.push(LineOrigin {
                text: 0,
                raw: None,
                paragraph: 1,
            });
            text.push_str(title.trim());
            text.push('\n');
        }
    }
    for (i, (start, l)) in lines.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        origins.push(LineOrigin {
            text: text.len(),
            raw: Some(*start),
            paragraph: 1,
        });
        text.push_str(l);
    }
    (text, origins)
}

impl Document {
    /// The declared category, if any.
    pub fn declared_category(&self) -> Option<Category> {
        self.meta.category
    }
}

#[cfg(test)]
mod map_tests {
    use super::*;

    #[test]
    fn canonical_offsets_map_back_to_the_raw_text_and_its_paragraphs() {
        let raw = "永嘉信息\n第45期\n中共永嘉县委办公室　　2026年11月3日\n\n\n桥头镇纽扣企业缺工  \n\n全镇缺工3000人。\t\n";
        let (text, map, head) = canonical(raw, None);
        assert_eq!(head.unit.as_deref(), Some("中共永嘉县委办公室"));
        assert_eq!(text, "桥头镇纽扣企业缺工\n\n全镇缺工3000人。");
        for (at, c) in text.char_indices().filter(|&(_, c)| c != '\n') {
            let r = map.raw_offset(at).unwrap();
            assert_eq!(raw[r..].chars().next(), Some(c), "at {at}");
        }
        // The masthead's three lines count as paragraphs 1–3.
        assert_eq!(map.paragraph(0), Some(4));
        assert_eq!(map.paragraph(text.find("全镇").unwrap()), Some(5));
        assert_eq!(map.raw_hash, raw_hash(raw));
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let raw = "\u{feff}标题\n正文。";
        let (text, map, _) = canonical(raw, None);
        assert_eq!(text, "标题\n正文。");
        assert_eq!(map.raw_offset(0), Some(3));
        assert_eq!(map.paragraph(text.find("正文").unwrap()), Some(2));
    }

    #[test]
    fn a_title_from_front_matter_has_no_raw_origin() {
        let (text, map, _) = canonical("正文第一段。\n", Some("标题"));
        assert_eq!(text, "标题\n正文第一段。");
        assert_eq!(map.raw_offset(0), None);
        assert_eq!(map.raw_offset(text.find("正文").unwrap()), Some(0));
    }
}
