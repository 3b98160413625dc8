//! Writes that never lose a hand edit: staged temporary files and the check-then-swap commit.
//!
//! How a save keeps an edit made by hand (an editor saving in place or by
//! rename) while the tool writes the same file:
//!
//! 1. The new text is written to a temporary file beside the target and
//!    synced; contacts' temporary files are 0600 before their first byte.
//! 2. Only then is the file on disk compared with the text the command read.
//!    Any difference refuses the save: nothing is written.
//! 3. The temporary file and the target are swapped in one step
//!    (`renameat2(RENAME_EXCHANGE)`), so whatever the path named at that
//!    instant — the file we compared, or one an editor renamed over it a
//!    moment later — ends up under the temporary name instead of being
//!    unlinked. It is then compared again, by inode and by content: if it is
//!    not the file we compared, or no longer holds the text read, an edit
//!    slipped in between the comparison and the swap. The two are swapped
//!    back, so the hand-edited file is where it was, and the save fails
//!    (exit 2) naming the file. Only after every file of the save passed is
//!    the old file removed.
//! 4. Where the system cannot swap (not Linux, or a file system such as NFS
//!    without RENAME_EXCHANGE), the temporary file is renamed over the
//!    target and the file compared in step 2 is checked again through the
//!    handle kept open on it: a write made in place in the window is found
//!    and its text put back. An editor replacing the file by rename within
//!    that window (microseconds) is not seen there.
//!
//! The files of one save (a statement and its contacts) change together:
//! all are staged and checked before any is swapped, and if one fails, those
//! already swapped are swapped back. The statement goes last: its swap is
//! the commit point. A crash in between can leave new contacts beside an
//! unchanged statement, never a signer whose given contacts were dropped; a
//! re-run adds no second copy of an identical contact (`Private::add`).

use super::leftovers::{ensure_ignore_rules, is_random_suffix, remove_leftovers};
use crate::error::{Error, Result};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// One file a save replaces.
pub struct Replace<'a> {
    pub path: &'a Path,
    /// The path as the user named it, for messages.
    pub name: &'a str,
    pub bytes: Vec<u8>,
    /// What the file held when the command read it, or `None` when it did
    /// not exist: a file that no longer holds it is never overwritten.
    pub expected: Option<&'a [u8]>,
    /// The mode to give the file (0600 for contacts); `None` keeps its own.
    pub mode: Option<u32>,
}

impl super::Loaded {
    /// Writes the edited statement and, when given, its contacts: both or
    /// neither, the contacts first (see the module's comment).
    pub fn save_with(&self, private: Option<&super::Private>) -> Result<()> {
        let dir = self
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        // Before any temporary file of contacts exists, git is told to ignore it.
        ensure_ignore_rules(dir, private.is_some())?;
        let started = SystemTime::now();
        remove_leftovers(&self.path, started);
        remove_leftovers(&super::private_path(&self.path), started);
        let mut jobs: Vec<Replace> = private.iter().map(|p| p.replacement()).collect();
        jobs.push(Replace {
            path: &self.path,
            name: &self.name,
            bytes: self.render().into_bytes(),
            expected: Some(self.original.as_bytes()),
            mode: None,
        });
        replace_all(&jobs)
    }
}

/// Replaces every file of `jobs` or none of them (see the module's comment).
/// The caller holds the statement's lock.
pub fn replace_all(jobs: &[Replace]) -> Result<()> {
    let mut staged = Vec::with_capacity(jobs.len());
    for job in jobs {
        staged.push(Staged::new(job)?);
    }
    for s in &mut staged {
        s.check()?;
    }
    hold_before_rename(&staged);
    let mut swapped: Vec<Swapped> = Vec::with_capacity(staged.len());
    for s in staged {
        match s.swap_in() {
            Ok(done) => swapped.push(done),
            Err(e) => {
                // Undone last first, each back to the text that was checked.
                let notes: Vec<String> = swapped
                    .into_iter()
                    .rev()
                    .filter_map(Swapped::undo)
                    .collect();
                return Err(with_notes(e, &notes));
            }
        }
    }
    for done in swapped {
        done.finish();
    }
    Ok(())
}

fn with_notes(e: Error, notes: &[String]) -> Error {
    if notes.is_empty() {
        return e;
    }
    Error::msg(format!("{}; also: {}", e.reason(), notes.join("; ")))
}

