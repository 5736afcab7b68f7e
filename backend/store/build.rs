//! Embeds a fingerprint of the migrations so test templates are rebuilt whenever a migration changes.
use std::path::Path;

fn visit(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                visit(&p, files);
            } else {
                files.push(p);
            }
        }
    }
}

fn main() {
    // embed_migrations! does not notice new migration folders on its own
    println!("cargo:rerun-if-changed=../../migrations");
    let mut files = Vec::new();
    visit(Path::new("../../migrations"), &mut files);
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let bytes = std::fs::read(f).unwrap_or_default();
        for b in f.to_string_lossy().bytes().chain(bytes) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=WEIKAO_MIGRATIONS_FINGERPRINT={h:016x}");
}
