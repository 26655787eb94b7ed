//! Audit throughput on a generated month: `audit_scale bare|audit|floor N` (threads from
//! RAYON_NUM_THREADS). `bare` segments the N generated texts with jieba-rs (default
//! dictionary, `cut(text, true)`), in parallel; `audit` writes them as files of one month from
//! 15 units, then runs what `xinjian audit` runs — read, check in parallel, build the audit,
//! write report.json/html/md/xlsx — and prints time, MB/s of text and peak memory (VmHWM).
//! Run each mode in its own process so that peak memory is its own.
//!
//! `floor` times, on the same files, three things the audit cannot leave out and bare
//! segmentation does not do: loading the engine (jieba's dictionary with the gazetteer
//! words, the gazetteer, the lexicons), reading the files, and segmenting the pieces that
//! the analysis reads ([`xinjian::text::segments::Segments::needed`]), each on its own.

// The allocator the shipped binary uses (src/main.rs), so that this measures what ships.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../benches/common/synth.rs"]
mod synth;

use std::time::Instant;

use rayon::prelude::*;

const UNITS: [&str; 15] = [
    "鹿城区委办",
    "龙湾区委办",
    "瓯海区委办",
    "洞头区委办",
    "瑞安市委办",
    "乐清市委办",
    "龙港市委办",
    "永嘉县委办",
    "平阳县委办",
    "苍南县委办",
    "文成县委办",
    "泰顺县委办",
    "市农业农村局",
    "市市场监管局",
    "市信访局",
];

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Writes the items as the files of one month from 15 units; returns the month's folder.
fn write_month(dir: &std::path::Path, items: &[synth::Synth]) -> std::path::PathBuf {
    let month = dir.join("2026-11");
    std::fs::create_dir(&month).unwrap();
    items.par_iter().enumerate().for_each(|(i, s)| {
        let unit = UNITS[i % UNITS.len()];
        let date = format!("2026-11-{:02}", 1 + i % 30);
        let body = format!("---\n单位: {unit}\n日期: {date}\n---\n{}\n", s.text);
        std::fs::write(month.join(format!("{i:05}.md")), body).unwrap();
    });
    month
}

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "audit".into());
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let g = synth::Generator::new();
    let items: Vec<synth::Synth> = (0..n).into_par_iter().map(|i| g.item(i)).collect();
    let bytes: usize = items.iter().map(|s| s.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    let threads = rayon::current_num_threads();
    match mode.as_str() {
        "bare" => {
            let jieba = jieba_rs::Jieba::new();
            let t = Instant::now();
            let tokens: usize = items
                .par_iter()
                .map(|s| jieba.cut(&s.text, true).len())
                .sum();
            let secs = t.elapsed().as_secs_f64();
            println!(
                "bare: {n} items, {mb:.1} MB, {threads} threads: {secs:.2} s, {:.2} MB/s, {tokens} tokens, peak {} MiB",
                mb / secs,
                peak_kib() / 1024
            );
        }
        "floor" => {
            let dir = tempfile::tempdir().unwrap();
            let month = write_month(dir.path(), &items);
            drop(items);
            let t = Instant::now();
            let engine = xinjian::Engine::new(xinjian::Config::default()).unwrap();
            let load = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let docs: Vec<_> = xinjian::source::collect_files(&[month])
                .into_par_iter()
                .map(|f| xinjian::source::load(&f.unwrap()).unwrap())
                .collect();
            let read = t.elapsed().as_secs_f64();
            let res = xinjian::Resources::shared();
            let t = Instant::now();
            let tokens: usize = docs
                .par_iter()
                .map(|d| {
                    let title = xinjian::text::Span {
                        start: 0,
                        end: d.text.find('\n').unwrap_or(d.text.len()),
                    };
                    xinjian::text::segments::Segments::needed(&res, &d.text, title)
                        .into_tokens()
                        .len()
                })
                .sum();
            let pieces = t.elapsed().as_secs_f64();
            drop(engine);
            println!(
                "floor: {n} items, {mb:.1} MB, {threads} threads: loading {load:.2} s, reading {read:.2} s, segmenting the pieces the analysis reads {pieces:.2} s ({tokens} tokens)"
            );
        }
        _ => {
            let dir = tempfile::tempdir().unwrap();
            let month = write_month(dir.path(), &items);
            drop(items);
            let t = Instant::now();
            // As `xinjian audit` does: the engine loads on a thread of its own while the
            // files are read.
            let (engine, docs) = std::thread::scope(|scope| {
                let loading =
                    scope.spawn(|| xinjian::Engine::new(xinjian::Config::default()).unwrap());
                let docs: Vec<_> = xinjian::source::collect_files(&[month])
                    .into_par_iter()
                    .map(|f| f.and_then(|p| xinjian::source::load(&p)))
                    .collect();
                (loading.join().unwrap(), docs)
            });
            let entries: Vec<_> = docs
                .into_par_iter()
                .map(|d| d.map(|d| xinjian::audit::Item::from_report(engine.check(d), Vec::new())))
                .collect();
            let checked = t.elapsed().as_secs_f64();
            let audit =
                xinjian::audit::Audit::build(entries, &xinjian::audit::DateRange::default());
            let built = t.elapsed().as_secs_f64();
            let out = dir.path().join("report");
            std::fs::create_dir(&out).unwrap();
            // As `xinjian audit` does: the four reports rendered at the same time.
            let ((json, html), (md, xlsx)) = rayon::join(
                || {
                    rayon::join(
                        || serde_json::to_vec(&audit).unwrap(),
                        || xinjian::audit::html::render(&audit),
                    )
                },
                || {
                    rayon::join(
                        || xinjian::audit::markdown::render(&audit),
                        || {
                            let f = std::fs::File::create(out.join("report.xlsx")).unwrap();
                            xinjian::audit::xlsx::write(&audit, std::io::BufWriter::new(f))
                        },
                    )
                },
            );
            xlsx.unwrap();
            std::fs::write(out.join("report.json"), json).unwrap();
            std::fs::write(out.join("report.html"), html).unwrap();
            std::fs::write(out.join("report.md"), md).unwrap();
            let secs = t.elapsed().as_secs_f64();
            let size = |f: &str| std::fs::metadata(out.join(f)).map_or(0, |m| m.len()) / 1024;
            println!(
                "audit: {} items, {mb:.1} MB, {threads} threads: {secs:.2} s ({checked:.2} s reading and checking, {:.2} s duplicates and summary, {:.2} s writing), {:.2} MB/s, {} duplicate clusters, peak {} MiB; report.html {} KiB, report.xlsx {} KiB",
                audit.totals.items,
                built - checked,
                secs - built,
                mb / secs,
                audit.duplicates.len(),
                peak_kib() / 1024,
                size("report.html"),
                size("report.xlsx"),
            );
        }
    }
}
