//! The `xinjian` binary: parse arguments, run, map to an exit code.

use xinjian::cli::{Command, LexiconCommand};

fn main() {
    let cli = xinjian::cli::help::parse();
    let code = match cli.command {
        Command::Check(args) => xinjian::cli::check::run(args),
        Command::Audit(args) => xinjian::cli::audit::run(args),
        Command::Rule { name } => xinjian::cli::rule::run(name),
        Command::Index(args) => xinjian::cli::archive::index(args),
        Command::Search(args) => xinjian::cli::archive::search(args),
        Command::Similar(args) => xinjian::cli::archive::similar(args),
        Command::Dups(args) => xinjian::cli::dups::run(args),
        Command::Serve(args) => xinjian::cli::serve::run(args),
        Command::Config { config } => xinjian::cli::config::run(config),
        Command::Lexicon {
            command: LexiconCommand::Check { dir },
        } => xinjian::cli::lexicon::check(dir),
    };
    std::process::exit(code);
}
