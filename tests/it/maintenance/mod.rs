//! Maintainers' features with the real binary: live updates, reindex while serving, `kill -9`
//! mid-rebuild, status exit codes, upgrades, config, metrics, graceful shutdown.

mod config;
mod killed_commit;
mod live;
mod metrics;
mod reindex;
mod status;
mod temp_files;

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::smoke::http_get;
use crate::support::TestArchive;

/// A `lectern serve` process on a free port, killed when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
}

impl Server {
    /// Starts the server and waits until `/readyz` answers 200.
    pub fn start(archive: &TestArchive) -> Server {
        Server::start_with(archive, &[])
    }

    /// [`Server::start`] with these environment variables set.
    pub fn start_with(archive: &TestArchive, env: &[(&str, &str)]) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = lectern(archive)
            .envs(env.iter().copied())
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Server { child, port };
        server.wait_for(
            "/readyz",
            |status, _| status == 200,
            Duration::from_secs(60),
        );
        server
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        http_get(self.port, path).unwrap_or((0, String::new()))
    }

    /// Polls `path` until `done` holds; returns how long it took. Panics after `limit`.
    pub fn wait_for(
        &self,
        path: &str,
        done: impl Fn(u16, &str) -> bool,
        limit: Duration,
    ) -> Duration {
        let started = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if done(status, &body) {
                return started.elapsed();
            }
            assert!(
                started.elapsed() < limit,
                "{path} did not get there in {limit:?}: {status} {body}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The total of an `/api/search` query.
    pub fn total(&self, query: &str) -> Option<u64> {
        let (status, body) = self.get(&format!("/api/search?q={query}"));
        let json: serde_json::Value = serde_json::from_str(&body).ok()?;
        (status == 200).then(|| json["total"].as_u64()).flatten()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The binary with `--archive` and `--index` pointing at a test archive.
pub fn lectern(archive: &TestArchive) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lectern"));
    command
        .args(["--archive", archive.archive().to_str().unwrap()])
        .args(["--index", archive.index().to_str().unwrap()])
        .env_remove("LECTERN_LOG_FORMAT")
        .current_dir(archive.dir.path());
    command
}

/// Runs the binary to the end.
pub fn run(archive: &TestArchive, args: &[&str]) -> Output {
    lectern(archive).args(args).output().unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The generation `index/CURRENT` names.
pub fn current(index: &Path) -> String {
    std::fs::read_to_string(index.join("CURRENT"))
        .unwrap()
        .trim()
        .to_string()
}

/// `n` generated items of a few hundred words each, in subfolders, each findable by `item{i}`.
pub fn many_items(archive: &TestArchive, n: usize) {
    let words = "sociaal werk gemeente wijkteam beleid jeugdzorg armoede participatie vakmanschap professional methodisch onderzoek praktijk lezing";
    let words: Vec<&str> = words.split(' ').collect();
    for i in 0..n {
        let body: Vec<&str> = (0..300)
            .map(|j| words[(i * 7 + j * 13) % words.len()])
            .collect();
        archive.write(
            &format!("gen/s{}/item-{i}.md", i % 20),
            format!(
                "+++\ntitle = \"Lezing item{i}\"\ndate = \"20{:02}-03-01\"\nkind = \"lecture\"\nspeakers = [\"Spreker {}\"]\nlanguage = \"nl\"\n+++\n\n{}\n",
                i % 25,
                i % 50,
                body.join(" ")
            )
            .as_bytes(),
        );
    }
}
