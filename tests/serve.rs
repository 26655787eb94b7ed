//! `xinjian serve` from outside, as a browser or another system calls it: the binary started
//! on a loopback port the system chooses, spoken to over plain HTTP/1.1.
//!
//! The API answers with the command line's JSON byte for byte; errors are JSON with fitting
//! statuses; the guards (Host, Origin, password, size) hold; uploads leave nothing behind.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use serde_json::Value;

#[path = "common/http.rs"]
mod http;
use http::{request, Response};

pub const BIN: &str = env!("CARGO_BIN_EXE_xinjian");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A running server; killed when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    /// What it wrote on standard error (the access log).
    pub log: Arc<Mutex<String>>,
    pub first_line: String,
}

impl Server {
    /// The log once `ready` holds for it (the reader thread can lag behind the answers the
    /// client already has), or as it is after 10 s.
    pub fn log_when(&self, ready: impl Fn(&str) -> bool) -> String {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let log = self.log.lock().unwrap().clone();
            if ready(&log) || std::time::Instant::now() > until {
                return log;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `xinjian serve --listen 127.0.0.1:0 ARGS` in `dir`, temporary files in `dir/tmp`.
pub fn start(dir: &Path, args: &[&str]) -> Server {
    let tmp = dir.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let mut child = Command::new(BIN)
        .arg("serve")
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .current_dir(dir)
        .env("TMPDIR", &tmp)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (port, first_line) = http::read_announcement(&mut child);
    let log = Arc::new(Mutex::new(String::new()));
    let sink = log.clone();
    let mut err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = err.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    Server {
        child,
        port,
        log,
        first_line,
    }
}

pub fn get(port: u16, path: &str) -> Response {
    request(port, "GET", path, &[], b"")
}

pub fn post_json(port: u16, path: &str, body: &Value) -> Response {
    request(
        port,
        "POST",
        path,
        &[("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    )
}

/// A multipart form: (field, file name or none, bytes).
pub fn post_form(port: u16, path: &str, parts: &[(&str, Option<&str>, &[u8])]) -> Response {
    let boundary = "xinjian-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (field, file, data) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{field}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{field}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let kind = format!("multipart/form-data; boundary={boundary}");
    request(port, "POST", path, &[("Content-Type", &kind)], &body)
}

/// JSON without the whitespace outside strings (what `serde_json::to_vec` writes).
fn minify(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for &b in json {
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
            out.push(b);
        } else if !b.is_ascii_whitespace() {
            out.push(b);
        }
    }
    out
}

/// `xinjian ARGS` in `dir`: standard output.
fn cli(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    out.stdout
}

fn corpus(name: &str) -> PathBuf {
    root().join("corpus").join(name)
}

const TXT: &str = "2026-11-02_永嘉县委办_桥头镇纽扣产业用工缺口.txt";
const DOCX: &str = "2026-11-03_乐清市委办_柳市镇电气企业应收账款拖欠.docx";
const WEAK: &str = "2026-11-04_平阳县委办_电动自行车安全管理工作情况.txt";

#[test]
fn check_answers_the_command_lines_document_object_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    for name in [TXT, DOCX, WEAK] {
        std::fs::copy(corpus(name), dir.path().join(name)).unwrap();
    }
    let server = start(dir.path(), &[]);
    for name in [TXT, DOCX, WEAK] {
        let printed = cli(
            dir.path(),
            &["check", "--format", "json", "--include-text", name],
        );
        let whole = minify(&printed);
        let prefix = b"{\"schema_version\":1,\"documents\":[";
        let suffix = b"],\"errors\":[]}";
        assert!(
            whole.starts_with(prefix) && whole.ends_with(suffix),
            "{name}"
        );
        let doc = &whole[prefix.len()..whole.len() - suffix.len()];

        let bytes = std::fs::read(dir.path().join(name)).unwrap();
        let uploaded = post_form(server.port, "/api/check", &[("file", Some(name), &bytes)]);
        assert_eq!(
            uploaded.status,
            200,
            "{}",
            String::from_utf8_lossy(&uploaded.body)
        );
        assert_eq!(
            uploaded.header("content-type"),
            Some("application/json; charset=utf-8")
        );
        assert!(
            uploaded.body == doc,
            "{name}: the upload's JSON differs from the command line's"
        );
        if name.ends_with(".txt") {
            let text = String::from_utf8(bytes).unwrap();
            let typed = post_json(
                server.port,
                "/api/check",
                &serde_json::json!({"name": name, "text": text}),
            );
            assert!(typed.body == doc, "{name}: the JSON text's answer differs");
        }
    }
    // The access log has one line per request and none of the draft's text.
    let log = server.log_when(|l| l.matches("POST /api/check 200").count() >= 5);
    assert_eq!(log.matches("POST /api/check 200").count(), 5, "{log}");
    assert!(!log.contains("纽扣"), "the log holds draft text: {log}");
}

#[test]
fn the_category_set_in_the_page_is_the_declared_one() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let text = std::fs::read_to_string(corpus(WEAK)).unwrap();
    let as_is = post_json(
        server.port,
        "/api/check",
        &serde_json::json!({"text": text}),
    )
    .json();
    assert_eq!(as_is["path"], "稿件.txt");
    let set = post_json(
        server.port,
        "/api/check",
        &serde_json::json!({"name": "平阳", "text": text, "category": "问题类"}),
    )
    .json();
    assert_eq!(set["path"], "平阳.txt");
    assert_eq!(set["category"]["id"], "problem");
    assert_eq!(set["category"]["declared"], true);
    let bad = post_json(
        server.port,
        "/api/check",
        &serde_json::json!({"text": text, "category": "随笔"}),
    );
    assert_eq!(bad.status, 422);
    assert!(bad.error().contains("随笔"), "{}", bad.error());
}

#[test]
fn errors_are_json_in_chinese_with_fitting_statuses() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("xinjian.toml"), "upload_limit_mb = 1\n").unwrap();
    let server = start(dir.path(), &[]);
    let p = server.port;
    let cases: Vec<(Response, u16, &str)> = vec![
        (
            request(
                p,
                "POST",
                "/api/check",
                &[("Content-Type", "text/plain")],
                "稿件".as_bytes(),
            ),
            415,
            "multipart",
        ),
        (
            post_form(p, "/api/check", &[("file", Some("通知.pdf"), b"%PDF-1.4")]),
            415,
            "不支持的文件类型",
        ),
        (
            request(
                p,
                "POST",
                "/api/check",
                &[("Content-Type", "application/json")],
                b"{\"text\":",
            ),
            400,
            "JSON 无法解析",
        ),
        (
            post_json(p, "/api/check", &serde_json::json!({"name": "a.txt"})),
            422,
            "缺少稿件文字",
        ),
        (
            post_json(p, "/api/check", &serde_json::json!({"text": "  \n "})),
            422,
            "没有可检查的内容",
        ),
        (
            post_form(
                p,
                "/api/check",
                &[("file", Some("坏.docx"), b"PK\x03\x04broken")],
            ),
            422,
            "坏.docx",
        ),
        (
            post_form(p, "/api/check", &[("other", None, b"x")]),
            422,
            "没有收到稿件",
        ),
        (
            post_form(
                p,
                "/api/check",
                &[("file", Some("大.txt"), &vec![b'a'; 1_200_000])],
            ),
            413,
            "超过 1 MB",
        ),
        (get(p, "/api/search?q=秸秆"), 503, "没有打开历史信息索引"),
        (
            post_json(p, "/api/similar", &serde_json::json!({"text": "x"})),
            503,
            "没有打开历史信息索引",
        ),
        (get(p, "/api/nothing"), 404, "没有这个页面"),
        (get(p, "/api/rules/zzz"), 404, "zzz"),
        (
            post_form(p, "/api/audit", &[("files", Some("说明.pdf"), b"%PDF")]),
            422,
            "没有可审核的稿件",
        ),
    ];
    for (k, (r, status, words)) in cases.iter().enumerate() {
        assert_eq!(
            r.status,
            *status,
            "case {k}: {}",
            String::from_utf8_lossy(&r.body)
        );
        assert!(
            r.header("content-type")
                .is_some_and(|t| t.starts_with("application/json")),
            "case {k}"
        );
        assert!(r.error().contains(words), "case {k}: {}", r.error());
    }
    // The server is still up after all of them.
    assert_eq!(get(p, "/api/health").status, 200);
}

#[test]
fn a_foreign_host_or_origin_is_refused_on_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let p = server.port;
    let rebinding = request(
        p,
        "GET",
        "/api/health",
        &[("Host", "attacker.example:8848")],
        b"",
    );
    assert_eq!(rebinding.status, 403);
    assert!(rebinding.error().contains("DNS"));
    let page = request(p, "GET", "/", &[("Host", &format!("localhost:{p}"))], b"");
    assert_eq!(page.status, 200);
    assert!(page.header("content-security-policy").is_some());
    let origin = format!("http://127.0.0.1:{p}");
    let same = request(
        p,
        "POST",
        "/api/check",
        &[("Content-Type", "application/json"), ("Origin", &origin)],
        br#"{"text":"a\nb"}"#,
    );
    assert_eq!(same.status, 200);
    let cross = request(
        p,
        "POST",
        "/api/check",
        &[
            ("Content-Type", "application/json"),
            ("Origin", "http://attacker.example"),
        ],
        br#"{"text":"a\nb"}"#,
    );
    assert_eq!(cross.status, 403);
    assert!(same.header("access-control-allow-origin").is_none());
}

