//! The `xinjian` binary: parse arguments, run, map to an exit code.

mod cli;

/// mimalloc, the allocator the tool ships with: a draft's analysis makes a few hundred small
/// allocations (places, data points, findings), and glibc's malloc and free cost about a
/// tenth of the full check (callgrind). The library leaves the choice to whoever embeds it;
/// the benches and examples choose this one too, so that what they measure is what ships.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use cli::{Command, LexiconCommand};

fn main() {
    let cli = cli::help::parse();
    let code = match cli.command {
        Command::Check(args) => cli::check::run(args),
        Command::Audit(args) => cli::audit::run(args),
        Command::Rule { name } => cli::rule::run(name),
        Command::Index(args) => cli::archive::index(args),
        Command::Search(args) => cli::archive::search(args),
        Command::Similar(args) => cli::archive::similar(args),
        Command::Dups(args) => cli::dups::run(args),
        Command::Serve(args) => cli::serve::run(args),
        Command::Config { config } => cli::config::run(config),
        Command::Lexicon {
            command: LexiconCommand::Check { dir },
        } => cli::lexicon::check(dir),
    };
    let code = code.unwrap_or_else(|cli::Fatal(message)| {
        // The one place where a command's end is printed.
        for line in message.lines() {
            eprintln!("xinjian：{line}");
        }
        2
    });
    std::process::exit(code);
}
