//! Load on `xinjian serve` over loopback: 8 clients post a 3,000-字 draft to `/api/check` as
//! fast as the answers come, for 20 s. Reports requests per second, latency percentiles, the
//! errors (target 0) and the server's resident memory averaged over the first and the last
//! 5 s, after 2 s of the same load not counted (target: flat). Target (issue 22): p99 ≤ 100 ms on a 2-core machine.
//!
//! `cargo bench --bench serve` (XINJIAN_LOAD_SECS and XINJIAN_LOAD_CLIENTS change the run);
//! the README quotes what it prints. Each request opens its own connection, as a page's
//! fetch after an idle pause does.

#[path = "../tests/common/http.rs"]
mod http;

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A draft of at least 3,000 characters: corpus drafts of one county under one title.
fn draft() -> String {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut names: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let mut text = String::from("永嘉县多措并举稳企业保就业情况调研\n");
    for p in names {
        if text.chars().count() >= 3000 {
            break;
        }
        let body = std::fs::read_to_string(&p).unwrap();
        // The drafts' bodies without their own titles and front matter.
        let body = body.rsplit("---").next().unwrap_or(&body);
        for line in body.lines().skip(1) {
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn main() {
    // `cargo bench` passes --bench; a filter that is not ours skips the run.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"serve".contains(a.as_str()))
    {
        return;
    }
    let secs: u64 = std::env::var("XINJIAN_LOAD_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let clients: usize = std::env::var("XINJIAN_LOAD_CLIENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let dir = tempfile::tempdir().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_xinjian"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (port, _) = http::read_announcement(&mut server);
    let text = draft();
    let body = serde_json::json!({"name": "调研.txt", "text": text}).to_string();
    let headers = [("Content-Type", "application/json")];
    // One warm-up request (the first check touches every dictionary page).
    assert_eq!(
        http::request(port, "POST", "/api/check", &headers, body.as_bytes()).status,
        200
    );

    // Two seconds of the same load first, not counted: memory is compared from there on
    // (the allocator's pools fill in the first seconds; a leak keeps growing after).
    let warm = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..clients {
            s.spawn(|| {
                while warm.elapsed() < Duration::from_secs(2) {
                    http::request(port, "POST", "/api/check", &headers, body.as_bytes());
                }
            });
        }
    });
    let stop = Arc::new(AtomicBool::new(false));
    let latencies = Arc::new(Mutex::new(Vec::<f64>::new()));
    let errors = Arc::new(Mutex::new(Vec::<u16>::new()));
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            let (stop, latencies, errors, body) = (
                stop.clone(),
                latencies.clone(),
                errors.clone(),
                body.clone(),
            );
            std::thread::spawn(move || {
                let mut mine = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    let r = http::request(port, "POST", "/api/check", &headers, body.as_bytes());
                    let ms = t.elapsed().as_secs_f64() * 1000.0;
                    if r.status == 200 && r.body.starts_with(b"{\"path\"") {
                        mine.push(ms);
                    } else {
                        errors.lock().unwrap().push(r.status);
                    }
                }
                latencies.lock().unwrap().extend(mine);
            })
        })
        .collect();
    // Memory every 250 ms.
    let pid = server.id();
    let mut samples: Vec<(f64, u64)> = Vec::new();
    while started.elapsed() < Duration::from_secs(secs) {
        if let Some(kb) = rss_kb(pid) {
            samples.push((started.elapsed().as_secs_f64(), kb));
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let _ = server.kill();
    let _ = server.wait();

    let mut l = latencies.lock().unwrap().clone();
    l.sort_by(f64::total_cmp);
    let pct = |p: f64| l[((l.len() as f64 * p).ceil() as usize).clamp(1, l.len()) - 1];
    let window = 5.0_f64.min(secs as f64 / 4.0);
    let mean = |from: f64, to: f64| {
        let v: Vec<u64> = samples
            .iter()
            .filter(|(t, _)| *t >= from && *t < to)
            .map(|s| s.1)
            .collect();
        v.iter().sum::<u64>() as f64 / v.len().max(1) as f64 / 1024.0
    };
    let first = mean(0.0, window);
    let last = mean(secs as f64 - window, secs as f64 + 1.0);
    let errors = errors.lock().unwrap();
    println!(
        "xinjian serve, POST /api/check, {}-character draft, {clients} clients, {elapsed:.1} s",
        text.chars().count()
    );
    println!(
        "  requests {}  errors {}  {:.1} requests/s",
        l.len(),
        errors.len(),
        l.len() as f64 / elapsed
    );
    println!(
        "  latency ms: p50 {:.1}  p90 {:.1}  p99 {:.1}  max {:.1}",
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0)
    );
    println!(
        "  server memory (RSS) MB: first {window:.0} s {first:.1}, last {window:.0} s {last:.1} ({:+.1}%)",
        (last - first) / first * 100.0
    );
    if !errors.is_empty() {
        println!("  error statuses: {:?}", &errors[..errors.len().min(20)]);
    }
}