fn created(name: &str) -> Error {
    Error::msg(format!(
        "{name} was created while it was being written; it was kept and nothing was written, run the command again"
    ))
}

fn changed(name: &str) -> Error {
    Error::msg(format!(
        "{name} changed on disk while it was being edited; nothing was written, run the command again"
    ))
}

fn slipped_in(name: &str, kept: &str) -> Error {
    Error::msg(format!(
        "{name} was edited by hand while it was being saved; {kept}; nothing was written, run the command again"
    ))
}

pub(super) fn io_error(what: &str, path: &Path, e: &io::Error) -> Error {
    Error::msg(format!("cannot {what} {}: {e}", super::display(path)))
}

/// A temporary file removed when dropped, unless it was put in place.
struct Temp {
    path: PathBuf,
    armed: bool,
}

impl Drop for Temp {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// A job's new text in a synced temporary file beside its target.
struct Staged<'a> {
    job: &'a Replace<'a>,
    /// The file written through: a symlink's target, like every write.
    target: PathBuf,
    mode: u32,
    temp: Temp,
    file: File,
    /// The file at the path when it was checked, kept open (see step 4).
    held: Option<File>,
}

impl<'a> Staged<'a> {
    fn new(job: &'a Replace<'a>) -> Result<Self> {
        let target = fs::canonicalize(job.path).unwrap_or_else(|_| job.path.to_path_buf());
        let mode = job.mode.or_else(|| mode_of(&target)).unwrap_or(0o644);
        let (path, mut file) = create_temp(&target, mode)?;
        let temp = Temp { path, armed: true };
        keep_owner(&target, &file);
        file.write_all(&job.bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| io_error("write", job.path, &e))?;
        Ok(Self {
            job,
            target,
            mode,
            temp,
            file,
            held: None,
        })
    }

    /// Step 2: the file still holds what was read (or is still absent).
    fn check(&mut self) -> Result<()> {
        let name = self.job.name;
        match (File::open(&self.target), self.job.expected) {
            (Err(e), None) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            (Err(e), Some(_)) if e.kind() == io::ErrorKind::NotFound => Err(changed(name)),
            (Err(e), _) => Err(io_error("read", self.job.path, &e)),
            (Ok(_), None) => Err(created(name)),
            (Ok(mut f), Some(expected)) => {
                if !holds(&mut f, expected).map_err(|e| io_error("read", self.job.path, &e))? {
                    return Err(changed(name));
                }
                self.held = Some(f);
                Ok(())
            }
        }
    }

    /// Step 3 (or 4): puts the new file in place, making sure what it
    /// replaces is the file checked, unchanged.
    fn swap_in(mut self) -> Result<Swapped<'a>> {
        let expected = self.job.expected.unwrap_or_default();
        let Some(mut held) = self.held.take() else {
            // A new file: linked in only if the name is still free.
            return match fs::hard_link(&self.temp.path, &self.target) {
                Ok(()) => Ok(Swapped::new(self, How::Created)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(created(self.job.name)),
                Err(e) => Err(io_error("write", self.job.path, &e)),
            };
        };
        let (swapped, unchanged) = match exchange(&self.temp.path, &self.target) {
            Ok(()) => {
                let replaced = File::open(&self.temp.path)
                    .and_then(|mut old| Ok(same_file(&old, &held) && holds(&mut old, expected)?))
                    .unwrap_or(false);
                (Swapped::new(self, How::Exchanged), replaced)
            }
            Err(e) if cannot_exchange(&e) => {
                fs::rename(&self.temp.path, &self.target)
                    .map_err(|e| io_error("write", self.job.path, &e))?;
                let unchanged = holds(&mut held, expected).unwrap_or(false);
                (Swapped::new(self, How::Renamed { held }), unchanged)
            }
            Err(e) => return Err(io_error("write", self.job.path, &e)),
        };
        if unchanged {
            return Ok(swapped);
        }
        let name = swapped.job.name;
        let kept = swapped
            .undo()
            .unwrap_or_else(|| "the edit is kept".to_string());
        Err(slipped_in(name, &kept))
    }
}

/// A file put in place, and how to take it back out.
struct Swapped<'a> {
    job: &'a Replace<'a>,
    target: PathBuf,
    mode: u32,
    /// The temporary name: it now names the old file (`Exchanged`) or a
    /// second link to the new one (`Created`), or nothing (`Renamed`).
    temp: PathBuf,
    /// Our new file, to recognise it.
    ours: File,
    how: How,
}

