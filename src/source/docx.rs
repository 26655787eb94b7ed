//! `.docx` text extraction: the body's paragraphs and tables in reading order.
//!
//! Only `word/document.xml` is read, so page headers and footers (which live in
//! `word/header*.xml` / `word/footer*.xml`) never enter the text. Runs are joined, `<w:tab/>`
//! becomes a tab, a manual line break `<w:br/>` becomes a line break, deleted revisions
//! (`<w:delText>`) and field codes (`<w:instrText>`) are left out. A table row becomes one line
//! with its cells separated by tabs. Written by hand over `zip` + `quick-xml` because the docx
//! crates either write only or pull in far more than reading text needs.

use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::{Cursor, Read};

/// Extracts the body text. The error is a short Chinese explanation.
#[cfg(test)]
pub fn extract(bytes: &[u8]) -> Result<String, String> {
    read(bytes).map(|(text, _, _)| text)
}

/// The main part, `word/document.xml`, read within [`MAX_PART_BYTES`].
pub fn document_part(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        "文件不是 zip 格式，可能已损坏、被截断，或是改了扩展名的其他文件".to_string()
    })?;
    named_part(&mut archive, "word/document.xml")?
        .ok_or_else(|| "缺少正文部分 word/document.xml".to_string())
}

/// A part of a package by name, read as UTF-8 within [`MAX_PART_BYTES`] into room made for
/// its declared size ([`size_hint`]); `None` when the package has no such part.
pub fn named_part<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, String> {
    match archive.by_name(name) {
        Ok(part) => {
            let hint = size_hint(part.size(), part.compressed_size());
            read_part_sized(part, MAX_PART_BYTES, hint).map(Some)
        }
        Err(_) => Ok(None),
    }
}

/// What a `.docx`'s document properties (文件 → 属性: 类别, 关键词) say of the draft.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Properties {
    /// A category named in `cp:category`, or else in `cp:keywords`.
    pub category: Option<crate::Category>,
}

/// A `.docx`'s main part as read, kept with the document so that its annotated copy needs
/// neither to inflate nor to parse it again.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// `word/document.xml`.
    pub xml: String,
    /// The body text read from it (the raw text, see [`crate::source::SourceMap`]).
    pub text: String,
    /// Where each character of the body text came from in `xml`.
    pub layout: Layout,
    /// The CRC-32 the package gives for `word/document.xml`, to tell the same part later.
    pub crc32: u32,
}

/// The body text, the document properties and the main part with its layout.
pub fn read(bytes: &[u8]) -> Result<(String, Properties, Word), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        "文件不是 zip 格式，可能已损坏、被截断，或是改了扩展名的其他文件".to_string()
    })?;
    let (text, word) = {
        let part = archive
            .by_name("word/document.xml")
            .map_err(|_| "缺少正文部分 word/document.xml".to_string())?;
        let crc32 = part.crc32();
        let hint = size_hint(part.size(), part.compressed_size());
        let xml = read_part_sized(part, MAX_PART_BYTES, hint)?;
        let (text, layout) = body_layout(&xml)?;
        let word = Word {
            xml,
            text: text.clone(),
            layout,
            crc32,
        };
        (text, word)
    };
    // Properties are a convenience: a missing or damaged part leaves them empty.
    let properties = archive
        .by_name("docProps/core.xml")
        .ok()
        .and_then(|p| read_part(p, 1024 * 1024).ok())
        .map(|xml| properties(&xml))
        .unwrap_or_default();
    Ok((text, properties, word))
}

/// Reads `cp:category` and `cp:keywords` out of `docProps/core.xml`. The category field is
/// taken when it names one of the five kinds; keywords (split at commas, semicolons and
/// spaces) when exactly one of them does.
fn properties(xml: &str) -> Properties {
    let mut reader = Reader::from_str(xml);
    let (mut category, mut keywords) = (String::new(), String::new());
    let mut inside: Option<bool> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                inside = match e.local_name().as_ref() {
                    b"category" => Some(true),
                    b"keywords" => Some(false),
                    _ => None,
                }
            }
            Ok(Event::Text(t)) => {
                if let (Some(is_category), Ok(s)) = (inside, t.unescape()) {
                    if is_category {
                        category.push_str(&s);
                    } else {
                        keywords.push_str(&s);
                    }
                }
            }
            Ok(Event::End(_)) => inside = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let named = crate::Category::parse(&category);
    let from_keywords = || {
        let mut found = keywords
            .split([',', '，', ';', '；', '、', ' ', '\u{3000}'])
            .filter_map(crate::Category::parse);
        let first = found.next()?;
        found.all(|c| c == first).then_some(first)
    };
    Properties {
        category: named.or_else(from_keywords),
    }
}

