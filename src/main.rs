//! `factcheck`: the GUI, or a headless subcommand. All logic lives in the library.

use clap::Parser as _;

fn main() -> std::process::ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let args = factcheck::cli::Args::parse();
    let result = match args.command {
        Some(command) => factcheck::cli::run(command, &args.reviewer),
        None => factcheck::app::run_gui(args.path, &args.reviewer),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
