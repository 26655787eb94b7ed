//! The archive: indexing, re-indexing, a persisted index searched from a fresh process, a
//! second writer, and a run killed while writing.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xinjian"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn index_then_search_chinese_from_a_fresh_process() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("索引");
    let idx = idx.to_str().unwrap();
    let (code, out, err) = run(&["index", "--index", idx, "corpus"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("新增 48 篇"), "{out}");
    // Unchanged files add nothing.
    let (_, out, _) = run(&["index", "--index", idx, "corpus"]);
    assert!(
        out.contains("新增 0 篇，更新 0 篇，未变 48 篇；共 48 篇"),
        "{out}"
    );
    // A new process opens the persisted index (the tokenizer is registered again) and finds
    // Chinese words inside sentences.
    let (code, out, _) = run(&["search", "--index", idx, "--format", "json", "纽扣", "用工"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert!(hits[0]["title"].as_str().unwrap().contains("纽扣"), "{out}");
    let snippet = hits[0]["snippet"].as_str().unwrap();
    let (s, e) = (
        hits[0]["highlighted"][0][0].as_u64().unwrap() as usize,
        hits[0]["highlighted"][0][1].as_u64().unwrap() as usize,
    );
    assert!(["纽扣", "用工"].contains(&&snippet[s..e]));
    // Filters.
    let (_, out, _) = run(&[
        "search",
        "--index",
        idx,
        "--format",
        "json",
        "--unit",
        "泰顺",
        "--since",
        "2026-11-20",
        "村医",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .all(|h| h["unit"].as_str().unwrap().contains("泰顺")
            && h["date"].as_str().unwrap() >= "2026-11-20"));
    let (code, _, err) = run(&[
        "search",
        "--index",
        dir.path().join("没有").to_str().unwrap(),
        "纽扣",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("还没有索引"));
}

#[test]
fn a_changed_file_replaces_its_earlier_version() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("稿件");
    std::fs::create_dir(&drafts).unwrap();
    let f = drafts.join("a.txt");
    std::fs::write(&f, "永嘉县桥头镇纽扣企业缺工\n全镇缺工4860人。").unwrap();
    let idx = dir.path().join("idx");
    let (i, d) = (idx.to_str().unwrap(), drafts.to_str().unwrap());
    run(&["index", "--index", i, d]);
    std::fs::write(
        &f,
        "永嘉县桥头镇纽扣企业缺工\n全镇缺工5200人，秸秆综合利用。",
    )
    .unwrap();
    let (_, out, _) = run(&["index", "--index", i, d]);
    assert!(
        out.contains("新增 0 篇，更新 1 篇，未变 0 篇；共 1 篇"),
        "{out}"
    );
    let (_, out, _) = run(&["search", "--index", i, "--format", "json", "秸秆"]);
    assert!(out.contains("a.txt"), "{out}");
}

#[test]
fn a_second_writer_gets_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    run(&[
        "index",
        "--index",
        idx.to_str().unwrap(),
        "corpus/2026-11-02_永嘉县委办_桥头镇纽扣产业用工缺口.txt",
    ]);
    let archive =
        xinjian::index::archive::Archive::open(&idx, xinjian::Resources::shared()).unwrap();
    let _held = archive
        .index
        .writer::<tantivy::TantivyDocument>(15_000_000)
        .unwrap();
    let (code, _, err) = run(&["index", "--index", idx.to_str().unwrap(), "corpus"]);
    assert_eq!(code, 2);
    assert!(err.contains("另一个信鉴进程正在写入这个索引"), "{err}");
}

#[test]
fn a_run_killed_while_writing_leaves_what_was_committed() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let i = idx.to_str().unwrap();
    let (code, _, _) = run(&["index", "--index", i, "corpus"]);
    assert_eq!(code, 0);
    // A big second batch, killed part-way.
    let big = dir.path().join("big");
    std::fs::create_dir(&big).unwrap();
    let body = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus/2026-11-02_永嘉县委办_桥头镇纽扣产业用工缺口.txt"),
    )
    .unwrap();
    for n in 0..600 {
        std::fs::write(
            big.join(format!("{n:04}.txt")),
            format!("第{n}号稿件 秸秆综合利用\n{body}\n编号{n}"),
        )
        .unwrap();
    }
    let mut child = bin()
        .args(["index", "--index", i, big.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    let _ = child.kill();
    let _ = child.wait();
    // The index opens and holds the 48 committed items (and the killed batch wholly or not at all).
    let archive =
        xinjian::index::archive::Archive::open(&idx, xinjian::Resources::shared()).unwrap();
    let n = archive.items().unwrap().len();
    assert!(n == 48 || n == 648, "{n} items after the kill");
    drop(archive);
    // A re-run completes it.
    let (code, out, err) = run(&["index", "--index", i, big.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("共 648 篇"), "{out}");
}

#[test]
fn check_against_the_archive_finds_the_earlier_item_and_similar_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let i = idx.to_str().unwrap();
    let early = "corpus/2026-11-05_泰顺县委办_山区乡镇村医断档风险.txt";
    let later = "corpus/2026-11-23_泰顺县委办_山区乡镇村医断档问题亟需破解.txt";
    let other = "corpus/2026-11-02_永嘉县委办_桥头镇纽扣产业用工缺口.txt";
    run(&["index", "--index", i, early, other]);
    let (_, out, _) = run(&["check", "--index", i, "--format", "json", later]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let d = &v["documents"][0];
    let dup: Vec<_> = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["name"] == "duplicate-of-earlier")
        .collect();
    assert_eq!(dup.len(), 1, "{out}");
    assert!(dup[0]["message"]
        .as_str()
        .unwrap()
        .contains("2026-11-05泰顺县委办"));
    assert!(d["elements"]["stale"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["kind"] == "history"));
    // The item itself, checked again, is not a duplicate of itself.
    let (_, out, _) = run(&["check", "--index", i, early]);
    assert!(!out.contains("duplicate-of-earlier"), "{out}");
    // similar ranks the earlier item first.
    let (code, out, _) = run(&["similar", "--index", i, "--format", "json", later]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["similar"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("断档风险.txt"),
        "{out}"
    );
    assert!(
        v["similar"][0]["similarity"]["containment"]
            .as_f64()
            .unwrap()
            > 0.8
    );
}

#[test]
fn a_topic_reported_twice_this_year_is_stale_even_in_new_words() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("earlier");
    std::fs::create_dir(&drafts).unwrap();
    let write = |name: &str, date: &str, title: &str, body: &str| {
        std::fs::write(
            drafts.join(name),
            format!("---\n日期: {date}\n单位: 平阳县委办\n---\n{title}\n{body}"),
        )
        .unwrap();
    };
    write(
        "a.txt",
        "2026-03-02",
        "平阳县秸秆综合利用率偏低需引起重视",
        "昆阳镇今年春耕前秸秆离田率仅为41%，农户焚烧现象时有发生。",
    );
    write(
        "b.txt",
        "2026-07-15",
        "平阳县鳌江镇秸秆综合利用面临收储难题",
        "鳌江镇缺少收储点，全镇秸秆收储能力不足3000吨。",
    );
    write(
        "c.txt",
        "2024-05-01",
        "平阳县秸秆综合利用试点启动",
        "两年前的旧稿，超出一年的回看期。",
    );
    write(
        "d.txt",
        "2026-06-01",
        "平阳县电动自行车充电难",
        "与秸秆无关的题目。",
    );
    let idx = dir.path().join("idx");
    let i = idx.to_str().unwrap();
    run(&["index", "--index", i, drafts.to_str().unwrap()]);
    let new = dir.path().join("new.txt");
    std::fs::write(&new, "---\n日期: 2026-11-20\n单位: 平阳县委办\n---\n平阳县万全镇秸秆综合利用出现新变化\n万全镇引进生物质电厂，今年秸秆收购量达1.2万吨，同比增长35%。").unwrap();
    let (_, out, _) = run(&["check", "--index", i, new.to_str().unwrap()]);
    assert!(
        out.contains("stale-topic") && out.contains("已报送2次"),
        "{out}"
    );
    assert!(
        out.contains("2026-03-02") && out.contains("2026-07-15") && !out.contains("2024-05-01"),
        "{out}"
    );
    // One earlier item is not yet stale.
    let cfg = dir.path().join("xinjian.toml");
    std::fs::write(&cfg, "[thresholds]\nstale_topic_count = 3\n").unwrap();
    let (_, out, _) = run(&[
        "check",
        "--index",
        i,
        "--config",
        cfg.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    assert!(!out.contains("stale-topic"), "{out}");
    // A different topic is not stale.
    let other = dir.path().join("other.txt");
    std::fs::write(
        &other,
        "---\n日期: 2026-11-20\n---\n平阳县养老服务床位缺口扩大\n全县缺口约600张。",
    )
    .unwrap();
    let (_, out, _) = run(&["check", "--index", i, other.to_str().unwrap()]);
    assert!(!out.contains("stale-topic"), "{out}");
}