/// The most a part of a `.docx` may inflate to. A long draft's `document.xml` is a few MB
/// even with heavy formatting; a part that inflates past this is a zip bomb or not a draft.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a zip part as UTF-8, inflating at most `limit` bytes: the limit applies to what is
/// actually read, not to the size the zip header claims (a header can lie, and a 1 MB file can
/// inflate to gigabytes).
pub fn read_part(part: impl Read, limit: u64) -> Result<String, String> {
    read_part_sized(part, limit, 0)
}

/// How much room to make for a part before inflating it: the size its header claims, but no
/// more than deflate can make of its compressed bytes (at most 1032 to 1), and no more than
/// 4 MB; a lying header only costs the reads that follow.
pub fn size_hint(claimed: u64, compressed: u64) -> usize {
    claimed
        .min(compressed.saturating_mul(1032))
        .min(4 * 1024 * 1024) as usize
}

/// [`read_part`], with room made for `hint` bytes first (see [`size_hint`]), so that inflating
/// does not grow the buffer step by step.
pub fn read_part_sized(part: impl Read, limit: u64, hint: usize) -> Result<String, String> {
    let mut bytes = Vec::with_capacity(hint.min(limit as usize) + 1);
    part.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("正文部分无法解压（{e}），文件可能被截断或已损坏"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "正文部分解压后超过 {} MB，不像是一篇信息稿件（可能是压缩炸弹或损坏的文件）",
            limit / (1024 * 1024)
        ));
    }
    String::from_utf8(bytes).map_err(|_| "正文部分不是有效的 UTF-8 XML".to_string())
}

/// Where the extracted text came from in `word/document.xml`: for every character that was
/// written in a `<w:t>` element, that element and the offset in its text; tabs, breaks and the
/// line ends of paragraphs, rows and cells come from no `<w:t>` and appear in no segment.
/// Kept once here so that everything that points into a Word draft (the annotated copy, the
/// web page) agrees with what `check` read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// Stretches of the text, in text order, each inside one `<w:t>`.
    pub segments: Vec<Segment>,
    /// Every `<w:t>` with text, in document order.
    pub nodes: Vec<TextNode>,
    /// Every `<w:r>` holding a node, in document order of their start.
    pub runs: Vec<RunXml>,
}

/// `len` bytes of the text from `text`, which are bytes `node_offset..` of node `node`'s
/// unescaped text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub text: usize,
    pub node: usize,
    pub node_offset: usize,
    pub len: usize,
}

/// A `<w:t>` element: where its start tag and its (escaped) content sit in the XML, its
/// unescaped length, and the run it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct TextNode {
    pub open_tag: std::ops::Range<usize>,
    pub content: std::ops::Range<usize>,
    pub len: usize,
    pub run: Option<usize>,
}

/// A `<w:r>` element: its whole extent, its start tag and its properties `<w:rPr>`.
#[derive(Debug, Clone, PartialEq)]
pub struct RunXml {
    pub whole: std::ops::Range<usize>,
    pub open_tag: std::ops::Range<usize>,
    pub properties: Option<std::ops::Range<usize>>,
}

impl Layout {
    /// The node and offset of the character at text offset `at`, if it came from a `<w:t>`.
    pub fn locate(&self, at: usize) -> Option<(usize, usize)> {
        let i = self.segments.partition_point(|s| s.text + s.len <= at);
        let s = self.segments.get(i)?;
        (s.text <= at).then(|| (s.node, s.node_offset + at - s.text))
    }

