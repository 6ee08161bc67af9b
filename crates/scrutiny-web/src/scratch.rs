//! Private scratch folders for uploads and exports: readable by the server's own user only,
//! removed when the request ends (on every path, by `TempDir`'s drop), and, in case the server
//! was killed mid-request, swept at start-up.

use std::path::Path;
use std::time::{Duration, SystemTime};

const PREFIX: &str = "scrutiny-scratch-";
/// A folder this old was left by a server that stopped mid-request.
const STALE: Duration = Duration::from_secs(3600);

/// A fresh folder only the server's user can enter: 0700, set before anything is put in it
/// (tempfile leaves it to the umask, 0755 on most servers).
pub fn folder() -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::Builder::new().prefix(PREFIX).tempdir()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(dir)
}

/// Creates a new file only the server's user can read.
pub fn create(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Writes a new file only the server's user can read.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    create(path)?.write_all(bytes)
}

/// Removes scratch folders older than an hour left in `dir` (the system's temporary folder in
/// service). Another server's folders still in use are younger, and are left alone.
pub fn sweep(dir: &Path, now: SystemTime) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(PREFIX))
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE))
        })
        .filter(|e| std::fs::remove_dir_all(e.path()).is_ok())
        .count()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_old_scratch_folders_are_swept() {
        let tmp = tempfile::tempdir().unwrap();
        let old = tmp.path().join(format!("{PREFIX}old"));
        let other = tmp.path().join("someone-else");
        std::fs::create_dir(&old).unwrap();
        std::fs::create_dir(&other).unwrap();
        let made = std::fs::metadata(&old).unwrap().modified().unwrap();
        assert_eq!(sweep(tmp.path(), made), 0);
        let later = made + Duration::from_secs(7200);
        assert_eq!(sweep(tmp.path(), later), 1);
        assert!(!old.exists() && other.exists());
    }

    #[cfg(unix)]
    #[test]
    fn scratch_files_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = folder().unwrap();
        let f = dir.path().join("cases.csv");
        write(&f, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&f), 0o600);
        assert_eq!(mode(dir.path()), 0o700);
    }
}
