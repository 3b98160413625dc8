//! How files are opened: only regular files are read, a lock file is never followed through a link, and a statement found in a directory is never read through a link out of it.

use crate::diagnostics::{Code, Finding};
use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// The bytes of `path`, which must be a regular file. A FIFO would block the
/// read (and a writer holding the lock) for ever, and a device such as
/// `/dev/zero` never ends: both are refused before a byte is read.
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    let mut file = open_regular(path)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut bytes = Vec::new();
    // Exactly the file's size, as `fs::read` reserves: a long list is held once.
    bytes
        .try_reserve_exact(usize::try_from(size).unwrap_or(0))
        .map_err(io::Error::other)?;
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `path` opened for reading when it is a regular file. It is looked at
/// before it is opened, so a device is never opened at all, and the handle
/// is looked at again, so nothing swapped in between is read. The open does
/// not wait for a FIFO's writer.
pub fn open_regular(path: &Path) -> io::Result<File> {
    refuse_special(&fs::metadata(path)?)?;
    let mut options = OpenOptions::new();
    options.read(true);
    without_waiting(&mut options, false);
    let file = options.open(path)?;
    refuse_special(&file.metadata()?)?;
    Ok(file)
}

/// Refuses, before any lock is taken, a statement that exists and is not a
/// regular file; a missing one is left for the read to report.
pub fn check_regular(path: &Path) -> Result<(), Finding> {
    match fs::metadata(path).map(|m| refuse_special(&m)) {
        Ok(Err(e)) => {
            let name = super::display(path);
            Err(Finding::error(
                &name,
                Code::Io,
                format!("cannot read {name}: {e}"),
            ))
        }
        _ => Ok(()),
    }
}

/// The lock file at `path`, created if need be. A symbolic link there is
/// refused, never followed: a write would otherwise create or truncate a
/// file wherever it points. Anything but a regular file is refused too.
pub fn open_lock(path: &Path) -> io::Result<File> {
    let symlink = || {
        io::Error::other(
            "it is a symbolic link; a lock file is never followed through one: remove it",
        )
    };
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(symlink());
    }
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    // Also refused by the open itself, in case the link appeared since.
    without_waiting(&mut options, true);
    let file = options.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return symlink();
        }
        e
    })?;
    refuse_special(&file.metadata()?)?;
    Ok(file)
}

/// Refuses a statement found by listing `dir` whose symbolic link leads out
/// of `dir`, or to a private contacts file: `check` would print its lines.
/// A statement named on the command line is read wherever it is.
pub fn stays_in(dir: &Path, path: &Path) -> Result<(), Finding> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(());
    }
    // A link that leads nowhere is left for the read to report.
    let (Ok(home), Ok(target)) = (fs::canonicalize(dir), fs::canonicalize(path)) else {
        return Ok(());
    };
    let private = super::is_private(&target);
    let why = if !target.starts_with(&home) {
        format!(
            "it is a symbolic link that leads out of {}",
            super::display(dir)
        )
    } else if private {
        "it is a symbolic link to a private contacts file".to_string()
    } else {
        return Ok(());
    };
    let name = super::display(path);
    Err(Finding::error(
        &name,
        Code::Io,
        format!("{name} was not read: {why}; name it on the command line to read it anyway"),
    ))
}

/// An error naming what a path is when it is not a regular file.
fn refuse_special(meta: &Metadata) -> io::Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() {
        "a directory"
    } else {
        special_kind(meta)
    };
    Err(io::Error::other(format!(
        "it is {what}, not a regular file"
    )))
}

#[cfg(unix)]
fn special_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &Metadata) -> &'static str {
    "a special file"
}

/// Opens without waiting for a FIFO's other end and, for a lock, without
/// following a symbolic link.
#[cfg(unix)]
fn without_waiting(options: &mut OpenOptions, no_follow: bool) {
    use std::os::unix::fs::OpenOptionsExt;
    let follow = if no_follow { libc::O_NOFOLLOW } else { 0 };
    options.custom_flags(libc::O_NONBLOCK | follow);
}

#[cfg(not(unix))]
fn without_waiting(_: &mut OpenOptions, _: bool) {}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn fifo(path: &Path) {
        let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo touches nothing else.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }

    #[test]
    fn a_fifo_or_a_device_is_refused_without_waiting_or_reading() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("x.toml");
        fifo(&pipe);
        let e = read_regular(&pipe).unwrap_err();
        assert!(e.to_string().contains("named pipe"), "{e}");
        let e = read_regular(Path::new("/dev/zero")).unwrap_err();
        assert!(e.to_string().contains("a device"), "{e}");
        assert!(check_regular(&pipe).is_err());
        assert!(check_regular(&dir.path().join("missing.toml")).is_ok());
    }

    #[test]
    fn a_lock_that_is_a_symbolic_link_is_refused_and_its_target_never_made() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        let lock = dir.path().join(".x.toml.lock");
        std::os::unix::fs::symlink(&target, &lock).unwrap();
        let e = open_lock(&lock).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert!(!target.exists());
        let plain = dir.path().join(".y.toml.lock");
        assert!(open_lock(&plain).is_ok() && plain.is_file());
    }
}