    /// The first character at or after `at` that came from a `<w:t>`, as a text offset.
    pub fn next_written(&self, at: usize) -> Option<usize> {
        let i = self.segments.partition_point(|s| s.text + s.len <= at);
        self.segments.get(i).map(|s| s.text.max(at))
    }

    /// The end (exclusive) of the last written character before `end`, as a text offset.
    pub fn previous_written_end(&self, end: usize) -> Option<usize> {
        let i = self.segments.partition_point(|s| s.text < end);
        let s = self.segments[..i].last()?;
        Some((s.text + s.len).min(end))
    }
}

/// A paragraph being read: its text and where the pieces came from (offsets in `text`).
#[derive(Default)]
struct Piece {
    text: String,
    segments: Vec<Segment>,
}

impl Piece {
    /// Appends `other`, its segments shifted.
    fn push_piece(&mut self, other: &Piece) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.segments.extend(other.segments.iter().map(|s| Segment {
            text: s.text + base,
            ..*s
        }));
    }

    /// The piece without leading and trailing white space, segments clipped to what is kept.
    fn trimmed(&self) -> Piece {
        let kept = self.text.trim();
        let lead = self.text.len() - self.text.trim_start().len();
        let end = lead + kept.len();
        let segments = self
            .segments
            .iter()
            .filter_map(|s| {
                let from = s.text.max(lead);
                let to = (s.text + s.len).min(end);
                (from < to).then(|| Segment {
                    text: from - lead,
                    node: s.node,
                    node_offset: s.node_offset + (from - s.text),
                    len: to - from,
                })
            })
            .collect();
        Piece {
            text: kept.to_string(),
            segments,
        }
    }
}

#[cfg(test)]
fn body_text(xml: &str) -> Result<String, String> {
    body_layout(xml).map(|(text, _)| text)
}

