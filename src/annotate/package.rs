//! Comments (批注) written into a `.docx` package, and a package made from plain text.
//!
//! Written by hand over `zip` + `quick-xml`: the Rust docx crates either only write new
//! documents or read a document into their own model and write it back, which loses what they
//! do not model (tracked changes, fields, text boxes, vendor extensions). Here the package is
//! copied part by part, compressed bytes untouched, and only `word/document.xml`, the comments
//! part, `[Content_Types].xml` and `word/_rels/document.xml.rels` are rewritten; in
//! `document.xml` only the runs a comment starts or ends inside are split (each piece keeps the
//! run's `w:rPr`), and range markers are inserted between runs.

use std::collections::{BTreeMap, HashSet};
use std::io::{Cursor, Write};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::source::docx::{self, Layout};

/// The author of xinjian's comments; comments by this author are xinjian's own and are
/// replaced when a copy is annotated again.
pub const AUTHOR: &str = "信鉴";
/// The initials shown beside xinjian's comments.
pub const INITIALS: &str = "XJ";

const MAIN: &str = "word/document.xml";
const RELS: &str = "word/_rels/document.xml.rels";
const TYPES: &str = "[Content_Types].xml";
const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// One comment to write: a range of the package's body text (byte offsets into the text
/// [`docx::body_layout`] reads) and its paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    pub paragraphs: Vec<String>,
}

/// Writes `anchors` as comments by [`AUTHOR`] dated `date` (`2026-12-07`), replacing the
/// comments xinjian wrote before. Returns the new package.
pub fn annotate(bytes: &[u8], anchors: &[Anchor], date: &str) -> Result<Vec<u8>, String> {
    annotate_with(bytes, None, anchors, date).map(|(out, _)| out)
}

