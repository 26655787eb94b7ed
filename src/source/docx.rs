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
    extract_with_properties(bytes).map(|(text, _)| text)
}

/// What a `.docx`'s document properties (文件 → 属性: 类别, 关键词) say of the draft.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Properties {
    /// A category named in `cp:category`, or else in `cp:keywords`.
    pub category: Option<crate::Category>,
}

/// The body text and the document properties.
pub fn extract_with_properties(bytes: &[u8]) -> Result<(String, Properties), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        "文件不是 zip 格式，可能已损坏、被截断，或是改了扩展名的其他文件".to_string()
    })?;
    let text = {
        let part = archive
            .by_name("word/document.xml")
            .map_err(|_| "缺少正文部分 word/document.xml".to_string())?;
        body_text(&read_part(part, MAX_PART_BYTES)?)?
    };
    // Properties are a convenience: a missing or damaged part leaves them empty.
    let properties = archive
        .by_name("docProps/core.xml")
        .ok()
        .and_then(|p| read_part(p, 1024 * 1024).ok())
        .map(|xml| properties(&xml))
        .unwrap_or_default();
    Ok((text, properties))
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
    let mut bytes = Vec::new();
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

fn body_text(xml: &str) -> Result<String, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut out = String::new();
    let mut para = String::new();
    // Inside a table cell, paragraphs are collected into the cell, cells into the row.
    let mut table_depth = 0usize;
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.name().as_ref() {
                b"w:t" => in_text = true,
                b"w:tbl" => table_depth += 1,
                b"w:tr" if table_depth > 0 => row.clear(),
                b"w:tc" if table_depth > 0 => cell.clear(),
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"w:tab" => para.push('\t'),
                b"w:br" | b"w:cr" => para.push('\n'),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                let s = t
                    .unescape()
                    .map_err(|e| format!("正文 XML 中有无法识别的转义字符（解析器的说明：{e}）"))?;
                para.push_str(&s);
            }
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => {
                    let p = std::mem::take(&mut para);
                    if table_depth > 0 {
                        if !cell.is_empty() && !p.trim().is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(p.trim());
                    } else {
                        out.push_str(&p);
                        out.push('\n');
                    }
                }
                b"w:tc" if table_depth > 0 => {
                    row.push(std::mem::take(&mut cell).replace('\n', " "))
                }
                b"w:tr" if table_depth > 0 => {
                    out.push_str(&row.join("\t"));
                    out.push('\n');
                    row.clear();
                }
                b"w:tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
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
    Ok(out)
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
