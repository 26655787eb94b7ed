//! One bad draft never takes the batch down: panics isolated per document, hostile files
//! bounded, folders walked once, the tool's own output never read as a draft.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use xinjian::{source, Engine};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xinjian"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("NO_COLOR");
    c
}

/// Runs the binary; a run that takes longer than a minute (a hang) fails the test.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut child = bin()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("xinjian {args:?} did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    (
        status.code().unwrap_or(-1),
        String::from_utf8(stdout).unwrap(),
        String::from_utf8(stderr).unwrap(),
    )
}

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const GOOD: &str = "永嘉县桥头镇纽扣企业缺工约3000人\n全县纽扣企业312家，其中桥头镇缺工约3000人，占全县缺工总数的四成。\n";

#[test]
fn the_three_line_draft_reports_the_jump_and_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "测试标题\n1、甲乙丙丁。\n3、戊己庚辛。\n".as_bytes(),
    );
    let (code, out, err) = run_in(dir.path(), &["check", "a.txt", "--fail-on", "warning"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("broken-hierarchy"), "{out}");
    assert!(out.contains("序号从第1项跳到“3、”"), "{out}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Each of these once sliced a `str` inside a multi-byte character.
#[test]
fn drafts_that_once_panicked_are_checked() {
    let engine = Engine::new(Default::default()).unwrap();
    for (text, want) in [
        ("测试标题\n1、甲乙丙丁。\n3、戊己庚辛。", Some("3、")),
        ("测试标题\n1．甲乙丙丁。\n3．戊己庚辛。", Some("3．")),
        ("标题\n(一)加强领导\n(三)完善机制", Some("(三)")),
        ("标题\n（二)做法", Some("（二)")),
        ("标题\n(二)", Some("(二)")),
        ("标题\n两个项目分别投资20、30亿元。", None),
        ("标题\n两镇各增收15、20万元。", None),
        ("标题\n范围10-20、30万元。", None),
    ] {
        let doc = source::from_text("a.txt", text).unwrap();
        let r = engine
            .check_isolated(doc)
            .unwrap_or_else(|e| panic!("{text}: {e}"));
        let hier: Vec<&str> = r
            .diagnostics
            .iter()
            .filter(|d| d.name == "broken-hierarchy")
            .map(|d| &r.doc.text[d.start..d.end])
            .collect();
        match want {
            Some(span) => assert_eq!(hier, vec![span], "{text}"),
            None => assert!(hier.is_empty(), "{text}: {hier:?}"),
        }
    }
    // The shared unit of a list is found after a magnitude character of three bytes.
    let doc = source::from_text("a.txt", "标题\n两个项目分别投资20、30亿元。").unwrap();
    let r = engine.check(doc);
    let figures: Vec<&str> = r
        .analysis
        .data_points
        .iter()
        .map(|d| &r.doc.text[d.start..d.end])
        .collect();
    assert!(figures.ends_with(&["20", "30亿元"]), "{figures:?}");
}

/// A folder with a planted fault in the middle: the draft containing the marker makes the
/// checks panic (test builds only), the others are checked and reported.
fn folder_with_a_planted_fault() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("稿件");
    std::fs::create_dir(&drafts).unwrap();
    write(
        &drafts,
        "2026-11-02_永嘉县委办_甲.txt",
        GOOD.replace("缺工约3000人\n", "缺工约3000人（甲）\n")
            .as_bytes(),
    );
    write(
        &drafts,
        "2026-11-03_永嘉县委办_乙.txt",
        format!("乙稿标题\n{}\n正文。", xinjian::checks::FAULT_MARKER).as_bytes(),
    );
    write(
        &drafts,
        "2026-11-04_瑞安市委办_丙.txt",
        GOOD.replace("缺工约3000人\n", "缺工约3000人（丙）\n")
            .as_bytes(),
    );
    dir
}

#[test]
fn a_panic_in_one_draft_is_that_files_error_and_check_goes_on() {
    let dir = folder_with_a_planted_fault();
    let (code, out, err) = run_in(dir.path(), &["check", "稿件"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("检查了 2 个文件") && out.contains("1 个文件无法读取"),
        "{out}"
    );
    assert!(out.contains("甲.txt"), "{out}");
    assert!(out.contains("丙.txt"), "{out}");
    let line = out
        .lines()
        .chain(err.lines())
        .find(|l| l.starts_with("检查出错：") && l.contains("乙.txt") && l.contains("内部错误"))
        .unwrap_or_else(|| panic!("no error row for the planted fault:\n{out}\n{err}"));
    assert!(line.contains("planted fault"), "{line}");
    assert!(line.contains("请把这个文件发给维护者"), "{line}");
    assert!(
        !err.contains("panicked at"),
        "the hook keeps Rust's panic text out: {err}"
    );
    // JSON too: the others are documents, the fault an error.
    let (code, out, _) = run_in(dir.path(), &["check", "稿件", "--format", "json"]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 2, "{v}");
}

#[test]
fn a_panic_in_one_draft_leaves_the_audit_report_intact() {
    let dir = folder_with_a_planted_fault();
    let (code, out, err) = run_in(dir.path(), &["audit", "稿件", "--out", "报告"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("内部错误"), "{err}");
    let report = dir.path().join("报告");
    for f in ["report.html", "report.json", "report.md", "report.xlsx"] {
        assert!(report.join(f).is_file(), "{f} written");
    }
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(report.join("report.json")).unwrap()).unwrap();
    assert_eq!(v["totals"]["items"], 2, "{}", v["totals"]);
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].to_string().contains("内部错误"), "{errors:?}");
    let html = std::fs::read_to_string(report.join("report.html")).unwrap();
    assert!(html.contains("内部错误"));
}

