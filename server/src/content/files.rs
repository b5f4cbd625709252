//! The raw content files: embedded at build time, or read from a folder.

use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/content_files.rs"));
}

/// One content file: its path relative to the content root, and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// The content compiled into this binary.
pub fn embedded() -> Vec<SourceFile> {
    embedded::FILES
        .iter()
        .map(|(path, text)| SourceFile {
            path: (*path).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}

/// Every `.toml` file under `root`, for operators who edit content without
/// rebuilding.
pub fn from_dir(root: &Path) -> std::io::Result<Vec<SourceFile>> {
    let mut files = Vec::new();
    walk(root, root, &mut files)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<SourceFile>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(root, &path, files)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            files.push(SourceFile {
                path: relative,
                text: std::fs::read_to_string(&path)?,
            });
        }
    }
    Ok(())
}
