//! The archivists who may sign in: a TOML file of names and argon2 password hashes, never
//! plain text. `lectern user add NAME` writes it; the editor reads it on every sign-in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};

use crate::archive::write::write_atomically;

/// The shortest password `user add` accepts.
pub const MIN_PASSWORD: usize = 10;

#[derive(Debug, Default, Serialize, Deserialize)]
struct UsersFile {
    #[serde(default)]
    users: BTreeMap<String, User>,
}

#[derive(Debug, Serialize, Deserialize)]
struct User {
    /// PHC string: `$argon2id$v=19$m=...,t=...,p=...$salt$hash`.
    hash: String,
}

/// Where the users file is when none is given: `users.toml` beside the archive folder, so it
/// is never published with the archive.
pub fn default_path(archive: &Path) -> PathBuf {
    let absolute = std::path::absolute(archive).unwrap_or_else(|_| archive.to_path_buf());
    absolute
        .parent()
        .map(|p| p.join("users.toml"))
        .unwrap_or_else(|| PathBuf::from("users.toml"))
}

fn read(path: &Path) -> anyhow::Result<UsersFile> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.message()))?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(UsersFile::default()),
        Err(e) => Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
    }
}

/// Adds a user or sets a new password; returns whether the user existed.
pub fn set_password(path: &Path, name: &str, password: &str) -> anyhow::Result<bool> {
    let name = name.trim();
    anyhow::ensure!(
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || "-_.@".contains(c)),
        "a user name is letters, digits and - _ . @ only"
    );
    anyhow::ensure!(
        password.chars().count() >= MIN_PASSWORD,
        "the password must have at least {MIN_PASSWORD} characters"
    );
    let mut file = read(path)?;
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("no randomness for the salt: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("{e}"))?;
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))?
        .to_string();
    let existed = file.users.insert(name.to_string(), User { hash }).is_some();
    write_atomically(path, toml::to_string(&file)?.as_bytes())?;
    restrict_permissions(path);
    Ok(existed)
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict_permissions(_: &Path) {}

/// The stored password hash of `name`, if the users file holds them: a session checks it is
/// still the one it was started with.
pub fn credential(path: &Path, name: &str) -> Option<String> {
    read(path).ok()?.users.remove(name).map(|u| u.hash)
}

/// Whether the users file names at least one user (without one the editor is off).
pub fn any(path: &Path) -> bool {
    read(path).is_ok_and(|f| !f.users.is_empty())
}

/// Whether `name` exists and `password` is theirs. Unknown users cost as much time as known ones.
///
/// The argon2 working memory (19 MiB with the default parameters) comes from a pool that keeps
/// it for the next check instead of freeing it: allocated and freed on every sign-in, it
/// fragmented the allocator's per-thread arenas until 4 checks at a time held almost 1 GB.
pub fn verify(path: &Path, name: &str, password: &str) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| {
        let salt = SaltString::encode_b64(b"lectern-no-user!").expect("16 bytes encode");
        Argon2::default()
            .hash_password(b"no such user", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    });
    let file = read(path).unwrap_or_default();
    let hash = file.users.get(name).map(|u| u.hash.as_str());
    let Ok(parsed) = PasswordHash::new(hash.unwrap_or(dummy)) else {
        return false;
    };
    matches_hash(password, &parsed) && hash.is_some()
}

/// Working memory for argon2, kept between checks (at most one per check running at once).
static MEMORY: std::sync::Mutex<Vec<Vec<argon2::Block>>> = std::sync::Mutex::new(Vec::new());

/// Recomputes `hash` for `password` in pooled memory and compares in constant time.
fn matches_hash(password: &str, hash: &PasswordHash<'_>) -> bool {
    let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else {
        return false;
    };
    let Ok(params) = argon2::Params::try_from(hash) else {
        return false;
    };
    let Ok(algorithm) = argon2::Algorithm::try_from(hash.algorithm) else {
        return false;
    };
    let version = match hash.version.map(argon2::Version::try_from) {
        None => argon2::Version::default(),
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let blocks = params.block_count();
    let mut memory = MEMORY
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .pop()
        .unwrap_or_default();
    memory.resize(blocks, argon2::Block::default());
    let mut output = vec![0u8; expected.len()];
    let computed = Argon2::new(algorithm, version, params).hash_password_into_with_memory(
        password.as_bytes(),
        salt,
        &mut output,
        &mut memory[..],
    );
    MEMORY
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(memory);
    computed.is_ok() && same_bytes(&output, expected.as_bytes())
}

fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_hashes_and_verifies() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("users.toml");
        assert!(!set_password(&path, "anna", "correct horse battery").unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("$argon2id$") && !text.contains("correct horse"));
        assert!(verify(&path, "anna", "correct horse battery"));
        assert!(!verify(&path, "anna", "wrong password!!"));
        assert!(!verify(&path, "bob", "correct horse battery"));
        assert!(set_password(&path, "anna", "short").is_err());
    }
}