/// [`annotate`], given the main part as already read (the same package's
/// `word/document.xml` and its layout, as [`docx::read`] gives them), so that it is not
/// inflated and parsed again. The body text is given back only when the part was read here
/// (the given part is known to be this package's: same CRC-32 and size).
pub fn annotate_with(
    bytes: &[u8],
    main_part: Option<&docx::Word>,
    anchors: &[Anchor],
    date: &str,
) -> Result<(Vec<u8>, Option<String>), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| "文件不是 zip 格式，可能已损坏或被截断".to_string())?;
    let read = docx::named_part::<Cursor<&[u8]>>;
    // The main part as already read, when it is this package's (same CRC-32).
    let given = main_part.filter(|w| {
        zip.by_name(MAIN)
            .is_ok_and(|p| p.crc32() == w.crc32 && p.size() == w.xml.len() as u64)
    });
    let main = match given {
        Some(w) => std::borrow::Cow::Borrowed(w.xml.as_str()),
        None => {
            std::borrow::Cow::Owned(read(&mut zip, MAIN)?.ok_or("缺少正文部分 word/document.xml")?)
        }
    };
    let types = read(&mut zip, TYPES)?.ok_or("缺少 [Content_Types].xml")?;
    let rels = read(&mut zip, RELS)?;
    // The comments part, where the relationships name one.
    let comments_name = rels.as_deref().and_then(comments_target);
    let old_comments = match &comments_name {
        Some(name) => read(&mut zip, name)?,
        None => None,
    };

    // xinjian's earlier comments out, everywhere.
    let (kept_comments, ours, our_paragraphs) = match &old_comments {
        Some(xml) => strip_comments(xml)?,
        None => (String::new(), HashSet::new(), HashSet::new()),
    };
    let companions = strip_companions(&mut zip, &our_paragraphs)?;
    // Without earlier comments of xinjian's to take out, the given layout holds.
    let (main, text, layout) = match given {
        Some(w) if ours.is_empty() => (
            main,
            std::borrow::Cow::Borrowed(w.text.as_str()),
            std::borrow::Cow::Borrowed(&w.layout),
        ),
        _ => {
            let main = strip_markers(&main, &ours)?;
            let (text, layout) = docx::body_layout(&main)?;
            (
                std::borrow::Cow::Owned(main),
                std::borrow::Cow::Owned(text),
                std::borrow::Cow::Owned(layout),
            )
        }
    };
    let first_id = max_id(&main).max(max_id(&kept_comments)) + 1;

    let ids: Vec<i64> = (0..anchors.len() as i64).map(|i| first_id + i).collect();
    let main = insert_markers(&main, &text, &layout, anchors, &ids)?;
    drop(layout);
    let mut new_comments = String::with_capacity(
        anchors
            .iter()
            .map(|a| 160 + a.paragraphs.iter().map(|p| p.len() + 48).sum::<usize>())
            .sum(),
    );
    for (a, id) in anchors.iter().zip(&ids) {
        comment_xml(&mut new_comments, *id, date, &a.paragraphs);
    }
    let (comments_name, comments, types, rels) = match (comments_name, old_comments) {
        (Some(name), Some(_)) => {
            let at = kept_comments
                .rfind("</w:comments>")
                .ok_or("批注部分格式不对（没有 </w:comments>）")?;
            let mut c = kept_comments.clone();
            c.insert_str(at, &new_comments);
            (name, c, types, rels)
        }
        _ => {
            let name = "word/comments.xml".to_string();
            let c = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments xmlns:w=\"{W_NS}\">{new_comments}</w:comments>"
            );
            let types = add_override(&types, "/word/comments.xml")?;
            let rels = add_relationship(rels.as_deref())?;
            (name, c, types, Some(rels))
        }
    };

    let mut rewritten: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    rewritten.insert(MAIN.to_string(), main.into_bytes());
    rewritten.insert(comments_name.clone(), comments.into_bytes());
    rewritten.insert(TYPES.to_string(), types.into_bytes());
    if let Some(r) = rels {
        rewritten.insert(RELS.to_string(), r.into_bytes());
    }
    for (name, xml) in companions {
        rewritten.insert(name, xml.into_bytes());
    }

    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(
        bytes.len() + rewritten.values().map(Vec::len).sum::<usize>(),
    )));
    // The rewritten parts are stored, not compressed, unless large: starting a deflate
    // stream costs more than checking the draft (measured in benches/annotate.rs), and a
    // draft's XML is a few tens of kilobytes.
    let options = |len: usize| {
        zip::write::SimpleFileOptions::default().compression_method(if len > 1024 * 1024 {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        })
    };
    for i in 0..zip.len() {
        let part = zip
            .by_index_raw(i)
            .map_err(|e| format!("无法读取包中第 {} 个部分（{e}）", i + 1))?;
        let name = part.name().to_string();
        if let Some(content) = rewritten.remove(&name) {
            drop(part);
            out.start_file(name.as_str(), options(content.len()))
                .and_then(|_| out.write_all(&content).map_err(Into::into))
                .map_err(|e| format!("写出 {name} 失败（{e}）"))?;
        } else {
            out.raw_copy_file(part)
                .map_err(|e| format!("复制 {name} 失败（{e}）"))?;
        }
    }
    // Parts that did not exist before (the comments part, the relationships).
    for (name, content) in rewritten {
        out.start_file(name.as_str(), options(content.len()))
            .and_then(|_| out.write_all(&content).map_err(Into::into))
            .map_err(|e| format!("写出 {name} 失败（{e}）"))?;
    }
    let out = out.finish().map_err(|e| format!("写出批注稿失败（{e}）"))?;
    let text = match text {
        std::borrow::Cow::Owned(t) => Some(t),
        std::borrow::Cow::Borrowed(_) => None,
    };
    Ok((out.into_inner(), text))
}

/// The comments part named in `document.xml.rels`, as a path in the package.
fn comments_target(rels: &str) -> Option<String> {
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e)) | Ok(Event::Start(e))
                if e.local_name().as_ref() == b"Relationship"
                    && attr(&e, b"Type").as_deref() == Some(COMMENTS_REL) =>
            {
                let target = attr(&e, b"Target")?;
                let target = target.trim_start_matches('/');
                return Some(if target.starts_with("word/") {
                    target.to_string()
                } else {
                    format!("word/{target}")
                });
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.unescape_value().ok())
        .map(|v| v.into_owned())
}

