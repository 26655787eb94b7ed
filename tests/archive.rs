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
    // Offsets are characters, as everywhere in schema 1: a two-character word is 2 long.
    for hit in hits {
        let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
        for h in hit["highlighted"].as_array().unwrap() {
            let (s, e) = (
                h[0].as_u64().unwrap() as usize,
                h[1].as_u64().unwrap() as usize,
            );
            let word: String = snippet[s..e].iter().collect();
            assert!(["纽扣", "用工"].contains(&word.as_str()), "{word} in {hit}");
            assert_eq!(e - s, 2);
        }
        // A snippet never starts inside a number (it once began 万亩，按照全县秸秆…).
        let first = snippet[0];
        assert!(
            !first.is_ascii_digit() && !"万亿元亩人户家个%.".contains(first),
            "{hit}"
        );
    }
    // A word and the dictionary words inside it both match (秸秆综合利用 and 秸秆): the
    // terminal shows them merged, in order (the overlapping ranges once panicked).
    let (code, out, err) = run(&["search", "--index", idx, "秸秆", "综合利用"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("【秸秆综合利用】"), "{out}");
    assert!(out.contains("按照全县【秸秆综合利用】"), "{out}");
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
    // The JSON says which earlier item, what kind of duplicate and which facts it shares.
    let earlier = &d["duplicate_of"][0];
    assert_eq!(earlier["date"], "2026-11-05", "{out}");
    assert_eq!(earlier["duplicate"]["kind"], "resubmission", "{out}");
    assert!(
        earlier["duplicate"]["shared"]["figures"]
            .as_array()
            .is_some_and(|f| f.len() >= 2),
        "{out}"
    );
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
    // The band keys live in one run file per index run; tidy folds them into one, and the
    // earlier item is still found.
    run(&["index", "--index", i, later]);
    let runs = || {
        std::fs::read_dir(idx.join("xinjian-bands"))
            .unwrap()
            .count()
    };
    assert_eq!(runs(), 2);
    xinjian::index::archive::Archive::open(&idx, xinjian::Resources::shared())
        .unwrap()
        .tidy()
        .unwrap();
    assert_eq!(runs(), 1);
    let (_, out, _) = run(&["check", "--index", i, "--format", "json", later]);
    assert!(out.contains("duplicate-of-earlier"), "{out}");
    assert!(out.contains("2026-11-05泰顺县委办"), "{out}");
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
        out.contains("stale-topic") && out.contains("已报送过2条"),
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

/// Writes six drafts made from three labelled duplicate pairs, with dates (one undated).
fn dated_pairs(dir: &Path) -> std::path::PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dups");
    let drafts = dir.join("drafts");
    std::fs::create_dir(&drafts).unwrap();
    let files = [
        (
            "a.txt",
            Some("2025-03-01"),
            "01_pingyang_aojiang_ebike_charging.txt",
        ),
        (
            "b.txt",
            Some("2026-06-01"),
            "02_aojiang_ebike_charging_resub.txt",
        ),
        (
            "c.txt",
            Some("2026-07-01"),
            "03_cangnan_lingxi_prepaid_complaints.txt",
        ),
        (
            "d.txt",
            Some("2026-08-01"),
            "04_cangnan_prepaid_complaints_resub.txt",
        ),
        ("e.txt", None, "05_wencheng_elderly_canteens.txt"),
        (
            "f.txt",
            Some("2026-09-01"),
            "06_wencheng_elderly_canteens_resub.txt",
        ),
    ];
    for (name, date, from) in files {
        let body = std::fs::read_to_string(src.join(from)).unwrap();
        let text = match date {
            Some(d) => format!("---\n日期: {d}\n单位: 测试单位\n---\n{body}"),
            None => body,
        };
        std::fs::write(drafts.join(name), text).unwrap();
    }
    drafts
}

/// The file names in each cluster of a `dups --format json` report, sorted.
fn cluster_names(json: &str) -> Vec<Vec<String>> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(v["schema_version"], 1);
    let mut out: Vec<Vec<String>> = v["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let mut names: Vec<String> = c["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    let p = m["path"].as_str().unwrap();
                    p.rsplit(['/', '\\']).next().unwrap().to_string()
                })
                .collect();
            names.sort();
            names
        })
        .collect();
    out.sort();
    out
}

