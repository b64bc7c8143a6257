//! Writes each fuzz target's seeds to `<dir>/<target>/seed-<n>`, the corpus libFuzzer starts
//! from: `cargo run -p auth-fuzz --bin write-corpus -- fuzz/corpus`.

use std::path::PathBuf;
use std::process::ExitCode;

use auth_fuzz::seeds::{TARGETS, seeds};

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: write-corpus <dir>");
        return ExitCode::FAILURE;
    };
    for target in TARGETS {
        let folder = dir.join(target);
        let written = std::fs::create_dir_all(&folder).and_then(|()| {
            seeds(target)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .try_for_each(|(n, seed)| std::fs::write(folder.join(format!("seed-{n}")), seed))
        });
        if let Err(error) = written {
            eprintln!("error: cannot write {}: {error}", folder.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