enum How {
    Created,
    Exchanged,
    /// The old file was unlinked; `held` still reads it.
    Renamed {
        held: File,
    },
}

impl<'a> Swapped<'a> {
    fn new(mut s: Staged<'a>, how: How) -> Self {
        s.temp.armed = false;
        Self {
            job: s.job,
            target: std::mem::take(&mut s.target),
            mode: s.mode,
            temp: std::mem::take(&mut s.temp.path),
            ours: s.file,
            how,
        }
    }

    /// Success: the old file goes, and the directory entry is made durable.
    fn finish(self) {
        let _ = fs::remove_file(&self.temp);
        if let Some(dir) = self.target.parent() {
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
    }

    /// Puts back what the path held before the swap. `None` when that went
    /// as planned; else a sentence on where the text that was there is kept.
    fn undo(self) -> Option<String> {
        match self.how {
            How::Created => {
                let _ = fs::remove_file(&self.temp);
                let still_ours = File::open(&self.target).is_ok_and(|f| same_file(&f, &self.ours));
                if still_ours {
                    let _ = fs::remove_file(&self.target);
                }
                None
            }
            How::Exchanged => match exchange(&self.temp, &self.target) {
                // `temp` now names what the path held: our file unless it
                // too was replaced or edited meanwhile.
                Ok(()) => self.settle_temp(),
                Err(e) => Some(format!(
                    "the text that was there {} (it could not be put back: {e})",
                    self.rescue_temp()
                )),
            },
            How::Renamed { mut held } => {
                let mut text = Vec::new();
                let read = held.rewind().and_then(|()| held.read_to_end(&mut text));
                if read.is_err() {
                    return Some("the text that was there could not be read back".to_string());
                }
                match put_back(&self.target, &text, self.mode) {
                    Ok(()) => None,
                    Err(_) => keep_aside(&self.target, &text, self.mode),
                }
            }
        }
    }

    /// After swapping back: removes our own file from under the temporary
    /// name, or keeps whatever else is there as a conflict copy.
    fn settle_temp(&self) -> Option<String> {
        let ours_unchanged = File::open(&self.temp)
            .and_then(|mut f| Ok(same_file(&f, &self.ours) && holds(&mut f, &self.job.bytes)?))
            .unwrap_or(false);
        if ours_unchanged {
            let _ = fs::remove_file(&self.temp);
            return None;
        }
        let aside = conflict_path(&self.target);
        let kept = match fs::rename(&self.temp, &aside) {
            Ok(()) => format!("is kept in {}", super::display(&aside)),
            Err(_) => self.rescue_temp(),
        };
        Some(format!("a later edit of {} {kept}", self.job.name))
    }

    /// Copies what the temporary name holds to a conflict copy, which no
    /// save removes: the temporary name itself is swept by the next save.
    /// Says where the text is, ending "is kept in <path>".
    fn rescue_temp(&self) -> String {
        let copied =
            fs::read(&self.temp).and_then(|text| keep_copy(&self.target, &text, self.mode));
        match copied {
            Ok(aside) => {
                let _ = fs::remove_file(&self.temp);
                format!("is kept in {}", super::display(&aside))
            }
            Err(e) => format!(
                "is kept in {}, which the next save removes: move it away first (it could not be copied: {e})",
                super::display(&self.temp)
            ),
        }
    }
}

/// Writes `text` over `target` through a temporary file made with `mode`
/// before its first byte: restores a hand edit found after a plain rename,
/// and writes private exports (`write_private`).
fn put_back(target: &Path, text: &[u8], mode: u32) -> io::Result<()> {
    let (temp, mut f) = create_temp(target, mode).map_err(|e| io::Error::other(e.reason()))?;
    let done = f
        .write_all(text)
        .and_then(|()| f.sync_all())
        .and_then(|()| fs::rename(&temp, target));
    if done.is_err() {
        let _ = fs::remove_file(&temp);
    }
    done
}

/// Writes `bytes` to `path` like `write_atomic`, but readable by its owner
/// only from its first byte, even over an existing file: for files that
/// hold contact details, such as an export with `--include-private`.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    // Write through a symlink to its target rather than replacing the link.
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    put_back(&target, bytes, 0o600).map_err(|e| io_error("write", path, &e))?;
    if let Some(dir) = target.parent() {
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

/// Keeps `text` beside `target` as `<name>.conflict-<time>`; says where.
fn keep_aside(target: &Path, text: &[u8], mode: u32) -> Option<String> {
    Some(match keep_copy(target, text, mode) {
        Ok(aside) => format!("the hand-edited text is kept in {}", super::display(&aside)),
        Err(e) => format!("the hand-edited text could not be kept ({e})"),
    })
}

/// Writes `text` to a new conflict copy of `target`; returns its path.
fn keep_copy(target: &Path, text: &[u8], mode: u32) -> io::Result<PathBuf> {
    let aside = conflict_path(target);
    new_file(&aside, mode).and_then(|mut f| f.write_all(text).and_then(|()| f.sync_all()))?;
    Ok(aside)
}

fn conflict_path(target: &Path) -> PathBuf {
    let name = file_name(target);
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut n = 0;
    loop {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let p = target.with_file_name(format!("{name}.conflict-{stamp}{suffix}"));
        if !p.exists() {
            return p;
        }
        n += 1;
    }
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether `f` holds exactly `expected`, read from its start.
fn holds(f: &mut File, expected: &[u8]) -> io::Result<bool> {
    let mut now = Vec::with_capacity(expected.len() + 1);
    f.rewind()?;
    f.read_to_end(&mut now)?;
    Ok(now == expected)
}

/// `.<name>.XXXXXX` beside `target`, created with `mode` before anything is
/// written to it: the shape atomic-write-file uses, which the ignore rules
/// and the leftover sweep know.
fn create_temp(target: &Path, mode: u32) -> Result<(PathBuf, File)> {
    let name = file_name(target);
    let mut seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
        ^ (u64::from(std::process::id()) << 32);
    loop {
        let suffix: String = (0..6)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let alnum = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
                alnum[((seed >> 33) % 62) as usize] as char
            })
            .collect();
        if !is_random_suffix(&suffix) {
            // Only names the sweep knows for certain as ours (see there).
            continue;
        }
        let temp = target.with_file_name(format!(".{name}.{suffix}"));
        match new_file(&temp, mode) {
            Ok(f) => return Ok((temp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_error("write", target, &e)),
        }
    }
}

/// A new file readable and writable by its owner only while it is created,
/// then given `mode`, so no byte is ever readable more widely than `mode`.
fn new_file(path: &Path, mode: u32) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        opts.mode(0o600);
        let f = opts.open(path)?;
        f.set_permissions(fs::Permissions::from_mode(mode))?;
        Ok(f)
    }
    #[cfg(not(unix))]
    {
        let _ = mode;
        opts.open(path)
    }
}