#[test]
fn index_and_dups_go_on_past_a_planted_fault() {
    let dir = folder_with_a_planted_fault();
    let (code, out, err) = run_in(dir.path(), &["index", "稿件", "--index", "索引"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("内部错误"), "{err}");
    let (_, out, _) = run_in(dir.path(), &["search", "纽扣", "--index", "索引"]);
    assert!(out.contains("甲") && out.contains("丙"), "{out}");
}

/// `xinjian check` on a folder holding the given hostile files and one good draft: each
/// hostile file gets its message, the good draft is checked, nothing hangs.
fn check_folder_with(files: &[(&str, Vec<u8>)]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("稿件");
    std::fs::create_dir(&drafts).unwrap();
    write(&drafts, "好稿.txt", GOOD.as_bytes());
    for (name, bytes) in files {
        write(&drafts, name, bytes);
    }
    let r = run_in(dir.path(), &["check", "稿件"]);
    assert!(
        r.1.contains("好稿.txt"),
        "the good draft is checked: {}{}",
        r.1,
        r.2
    );
    r
}

/// A `.docx` whose headers say its body is 100 bytes, inflating to `inflated`.
fn lying_docx(inflated: usize) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(b"<w:document><w:body><w:p><w:r><w:t>")
            .unwrap();
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..inflated >> 20 {
            zip.write_all(&chunk).unwrap();
        }
        zip.finish().unwrap();
    }
    let mut bytes = buf.into_inner();
    bytes[22..26].copy_from_slice(&100u32.to_le_bytes());
    let central = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    bytes[central + 24..central + 28].copy_from_slice(&100u32.to_le_bytes());
    bytes
}

#[test]
fn a_lying_zip_bomb_is_refused_and_the_rest_is_checked() {
    // 200 MB inflated from about 200 KB; refused at the 64 MB part limit.
    let bomb = lying_docx(200 << 20);
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let started = Instant::now();
    let (code, out, err) = check_folder_with(&[("炸弹.docx", bomb)]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("炸弹.docx") && out.contains("压缩炸弹"),
        "{out}"
    );
    assert!(started.elapsed() < Duration::from_secs(30));
}

/// The `.doc` fixture rewritten so that its FIB claims 4 billion characters of main text.
fn doc_claiming_four_billion_characters() -> Vec<u8> {
    use std::io::{Read, Write};
    let original = std::fs::read(fixture("doc/plain.doc")).unwrap();
    let mut from = cfb::CompoundFile::open(std::io::Cursor::new(original)).unwrap();
    let streams: Vec<PathBuf> = from
        .walk()
        .filter(|e| e.is_stream())
        .map(|e| e.path().to_path_buf())
        .collect();
    let mut to = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for path in streams {
        let mut bytes = Vec::new();
        from.open_stream(&path)
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        if path == Path::new("/WordDocument") {
            bytes[0x4C..0x50].copy_from_slice(&u32::MAX.to_le_bytes());
        }
        if let Some(parent) = path.parent() {
            if parent != Path::new("/") && !to.exists(parent) {
                to.create_storage_all(parent).unwrap();
            }
        }
        to.create_stream(&path).unwrap().write_all(&bytes).unwrap();
    }
    to.flush().unwrap();
    to.into_inner().into_inner()
}