#[test]
fn beyond_loopback_a_password_is_required() {
    let dir = tempfile::tempdir().unwrap();
    let refused = Command::new(BIN)
        .args(["serve", "--listen", "0.0.0.0:0"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("必须设置密码") && said.contains("--password-file"),
        "{said}"
    );

    std::fs::write(dir.path().join("密码.txt"), "\u{feff}开门123\n").unwrap();
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--listen",
            "0.0.0.0:0",
            "--password-file",
            "密码.txt",
        ])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (port, _) = http::read_announcement(&mut child);
    // Any Host passes off loopback; the password does not.
    let none = request(
        port,
        "GET",
        "/api/health",
        &[("Host", "office-server:8848")],
        b"",
    );
    assert_eq!(none.status, 401);
    assert!(none
        .header("www-authenticate")
        .is_some_and(|v| v.starts_with("Basic")));
    use base64::Engine as _;
    let auth = |pw: &str| {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("王科长:{pw}"))
        )
    };
    let wrong = request(
        port,
        "GET",
        "/api/health",
        &[("Authorization", &auth("开门"))],
        b"",
    );
    assert_eq!(wrong.status, 401);
    let right = request(
        port,
        "GET",
        "/api/health",
        &[("Authorization", &auth("开门123"))],
        b"",
    );
    assert_eq!(right.status, 200);
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn search_similar_and_items_answer_as_the_command_line_does() {
    let dir = tempfile::tempdir().unwrap();
    let indexed = Command::new(BIN)
        .args(["index", "--index", "idx"])
        .arg(root().join("corpus"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(indexed.status.success());
    std::fs::copy(corpus(TXT), dir.path().join("草稿.txt")).unwrap();
    let server = start(dir.path(), &["--index", "idx"]);
    let p = server.port;
    assert_eq!(get(p, "/api/health").json()["index"], true);

    let printed = cli(
        dir.path(),
        &[
            "search",
            "--index",
            "idx",
            "--format",
            "json",
            "--since",
            "2026-11",
            "秸秆",
            "综合利用",
        ],
    );
    let answer = get(
        p,
        "/api/search?q=%E7%A7%B8%E7%A7%86%20%E7%BB%BC%E5%90%88%E5%88%A9%E7%94%A8&since=2026-11",
    );
    assert_eq!(answer.status, 200);
    assert!(
        answer.body == minify(&printed),
        "search differs from the command line"
    );
    let hits = answer.json()["hits"].as_array().unwrap().clone();
    assert!(!hits.is_empty());

    let bad = get(
        p,
        "/api/search?q=%E7%A7%B8%E7%A7%86&since=%E5%8E%BB%E5%B9%B4",
    );
    assert_eq!(bad.status, 400);
    assert!(bad.error().contains("无法识别"));

    let opened = get(
        p,
        &format!("/api/item/{}", hits[0]["hash"].as_str().unwrap()),
    )
    .json();
    assert_eq!(opened["item"]["title"], hits[0]["title"]);
    assert!(opened["text"].as_str().unwrap().contains("秸秆"));
    assert_eq!(get(p, "/api/item/0000").status, 404);
    assert_eq!(get(p, "/api/item/..%2F..%2Fetc").status, 400);

    let printed = cli(
        dir.path(),
        &["similar", "--index", "idx", "--format", "json", "草稿.txt"],
    );
    let bytes = std::fs::read(dir.path().join("草稿.txt")).unwrap();
    let answer = post_form(p, "/api/similar", &[("file", Some("草稿.txt"), &bytes)]);
    assert_eq!(answer.status, 200);
    assert!(
        answer.body == minify(&printed),
        "similar differs from the command line"
    );
}

#[test]
fn annotate_gives_the_word_copy_with_comments() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let bytes = std::fs::read(corpus(DOCX)).unwrap();
    let r = post_form(
        server.port,
        "/api/annotate",
        &[("file", Some(DOCX), &bytes)],
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert!(r
        .header("content-disposition")
        .is_some_and(|d| d.contains("filename*=UTF-8''") && d.contains("%E4%BF%A1%E9%89%B4")));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(r.body)).unwrap();
    let mut comments = String::new();
    zip.by_name("word/comments.xml")
        .unwrap()
        .read_to_string(&mut comments)
        .unwrap();
    assert!(comments.contains("w:author=\"信鉴\""));
    // Pasted text gets a new Word document.
    let text = std::fs::read_to_string(corpus(WEAK)).unwrap();
    let r = post_json(
        server.port,
        "/api/annotate",
        &serde_json::json!({"text": text}),
    );
    assert_eq!(r.status, 200);
    assert!(r.body.starts_with(b"PK"));
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        for (name, data) in entries {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn an_audit_of_uploaded_files_and_a_zip_gives_the_four_reports_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let names: Vec<String> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("2026-11-0"))
        .collect();
    let (loose, zipped) = names.split_at(3);
    let data: Vec<(String, Vec<u8>)> = loose
        .iter()
        .map(|n| (n.clone(), std::fs::read(corpus(n)).unwrap()))
        .collect();
    let zipped_bytes: Vec<(String, Vec<u8>)> = zipped
        .iter()
        .map(|n| (format!("11月/{n}"), std::fs::read(corpus(n)).unwrap()))
        .collect();
    let zip = zip_of(
        &zipped_bytes
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect::<Vec<_>>(),
    );
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = data
        .iter()
        .map(|(n, b)| ("files", Some(n.as_str()), b.as_slice()))
        .collect();
    parts.push(("files", Some("其余.zip"), &zip));
    parts.push(("since", None, b"2026-11"));
    let r = post_form(server.port, "/api/audit", &parts);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let j = r.json();
    assert_eq!(j["report"]["totals"]["items"], names.len());
    let text = String::from_utf8_lossy(&r.body);
    assert!(
        !text.contains("xinjian-upload-"),
        "the private folder shows in the report"
    );
    for (file, starts) in [
        ("report.html", &b"<!DOCTYPE html>"[..]),
        ("report.xlsx", b"PK"),
        ("report.json", b"{"),
        ("report.md", "#".as_bytes()),
    ] {
        let link = j["files"][file].as_str().unwrap();
        let got = get(server.port, link);
        assert_eq!(got.status, 200, "{file}");
        assert!(got.body.starts_with(starts), "{file}");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path().join("tmp")).unwrap().collect();
    assert!(left.is_empty(), "uploads left behind: {left:?}");
    assert_eq!(
        get(server.port, "/api/audit/nothing/report.html").status,
        404
    );
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = start(dir.path(), &[]);
    assert_eq!(get(server.port, "/api/health").status, 200);
    let id = server.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &id]).status().unwrap();
    assert!(sent.success());
    let status = server.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(server.log_when(|l| l.contains("Ctrl-C")).contains("Ctrl-C"));
}