/// The comments part without xinjian's comments, their ids, and the paragraph ids
/// (`w14:paraId`) Word gave their paragraphs (the key of the parts beside the comments).
fn strip_comments(xml: &str) -> Result<(String, HashSet<String>, HashSet<String>), String> {
    let mut ours = HashSet::new();
    let (kept, removed) = cut_elements(xml, |e| {
        let mine =
            e.name().as_ref() == b"w:comment" && attr(e, b"w:author").as_deref() == Some(AUTHOR);
        if mine {
            if let Some(id) = attr(e, b"w:id") {
                ours.insert(id);
            }
        }
        mine
    })
    .map_err(|e| format!("批注部分 XML 格式损坏（{e}）"))?;
    static PARA: once_cell::sync::Lazy<regex::Regex> = once_cell::sync::Lazy::new(|| {
        regex::Regex::new(r#"\bw14:paraId="([0-9A-Fa-f]{1,8})""#).expect("paraId regex")
    });
    let paragraphs = removed
        .iter()
        .flat_map(|r| {
            PARA.captures_iter(&xml[r.clone()])
                .map(|c| c[1].to_string())
        })
        .collect();
    Ok((kept, ours, paragraphs))
}

/// `xml` without the elements `select` picks (the outermost ones, with what they hold), and
/// where they were.
fn cut_elements(
    xml: &str,
    mut select: impl FnMut(&BytesStart) -> bool,
) -> Result<(String, Vec<std::ops::Range<usize>>), quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut cuts = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut depth = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event()?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) => {
                depth += 1;
                if open.is_none() && select(&e) {
                    open = Some((before, depth));
                }
            }
            Event::Empty(e) if open.is_none() && select(&e) => cuts.push(before..after),
            Event::End(_) => {
                if let Some((start, d)) = open {
                    if d == depth {
                        cuts.push(start..after);
                        open = None;
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((cut(xml, &cuts), cuts))
}

/// The parts Word keeps beside the comments (done state, durable ids, dates), without the
/// entries of the comments whose paragraphs are `paragraphs`. Each is given back only when
/// it changed.
fn strip_companions(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    paragraphs: &HashSet<String>,
) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    if paragraphs.is_empty() {
        return Ok(out);
    }
    let extended = docx::named_part(zip, "word/commentsExtended.xml")?;
    let ids = docx::named_part(zip, "word/commentsIds.xml")?;
    let extensible = docx::named_part(zip, "word/commentsExtensible.xml")?;
    let broken = |name: &str, e: quick_xml::Error| format!("{name} 格式损坏（{e}）");
    if let Some(xml) = extended {
        let (kept, cuts) = cut_elements(&xml, |e| {
            e.name().as_ref() == b"w15:commentEx"
                && attr(e, b"w15:paraId").is_some_and(|p| paragraphs.contains(&p))
        })
        .map_err(|e| broken("commentsExtended.xml", e))?;
        if !cuts.is_empty() {
            out.push(("word/commentsExtended.xml".to_string(), kept));
        }
    }
    let mut durable = HashSet::new();
    if let Some(xml) = ids {
        let (kept, cuts) = cut_elements(&xml, |e| {
            let mine = e.name().as_ref() == b"w16cid:commentId"
                && attr(e, b"w16cid:paraId").is_some_and(|p| paragraphs.contains(&p));
            if mine {
                durable.extend(attr(e, b"w16cid:durableId"));
            }
            mine
        })
        .map_err(|e| broken("commentsIds.xml", e))?;
        if !cuts.is_empty() {
            out.push(("word/commentsIds.xml".to_string(), kept));
        }
    }
    if let Some(xml) = extensible {
        let (kept, cuts) = cut_elements(&xml, |e| {
            e.name().as_ref() == b"w16cex:commentExtensible"
                && attr(e, b"w16cex:durableId").is_some_and(|d| durable.contains(&d))
        })
        .map_err(|e| broken("commentsExtensible.xml", e))?;
        if !cuts.is_empty() {
            out.push(("word/commentsExtensible.xml".to_string(), kept));
        }
    }
    Ok(out)
}

fn cut(xml: &str, cuts: &[std::ops::Range<usize>]) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut at = 0;
    for c in cuts {
        out.push_str(&xml[at..c.start]);
        at = c.end;
    }
    out.push_str(&xml[at..]);
    out
}