#[test]
fn a_doc_claiming_four_billion_characters_is_read_within_its_size() {
    let bytes = doc_claiming_four_billion_characters();
    assert!(bytes.len() < 100_000);
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "夸大.doc", &bytes);
    // The claimed length is ignored where the file has no such text: the reader either
    // reads the pieces the file has, or refuses with a message; it never reserves 8 GB.
    match source::load(&p) {
        Ok(doc) => assert!(doc.text.len() < bytes.len() * 2),
        Err(e) => assert!(e.to_string().contains("夸大.doc"), "{e}"),
    }
    let (_, out, err) = check_folder_with(&[("夸大.doc", bytes)]);
    assert!(
        !err.contains("panicked") && !out.contains("内部错误"),
        "{out}{err}"
    );
}

#[cfg(unix)]
#[test]
fn folder_links_are_not_followed_and_pipes_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("稿件");
    let sub = drafts.join("子");
    std::fs::create_dir_all(&sub).unwrap();
    write(&drafts, "好稿.txt", GOOD.as_bytes());
    write(&sub, "子稿.txt", GOOD.as_bytes());
    // Two links to parents: once counted each draft 41 times, then hung.
    std::os::unix::fs::symlink("..", sub.join("上级")).unwrap();
    std::os::unix::fs::symlink("../..", sub.join("再上级")).unwrap();
    // A link to a file is read as that file (once, since the file is in the folder too).
    std::os::unix::fs::symlink("../好稿.txt", sub.join("链接.txt")).unwrap();
    let fifo = drafts.join("x.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let (code, out, err) = run_in(dir.path(), &["check", "稿件"]);
    assert!(out.contains("检查了 2 个文件"), "{code} {out}{err}");
    let files = source::collect_files(std::slice::from_ref(&drafts));
    assert_eq!(files.len(), 2, "{files:?}");
    // Named on the command line, a pipe is refused with a message, not read.
    let (code, out, _) = run_in(dir.path(), &["check", "稿件/x.txt"]);
    assert_eq!(code, 2);
    assert!(
        out.contains("x.txt") && out.contains("不是普通文件"),
        "{out}"
    );
}

#[test]
fn impossible_dates_are_refused_like_malformed_ones() {
    let dir = tempfile::tempdir().unwrap();
    for (name, date) in [
        ("a.md", "2026-02-30"),
        ("b.md", "2026-13-45"),
        ("c.md", "2025-02-29"),
    ] {
        let p = write(
            dir.path(),
            name,
            format!("---\n日期: {date}\n---\n标题\n正文").as_bytes(),
        );
        let e = source::load(&p).unwrap_err().to_string();
        assert!(
            e.contains(name) && e.contains(date) && e.contains("不是有效的日期"),
            "{e}"
        );
    }
    let p = write(
        dir.path(),
        "d.md",
        "---\n日期: 2028-02-29\n---\n标题\n正文".as_bytes(),
    );
    assert_eq!(
        source::load(&p).unwrap().meta.date.as_deref(),
        Some("2028-02-29")
    );
    // A file name with an impossible date gives no date rather than a wrong one.
    let meta = source::meta_from_file_name("2026-02-30_永嘉县委办_标题");
    assert_eq!(meta.date, None);
}