/// The body text of `document.xml` and where each character came from.
pub fn body_layout(xml: &str) -> Result<(String, Layout), String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut layout = Layout::default();
    let mut out = Piece::default();
    let mut para = Piece::default();
    // Inside a table cell, paragraphs are collected into the cell, cells into the row.
    let mut table_depth = 0usize;
    let mut row: Vec<Piece> = Vec::new();
    let mut cell = Piece::default();
    // The `<w:t>` being read, and how much of its text has been read.
    let mut in_text: Option<(usize, usize)> = None;
    // Open runs (a run can hold a text box with runs of its own): index in layout.runs and
    // the element depth inside it.
    let mut open_runs: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event();
        let after = reader.buffer_position() as usize;
        match event {
            Ok(Event::Start(e)) => {
                depth += 1;
                match e.name().as_ref() {
                    b"w:t" => {
                        layout.nodes.push(TextNode {
                            open_tag: before..after,
                            content: after..after,
                            len: 0,
                            run: open_runs.last().map(|r| r.0),
                        });
                        in_text = Some((layout.nodes.len() - 1, 0));
                    }
                    b"w:r" => {
                        layout.runs.push(RunXml {
                            whole: before..before,
                            open_tag: before..after,
                            properties: None,
                        });
                        open_runs.push((layout.runs.len() - 1, depth));
                    }
                    b"w:rPr" => {
                        if let Some(&(r, d)) = open_runs.last() {
                            if d + 1 == depth {
                                layout.runs[r].properties = Some(before..before);
                            }
                        }
                    }
                    b"w:tbl" => table_depth += 1,
                    b"w:tr" if table_depth > 0 => row.clear(),
                    b"w:tc" if table_depth > 0 => cell = Piece::default(),
                    _ => {}
                }
            }
            Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"w:tab" => para.text.push('\t'),
                b"w:br" | b"w:cr" => para.text.push('\n'),
                b"w:rPr" => {
                    if let Some(&(r, d)) = open_runs.last() {
                        if d == depth {
                            layout.runs[r].properties = Some(before..after);
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::Text(t)) => {
                if let Some((node, read)) = in_text.as_mut() {
                    let s = t.unescape().map_err(|e| {
                        format!("正文 XML 中有无法识别的转义字符（解析器的说明：{e}）")
                    })?;
                    para.segments.push(Segment {
                        text: para.text.len(),
                        node: *node,
                        node_offset: *read,
                        len: s.len(),
                    });
                    *read += s.len();
                    para.text.push_str(&s);
                }
            }
            Ok(Event::End(e)) => {
                depth = depth.saturating_sub(1);
                match e.name().as_ref() {
                    b"w:t" => {
                        if let Some((node, read)) = in_text.take() {
                            let n = &mut layout.nodes[node];
                            n.content = n.open_tag.end..before;
                            n.len = read;
                        }
                    }
                    b"w:r" => {
                        if let Some((r, _)) = open_runs.pop() {
                            let run = &mut layout.runs[r];
                            run.whole = run.open_tag.start..after;
                        }
                    }
                    b"w:rPr" => {
                        if let Some(&(r, d)) = open_runs.last() {
                            if d == depth {
                                if let Some(p) = layout.runs[r].properties.as_mut() {
                                    p.end = after;
                                }
                            }
                        }
                    }
                    b"w:p" => {
                        let p = std::mem::take(&mut para);
                        if table_depth > 0 {
                            let p = p.trimmed();
                            if !cell.text.is_empty() && !p.text.is_empty() {
                                cell.text.push(' ');
                            }
                            cell.push_piece(&p);
                        } else {
                            out.push_piece(&p);
                            out.text.push('\n');
                        }
                    }
                    b"w:tc" if table_depth > 0 => {
                        let mut c = std::mem::take(&mut cell);
                        c.text = c.text.replace('\n', " ");
                        row.push(c);
                    }
                    b"w:tr" if table_depth > 0 => {
                        for (i, c) in row.iter().enumerate() {
                            if i > 0 {
                                out.text.push('\t');
                            }
                            out.push_piece(c);
                        }
                        out.text.push('\n');
                        row.clear();
                    }
                    b"w:tbl" => table_depth = table_depth.saturating_sub(1),
                    _ => {}
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(format!(
                    "正文 XML 格式损坏，在正文部分第 {} 字节处（解析器的说明：{e}）",
                    reader.buffer_position()
                ))
            }
            _ => {}
        }
    }
    // Nodes that never closed, or runs that never closed, hold no text worth pointing at.
    layout.segments = out.segments;
    Ok((out.text, layout))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_runs_and_keeps_paragraphs_and_tables() {
        let xml = r#"<w:document><w:body>
            <w:p><w:r><w:t>瓯海区</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">娄桥街道</w:t></w:r></w:p>
            <w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r><w:r><w:delText>删掉的</w:delText></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>社区</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>户数</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>古岸头社区</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1200户</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>表后 &amp; 段落</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            body_text(xml).unwrap(),
            "瓯海区娄桥街道\n第一行\n第二行\n社区\t户数\n古岸头社区\t1200户\n表后 & 段落\n"
        );
    }

    #[test]
    fn every_written_character_points_back_into_its_text_element() {
        let xml = r#"<w:document><w:body>
            <w:p><w:r><w:t>瓯海&amp;区</w:t></w:r><w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> 娄桥</w:t><w:tab/><w:t>街道</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t xml:space="preserve">  社区 </w:t></w:r></w:p><w:p><w:r><w:t>二</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>户数</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            </w:body></w:document>"#;
        let (text, layout) = body_layout(xml).unwrap();
        assert_eq!(text, "瓯海&区 娄桥\t街道\n社区 二\t户数\n");
        // Every character that came from a <w:t> is found there, unescaped.
        for (at, c) in text.char_indices() {
            match layout.locate(at) {
                Some((node, offset)) => {
                    let n = &layout.nodes[node];
                    let content = quick_xml::escape::unescape(&xml[n.content.clone()]).unwrap();
                    assert_eq!(content[offset..].chars().next(), Some(c), "at {at}");
                }
                None => assert!(matches!(c, '\t' | '\n' | ' '), "{c:?} at {at}"),
            }
        }
        // The cell's leading spaces were trimmed: 社 is byte 2 of its node.
        let at = text.find("社区").unwrap();
        assert_eq!(layout.locate(at).map(|l| l.1), Some(2));
        // The separator between the cell's paragraphs is no node's.
        assert_eq!(layout.locate(text.find(" 二").unwrap()), None);
        // Runs know their properties.
        let bold = &layout.runs[1];
        assert_eq!(
            &xml[bold.properties.clone().unwrap()],
            "<w:rPr><w:b/></w:rPr>"
        );
        assert!(xml[bold.whole.clone()].starts_with("<w:r w:rsidR=\"1\">"));
        assert!(xml[bold.whole.clone()].ends_with("</w:r>"));
        assert_eq!(layout.nodes[2].run, Some(1));
        // Snapping across what no node wrote.
        let tab = text.find('\t').unwrap();
        assert_eq!(layout.next_written(tab), Some(tab + 1));
        assert_eq!(layout.previous_written_end(tab + 1), Some(tab));
    }

    /// A zip whose headers say `word/document.xml` is 100 bytes but which inflates to 8 MB.
    fn lying_zip_bomb(inflated: usize) -> Vec<u8> {
        use std::io::Write;
        let mut buf = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("word/document.xml", opts).unwrap();
            zip.write_all(b"<w:document><w:body><w:p><w:r><w:t>")
                .unwrap();
            zip.write_all(&vec![b'a'; inflated]).unwrap();
            zip.finish().unwrap();
        }
        let mut bytes = buf.into_inner();
        // Uncompressed size: offset 22 of the local header, 24 of the central header.
        bytes[22..26].copy_from_slice(&100u32.to_le_bytes());
        let central = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        bytes[central + 24..central + 28].copy_from_slice(&100u32.to_le_bytes());
        bytes
    }

    /// Counts what is read through it.
    struct Counting<R> {
        inner: R,
        read: std::rc::Rc<std::cell::Cell<u64>>,
    }

    impl<R: Read> Read for Counting<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.read.set(self.read.get() + n as u64);
            Ok(n)
        }
    }

    #[test]
    fn a_zip_bomb_that_lies_about_its_size_is_refused_without_inflating_it() {
        let bomb = lying_zip_bomb(8 * 1024 * 1024);
        assert!(bomb.len() < 64 * 1024, "{} bytes", bomb.len());
        let mut archive = zip::ZipArchive::new(Cursor::new(&bomb[..])).unwrap();
        let part = archive.by_name("word/document.xml").unwrap();
        assert_eq!(part.size(), 100, "the header lies");
        let read = std::rc::Rc::new(std::cell::Cell::new(0));
        let limit = 1024 * 1024;
        let e = read_part(
            Counting {
                inner: part,
                read: read.clone(),
            },
            limit,
        )
        .unwrap_err();
        assert!(e.contains("超过 1 MB"), "{e}");
        assert!(read.get() <= limit + 1, "read {} bytes", read.get());
        // Through the reader itself, with the real limit, the error is the same kind.
        let big = lying_zip_bomb(MAX_PART_BYTES as usize + 10);
        let e = extract(&big).unwrap_err();
        assert!(e.contains("压缩炸弹"), "{e}");
    }

    #[test]
    fn document_properties_name_the_category() {
        let core = |cat: &str, kw: &str| {
            format!(
                r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>标题</dc:title><cp:category>{cat}</cp:category><cp:keywords>{kw}</cp:keywords></cp:coreProperties>"#
            )
        };
        use crate::Category::*;
        assert_eq!(properties(&core("专报", "")).category, Some(Special));
        assert_eq!(
            properties(&core("", "信息，问题类")).category,
            Some(Problem)
        );
        assert_eq!(
            properties(&core("典型经验", "动态")).category,
            Some(Experience)
        );
        assert_eq!(properties(&core("", "问题类；动态")).category, None);
        assert_eq!(properties(&core("文件", "纽扣 桥头镇")).category, None);
        assert_eq!(properties("<broken").category, None);
    }

    #[test]
    fn xml_errors_are_explained_in_chinese() {
        let e = body_text("<w:document><w:p><w:t>甲</w:x></w:document>").unwrap_err();
        assert!(e.starts_with("正文 XML 格式损坏，在正文部分第"), "{e}");
    }

    #[test]
    fn not_a_zip() {
        assert!(extract(b"PK\x03\x04 truncated").is_err());
        assert!(extract("这不是docx".as_bytes()).is_err());
    }
}
