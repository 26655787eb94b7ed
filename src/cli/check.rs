//! `xinjian check`: read files in parallel, check each, print one report.

use super::{Exit, Fatal};
use std::io::{IsTerminal, Write};

use rayon::prelude::*;

use super::CheckArgs;
use xinjian::config::Config;
use xinjian::report::{self, Options, Outcome};
use xinjian::{annotate, isolate, source, Severity};

/// Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 could not run (or a file could
/// not be read).
pub fn run(args: CheckArgs) -> Exit {
    let mut fail_on = None;
    let mut fail_never = false;
    if let Some(f) = &args.fail_on {
        if f == "never" {
            fail_never = true;
        } else {
            fail_on = Some(Severity::parse(f).ok_or_else(|| {
                Fatal(format!(
                    "--fail-on 的值“{f}”无效，可用 error、warning、info、never"
                ))
            })?);
        }
    }
    let (mut config, index) = super::configured(&args.engine)?;
    if fail_never {
        config.fail_never = true;
    }
    if fail_on.is_some() {
        config.fail_on = fail_on;
    }
    let engine = super::open(config, index)?;
    let collected = source::collect(&args.paths);
    if let Some(notice) = collected.skipped_notice() {
        eprintln!("{notice}");
    }
    let files = collected.files;
    if files.is_empty() {
        return Err(Fatal(format!(
            "给出的文件夹里没有可检查的稿件（{}）",
            source::supported_list()
        )));
    }
    let annotate_dir = args.annotate_dir.as_deref();
    let annotate = args.annotate || annotate_dir.is_some();
    let today = annotate::today();
    // Names of the copies, chosen in order so that two drafts never share one.
    // A .docx keeps the plain name beside a .doc of the same name.
    let mut taken = std::collections::HashSet::new();
    let mut outs: Vec<Option<std::path::PathBuf>> = vec![None; files.len()];
    for docx_first in [true, false] {
        for (f, out) in files.iter().zip(outs.iter_mut()) {
            if let (Ok(p), true) = (f, annotate) {
                let is_docx = p
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
                if is_docx == docx_first {
                    let o = annotate::output_path_avoiding(p, annotate_dir, &taken);
                    taken.insert(o.clone());
                    *out = Some(o);
                }
            }
        }
    }
    let files: Vec<_> = files.into_iter().zip(outs).collect();
    let (outcomes, copies): (Vec<Outcome>, Vec<Option<Copy>>) = files
        .into_par_iter()
        .map(|(f, out)| {
            let Some(out) = out else {
                return (f.and_then(|p| engine.check_path(&p)), None);
            };
            let path = match f {
                Ok(p) => p,
                Err(e) => return (Err(e), None),
            };
            let bytes = match source::read_bytes(&path) {
                Ok(b) => b,
                Err(e) => return (Err(e), None),
            };
            let shown = path.display().to_string();
            let outcome = isolate::isolate(&shown, || {
                source::from_bytes(&path, &bytes).map(|d| engine.check(d))
            });
            let copy = outcome.as_ref().ok().map(|r| {
                let written =
                    isolate::isolate(&shown, || Ok(annotate::annotate(&path, &bytes, r, &today)))
                        .map_err(annotate::AnnotateError::from)
                        .and_then(|a| a)
                        .and_then(|a| annotate::write_copy(&out, &a.bytes).map(|_| a));
                Copy {
                    out,
                    written: written.map(|a| (a.comments, a.rebuilt)),
                }
            });
            (outcome, copy)
        })
        .unzip();
    let color = match args.color.as_str() {
        "always" => true,
        "never" => false,
        _ => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let opts = Options {
        color,
        include_text: args.include_text,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let sink = args.format.library().sink(opts, &mut out);
    let written = report::write_all(sink, &outcomes).and_then(|_| out.flush());
    if let Err(e) = written {
        // A closed pipe (xinjian check … | head) is not a failure.
        return super::written(Err(e));
    }
    if args.format == super::Format::Json {
        for o in &outcomes {
            if let Err(e) = o {
                eprintln!("xinjian：{e}");
            }
        }
    }
    // A draft the archive could not be compared with is not a clean result.
    let mut failed = false;
    for r in outcomes.iter().flatten() {
        if let Some(e) = &r.archive_error {
            failed = true;
            eprintln!(
                "xinjian：{}：没有与历史信息比对重复（{e}）",
                r.doc.path.display()
            );
        }
    }
    for c in copies.iter().flatten() {
        match &c.written {
            Ok((n, rebuilt)) => {
                let note = if *rebuilt {
                    "；原稿不是 .docx，批注稿按段落重排了文字，原有格式没有沿用"
                } else {
                    ""
                };
                eprintln!(
                    "xinjian：已写出批注稿 {}（{n} 条批注{note}）",
                    c.out.display()
                );
            }
            Err(e) => {
                failed = true;
                eprintln!("xinjian：{e}");
            }
        }
    }
    if failed {
        return Ok(2);
    }
    Ok(exit_code(&outcomes, engine.config()))
}

/// The annotated copy of one draft: where it goes, and its comments and whether the draft's
/// formatting was lost (not a `.docx`), or why it could not be written.
struct Copy {
    out: std::path::PathBuf,
    written: Result<(usize, bool), annotate::AnnotateError>,
}

fn exit_code(outcomes: &[Outcome], config: &Config) -> i32 {
    if outcomes.iter().any(|o| o.is_err()) {
        return 2;
    }
    if config.fail_never {
        return 0;
    }
    let threshold = config.fail_on.unwrap_or(Severity::Error);
    let hit = outcomes
        .iter()
        .flatten()
        .any(|r| r.diagnostics.iter().any(|d| d.severity >= threshold));
    i32::from(hit)
}