/// `document.xml` without the range markers and reference runs of the comments `ids`.
fn strip_markers(xml: &str, ids: &HashSet<String>) -> Result<String, String> {
    if ids.is_empty() {
        return Ok(xml.to_string());
    }
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut cuts = Vec::new();
    // Open runs: start, element depth, whether they hold a reference to one of ours, whether
    // they hold anything else.
    let mut runs: Vec<(usize, usize, bool, bool)> = Vec::new();
    let mut depth = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| format!("正文 XML 格式损坏（{e}）"))?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) => {
                depth += 1;
                if e.name().as_ref() == b"w:r" {
                    runs.push((before, depth, false, false));
                } else if let Some(r) = runs.last_mut() {
                    if r.1 + 1 == depth && e.name().as_ref() != b"w:rPr" {
                        r.3 = true;
                    }
                }
            }
            Event::Empty(e) => {
                let ours = || attr(&e, b"w:id").is_some_and(|id| ids.contains(&id));
                match e.name().as_ref() {
                    b"w:commentRangeStart" | b"w:commentRangeEnd" if ours() => {
                        cuts.push(before..after)
                    }
                    name => {
                        if let Some(r) = runs.last_mut() {
                            if r.1 == depth && name != b"w:rPr" {
                                if name == b"w:commentReference" && ours() {
                                    r.2 = true;
                                } else {
                                    r.3 = true;
                                }
                            }
                        }
                    }
                }
            }
            Event::End(e) => {
                if e.name().as_ref() == b"w:r" {
                    if let Some((start, _, reference, other)) = runs.pop() {
                        if reference && !other {
                            // Cuts inside this run go with it.
                            cuts.retain(|c| c.start < start);
                            cuts.push(start..after);
                        }
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    cuts.sort_by_key(|c| c.start);
    Ok(cut(xml, &cuts))
}

/// The largest comment id used in a part (−1 when none).
fn max_id(xml: &str) -> i64 {
    static ID: once_cell::sync::Lazy<regex::Regex> = once_cell::sync::Lazy::new(|| {
        regex::Regex::new(
            r#"<w:(?:comment|commentRangeStart|commentRangeEnd|commentReference)\b[^>]*?\bw:id="(-?[0-9]{1,9})""#,
        )
        .expect("comment id regex")
    });
    ID.captures_iter(xml)
        .filter_map(|c| c[1].parse::<i64>().ok())
        .max()
        .unwrap_or(-1)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// Bytes that [`escape_into`] looks at: markup characters, control characters and the lead
/// byte of U+FFFE/U+FFFF.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = !matches!(i as u8, b'\t' | b'\n' | b'\r');
        i += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'"' as usize] = true;
    t[0xEF] = true;
    t
};

/// Appends `s` escaped for XML text or an attribute value; characters XML 1.0 does not allow
/// become spaces. Plain stretches are copied whole.
fn escape_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    loop {
        while i < b.len() && !SPECIAL[b[i] as usize] {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let (replacement, len): (&str, usize) = match b[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            // U+FFFE and U+FFFF.
            0xEF if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) => {
                (" ", 3)
            }
            0xEF => {
                i += 1;
                continue;
            }
            _ => (" ", 1),
        };
        out.push_str(&s[from..i]);
        out.push_str(replacement);
        i += len;
        from = i;
    }
    out.push_str(&s[from..]);
}

/// Appends one `<w:comment>` by [`AUTHOR`].
fn comment_xml(out: &mut String, id: i64, date: &str, paragraphs: &[String]) {
    out.push_str("<w:comment w:id=\"");
    out.push_str(&id.to_string());
    out.push_str("\" w:author=\"");
    out.push_str(AUTHOR);
    out.push_str("\" w:date=\"");
    escape_into(out, date);
    out.push_str("T00:00:00Z\" w:initials=\"");
    out.push_str(INITIALS);
    out.push_str("\">");
    for p in paragraphs {
        out.push_str("<w:p><w:r><w:t xml:space=\"preserve\">");
        escape_into(out, p);
        out.push_str("</w:t></w:r></w:p>");
    }
    out.push_str("</w:comment>");
}

