//! `--record DIR`: every callback body, byte for byte, as a fixture `grpcb send --fixture`
//! replays (`DIR/<alias>/000001.json`), plus `DIR/index.jsonl` with one line per file. One
//! recorder per directory: `DIR/.lock` is held locked while it records, so a second one
//! cannot overwrite the first one's files.

use crate::error::{BadValue, Result};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Where bodies go whose command no catalog entry names.
pub const UNKNOWN_FOLDER: &str = "unknown";
pub const INDEX: &str = "index.jsonl";
/// Held locked (and holding the recorder's process id) while a recorder writes the folder.
pub const LOCK: &str = ".lock";

/// Writes recorded callbacks; shared by every request handler.
#[derive(Debug)]
pub struct Recorder {
    dir: PathBuf,
    /// The next sequence number; numbers are unique across folders, in arrival order.
    next: AtomicU64,
    index: Mutex<File>,
    /// Kept open: the lock lasts as long as the recorder (and ends with the process).
    _lock: File,
    /// Why the folder is not locked, when its file system cannot lock (it is recorded to
    /// anyway; the command warns).
    pub unlocked: Option<String>,
}

impl Recorder {
    /// Creates `dir` if needed and continues numbering after any earlier recording in it.
    pub fn open(dir: &Path) -> Result<Recorder> {
        let fail = |what: &str, err: std::io::Error| {
            BadValue::flag(
                "--record",
                &dir.display().to_string(),
                format!("cannot {what} ({err})"),
            )
        };
        fs::create_dir_all(dir).map_err(|err| fail("create the directory", err))?;
        let (lock, unlocked) = lock(dir)?;
        let index = OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join(INDEX))
            .map_err(|err| fail("open index.jsonl", err))?;
        Ok(Recorder {
            dir: dir.to_path_buf(),
            next: AtomicU64::new(last_number(dir) + 1),
            index: Mutex::new(index),
            _lock: lock,
            unlocked,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one body as `<folder>/<NNNNNN>.json` and returns that relative path. The file
    /// appears whole or not at all: it is written aside, then renamed into place.
    pub fn save(&self, folder: &str, body: &[u8]) -> std::io::Result<String> {
        let number = self.next.fetch_add(1, Ordering::SeqCst);
        let folder_path = self.dir.join(folder);
        fs::create_dir_all(&folder_path)?;
        let name = format!("{number:06}.json");
        let temporary = folder_path.join(format!(".{name}.tmp"));
        let result = (|| {
            let mut file = File::create(&temporary)?;
            file.write_all(body)?;
            file.sync_data()?;
            fs::rename(&temporary, folder_path.join(&name))
        })();
        if result.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        result.map(|()| format!("{folder}/{name}"))
    }

    /// Appends one line to `index.jsonl`; lines never interleave.
    pub fn append_index(&self, line: &str) -> std::io::Result<()> {
        let mut index = self
            .index
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        index.write_all(format!("{line}\n").as_bytes())
    }
}

/// The path of the lock file of a record folder.
pub fn lock_path(dir: &Path) -> PathBuf {
    dir.join(LOCK)
}

/// Takes `DIR/.lock` for this process and writes its id there, or says who holds it; also
/// why it is not locked, on a file system that cannot lock.
fn lock(dir: &Path) -> Result<(File, Option<String>)> {
    let path = lock_path(dir);
    let fail = |what: &str, err: std::io::Error| {
        BadValue::flag(
            "--record",
            &dir.display().to_string(),
            format!("cannot {what} ({err})"),
        )
    };
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|err| fail("open the lock file", err))?;
    let mut unlocked = None;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = match holder.trim().parse::<u32>() {
                Ok(pid) => format!("process {pid}"),
                Err(_) => "another process".to_string(),
            };
            return Err(BadValue::flag(
                "--record",
                &dir.display().to_string(),
                format!("{holder} is recording there (it holds {LOCK})"),
            )
            .hint("stop it or record to another directory")
            .into());
        }
        // Some network file systems cannot lock: record anyway, but say so.
        Err(fs::TryLockError::Error(err)) if err.kind() == std::io::ErrorKind::Unsupported => {
            unlocked = Some(err.to_string());
        }
        Err(fs::TryLockError::Error(err)) => return Err(fail("lock", err).into()),
    }
    file.set_len(0).map_err(|err| fail("write", err))?;
    file.write_all(format!("{}\n", std::process::id()).as_bytes())
        .map_err(|err| fail("write", err))?;
    Ok((file, unlocked))
}

/// The highest sequence number already recorded under `dir`, or 0.
fn last_number(dir: &Path) -> u64 {
    let numbers_in = |folder: PathBuf| {
        fs::read_dir(folder)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name();
                name.to_str()?.strip_suffix(".json")?.parse::<u64>().ok()
            })
    };
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .flat_map(|entry| numbers_in(entry.path()))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_continue_after_an_earlier_recording() {
        let dir = std::env::temp_dir().join(format!("grpcb-record-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let first = Recorder::open(&dir).unwrap();
        assert_eq!(first.save("a", b"{}").unwrap(), "a/000001.json");
        assert_eq!(first.save("b", b"[]").unwrap(), "b/000002.json");
        first.append_index("{}").unwrap();
        drop(first);
        let again = Recorder::open(&dir).unwrap();
        let busy = Recorder::open(&dir).unwrap_err().to_string();
        assert!(
            busy.contains(&format!(
                "process {} is recording there",
                std::process::id()
            )),
            "{busy}"
        );
        assert_eq!(again.save("a", b"{}").unwrap(), "a/000003.json");
        assert_eq!(fs::read(dir.join("b/000002.json")).unwrap(), b"[]");
        assert_eq!(fs::read_to_string(dir.join(INDEX)).unwrap(), "{}\n");
        let _ = fs::remove_dir_all(&dir);
    }
}