#[test]
fn the_page_and_its_assets_are_served_from_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    assert!(server.first_line.contains("用浏览器打开"));
    let page = get(server.port, "/");
    let html = String::from_utf8_lossy(&page.body);
    assert!(html.contains("预审") && html.contains("检索") && html.contains("审核"));
    // Nothing is fetched from elsewhere.
    for asset in ["/", "/app.js", "/app.css"] {
        let body = String::from_utf8_lossy(&get(server.port, asset).body).into_owned();
        assert!(
            !body.contains("http://") && !body.contains("https://"),
            "{asset}"
        );
    }
    let rule = get(
        server.port,
        "/api/rules/%E5%A5%97%E8%AF%9D%E8%BF%87%E5%A4%9A",
    )
    .json();
    assert_eq!(rule["code"], "X016");
    assert!(rule["doc"].as_str().unwrap().contains("为什么"));
}

// ---------------------------------------------------------------------------------------
// In a real browser: Debian's chromium driven over WebDriver (chromium-driver), both
// installed by `.ci/run`.

/// A chromedriver with one headless chromium session; both end when dropped.
struct Driver {
    child: Child,
    port: u16,
    session: String,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Driver {
    fn start() -> Option<Driver> {
        let found = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|p| Path::new(p).exists());
        let Some(exe) = found else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must install chromium-driver (.ci/run)"
            );
            eprintln!("chromedriver not installed: browser test skipped (apt-get install chromium-driver)");
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(exe)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut driver = Driver {
            child,
            port,
            session: String::new(),
        };
        let ready = (0..100).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(100));
            TcpStream::connect(("127.0.0.1", port)).is_ok()
                && get(port, "/status").json()["value"]["ready"] == true
        });
        assert!(ready, "chromedriver did not start");
        let profile = std::env::temp_dir().join(format!("xinjian-chromium-{port}"));
        let caps = serde_json::json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                         "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", "--window-size=1400,1000",
                         format!("--user-data-dir={}", profile.display())]
            }
        }}});
        let r = post_json(port, "/session", &caps).json();
        driver.session = r["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {r}"))
            .to_string();
        Some(driver)
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let r = request(
            self.port,
            method,
            &path,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        );
        let j = r.json();
        assert_eq!(r.status, 200, "{method} {path}: {j}");
        j["value"].clone()
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", Some(serde_json::json!({ "url": url })));
    }

    fn find(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            Some(serde_json::json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("{css}: {v}"))
            .to_string()
    }

    fn click(&self, css: &str) {
        let e = self.find(css);
        self.call(
            "POST",
            &format!("/element/{e}/click"),
            Some(serde_json::json!({})),
        );
    }

    fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.call(
            "POST",
            &format!("/element/{e}/value"),
            Some(serde_json::json!({ "text": text })),
        );
    }

    fn js(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(serde_json::json!({"script": script, "args": []})),
        )
    }

    /// Waits (up to 20 s) until the script returns true.
    fn wait(&self, script: &str, what: &str) {
        for _ in 0..200 {
            if self.js(script) == true {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!(
            "timed out waiting for {what}; status: {}",
            self.js("return document.getElementById('status').textContent")
        );
    }

    fn screenshot(&self, name: &str) -> PathBuf {
        use base64::Engine as _;
        let v = self.call("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap())
            .unwrap();
        let dir = root().join("target").join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, &png).unwrap();
        // XINJIAN_SCREENSHOTS=1 refreshes the README's picture.
        if name == "serve-precheck.png" && std::env::var_os("XINJIAN_SCREENSHOTS").is_some() {
            std::fs::write(root().join("docs").join("images").join(name), &png).unwrap();
        }
        path
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = request(
                self.port,
                "DELETE",
                &format!("/session/{}", self.session),
                &[],
                b"",
            );
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The text of a finding's span, as the API gives offsets (characters).
fn span_text(doc: &Value, k: usize) -> String {
    let d = &doc["diagnostics"][k];
    let (s, e) = (
        d["start"].as_u64().unwrap() as usize,
        d["end"].as_u64().unwrap() as usize,
    );
    doc["text"]
        .as_str()
        .unwrap()
        .chars()
        .skip(s)
        .take(e.max(s + 1) - s)
        .collect()
}

#[test]
fn in_chromium_a_pasted_draft_gets_its_findings_and_a_click_shows_the_span() {
    let Some(driver) = Driver::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let text = std::fs::read_to_string(corpus(WEAK)).unwrap();
    let expected = post_json(
        server.port,
        "/api/check",
        &serde_json::json!({"text": text}),
    )
    .json();
    let findings = expected["diagnostics"].as_array().unwrap().len();
    assert!(findings > 10);

    driver.go(&format!("http://127.0.0.1:{}/#precheck", server.port));
    driver.js("window.notReloaded = true; return true");
    driver.type_into("#paste", &text);
    driver.wait(
        &format!("return document.querySelectorAll('#list li.finding').length === {findings}"),
        "the findings",
    );
    assert_eq!(
        driver.js("return document.getElementById('score').textContent"),
        expected["score"]["quality"].to_string()
    );

    // The last finding in the column sits far down the text: clicking it marks its span and
    // scrolls the text to it.
    driver.click("#list li.finding:last-child");
    let seen = driver.js(
        "const card = document.querySelector('#list li.finding:last-child');
         const marks = [...document.querySelectorAll('#doc mark.active')];
         const doc = document.getElementById('doc');
         const r = marks[0].getBoundingClientRect(), d = doc.getBoundingClientRect();
         return {id: Number(card.dataset.id), active: card.classList.contains('active'),
                 text: marks.map(m => m.textContent).join(''),
                 inView: r.top >= d.top && r.bottom <= d.bottom,
                 scrolled: doc.scrollTop, overflows: doc.scrollHeight > doc.clientHeight,
                 bg: getComputedStyle(marks[0]).backgroundColor};",
    );
    assert_eq!(seen["active"], true, "{seen}");
    let k = seen["id"].as_u64().unwrap() as usize;
    assert_eq!(
        seen["text"].as_str().unwrap(),
        span_text(&expected, k),
        "{seen}"
    );
    assert_eq!(seen["inView"], true, "{seen}");
    assert_eq!(seen["overflows"], true, "{seen}");
    assert!(seen["scrolled"].as_f64().unwrap() > 0.0, "{seen}");
    assert_eq!(
        seen["bg"], "rgb(255, 226, 107)",
        "the active span is highlighted: {seen}"
    );
    // The picture for the README: a finding in the middle of the column, the page at its top.
    driver.click("#list li.finding:nth-child(7)");
    driver.js("window.scrollTo(0, 0); return true");
    driver.screenshot("serve-precheck.png");

    // And back: a click on a marked span in the text makes its card the active one.
    driver.click("#doc mark");
    let back = driver.js("const m = document.querySelector('#doc mark');
         const card = document.querySelector('#list li.finding.active');
         return card !== null && m.dataset.ids.split(' ').includes(card.dataset.id);");
    assert_eq!(back, true);

    // The rule's documentation opens from a finding.
    driver.click("#list li.finding a.rule");
    driver.wait(
        "return !document.getElementById('rule-box').hidden",
        "the rule's page",
    );
    assert_eq!(
        driver.js("return document.getElementById('rule-doc').textContent.includes('为什么')"),
        true
    );
    driver.click("#rule-close");

    // Editing the text re-checks it without a reload.
    driver.click("#view-edit");
    driver.js("const e = document.getElementById('editor');
         e.value = '永嘉县桥头镇纽扣企业缺工\\n全县纽扣企业312家，其中桥头镇缺工约3000人。';
         e.dispatchEvent(new Event('input')); return true;");
    driver.wait(
        "return document.getElementById('doc-title').textContent === '永嘉县桥头镇纽扣企业缺工'",
        "the re-check",
    );
    assert_eq!(driver.js("return window.notReloaded === true"), true);

    // A Word file chosen in the page.
    driver.click("#new-draft");
    let docx = corpus(DOCX);
    let bytes = std::fs::read(&docx).unwrap();
    let expected = post_form(server.port, "/api/check", &[("file", Some(DOCX), &bytes)]).json();
    let e = driver.find("#file");
    driver.call(
        "POST",
        &format!("/element/{e}/value"),
        Some(serde_json::json!({ "text": docx.display().to_string() })),
    );
    let title = expected["title"].as_str().unwrap();
    driver.wait(
        &format!("return document.getElementById('doc-title').textContent === '{title}'"),
        "the uploaded draft",
    );
    assert_eq!(
        driver.js("return document.querySelectorAll('#list li.finding').length"),
        expected["diagnostics"].as_array().unwrap().len()
    );
    driver.screenshot("serve-docx.png");
}

#[test]
fn in_chromium_the_archive_and_the_audit_pages_work() {
    let Some(driver) = Driver::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let indexed = Command::new(BIN)
        .args(["index", "--index", "idx"])
        .arg(root().join("corpus"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(indexed.status.success());
    let server = start(dir.path(), &["--index", "idx"]);
    driver.go(&format!("http://127.0.0.1:{}/#search", server.port));
    driver.wait(
        "return document.getElementById('health').textContent.includes('已打开')",
        "the index to be reported open",
    );
    driver.type_into("#q", "纽扣 用工");
    driver.click("#search-form button[type=submit]");
    driver.wait(
        "return document.querySelectorAll('#hits li').length > 0",
        "the hits",
    );
    assert_eq!(
        driver.js("return document.querySelector('#hits li .snippet mark') !== null"),
        true,
        "matched words are highlighted"
    );
    driver.click("#hits li a.hit-title");
    driver.wait(
        "return !document.getElementById('item').hidden && document.querySelector('#item .item-text').textContent.length > 100",
        "the opened item",
    );
    driver.screenshot("serve-search.png");

    // With the index, a draft sent again names the earlier item, and the link opens it.
    driver.go(&format!("http://127.0.0.1:{}/#precheck", server.port));
    // The same report sent again a month later.
    let again = std::fs::read_to_string(corpus(TXT))
        .unwrap()
        .replace("日期: 2026-11-02", "日期: 2026-12-01");
    assert!(again.contains("2026-12-01"));
    driver.js(&format!(
        "const p = document.getElementById('paste'); p.value = {}; p.dispatchEvent(new Event('input')); return true;",
        serde_json::to_string(&again).unwrap()
    ));
    driver.wait(
        "return document.querySelector('#history a[data-item]') !== null",
        "the earlier item named",
    );
    driver.click("#history a[data-item]");
    driver.wait(
        "return !document.getElementById('page-search').hidden && !document.getElementById('item').hidden",
        "the earlier item opened",
    );
    let title = driver.js("return document.querySelector('#item h2').textContent");
    assert_eq!(title, "永嘉县桥头镇纽扣企业用工缺口扩大需引起关注");

    // An audit of three drafts chosen in the page.
    driver.go(&format!("http://127.0.0.1:{}/#audit", server.port));
    let files: Vec<String> = [TXT, DOCX, WEAK]
        .iter()
        .map(|n| corpus(n).display().to_string())
        .collect();
    let e = driver.find("#audit-files");
    driver.call(
        "POST",
        &format!("/element/{e}/value"),
        Some(serde_json::json!({ "text": files.join("\n") })),
    );
    driver.click("#audit-run");
    driver.wait(
        "return !document.getElementById('audit-result').hidden",
        "the audit report",
    );
    let summary = driver.js("return document.getElementById('audit-summary').textContent");
    assert!(summary.as_str().unwrap().contains("3 篇稿件"), "{summary}");
    driver.wait(
        "const f = document.getElementById('audit-frame');
         return f.contentDocument !== null && f.contentDocument.body !== null
             && f.contentDocument.body.textContent.includes('质量分');",
        "the report in the page",
    );
    driver.screenshot("serve-audit.png");
}
