//! Command-line help and argument errors in Chinese.
//!
//! clap writes its help and errors in English (`Usage:`, `Options:`, `[default: 10]`, `error:
//! unrecognized subcommand`) and has no translation hook, so the command tree is rewritten
//! here after the derive has built it: a help template with 用法, Chinese headings and value
//! names, the `-h`/`-V` flags described in Chinese, defaults and choices folded into each
//! option's own line; and an error is printed from its kind and context (the offending value,
//! clap's own suggestion) in Chinese.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};

use super::Cli;

const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The command tree with Chinese help.
pub fn command() -> clap::Command {
    chinese(Cli::command(), true)
}

/// Parses the process's arguments; on an error or a request for help, prints and exits.
pub fn parse() -> Cli {
    match command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => {
            let code = report(&e);
            std::process::exit(code)
        }
    }
}

fn chinese(cmd: clap::Command, top: bool) -> clap::Command {
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        );
    }
    let cmd = cmd.mut_args(|a| {
        if a.get_id() == "help" || a.get_id() == "version" {
            return a;
        }
        let positional = a.is_positional();
        let mut a = a.help_heading(if positional { "参数" } else { "选项" });
        // The derive names a value after its field in capitals (<PATHS>, <SINCE>).
        let id = a.get_id().as_str().to_string();
        let derived = a
            .get_value_names()
            .is_none_or(|v| v.iter().all(|n| n.as_str() == id.to_uppercase()));
        if derived {
            if let Some(name) = value_name(&id) {
                a = a.value_name(name);
            }
        }
        // Defaults and choices in Chinese on the option's own line.
        let mut extra = Vec::new();
        let choices: Vec<String> = a
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        let takes_value = a.get_action().takes_values();
        if takes_value && !choices.is_empty() && a.get_id() != "help" {
            extra.push(format!("可选：{}", choices.join("、")));
        }
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        let said = a.get_help().is_some_and(|h| h.to_string().contains("默认"));
        if takes_value && !defaults.is_empty() && !said {
            extra.push(format!("默认：{}", defaults.join("、")));
        }
        if !extra.is_empty() {
            let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            a = a.help(format!("{help}（{}）", extra.join("；")));
        }
        a.hide_default_value(true).hide_possible_values(true)
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    names.into_iter().fold(cmd, |cmd, name| {
        cmd.mut_subcommand(name, |sub| chinese(sub, false))
    })
}

/// The placeholder shown for an argument's value.
fn value_name(id: &str) -> Option<&'static str> {
    Some(match id {
        "paths" => "稿件或文件夹",
        "query" => "检索词",
        "file" => "稿件",
        "name" => "检查项",
        "dir" => "文件夹",
        "since" | "until" => "日期",
        "out" | "lexicons" | "annotate_dir" => "文件夹",
        "ledger" => "台账",
        "region" => "地区",
        "config" => "配置文件",
        "index" => "索引文件夹",
        "unit" => "单位",
        "category" => "类别",
        "limit" => "条数",
        "format" => "格式",
        "fail_on" => "级别",
        "color" => "颜色",
        _ => return None,
    })
}

/// The help clap rendered, its last English word (the usage's `[OPTIONS]`) in Chinese.
fn help_text(e: &clap::Error) -> String {
    e.render().to_string().replace("[OPTIONS]", "[选项]")
}

/// An argument as the user wrote it: `--format`, not `--format <格式>`.
fn bare(arg: &str) -> &str {
    if arg.starts_with('-') {
        arg.split([' ', '=']).next().unwrap_or(arg)
    } else {
        arg
    }
}

fn context(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

/// Prints the error (or the help asked for) and gives the exit code.
pub fn report(e: &clap::Error) -> i32 {
    let first = |k| context(e, k).into_iter().next().unwrap_or_default();
    let hint = |k| {
        let s = context(e, k);
        if s.is_empty() {
            String::new()
        } else {
            format!("你是不是要找 {}？", s.join("、"))
        }
    };
    let message = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            print!("{}", help_text(e));
            return 0;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            eprint!("{}", help_text(e));
            return 2;
        }
        ErrorKind::InvalidSubcommand => format!(
            "没有“{}”这个命令。{}用 xinjian --help 查看全部命令",
            first(ContextKind::InvalidSubcommand),
            hint(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::UnknownArgument => {
            let arg = first(ContextKind::InvalidArg);
            let suggested = hint(ContextKind::SuggestedArg);
            if arg.starts_with('-') {
                format!("不认识的选项“{arg}”。{suggested}用 --help 查看可用的选项")
            } else {
                format!("多余的参数“{arg}”。{suggested}用 --help 查看用法")
            }
        }
        ErrorKind::MissingRequiredArgument => format!(
            "缺少必需的参数：{}。用 --help 查看用法",
            context(e, ContextKind::InvalidArg).join("、")
        ),
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue);
            let arg = first(ContextKind::InvalidArg);
            let arg = bare(&arg);
            let value = first(ContextKind::InvalidValue);
            if value.is_empty() {
                format!("{arg} 后面缺少值")
            } else if valid.is_empty() {
                format!("{arg} 的值“{value}”无效")
            } else {
                format!("{arg} 的值“{value}”无效，可用：{}", valid.join("、"))
            }
        }
        ErrorKind::ValueValidation => format!(
            "{} 的值“{}”无效",
            bare(&first(ContextKind::InvalidArg)),
            first(ContextKind::InvalidValue)
        ),
        ErrorKind::ArgumentConflict => format!(
            "{} 不能与 {} 同时使用",
            first(ContextKind::InvalidArg),
            context(e, ContextKind::PriorArg).join("、")
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{} 的值的个数不对", first(ContextKind::InvalidArg))
        }
        _ => {
            let text = e.to_string();
            let line = text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_string();
            format!("参数有误（{line}）。用 --help 查看用法")
        }
    };
    eprintln!("xinjian：{message}");
    2
}