fn add_override(types: &str, part: &str) -> Result<String, String> {
    if types.contains(&format!("PartName=\"{part}\"")) {
        return Ok(types.to_string());
    }
    let at = types
        .rfind("</Types>")
        .ok_or("[Content_Types].xml 格式不对（没有 </Types>）")?;
    let mut t = types.to_string();
    t.insert_str(
        at,
        &format!("<Override PartName=\"{part}\" ContentType=\"{COMMENTS_TYPE}\"/>"),
    );
    Ok(t)
}

fn add_relationship(rels: Option<&str>) -> Result<String, String> {
    let rels = rels.unwrap_or(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>",
    );
    let mut n = 1;
    while rels.contains(&format!("Id=\"rIdXinjian{n}\"")) {
        n += 1;
    }
    let at = rels
        .rfind("</Relationships>")
        .ok_or("word/_rels/document.xml.rels 格式不对（没有 </Relationships>）")?;
    let mut r = rels.to_string();
    r.insert_str(
        at,
        &format!(
            "<Relationship Id=\"rIdXinjian{n}\" Type=\"{COMMENTS_REL}\" Target=\"comments.xml\"/>"
        ),
    );
    Ok(r)
}

/// Where a comment boundary goes: before character `offset` (bytes of unescaped text) of
/// text node `node`; `offset` may be the node's length (after its last character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Point {
    node: usize,
    offset: usize,
}

/// The escaped byte offset in `content` of unescaped byte offset `offset`; `None` when the
/// content holds markup (CDATA, a comment) that this mapping does not follow.
fn escaped_offset(content: &str, offset: usize) -> Option<usize> {
    if content.contains('<') {
        return None;
    }
    let (mut raw, mut plain) = (0, 0);
    let b = content.as_bytes();
    while plain < offset {
        if raw >= b.len() {
            return None;
        }
        if b[raw] == b'&' {
            let end = raw + content[raw..].find(';')?;
            let entity = &content[raw + 1..end];
            let c = match entity {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let n = if let Some(h) = entity.strip_prefix("#x").or(entity.strip_prefix("#X"))
                    {
                        u32::from_str_radix(h, 16).ok()?
                    } else {
                        entity.strip_prefix('#')?.parse().ok()?
                    };
                    char::from_u32(n)?
                }
            };
            plain += c.len_utf8();
            raw = end + 1;
        } else {
            let c = content[raw..].chars().next()?;
            plain += c.len_utf8();
            raw += c.len_utf8();
        }
    }
    (plain == offset).then_some(raw)
}

/// One place in the XML where markers go, and how: between two children of a run (the run
/// is closed and reopened), inside a `<w:t>` (the text and the run are closed and reopened),
/// or between runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Split {
    Between,
    Run(usize),
    Text(usize),
}

/// The XML position and kind of split for a boundary.
fn place(xml: &str, layout: &Layout, p: Point) -> Result<(usize, Split), String> {
    let n = &layout.nodes[p.node];
    let run_index = n
        .run
        .ok_or("正文中有不在文字块（w:r）里的文字，无法定位批注")?;
    let run = &layout.runs[run_index];
    let content = &xml[n.content.clone()];
    let offset = if p.offset == 0 || p.offset >= n.len {
        p.offset.min(n.len)
    } else {
        match escaped_offset(content, p.offset) {
            Some(q) => return Ok((n.content.start + q, Split::Text(run_index))),
            // Markup inside the text: the boundary moves to the node's nearer end.
            None if p.offset * 2 < n.len => 0,
            None => n.len,
        }
    };
    let at = if offset == 0 {
        n.open_tag.start
    } else {
        // After the node's end tag.
        let close = xml[n.content.end..].find('>').ok_or("正文 XML 不完整")?;
        n.content.end + close + 1
    };
    let first_child = run.properties.as_ref().map_or(run.open_tag.end, |p| p.end);
    let last_child_end = run.whole.end - "</w:r>".len();
    if xml[first_child..at].trim().is_empty() {
        Ok((run.whole.start, Split::Between))
    } else if xml[at..last_child_end].trim().is_empty() {
        Ok((run.whole.end, Split::Between))
    } else {
        Ok((at, Split::Run(run_index)))
    }
}

