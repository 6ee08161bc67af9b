//! A local SMTP server for the tests: it speaks SMTP over a real socket to the application's
//! real mail client and keeps what it is sent. Written here, not taken from a crate: the
//! embeddable SMTP servers pull in a TLS stack with a C build of minutes, and the tests need
//! only the plain exchange (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).

#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// One message received: its recipients and its text (headers and body, as sent).
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub text: String,
}

impl Received {
    /// The message with folded headers unfolded and quoted-printable soft breaks and escapes
    /// undone, as a reader sees it.
    pub fn readable(&self) -> String {
        let joined = self.text.replace("\r\n ", " ").replace("=\r\n", "");
        let mut out = String::new();
        let mut chars = joined.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '=' {
                let hex: String = chars.clone().take(2).collect();
                if let Ok(b) = u8::from_str_radix(&hex, 16) {
                    out.push(char::from(b));
                    chars.next();
                    chars.next();
                    continue;
                }
            }
            out.push(c);
        }
        out
    }
}

pub struct Sink {
    pub port: u16,
    pub received: Arc<Mutex<Vec<Received>>>,
}

impl Sink {
    /// Starts the server on a free local port; it runs until the test ends.
    pub fn start() -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let keep = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let keep = keep.clone();
                std::thread::spawn(move || serve(stream, &keep));
            }
        });
        Sink { port, received }
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

fn serve(stream: std::net::TcpStream, keep: &Mutex<Vec<Received>>) {
    let mut out = stream.try_clone().unwrap();
    let mut lines = BufReader::new(stream);
    let mut say = |text: &str| out.write_all(format!("{text}\r\n").as_bytes()).is_ok();
    say("220 localhost test SMTP");
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let verb = line.trim_end().to_ascii_uppercase();
        let ok = if verb.starts_with("EHLO") {
            say("250-localhost") && say("250 8BITMIME")
        } else if verb.starts_with("HELO") || verb.starts_with("MAIL") || verb.starts_with("NOOP") {
            say("250 OK")
        } else if verb.starts_with("RSET") {
            to.clear();
            say("250 OK")
        } else if verb.starts_with("RCPT") {
            to.push(
                line.trim_end()[8..]
                    .trim()
                    .trim_matches(['<', '>'])
                    .to_string(),
            );
            say("250 OK")
        } else if verb.starts_with("DATA") {
            say("354 go ahead");
            let mut text = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                if line == ".\r\n" {
                    break;
                }
                text.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            keep.lock().unwrap().push(Received {
                to: std::mem::take(&mut to),
                text,
            });
            say("250 queued")
        } else if verb.starts_with("QUIT") {
            say("221 bye");
            return;
        } else {
            say("502 not here")
        };
        if !ok {
            return;
        }
    }
}
