//! Sets `cfg(interop_live)` when the live NextAuth.js interop tests in `tests/interop.rs` can
//! run: `node` works and `npm ci --prefix interop` has installed the packages they load. Without
//! it those tests are `#[ignore]`d with the reason, so `cargo test` shows the skip. Under
//! `CI=true` the cfg is always set: the tests run, and fail saying what is missing.
//!
//! Likewise `cfg(postgres_live)` and `cfg(redis_live)` for the database-session tests, when
//! `DATABASE_URL` and `REDIS_URL` name the servers they use (`scripts/services.sh start`).

use std::path::Path;
use std::process::Command;

/// What `interop/package.json` depends on, and `interop/libs.mjs` imports.
const PACKAGES: [&str; 4] = [
    "next-auth",
    "@auth/core",
    "@auth/pg-adapter",
    "@auth/unstorage-adapter",
];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(interop_live)");
    println!("cargo::rerun-if-env-changed=CI");
    watch(Path::new("../interop/package-lock.json"));
    let mut installed = true;
    for package in PACKAGES {
        let manifest = Path::new("../interop/node_modules")
            .join(package)
            .join("package.json");
        watch(&manifest);
        installed &= manifest.is_file();
    }
    // Under CI the tests must run (and fail if something is missing), never be ignored.
    let ci = std::env::var("CI").is_ok_and(|ci| ci == "true");
    let live = ci
        || (installed
            && Command::new("node")
                .arg("--version")
                .output()
                .is_ok_and(|out| out.status.success()));
    if live {
        println!("cargo::rustc-cfg=interop_live");
    }
    for (variable, cfg) in [
        ("DATABASE_URL", "postgres_live"),
        ("REDIS_URL", "redis_live"),
    ] {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        println!("cargo::rerun-if-env-changed={variable}");
        if ci || std::env::var_os(variable).is_some_and(|url| !url.is_empty()) {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
}

/// Reruns this script when `path` changes, or appears. Not the whole node_modules tree: cargo
/// would stat its thousands of files on every build. Not a missing path either: cargo would
/// rerun the script, and rebuild every test of this package, on every build. A missing file's
/// nearest existing folder (`interop/` when nothing is installed) changes when `npm ci` or a
/// `mv` puts it there.
fn watch(path: &Path) {
    let existing = path.ancestors().find(|p| p.exists()).unwrap_or(path);
    println!("cargo::rerun-if-changed={}", existing.display());
}
