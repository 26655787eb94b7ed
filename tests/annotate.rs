//! The annotated copy (`check --annotate`), opened as Word would open it: the package's parts
//! and XML, not its bytes. Every `.docx` and `.doc` the repository ships, a plain-text draft,
//! and a draft built here with what real Word files hold (formatting that changes inside a
//! finding's span, a table, a tab and a manual line break, an escaped character, a comment by
//! someone else, tracked insertions and deletions).

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use quick_xml::Reader;
use xinjian::annotate::{self, package::AUTHOR};
use xinjian::{source, Config, DocReport, Engine};

const DATE: &str = "2026-12-07";

/// Every part of a package, inflated.
fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut v = Vec::new();
        f.read_to_end(&mut v).unwrap();
        out.insert(f.name().to_string(), v);
    }
    out
}

fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.unescape_value().unwrap().into_owned())
}

/// The text between each comment's range start and end in `document.xml`, read here
/// independently of xinjian's reader: text elements, tabs, breaks, paragraph ends.
fn marked(xml: &str) -> HashMap<String, String> {
    let mut reader = Reader::from_str(xml);
    let mut text = String::new();
    let mut starts: HashMap<String, usize> = HashMap::new();
    let mut out = HashMap::new();
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::End(e) if e.name().as_ref() == b"w:p" => text.push('\n'),
            Event::Text(t) if in_t => text.push_str(&t.unescape().unwrap()),
            Event::Empty(e) => match e.name().as_ref() {
                b"w:tab" => text.push('\t'),
                b"w:br" => text.push('\n'),
                b"w:commentRangeStart" => {
                    starts.insert(attr(&e, b"w:id").unwrap(), text.len());
                }
                b"w:commentRangeEnd" => {
                    let id = attr(&e, b"w:id").unwrap();
                    let s = starts[&id];
                    out.insert(id, text[s..].to_string());
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The comments of a comments part: id, author, text.
fn comments(xml: &str) -> Vec<(String, String, String)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"w:comment" => out.push((
                attr(&e, b"w:id").unwrap(),
                attr(&e, b"w:author").unwrap_or_default(),
                String::new(),
            )),
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::End(e) if e.name().as_ref() == b"w:p" => {
                if let Some(c) = out.last_mut() {
                    c.2.push('\n');
                }
            }
            Event::Text(t) if in_t => out.last_mut().unwrap().2.push_str(&t.unescape().unwrap()),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn engine() -> Engine {
    Engine::new(Config::default()).unwrap()
}

/// A `.docx` with the given body, an optional comments part, and a header.
fn package(body: &str, comments: Option<&str>) -> Vec<u8> {
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>"#,
    );
    if comments.is_some() {
        types.push_str(r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#);
        rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>"#);
    }
    types.push_str("</Types>");
    rels.push_str("</Relationships>");
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{w}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rId1"/></w:sectPr></w:body></w:document>"#
    );
    let mut files = vec![
        ("[Content_Types].xml", types),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", rels),
        ("word/header1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="{w}"><w:p><w:r><w:t>永嘉县委办公室</w:t></w:r></w:p></w:hdr>"#)),
    ];
    if let Some(c) = comments {
        files.push((
            "word/comments.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{w}">{c}</w:comments>"#),
        ));
    }
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, content) in files {
        out.start_file(name, opts).unwrap();
        out.write_all(content.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A draft as Word writes one: the title in three runs of different formatting, a cliché
/// split between a bold and a plain run, an entity, a tab, a manual line break, a table, a
/// tracked insertion and deletion, and a comment by someone else.
fn word_like_draft() -> Vec<u8> {
    let body = r#"
<w:p><w:r><w:t>永嘉县</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>桥头镇纽扣</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>企业用工缺口扩大</w:t></w:r></w:p>
<w:p><w:r><w:t>今年以来，我县</w:t></w:r><w:r><w:rPr><w:b/><w:color w:val="FF0000"/></w:rPr><w:t>高度</w:t></w:r><w:r><w:t>重视纽扣产业发展，R&amp;D投入持续加大。全镇127家纽扣企业中有41家缺工超过两成，</w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>缺口合计约1800人</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:t>。</w:t></w:r><w:ins w:id="901" w:author="李四" w:date="2026-11-01T00:00:00Z"><w:r><w:t>其中熟练工缺口最大，</w:t></w:r></w:ins><w:del w:id="902" w:author="李四" w:date="2026-11-01T00:00:00Z"><w:r><w:delText>删除的旧句子。</w:delText></w:r></w:del><w:r><w:t>东岙村某纽扣厂停了两条生产线。</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">截至</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \@ "M月d日" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>11月20日</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>，第</w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t>批企业已复工。</w:t></w:r></w:p>
<w:p><w:r><w:t>分行业看：</w:t><w:tab/><w:t>纽扣制造缺工1200人；</w:t><w:br/><w:t>辅料加工缺工600人。</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>村</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>缺工</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>东岙村</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>350人</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>建议进一步加强领导，</w:t></w:r><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>形成合力</w:t></w:r><w:r><w:t>，切实解决用工难题。</w:t></w:r></w:p>"#;
    let others = r#"<w:comment w:id="0" w:author="张三" w:date="2026-11-02T00:00:00Z" w:initials="ZS"><w:p><w:r><w:t>这个数字请再核实。</w:t></w:r></w:p></w:comment>"#;
    package(body, Some(others))
}

struct Case {
    name: PathBuf,
    original: Vec<u8>,
    report: DocReport,
    copy: Vec<u8>,
}

fn annotate_one(engine: &Engine, name: &Path, bytes: Vec<u8>) -> Case {
    let doc = source::from_bytes(name, &bytes).unwrap();
    let report = engine.check(doc);
    let copy = annotate::annotate(name, &bytes, &report, DATE)
        .unwrap_or_else(|e| panic!("{}: {e}", name.display()))
        .bytes;
    Case {
        name: name.to_path_buf(),
        original: bytes,
        report,
        copy,
    }
}

fn shipped_drafts() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["corpus", "tests/fixtures/docx", "tests/fixtures/doc"] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            if matches!(ext, "docx" | "doc") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 9, "{files:?}");
    files
}

fn all_cases(engine: &Engine) -> Vec<Case> {
    let mut cases: Vec<Case> = shipped_drafts()
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            annotate_one(engine, &p, bytes)
        })
        .collect();
    cases.push(annotate_one(
        engine,
        Path::new("word_like.docx"),
        word_like_draft(),
    ));
    let txt = "corpus/2026-11-04_平阳县委办_电动自行车安全管理工作情况.txt";
    cases.push(annotate_one(
        engine,
        Path::new(txt),
        std::fs::read(txt).unwrap(),
    ));
    cases
}

/// The checks every annotated copy passes; returns how many comments it holds in all.
fn verify(c: &Case) -> usize {
    let name = c.name.display();
    let before = if c.original.starts_with(b"PK") {
        parts(&c.original)
    } else {
        BTreeMap::new()
    };
    let after = parts(&c.copy);
    let is_docx = before.contains_key("word/document.xml");
    let main = String::from_utf8(after["word/document.xml"].clone()).unwrap();
    let rels = String::from_utf8(after["word/_rels/document.xml.rels"].clone()).unwrap();
    assert!(rels.contains("relationships/comments"), "{name}");
    let all = comments(std::str::from_utf8(&after["word/comments.xml"]).unwrap());
    let ours: Vec<_> = all.iter().filter(|c| c.1 == AUTHOR).collect();
    let notes = annotate::notes(&c.report);
    assert_eq!(ours.len(), c.report.diagnostics.len() + 1, "{name}");
    assert_eq!(ours.len(), notes.len(), "{name}");
    // Each comment's text is the note's, and the text it is anchored on the note's span.
    let spans = marked(&main);
    let text = &c.report.doc.text;
    for (comment, note) in ours.iter().zip(&notes) {
        assert_eq!(
            squeeze(&comment.2),
            squeeze(&note.paragraphs.concat()),
            "{name}"
        );
        let anchored = spans
            .get(&comment.0)
            .unwrap_or_else(|| panic!("{name}: comment {} has no range", comment.0));
        assert_eq!(
            squeeze(anchored),
            squeeze(&text[note.start..note.end]),
            "{name}: comment {} ({})",
            comment.0,
            comment.2.lines().next().unwrap_or("")
        );
        assert!(
            main.contains(&format!("<w:commentReference w:id=\"{}\"/>", comment.0)),
            "{name}"
        );
    }
    // The copy reads as the same draft.
    let again = source::from_bytes(Path::new("copy.docx"), &c.copy).unwrap();
    if is_docx {
        assert_eq!(again.text, c.report.doc.text, "{name}");
        // Every other part is untouched, none is lost.
        let rewritten = [
            "word/document.xml",
            "word/comments.xml",
            "word/commentsExtended.xml",
            "word/commentsIds.xml",
            "word/commentsExtensible.xml",
            "[Content_Types].xml",
            "word/_rels/document.xml.rels",
        ];
        for (part, content) in &before {
            if !rewritten.contains(&part.as_str()) {
                assert!(after.get(part) == Some(content), "{name}: {part} changed");
            }
        }
        // Comments someone else wrote are kept, with their anchors.
        for (id, author, body) in comments(
            before
                .get("word/comments.xml")
                .map(|b| std::str::from_utf8(b).unwrap())
                .unwrap_or("<w:comments/>"),
        )
        .into_iter()
        .filter(|c| c.1 != AUTHOR)
        {
            assert!(
                all.iter()
                    .any(|c| c.0 == id && c.1 == author && c.2 == body),
                "{name}: {author}'s comment lost"
            );
            assert!(spans.contains_key(&id), "{name}: {author}'s anchor lost");
        }
    } else {
        // A rebuilt copy holds the text that was checked, line for line.
        assert_eq!(squeeze(&again.text), squeeze(&c.report.doc.text), "{name}");
    }
    all.len()
}

#[test]
fn every_finding_is_a_comment_on_its_span_and_nothing_else_changes() {
    let engine = engine();
    for c in all_cases(&engine) {
        verify(&c);
    }
}

#[test]
fn the_built_draft_has_findings_across_runs_and_keeps_tracked_changes() {
    let engine = engine();
    let c = annotate_one(&engine, Path::new("word_like.docx"), word_like_draft());
    verify(&c);
    let names: Vec<&str> = c.report.diagnostics.iter().map(|d| d.name).collect();
    assert!(names.contains(&"cliche"), "{names:?}");
    assert!(names.contains(&"vague-suggestion"), "{names:?}");
    let main = String::from_utf8(parts(&c.copy)["word/document.xml"].clone()).unwrap();
    // 高度重视 spans a red bold run and a plain one: both pieces keep their properties.
    assert!(
        main.contains(r#"<w:rPr><w:b/><w:color w:val="FF0000"/></w:rPr><w:t>高度</w:t>"#),
        "{main}"
    );
    assert!(main.contains(r#"<w:ins w:id="901" w:author="李四""#));
    assert!(main.contains("<w:delText>删除的旧句子。</w:delText>"));
    assert!(main.contains("R&amp;D"));
    assert!(main.contains(r#"<w:instrText xml:space="preserve"> DATE \@ "M月d日" </w:instrText>"#));
    assert!(main.contains(r#"<w:fldSimple w:instr=" PAGE ">"#));
}

#[test]
fn annotating_an_annotated_copy_replaces_xinjians_comments() {
    let engine = engine();
    let first = annotate_one(&engine, Path::new("word_like.docx"), word_like_draft());
    let second = annotate_one(
        &engine,
        Path::new("word_like（信鉴批注）.docx"),
        first.copy.clone(),
    );
    let n = verify(&second);
    assert_eq!(n, verify(&first), "a second set was added");
    let main = String::from_utf8(parts(&second.copy)["word/document.xml"].clone()).unwrap();
    assert_eq!(
        main.matches("<w:commentRangeStart").count(),
        n,
        "markers of the first set left behind"
    );
}

/// The `xinjian` binary: the original is never written, a foreign file in the copy's place
/// is never replaced, xinjian's own earlier copy is.
#[test]
fn the_command_writes_copies_beside_the_originals_and_never_over_a_foreign_file() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("纽扣.docx");
    std::fs::write(&draft, word_like_draft()).unwrap();
    let txt = dir.path().join("电动自行车.txt");
    std::fs::copy(
        "corpus/2026-11-04_平阳县委办_电动自行车安全管理工作情况.txt",
        &txt,
    )
    .unwrap();
    let run = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_xinjian"))
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[
        "check".as_ref(),
        dir.path().as_os_str(),
        "--annotate".as_ref(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("已写出批注稿"), "{stderr}");
    assert!(stderr.contains("原有格式没有沿用"), "{stderr}");
    let copy = dir.path().join("纽扣（信鉴批注）.docx");
    assert!(copy.is_file());
    assert!(dir.path().join("电动自行车（信鉴批注）.docx").is_file());
    assert_eq!(
        std::fs::read(&draft).unwrap(),
        word_like_draft(),
        "the original was written"
    );

    // Again: the folder's copies are not drafts, and the copies are replaced.
    let out = run(&[
        "check".as_ref(),
        dir.path().as_os_str(),
        "--annotate".as_ref(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("是信鉴生成的批注稿"), "{stderr}");
    assert!(!dir
        .path()
        .join("纽扣（信鉴批注）（信鉴批注）.docx")
        .exists());
    assert!(!dir.path().join("纽扣（信鉴批注2）.docx").exists());

    // A file of the user's in the copy's place stays, and the run says so with exit 2.
    std::fs::write(&copy, b"my own notes").unwrap();
    let out = run(&["check".as_ref(), draft.as_os_str(), "--annotate".as_ref()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("不是信鉴生成的批注稿，没有覆盖"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&copy).unwrap(), b"my own notes");

    // --annotate-dir puts the copies elsewhere; an unreadable draft is an error row, the
    // others are still annotated.
    let elsewhere = dir.path().join("批注稿");
    let broken = dir.path().join("坏文件.docx");
    std::fs::write(&broken, b"PK\x03\x04 not really").unwrap();
    let out = run(&[
        "check".as_ref(),
        draft.as_os_str(),
        broken.as_os_str(),
        "--annotate-dir".as_ref(),
        elsewhere.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stdout.contains("坏文件.docx"), "{stdout}");
    assert!(elsewhere.join("纽扣（信鉴批注）.docx").is_file());
    assert!(!elsewhere.join("坏文件（信鉴批注）.docx").exists());
}

/// A real office suite opens every copy and finds its comments: LibreOffice converts them
/// to OpenDocument headless. `.ci/run` installs it; elsewhere without it the test says so
/// and passes, but not under CI.
#[test]
fn libreoffice_opens_the_copies_and_finds_the_comments() {
    let soffice = ["soffice", "libreoffice"].into_iter().find(|s| {
        std::process::Command::new(s)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(soffice) = soffice else {
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice is not installed, but CI must run this test"
        );
        eprintln!("skipped: LibreOffice (soffice) is not installed");
        return;
    };
    let engine = engine();
    let dir = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for (i, c) in all_cases(&engine).iter().enumerate() {
        let n = verify(c);
        let p = dir.path().join(format!("copy{i}.docx"));
        std::fs::write(&p, &c.copy).unwrap();
        expected.push((p, n, c.name.clone()));
    }
    let out = dir.path().join("odt");
    let profile = dir.path().join("profile");
    let status = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "odt", "--outdir"])
        .arg(&out)
        .args(expected.iter().map(|e| &e.0))
        .output()
        .unwrap();
    assert!(status.status.success(), "{:?}", status);
    for (p, n, name) in expected {
        let odt = out.join(p.with_extension("odt").file_name().unwrap());
        let bytes = std::fs::read(&odt)
            .unwrap_or_else(|_| panic!("LibreOffice did not convert {}", name.display()));
        let content = String::from_utf8(parts(&bytes)["content.xml"].clone()).unwrap();
        let found = content.matches("<office:annotation ").count()
            + content.matches("<office:annotation>").count();
        assert_eq!(found, n, "{}: comments LibreOffice found", name.display());
        assert!(content.contains(AUTHOR), "{}", name.display());
    }
}

mod generated {
    use super::*;
    use proptest::prelude::*;
    use xinjian::annotate::package::{self, Anchor};

    /// A run: its text and its formatting (0 plain, 1 bold, 2 italic, 3 plain with a tab
    /// before the text).
    fn run() -> impl Strategy<Value = (String, u8)> {
        (
            proptest::collection::vec(
                prop_oneof![
                    Just('桥'),
                    Just('头'),
                    Just('镇'),
                    Just('，'),
                    Just('1'),
                    Just('&'),
                    Just('<'),
                    Just(' '),
                    Just('"'),
                    Just('纽'),
                ],
                1..6,
            )
            .prop_map(|cs| cs.into_iter().collect::<String>()),
            0u8..4,
        )
    }

    fn escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;")
    }

    fn draft(paragraphs: &[Vec<(String, u8)>]) -> Vec<u8> {
        let mut body = String::new();
        for p in paragraphs {
            body.push_str("<w:p>");
            for (text, format) in p {
                let rpr = match format {
                    1 => "<w:rPr><w:b/></w:rPr>",
                    2 => "<w:rPr><w:i/><w:sz w:val=\"28\"/></w:rPr>",
                    _ => "",
                };
                let tab = if *format == 3 { "<w:tab/>" } else { "" };
                body.push_str(&format!(
                    "<w:r>{rpr}{tab}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
                    escape(text)
                ));
            }
            body.push_str("</w:p>");
        }
        package(&body, None)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the runs and the spans, the copy reads as the original, its XML parses,
        /// and each comment covers exactly the written characters of its span.
        #[test]
        fn comments_land_on_their_spans(
            paragraphs in proptest::collection::vec(proptest::collection::vec(run(), 1..5), 1..4),
            spans in proptest::collection::vec((0usize..200, 0usize..40), 1..6),
        ) {
            let bytes = draft(&paragraphs);
            let (raw, layout) = source::raw_from_bytes(Path::new("x.docx"), &bytes).unwrap();
            prop_assert!(layout.is_some());
            let bounds: Vec<usize> = raw.char_indices().map(|(i, _)| i).chain([raw.len()]).collect();
            let anchors: Vec<Anchor> = spans
                .iter()
                .map(|&(s, len)| {
                    let a = bounds[s % bounds.len()];
                    let b = bounds[(s % bounds.len() + len).min(bounds.len() - 1)];
                    // The comment quotes the span: markup characters in it are escaped.
                    Anchor { start: a, end: b, paragraphs: vec![format!("{a}-{b} {}", &raw[a..b])] }
                })
                .collect();
            let copy = package::annotate(&bytes, &anchors, DATE).unwrap();
            let (again, _) = source::raw_from_bytes(Path::new("x.docx"), &copy).unwrap();
            prop_assert_eq!(&again, &raw);
            let main = String::from_utf8(parts(&copy)["word/document.xml"].clone()).unwrap();
            let spans = marked(&main);
            let all = comments(std::str::from_utf8(&parts(&copy)["word/comments.xml"]).unwrap());
            prop_assert_eq!(all.len(), anchors.len());
            for (c, a) in all.iter().zip(&anchors) {
                prop_assert_eq!(c.2.trim(), a.paragraphs[0].trim());
                prop_assert_eq!(squeeze(&spans[&c.0]), squeeze(&raw[a.start..a.end]));
            }
            // Annotating the copy again replaces the comments.
            let twice = package::annotate(&copy, &anchors, DATE).unwrap();
            let all = comments(std::str::from_utf8(&parts(&twice)["word/comments.xml"]).unwrap());
            prop_assert_eq!(all.len(), anchors.len());
            let (again, _) = source::raw_from_bytes(Path::new("x.docx"), &twice).unwrap();
            prop_assert_eq!(&again, &raw);
        }
    }
}

/// With `--index`, a draft sent again is flagged and its comment names the earlier item.
#[test]
fn with_an_index_the_duplicate_comment_names_the_earlier_item() {
    let dir = tempfile::tempdir().unwrap();
    let earlier = dir
        .path()
        .join("2026-10-09_平阳县委办_晚稻秸秆离田利用进度滞后.docx");
    std::fs::copy(
        "corpus/2026-11-09_平阳县委办_晚稻秸秆离田利用进度滞后.docx",
        &earlier,
    )
    .unwrap();
    let index = dir.path().join("索引");
    let bin = env!("CARGO_BIN_EXE_xinjian");
    let out = std::process::Command::new(bin)
        .arg("index")
        .arg(&earlier)
        .arg("--index")
        .arg(&index)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = dir
        .path()
        .join("新稿")
        .join("2026-11-09_平阳县委办_秸秆.docx");
    std::fs::create_dir_all(again.parent().unwrap()).unwrap();
    std::fs::copy(&earlier, &again).unwrap();
    let out = std::process::Command::new(bin)
        .arg("check")
        .arg(&again)
        .arg("--index")
        .arg(&index)
        .arg("--annotate")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("已写出批注稿"), "{stderr}");
    let copy =
        std::fs::read(again.with_file_name("2026-11-09_平阳县委办_秸秆（信鉴批注）.docx")).unwrap();
    let all = comments(std::str::from_utf8(&parts(&copy)["word/comments.xml"]).unwrap());
    let dup = all
        .iter()
        .find(|c| c.2.contains("duplicate-of-earlier") && !c.2.starts_with("【信鉴预审】"))
        .unwrap_or_else(|| panic!("no duplicate comment in {all:?}"));
    assert!(dup.2.contains("晚稻秸秆离田利用进度滞后"), "{}", dup.2);
    assert!(dup.2.contains("2026-10-09"), "{}", dup.2);
}

/// A copy that Word has saved again: xinjian's comment now has a paragraph id, and Word's
/// parts beside the comments (done state, durable ids) list it. Annotating it again takes
/// its entries out of those parts too, and leaves someone else's.
#[test]
fn word_s_entries_for_xinjian_s_earlier_comments_go_with_them() {
    let body = r#"<w:p><w:commentRangeStart w:id="5"/><w:r><w:t>桥头镇纽扣企业用工缺口扩大</w:t></w:r><w:commentRangeEnd w:id="5"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="5"/></w:r></w:p>
<w:p><w:r><w:t>全镇127家纽扣企业中有41家缺工超过两成，</w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>缺口合计约1800人</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:t>。</w:t></w:r></w:p>"#;
    let comments_xml = r#"<w:comment w:id="0" w:author="张三" w:date="2026-11-02T00:00:00Z" w:initials="ZS"><w:p w14:paraId="11111111" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:r><w:t>请核实。</w:t></w:r></w:p></w:comment><w:comment w:id="5" w:author="信鉴" w:date="2026-11-30T00:00:00Z" w:initials="XJ"><w:p w14:paraId="0A1B2C3D" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:r><w:t>【信鉴预审】旧的总评</w:t></w:r></w:p></w:comment>"#;
    let mut bytes = package(body, Some(comments_xml));
    // Word's companion parts, added to the package.
    {
        let mut zip = zip::ZipWriter::new_append(Cursor::new(&mut bytes)).unwrap();
        let opts = zip::write::SimpleFileOptions::default();
        for (name, xml) in [
            (
                "word/commentsExtended.xml",
                r#"<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:commentEx w15:paraId="11111111" w15:done="0"/><w15:commentEx w15:paraId="0A1B2C3D" w15:done="0"/></w15:commentsEx>"#,
            ),
            (
                "word/commentsIds.xml",
                r#"<w16cid:commentsIds xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid"><w16cid:commentId w16cid:paraId="11111111" w16cid:durableId="7A7A7A7A"/><w16cid:commentId w16cid:paraId="0A1B2C3D" w16cid:durableId="2B2B2B2B"/></w16cid:commentsIds>"#,
            ),
            (
                "word/commentsExtensible.xml",
                r#"<w16cex:commentsExtensible xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex"><w16cex:commentExtensible w16cex:durableId="7A7A7A7A" w16cex:dateUtc="2026-11-02T00:00:00Z"/><w16cex:commentExtensible w16cex:durableId="2B2B2B2B" w16cex:dateUtc="2026-11-30T00:00:00Z"/></w16cex:commentsExtensible>"#,
            ),
        ] {
            zip.start_file(name, opts).unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    let engine = engine();
    let c = annotate_one(&engine, Path::new("word_saved（信鉴批注）.docx"), bytes);
    verify(&c);
    let after = parts(&c.copy);
    let text = |name: &str| String::from_utf8(after[name].clone()).unwrap();
    let all = comments(&text("word/comments.xml"));
    assert!(!all.iter().any(|c| c.2.contains("旧的总评")), "{all:?}");
    assert!(all.iter().any(|c| c.1 == "张三"));
    for (part, gone, kept) in [
        ("word/commentsExtended.xml", "0A1B2C3D", "11111111"),
        ("word/commentsIds.xml", "0A1B2C3D", "11111111"),
        ("word/commentsExtensible.xml", "2B2B2B2B", "7A7A7A7A"),
    ] {
        let xml = text(part);
        assert!(!xml.contains(gone), "{part}: {xml}");
        assert!(xml.contains(kept), "{part}: {xml}");
    }
    // The old reference run (with Word's comment-reference style) is gone with its markers.
    let main = text("word/document.xml");
    assert!(!main.contains("CommentReference"), "{main}");
    assert_eq!(main.matches("<w:commentRangeStart").count(), all.len());
}