/// `document.xml` with the comment markers of `anchors` (ids `ids`) inserted.
fn insert_markers(
    xml: &str,
    text: &str,
    layout: &Layout,
    anchors: &[Anchor],
    ids: &[i64],
) -> Result<String, String> {
    if layout.segments.is_empty() {
        return Err("正文没有文字，无法加批注".to_string());
    }
    // Per XML position: the split, then the markers: ends (0), starts (1), points (2).
    let mut at: BTreeMap<usize, (Split, Vec<(u8, i64)>)> = BTreeMap::new();
    let mut preserve: HashSet<usize> = HashSet::new();
    for (a, &id) in anchors.iter().zip(ids) {
        let (start, end) = written_range(text, layout, a.start, a.end);
        let point = |offset: usize, after: bool| -> Option<Point> {
            if after {
                let last = text[..offset].char_indices().next_back()?;
                let (node, o) = layout.locate(last.0)?;
                Some(Point {
                    node,
                    offset: o + last.1.len_utf8(),
                })
            } else {
                let (node, o) = layout.locate(offset)?;
                Some(Point { node, offset: o })
            }
        };
        let mut put = |p: Point, kind: u8| -> Result<(), String> {
            let (pos, split) = place(xml, layout, p)?;
            if let Split::Text(_) = split {
                preserve.insert(p.node);
            }
            let e = at.entry(pos).or_insert((split, Vec::new()));
            e.0 = e.0.max(split);
            e.1.push((kind, id));
            Ok(())
        };
        if start < end {
            let s = point(start, false).ok_or("批注位置不在正文文字上")?;
            let e = point(end, true).ok_or("批注位置不在正文文字上")?;
            put(s, 1)?;
            put(e, 0)?;
        } else {
            let p = point(start, false)
                .or_else(|| point(start, true))
                .ok_or("批注位置不在正文文字上")?;
            put(p, 2)?;
        }
    }
    // Edits in XML order; an insertion at a position goes before a replacement starting there.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for node in preserve {
        let n = &layout.nodes[node];
        edits.push((
            n.open_tag.start,
            n.open_tag.end,
            "<w:t xml:space=\"preserve\">".to_string(),
        ));
    }
    for (pos, (split, mut marks)) in at {
        marks.sort();
        let mut s = String::new();
        let reopen = |run: usize| {
            let r = &layout.runs[run];
            let mut o = xml[r.open_tag.clone()].to_string();
            if let Some(p) = &r.properties {
                o.push_str(&xml[p.clone()]);
            }
            o
        };
        match split {
            Split::Text(_) => s.push_str("</w:t></w:r>"),
            Split::Run(_) => s.push_str("</w:r>"),
            Split::Between => {}
        }
        for (kind, id) in marks {
            let id = id.to_string();
            let start = |s: &mut String| {
                s.push_str("<w:commentRangeStart w:id=\"");
                s.push_str(&id);
                s.push_str("\"/>");
            };
            let end = |s: &mut String| {
                s.push_str("<w:commentRangeEnd w:id=\"");
                s.push_str(&id);
                s.push_str("\"/><w:r><w:commentReference w:id=\"");
                s.push_str(&id);
                s.push_str("\"/></w:r>");
            };
            match kind {
                0 => end(&mut s),
                1 => start(&mut s),
                _ => {
                    start(&mut s);
                    end(&mut s);
                }
            }
        }
        match split {
            Split::Text(run) => {
                s.push_str(&reopen(run));
                s.push_str("<w:t xml:space=\"preserve\">");
            }
            Split::Run(run) => s.push_str(&reopen(run)),
            Split::Between => {}
        }
        edits.push((pos, pos, s));
    }
    edits.sort_by_key(|e| (e.0, e.1));
    let mut out = String::with_capacity(xml.len() + edits.len() * 160);
    let mut done = 0;
    for (from, to, s) in edits {
        if from < done {
            return Err("批注位置重叠，无法写入".to_string());
        }
        out.push_str(&xml[done..from]);
        out.push_str(&s);
        done = to;
    }
    out.push_str(&xml[done..]);
    Ok(out)
}

