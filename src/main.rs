//! The `xinjian` binary: parse arguments, run, map to an exit code.

mod cli;

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
    std::process::exit(code);
}