#[test]
fn dups_over_the_archive_alone_and_since_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dated_pairs(dir.path());
    let idx = dir.path().join("idx");
    let i = idx.to_str().unwrap();
    let (code, _, err) = run(&["index", "--index", i, drafts.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    // No PATH: the archive alone, every pair.
    let (code, out, err) = run(&["dups", "--index", i, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        cluster_names(&out),
        vec![
            vec!["a.txt", "b.txt"],
            vec!["c.txt", "d.txt"],
            vec!["e.txt", "f.txt"]
        ],
        "{out}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = &v["clusters"][0];
    assert_eq!(c["members"][0]["archived"], true);
    assert_eq!(c["members"][0]["unit"], "测试单位");
    let p = &c["pairs"][0];
    assert!(
        p["a"].as_str().unwrap().ends_with(".txt") && p["b"].as_str().unwrap().ends_with(".txt")
    );
    assert!(p["similarity"].as_f64().unwrap() > 0.8, "{out}");
    // --since: a.txt is older, e.txt has no date; both left out.
    let (code, out, _) = run(&[
        "dups",
        "--index",
        i,
        "--since",
        "2026-01-01",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(cluster_names(&out), vec![vec!["c.txt", "d.txt"]], "{out}");
    // The month form, and the terminal report names the archived items.
    let (code, out, _) = run(&["dups", "--index", i, "--since", "2026-07"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("【历史】2026-07-01") && out.contains("比对了历史信息 3 篇：1 组疑似重复"),
        "{out}"
    );
}

#[test]
fn dups_of_drafts_against_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dated_pairs(dir.path());
    let idx = dir.path().join("idx");
    let i = idx.to_str().unwrap();
    for name in ["a.txt", "b.txt", "c.txt", "d.txt"] {
        run(&["index", "--index", i, drafts.join(name).to_str().unwrap()]);
    }
    // b.txt is archived and given: it is not its own duplicate; its archived twin a.txt is
    // found; the c/d group, without a given draft, is not listed.
    let b = drafts.join("b.txt");
    let (code, out, err) = run(&[
        "dups",
        "--index",
        i,
        "--format",
        "json",
        b.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(cluster_names(&out), vec![vec!["a.txt", "b.txt"]], "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let members = v["clusters"][0]["members"].as_array().unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(v["clusters"][0]["pairs"].as_array().unwrap().len(), 1);
    // A copy of b under another name is the same content: still not its own duplicate.
    let copy = dir.path().join("b副本.txt");
    std::fs::copy(&b, &copy).unwrap();
    let (_, out, _) = run(&[
        "dups",
        "--index",
        i,
        "--format",
        "json",
        copy.to_str().unwrap(),
    ]);
    assert_eq!(
        cluster_names(&out),
        vec![vec!["a.txt", "b副本.txt"]],
        "{out}"
    );
    // A draft not in the archive (f) with its twin (e) given alongside; without --index only
    // the given drafts are compared.
    let (e, f) = (drafts.join("e.txt"), drafts.join("f.txt"));
    let (_, out, _) = run(&[
        "dups",
        "--format",
        "json",
        e.to_str().unwrap(),
        f.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert_eq!(cluster_names(&out), vec![vec!["e.txt", "f.txt"]], "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["clusters"][0]["members"][0]["archived"], false);
}

#[test]
fn dups_without_an_index_says_so_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("没有");
    let (code, out, err) = run(&["dups", "--index", missing.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("还没有索引") && err.contains("没有"), "{err}");
    // No PATH and no --index: the default folder, which does not exist here.
    let out = bin().arg("dups").current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("xinjian-index：还没有索引"), "{err}");
    // A date that is not one.
    let drafts = dated_pairs(dir.path());
    let idx = dir.path().join("idx");
    run(&[
        "index",
        "--index",
        idx.to_str().unwrap(),
        drafts.to_str().unwrap(),
    ]);
    let (code, _, err) = run(&["dups", "--index", idx.to_str().unwrap(), "--since", "去年"]);
    assert_eq!(code, 2);
    assert!(err.contains("--since 的日期“去年”无法识别"), "{err}");
}

#[test]
fn an_index_with_old_band_keys_gets_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let i = idx.to_str().unwrap();
    let one = "corpus/2026-11-02_永嘉县委办_桥头镇纽扣产业用工缺口.txt";
    let (_, _, err) = run(&["index", "--index", i, one]);
    assert!(!err.contains("旧版本"), "{err}");
    // An index as earlier versions built it: the same fields, and the band keys as terms of
    // a `bands` field.
    let old = dir.path().join("old");
    std::fs::create_dir_all(&old).unwrap();
    {
        use tantivy::schema::{TextFieldIndexing, TextOptions, STORED, STRING};
        let mut b = tantivy::schema::Schema::builder();
        let text = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("xinjian_jieba")
                    .set_index_option(tantivy::schema::IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored();
        let path = b.add_text_field("path", STRING | STORED);
        b.add_text_field("title", text.clone());
        b.add_text_field("body", text);
        for name in ["unit", "date", "category", "hash"] {
            b.add_text_field(name, STRING | STORED);
        }
        b.add_u64_field("quality", STORED);
        let bands = b.add_text_field("bands", STRING);
        let index = tantivy::Index::create_in_dir(&old, b.build()).unwrap();
        index
            .tokenizers()
            .register("xinjian_jieba", tantivy::tokenizer::RawTokenizer::default());
        let mut w = index
            .writer::<tantivy::TantivyDocument>(15_000_000)
            .unwrap();
        let mut d = tantivy::TantivyDocument::default();
        d.add_text(path, "old.txt");
        d.add_text(bands, "s000123abcd");
        w.add_document(d).unwrap();
        w.commit().unwrap();
    }
    let (code, _, err) = run(&["index", "--index", old.to_str().unwrap(), one]);
    assert_eq!(code, 0);
    assert!(err.contains("旧版本建立的查重指纹"), "{err}");
    // check against it says why old items cannot be found as duplicates.
    let (_, _, err) = run(&["check", "--index", old.to_str().unwrap(), one]);
    assert!(err.contains("是旧版本建立的索引"), "{err}");
    // The old index still opens and searches.
    let (code, out, _) = run(&["search", "--index", old.to_str().unwrap(), "纽扣"]);
    assert_eq!(code, 0);
    assert!(out.contains("纽扣"), "{out}");
}

/// One band-key run is written per `add`; when they pile up past `MAX_RUNS` the next `add`
/// folds them into one, and items from every run are still found.
#[test]
fn band_key_runs_are_folded_when_they_pile_up() {
    use xinjian::index::archive::Archive;
    use xinjian::index::bands::MAX_RUNS;
    let dir = tempfile::tempdir().unwrap();
    let res = xinjian::Resources::shared();
    let archive = Archive::open(dir.path(), res.clone()).unwrap();
    let runs = || std::fs::read_dir(dir.path().join("xinjian-bands")).map_or(0, |d| d.count());
    let body =
        "桥头镇纽扣企业缺工情况调查。全镇127家纽扣企业中有41家缺工超过两成，缺口合计约1800人，\
        其中熟练工缺口最大。镇里与职业学校合作开设定向班，首批招收学员60名，预计明年3月结业上岗。";
    for i in 0..=MAX_RUNS {
        let doc = xinjian::source::Document {
            path: format!("第{i}篇.txt").into(),
            meta: Default::default(),
            text: format!("标题第{i}篇\n{body}第{i}次报送。"),
            map: Default::default(),
            word: None,
        };
        let tokens = res.segment(&doc.text);
        archive
            .add(&[xinjian::index::archive::NewItem {
                doc: &doc,
                tokens: tokens.as_slice(),
                category: None,
                quality: 80,
            }])
            .unwrap();
        let expected = if i < MAX_RUNS { i + 1 } else { 1 };
        assert_eq!(runs(), expected, "after add {i}");
    }
    // A draft like all of them finds candidates from the folded run.
    let probe = format!("新标题\n{body}");
    let found = archive
        .band_candidates(&xinjian::index::minhash::Item::new(&probe))
        .unwrap();
    assert_eq!(
        found.len(),
        MAX_RUNS + 1,
        "every archived item is a candidate"
    );
    // And each is judged the same item sent again.
    let reused = archive.reuse(&probe, None, 100).unwrap();
    assert_eq!(reused.len(), MAX_RUNS + 1);
    assert!(reused.iter().all(|r| r.duplicate.is_some()));
}