/// The part of `start..end` that is written text: from the first written character at or
/// after `start` to the end of the last one before `end`. A range with no written character
/// becomes an empty range at the nearest written character.
fn written_range(text: &str, layout: &Layout, start: usize, end: usize) -> (usize, usize) {
    let start = start.min(text.len());
    let end = end.min(text.len()).max(start);
    let s = layout.next_written(start);
    let e = layout.previous_written_end(end);
    match (s, e) {
        (Some(s), Some(e)) if s < e => (s, e),
        (Some(s), _) => (s, s),
        (None, Some(e)) => (e, e),
        (None, None) => (0, 0),
    }
}

/// A `.docx` whose body is `text`, one paragraph per line (tabs kept as tabs), for drafts
/// that did not come as a `.docx`. The body text it reads back is `text` with a line break
/// after the last line, and with characters XML cannot hold replaced by spaces of the same
/// length, so that offsets into `text` hold in the package.
pub fn from_text(text: &str) -> Vec<u8> {
    let mut body = String::with_capacity(text.len() * 2);
    for line in text.split('\n') {
        body.push_str("<w:p>");
        if !line.is_empty() {
            body.push_str("<w:r>");
            for (i, piece) in line.split('\t').enumerate() {
                if i > 0 {
                    body.push_str("<w:tab/>");
                }
                if !piece.is_empty() {
                    body.push_str("<w:t xml:space=\"preserve\">");
                    body.push_str(&escape(&piece.replace('\r', " ")));
                    body.push_str("</w:t>");
                }
            }
            body.push_str("</w:r>");
        }
        body.push_str("</w:p>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\"{W_NS}\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:styles xmlns:w=\"{W_NS}\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"仿宋_GB2312\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line=\"560\" w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults></w:styles>"
    );
    let parts: [(&str, String); 5] = [
        (
            TYPES,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>".to_string(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string(),
        ),
        (MAIN, document),
        (
            RELS,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>".to_string(),
        ),
        ("word/styles.xml", styles),
    ];
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        // Writing into memory cannot fail.
        out.start_file(name, deflate).expect("zip in memory");
        out.write_all(content.as_bytes()).expect("zip in memory");
    }
    out.finish().expect("zip in memory").into_inner()
}

/// Whether `bytes` are a package with comments by xinjian (an annotated copy).
pub fn is_annotated(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let Some(rels) = docx::named_part(&mut zip, RELS).ok().flatten() else {
        return false;
    };
    let Some(name) = comments_target(&rels) else {
        return false;
    };
    docx::named_part(&mut zip, &name)
        .ok()
        .flatten()
        .is_some_and(|xml| xml.contains(&format!("w:author=\"{AUTHOR}\"")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_offsets_follow_entities() {
        assert_eq!(escaped_offset("a&amp;b", 1), Some(1));
        assert_eq!(escaped_offset("a&amp;b", 2), Some(6));
        assert_eq!(escaped_offset("桥&#x5934;镇", 6), Some(11));
        assert_eq!(escaped_offset("桥头", 3), Some(3));
        assert_eq!(escaped_offset("桥头", 1), None);
        assert_eq!(escaped_offset("a<![CDATA[b]]>", 1), None);
    }

    #[test]
    fn escaping_keeps_text_and_replaces_what_xml_cannot_hold() {
        assert_eq!(
            escape("桥头镇，R&D <1> \"x\""),
            "桥头镇，R&amp;D &lt;1&gt; &quot;x&quot;"
        );
        assert_eq!(escape("a\u{1}b\tc\n"), "a b\tc\n");
        assert_eq!(escape("a\u{fffe}b\u{ffff}（c）"), "a b （c）");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn ids_are_found_in_any_comment_element() {
        assert_eq!(max_id("<w:p/>"), -1);
        assert_eq!(
            max_id(r#"<w:commentRangeStart w:id="3"/><w:comment w:author="x" w:id="12">"#),
            12
        );
    }
}
