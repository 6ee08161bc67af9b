//! A `kill -9` of the server while a department saves its return, again and again: every save
//! the server acknowledged is kept, and the return left behind is whole (its entries, version
//! and audit trail agree). Runs the real binary on the backend under test.

#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use scrutiny_domain::Period;

use crate::web::app;

/// One HTTP/1.1 request over a fresh connection; `None` when the server is gone.
fn put(addr: &str, path: &str, body: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(addr).ok()?;
    let req = format!(
        "PUT {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: scrutiny_session=token-manager\r\nX-CSRF-Token: csrf-manager\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).ok()?;
    let mut reply = String::new();
    s.read_to_string(&mut reply).ok()?;
    let status = reply.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, reply))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_killed_server_keeps_every_acknowledged_save_and_no_half_return() {
    let app = app().await;
    let mut child = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["--db", &app.db.url, "serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server said where it listens")
            .unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    let acknowledged = Arc::new(AtomicI64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let sender = {
        let (acknowledged, stop, addr) = (acknowledged.clone(), stop.clone(), addr.clone());
        std::thread::spawn(move || {
            let mut version = 0;
            while !stop.load(Ordering::SeqCst) {
                let body = format!(
                    r#"{{"version":{version},"action":"save","entries":{{"values":[{{"indicator":"CFS LI01","value":"{}","commentary":"save {}"}}]}}}}"#,
                    version + 1,
                    version + 1
                );
                match put(&addr, "/api/v1/returns/CFS/2012/2", &body) {
                    Some((200, _)) => {
                        version += 1;
                        acknowledged.store(version, Ordering::SeqCst);
                    }
                    Some((status, reply)) => panic!("save refused ({status}): {reply}"),
                    None => break, // the server is gone
                }
            }
        })
    };
    while acknowledged.load(Ordering::SeqCst) < 15 {
        // A sender that stopped early (a refused save, a server gone) would leave this loop
        // waiting for ever: fail instead, with its reason.
        if sender.is_finished() {
            let _ = child.kill();
            match sender.join() {
                Err(panic) => std::panic::resume_unwind(panic),
                Ok(()) => panic!("the server went away before 15 saves were acknowledged"),
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL: no chance to finish anything
    child.wait().unwrap();
    stop.store(true, Ordering::SeqCst);
    sender.join().unwrap();
    let acked = acknowledged.load(Ordering::SeqCst);

    let period = Period::parse("2012/13 Q2").unwrap();
    let stored = app
        .db
        .store
        .return_for("CFS", period)
        .await
        .unwrap()
        .unwrap();
    assert!(
        stored.version >= acked,
        "the server acknowledged version {acked} but only {} was kept",
        stored.version
    );
    // Whole: the entries are those of the version stored, and one audit line per version.
    let v = &stored.draft.values[0];
    assert_eq!(v.value.to_entry(), stored.version.to_string());
    assert_eq!(
        v.commentary.as_deref(),
        Some(format!("save {}", stored.version).as_str())
    );
    let saves = app
        .db
        .store
        .audit_log(10_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "save return" && e.entity == "return CFS 2012/13 Q2")
        .count();
    assert_eq!(
        saves as i64, stored.version,
        "audit lines and versions disagree"
    );
}
