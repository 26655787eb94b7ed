//! `xinjian check`: read files in parallel, check each, print one report.

use std::io::{IsTerminal, Write};

use rayon::prelude::*;

use super::CheckArgs;
use crate::config::Config;
use crate::report::{self, Options, Outcome};
use crate::{source, Severity};

/// Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 could not run (or a file could
/// not be read).
pub fn run(args: CheckArgs) -> i32 {
    let mut fail_on = None;
    let mut fail_never = false;
    if let Some(f) = &args.fail_on {
        if f == "never" {
            fail_never = true;
        } else {
            match Severity::parse(f) {
                Some(s) => fail_on = Some(s),
                None => {
                    eprintln!("xinjian：--fail-on 的值“{f}”无效，可用 error、warning、info、never");
                    return 2;
                }
            }
        }
    }
    let mut engine = match super::engine(&args.engine) {
        Ok(e) => e,
        Err(code) => return code,
    };
    if fail_never {
        engine.config.fail_never = true;
    }
    if fail_on.is_some() {
        engine.config.fail_on = fail_on;
    }
    let collected = source::collect(&args.paths);
    if let Some(notice) = collected.skipped_notice() {
        eprintln!("{notice}");
    }
    let files = collected.files;
    if files.is_empty() {
        eprintln!(
            "xinjian：给出的文件夹里没有可检查的稿件（{}）",
            source::supported_list()
        );
        return 2;
    }
    let outcomes: Vec<Outcome> = files
        .into_par_iter()
        .map(|f| f.and_then(|p| engine.check_path(&p)))
        .collect();
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
    let written = args
        .format
        .reporter()
        .write(&outcomes, opts, &mut out)
        .and_then(|_| out.flush());
    if let Err(e) = written {
        // A closed pipe (xinjian check … | head) is not a failure.
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return 0;
        }
        eprintln!("xinjian：输出失败（{e}）");
        return 2;
    }
    if args.format == report::Format::Json {
        for o in &outcomes {
            if let Err(e) = o {
                eprintln!("xinjian：{e}");
            }
        }
    }
    exit_code(&outcomes, &engine.config)
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