#[test]
fn the_tools_own_output_is_never_read_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("稿件");
    std::fs::create_dir(&drafts).unwrap();
    write(&drafts, "2026-11-02_永嘉县委办_甲.txt", GOOD.as_bytes());
    // An audit of the working folder writes xinjian-report/ inside it.
    let (code, _, err) = run_in(dir.path(), &["audit", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.path().join("xinjian-report/report.md").is_file());
    // Indexing the same folder afterwards reads the draft, not the report.
    let (code, out, err) = run_in(dir.path(), &["index", "."]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 篇"), "{out}");
    // And a second audit or check of the folder does not read the report or the index.
    let (_, out, _) = run_in(dir.path(), &["check", "."]);
    assert!(out.contains("检查了 1 个文件"), "{out}");
    let (code, out, err) = run_in(dir.path(), &["audit", ".", "--out", "另一份报告"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 篇稿件"), "{out}");
    // A report folder from before the marker existed is recognised by its four files.
    std::fs::remove_file(
        dir.path()
            .join("xinjian-report")
            .join(source::OUTPUT_MARKER),
    )
    .unwrap();
    assert!(source::is_own_output(&dir.path().join("xinjian-report")));
}

#[test]
fn auditing_into_the_folder_being_audited_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("稿件");
    std::fs::create_dir(&drafts).unwrap();
    write(&drafts, "2026-11-02_永嘉县委办_甲.txt", GOOD.as_bytes());
    let (code, out, err) = run_in(dir.path(), &["audit", "稿件", "--out", "稿件"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("就是要审核的文件夹"), "{err}");
    assert!(!drafts.join("report.html").exists());
}

#[test]
fn utf16_without_a_bom_is_named_as_such() {
    let text = "标题\n全县纽扣企业312家。\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for bytes in [le, be] {
        let e = source::decode_text(&bytes).unwrap_err();
        assert!(e.contains("没有 BOM") && e.contains("另存为 UTF-8"), "{e}");
    }
    // Real binary with NULs is still called binary.
    let e = source::decode_text(b"\x00\x01\x02\x03binary\x00\x00\x10").unwrap_err();
    assert!(e.contains("二进制"), "{e}");
}

#[test]
fn configuration_syntax_errors_are_explained_in_chinese_with_the_line() {
    let e = xinjian::Config::parse("region = \"温州市\"\nfail_on warning\n", "xinjian.toml")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("xinjian.toml:2："), "{e}");
    assert!(e.contains("不符合 TOML 写法"), "{e}");
}

/// A panic while judging a pair of a batch (the planted fault, in the duplicate verdict)
/// does not end `dups`: the pair is still reported on its wording, and the rest of the
/// batch as usual.
#[test]
fn a_panic_in_the_duplicate_verdict_does_not_end_dups() {
    let dir = tempfile::tempdir().unwrap();
    let body = "永嘉县桥头镇纽扣企业用工缺口扩大。全镇312家纽扣企业用工缺口达4860人，同比扩大37.2%，其中一线熟练工缺口2950人。东岙村某纽扣厂负责人王某说，今年开出月薪7800元仍招不满。";
    let marked = format!("甲稿\n{body}{}", xinjian::checks::FAULT_MARKER);
    std::fs::write(dir.path().join("甲.txt"), &marked).unwrap();
    std::fs::write(dir.path().join("乙.txt"), format!("乙稿\n{body}")).unwrap();
    std::fs::write(dir.path().join("丙.txt"), format!("丙稿\n{body}")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xinjian"))
        .args(["dups", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pairs = v["clusters"][0]["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 3, "{v}");
    // The unmarked pair says why; a pair with the marked item is reported without.
    assert!(pairs.iter().any(|p| p["kind"] == "resubmission"), "{v}");
    assert!(pairs.iter().any(|p| p["kind"].is_null()), "{v}");
}

/// An archive that cannot be read while a draft is compared with it is said, for that draft,
/// and makes the run exit 2; the draft's own findings and the other drafts are reported as
/// usual (before, the error was dropped and the draft looked compared and clean).
#[test]
fn an_archive_error_during_a_check_is_reported_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let indexed = std::process::Command::new(env!("CARGO_BIN_EXE_xinjian"))
        .args(["index", "--index", "idx"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(indexed.status.success());
    let drafts = dir.path().join("稿件");
    std::fs::create_dir(&drafts).unwrap();
    write(&drafts, "甲.txt", GOOD.as_bytes());
    write(
        &drafts,
        "乙.txt",
        format!("{GOOD}\n{}", xinjian::ARCHIVE_FAULT_MARKER).as_bytes(),
    );
    let (code, out, err) = run_in(
        dir.path(),
        &["check", "--index", "idx", "--format", "json", "稿件"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("乙.txt：没有与历史信息比对重复") && !err.contains("甲.txt"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    for d in docs {
        let marked = d["path"].as_str().unwrap().ends_with("乙.txt");
        assert_eq!(d["archive_error"].is_string(), marked, "{d}");
        assert!(d["diagnostics"].is_array());
    }
    let (code, _, err) = run_in(
        dir.path(),
        &["audit", "--index", "idx", "--out", "报告", "稿件"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("乙.txt：没有与历史信息比对重复"), "{err}");
    assert!(dir.path().join("报告").join("report.json").is_file());
}