fn mode_of(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Gives the new file the old one's owner where allowed (as root); a user
/// rewriting their own file has nothing to change.
fn keep_owner(target: &Path, file: &File) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(old), Ok(new)) = (fs::metadata(target), file.metadata())
            && (old.uid(), old.gid()) != (new.uid(), new.gid())
        {
            let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
        }
    }
    #[cfg(not(unix))]
    let _ = (target, file);
}

fn same_file(a: &File, b: &File) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (a.metadata(), b.metadata()) {
            (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Swaps two names in one step.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    #[cfg(debug_assertions)]
    if std::env::var_os("UNDERSIGNED_TEST_NO_EXCHANGE").is_some() {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are NUL-terminated paths that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The system or the file system has no exchange: fall back to a rename.
fn cannot_exchange(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::Unsupported {
        return true;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if let Some(code) = e.raw_os_error() {
        return [libc::EINVAL, libc::ENOSYS, libc::EOPNOTSUPP].contains(&code);
    }
    false
}

/// Tests only (debug builds): with `UNDERSIGNED_TEST_HOLD_BEFORE_RENAME` set
/// to a directory, announces the temporary files in `<dir>/ready` once every
/// file is checked, and waits for `<dir>/go` before swapping, so a test can
/// edit the file in exactly that window.
fn hold_before_rename(staged: &[Staged]) {
    #[cfg(debug_assertions)]
    if let Some(dir) = std::env::var_os("UNDERSIGNED_TEST_HOLD_BEFORE_RENAME") {
        let dir = PathBuf::from(dir);
        let temps: Vec<String> = staged
            .iter()
            .map(|s| s.temp.path.display().to_string())
            .collect();
        let _ = fs::write(dir.join("ready"), temps.join("\n"));
        let until = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while !dir.join("go").exists() && std::time::Instant::now() < until {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = staged;
}

#[cfg(test)]
mod tests;
