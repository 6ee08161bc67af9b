//! The embedded database's files: created readable by their owner only (they hold complainants'
//! and children's names), and a lock a running server holds so that a restore cannot replace
//! the database under it.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use crate::{Result, StoreError};

/// The file a `sqlite:` address names, if it names one (not `:memory:`).
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Opens (creating if need be) a file only its owner can read or write.
pub fn private(path: &Path, create: bool) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(create);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Makes an existing file readable by its owner only.
pub fn make_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".serving");
    PathBuf::from(name)
}

/// Held by a running server for as long as it serves the database at `db`; the operating
/// system lets go when the process ends, however it ends.
pub fn hold(db: &Path) -> Result<File> {
    let file = private(&lock_path(db), true).map_err(|e| {
        StoreError::Refused(format!("cannot make {}: {e}", lock_path(db).display()))
    })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Refused(format!(
            "another server is already using {}; stop it first",
            db.display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(StoreError::Refused(format!(
            "cannot lock {}: {e}",
            lock_path(db).display()
        ))),
    }
}

/// Refuses while a server holds the database at `db`.
pub fn not_served(db: &Path) -> Result<()> {
    match hold(db) {
        Ok(_) => Ok(()),
        Err(StoreError::Refused(m)) if m.contains("already using") => {
            Err(StoreError::Refused(format!(
                "a server is using {}: stop the web application first, so no change it acknowledges is lost; nothing was restored",
                db.display()
            )))
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_database_file_is_found_in_its_address() {
        assert_eq!(
            sqlite_file("sqlite://data/x.db?mode=rwc"),
            Some(PathBuf::from("data/x.db"))
        );
        assert_eq!(sqlite_file("sqlite:x.db"), Some(PathBuf::from("x.db")));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://h/db"), None);
    }

    #[test]
    fn a_held_database_cannot_be_restored_over_until_let_go() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("s.db");
        let held = hold(&db).unwrap();
        let refused = not_served(&db).unwrap_err().to_string();
        assert!(
            refused.contains("stop the web application first"),
            "{refused}"
        );
        drop(held);
        not_served(&db).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn files_are_made_for_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p");
        private(&path, true).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
