//! Command-line interface: clap definitions, one file per subcommand.

pub mod archive;
pub mod audit;
pub mod check;
pub mod config;
pub mod dups;
pub mod help;
pub mod lexicon;
pub mod rule;
pub mod serve;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Output formats on the command line (the library's [`xinjian::report::Format`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Terminal,
    Json,
}

impl Format {
    pub fn library(self) -> xinjian::report::Format {
        match self {
            Format::Terminal => xinjian::report::Format::Terminal,
            Format::Json => xinjian::report::Format::Json,
        }
    }
}

/// 信鉴：党委信息、政务信息稿件的要素预审工具
#[derive(Debug, Parser)]
#[command(name = "xinjian", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查稿件（文件或文件夹）：缺什么要素、哪里空泛、哪些提法过时
    Check(CheckArgs),
    /// 审核一段时间内各单位报送的全部稿件，生成报告文件夹（网页、Excel 清单、JSON、摘要）
    Audit(AuditArgs),
    /// 列出全部检查项，或显示某一项的说明：xinjian rule missing-data
    Rule {
        /// 检查项的名称或代码（如 missing-data 或 X001）
        name: Option<String>,
    },
    /// 把稿件加入历史信息索引（已收录且未改动的跳过，改动过的替换旧版本）
    Index(IndexArgs),
    /// 检索历史信息：xinjian search 秸秆 综合利用 --since 2025-01
    Search(SearchArgs),
    /// 在历史信息索引中找出与一篇稿件最相似的信息
    Similar(SimilarArgs),
    /// 找出一批稿件或历史信息中的疑似重复（两个单位报送同一条、旧稿重报、短稿被整段套用）
    Dups(DupsArgs),
    /// 显示实际生效的配置（默认值和 xinjian.toml 合并后的结果）
    Config {
        /// 配置文件（默认读取当前文件夹下的 xinjian.toml）
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// 启动网页版（预审、检索、审核）：在浏览器中使用，局域网内共用
    Serve(ServeArgs),
    /// 词表工具：xinjian lexicon check [文件夹]
    Lexicon {
        #[command(subcommand)]
        command: LexiconCommand,
    },
}

#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// 稿件文件或文件夹
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 索引文件夹（默认为当前文件夹下的 xinjian-index）
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// 配置文件
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// 检索词（可以是一句话，会自动分词）
    #[arg(required = true)]
    pub query: Vec<String>,
    /// 只看某单位（名称中包含即可）
    #[arg(long)]
    pub unit: Option<String>,
    /// 只看某类信息：问题类、调研类、典型经验、专报、动态
    #[arg(long)]
    pub category: Option<String>,
    /// 起始日期（含），如 2025-01 或 2025-01-15
    #[arg(long)]
    pub since: Option<String>,
    /// 截止日期（含）
    #[arg(long)]
    pub until: Option<String>,
    /// 最多显示几条
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Terminal)]
    pub format: Format,
    /// 索引文件夹
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// 配置文件
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct SimilarArgs {
    /// 稿件文件
    pub file: PathBuf,
    /// 最多显示几条
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Terminal)]
    pub format: Format,
    /// 索引文件夹
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// 配置文件
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
例：
  xinjian dups 2026-11/                      本月稿件之间互相比对
  xinjian dups 2026-11/ --index 历史索引       本月稿件与历史信息比对（只列出含本月稿件的组）
  xinjian dups --since 2026-01-01             历史信息索引内部比对（使用配置的或当前文件夹下的 xinjian-index）

与某篇给出的稿件内容相同（或路径相同）的历史信息视为同一篇，不算重复。")]
pub struct DupsArgs {
    /// 稿件文件或文件夹；不给出时只比对历史信息索引中的信息
    pub paths: Vec<PathBuf>,
    /// 历史信息索引：其中的信息也参加比对。不给出稿件时默认使用配置的索引（index）或当前文件夹下的
    /// xinjian-index；给出稿件而不给此项时只比对这些稿件
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// 只比对这一天（含）以后的历史信息，如 2026-01-01 或 2026-01；没有日期的历史信息不参加比对。
    /// 命令行给出的稿件不受此限
    #[arg(long)]
    pub since: Option<String>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Terminal)]
    pub format: Format,
    /// 配置文件（默认读取当前文件夹下的 xinjian.toml）
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
例：
  xinjian serve                                   只在本机使用：浏览器打开 http://127.0.0.1:8848/
  xinjian serve --index 历史索引                   同时提供检索、查重
  xinjian serve --listen 0.0.0.0:8848 --password-file 密码.txt
                                                  在办公室服务器上运行，局域网内都能打开（必须设密码）")]
pub struct ServeArgs {
    /// 监听的地址和端口（默认 127.0.0.1:8848，只有本机能打开）；写 0.0.0.0:8848 对局域网开放（必须设密码）
    #[arg(long, default_value = "127.0.0.1:8848", value_name = "地址:端口")]
    pub listen: String,
    /// 密码文件（第一行是密码）；也可在 xinjian.toml 中写 password = "…"
    #[arg(long, value_name = "文件")]
    pub password_file: Option<PathBuf>,
    /// 报送台账（.xlsx 或 .csv），审核时没有上传台账就用它
    #[arg(long)]
    pub ledger: Option<PathBuf>,
    #[command(flatten)]
    pub engine: EngineArgs,
}

#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// 校验词表：编码、格式、正则表达式、重复、冲突（默认检查 ./lexicons）
    Check {
        /// 词表文件夹
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// 稿件文件或文件夹（.txt、.md、.docx、.doc、.wps；文件夹会检查其中全部稿件）
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Terminal)]
    pub format: Format,
    /// JSON 中附上每篇稿件提取出的全文，便于核对位置
    #[arg(long)]
    pub include_text: bool,
    /// 有此级别及以上的问题时返回退出码 1：error、warning、info 或 never
    #[arg(long)]
    pub fail_on: Option<String>,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// 颜色：auto（终端上着色）、always、never
    #[arg(long, default_value = "auto")]
    pub color: String,
    /// 把检查意见作为批注写进 Word 副本“稿件名（信鉴批注）.docx”，放在原稿旁边（原稿不改动）
    #[arg(long)]
    pub annotate: bool,
    /// 批注稿放到这个文件夹（默认放在各原稿旁边；给出时自动打开 --annotate）
    #[arg(long, value_name = "文件夹")]
    pub annotate_dir: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// 稿件文件或文件夹（文件夹会审核其中全部稿件）
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 只审核此日期及以后的稿件，如 2026-11-02、2026年11月2日，整月写 2026-11（无日期的稿件此时不纳入）
    #[arg(long)]
    pub since: Option<String>,
    /// 只审核此日期及以前的稿件，如 2026-11-30、2026年11月30日，整月写 2026-11
    #[arg(long)]
    pub until: Option<String>,
    /// 报告文件夹（默认为当前文件夹下的 xinjian-report）
    #[arg(long, default_value = "xinjian-report")]
    pub out: PathBuf,
    /// 报送台账（.xlsx 或 .csv）：表头有“文件”或“标题”列，还可以有单位、日期、类别、采用、批示、扣分；台账中的值优先
    #[arg(long)]
    pub ledger: Option<PathBuf>,
    /// 为每篇稿件写出批注稿（检查意见作为 Word 批注），放在报告文件夹的“批注稿”子文件夹，报告中有链接
    #[arg(long)]
    pub annotate: bool,
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// The options every checking command (check, audit) takes to build its engine.
#[derive(Debug, clap::Args)]
pub struct EngineArgs {
    /// 本地区（省、市或县的全称，如 温州市）；区外地名会被标出
    #[arg(long)]
    pub region: Option<String>,
    /// 配置文件（默认读取当前文件夹下的 xinjian.toml）
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// 本单位自己的词表文件夹，叠加在随附词表之上
    #[arg(long)]
    pub lexicons: Option<PathBuf>,
    /// 历史信息索引：与其中更早的信息比对重复（默认使用当前文件夹下的 xinjian-index，如果存在）
    #[arg(long)]
    pub index: Option<PathBuf>,
}

/// Why a command stopped before doing what it was asked, in Chinese. `main` prints it, once,
/// as `xinjian：…`, and exits with 2; the commands only return it (`?` turns any error with a
/// Chinese `Display` into one).
#[derive(Debug)]
pub struct Fatal(pub String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Fatal {
        Fatal(e.to_string())
    }
}

/// The end of a command whose output is `written`: a closed pipe (`| head`) is no error.
pub fn written(written: std::io::Result<()>) -> Exit {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Fatal(format!("输出失败（{e}）")))
        }
        _ => Ok(0),
    }
}

/// What a command ends with: its exit code (0; 1 when findings reach `--fail-on`; 2 when some
/// drafts could not be read but the rest were done), or why it stopped.
pub type Exit = Result<i32, Fatal>;

/// The configuration with the command line's overrides, and whether the archive is required
/// (`--index` given).
pub fn configured(args: &EngineArgs) -> Result<(xinjian::Config, xinjian::IndexUse), Fatal> {
    let mut config = xinjian::Config::load(args.config.as_deref())?;
    if let Some(r) = args.region.clone() {
        config.region = Some(r);
    }
    if let Some(dir) = args.lexicons.clone() {
        config.lexicons = Some(dir);
    }
    let index = if args.index.is_some() {
        xinjian::IndexUse::Required
    } else {
        xinjian::IndexUse::IfPresent
    };
    if let Some(dir) = args.index.clone() {
        config.index = Some(dir);
    }
    Ok((config, index))
}

/// [`xinjian::Engine::open`] with its notices printed.
pub fn open(config: xinjian::Config, index: xinjian::IndexUse) -> Result<xinjian::Engine, Fatal> {
    let engine = xinjian::Engine::open(config, index)?;
    for n in engine.notices() {
        eprintln!("xinjian：{n}");
    }
    Ok(engine)
}

/// The engine the options ask for (see [`configured`] and [`open`]).
pub fn engine(args: &EngineArgs) -> Result<xinjian::Engine, Fatal> {
    let (config, index) = configured(args)?;
    open(config, index)
}
