//! Helpers for the evidence tests: a real HTTP server on 127.0.0.1 (std only, bounded), the
//! binary, and a project with a claim.

#![allow(dead_code)]

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

/// The page the server serves at `/page`.
pub const PAGE: &str = "<!doctype html><html><head><title>Cyber unit report</title>\
<script>document.write('tracking')</script></head><body><article>\
<h1>Cyber unit report</h1>\
<p>The joint cyber security unit was never formed, a spokesman confirmed on Monday.</p>\
<p>Officials in Moscow said talks had taken place but produced no agreement.</p>\
</article></body></html>";

/// A bounded HTTP/1.1 server on 127.0.0.1 serving fixed routes:
/// `/page` (HTML), `/redirect` (302 to `/page`), `/missing` (404), `/slow` (answers after 3 s),
/// `/big` (announces 60 MB), `/endless` (2 MB without a length), `/text` (plain text).
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Server {
    /// Start it; it answers at most 64 connections, each on its own thread, then stops.
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        std::thread::spawn(move || {
            for stream in listener.incoming().take(64) {
                let Ok(stream) = stream else { continue };
                std::thread::spawn(move || handle(stream));
            }
        });
        Self { base }
    }

    /// The full URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn handle(mut stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let mut request = Vec::new();
    let mut buf = [0u8; 1024];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 16 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let request = String::from_utf8_lossy(&request);
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let reply = |stream: &mut TcpStream, head: &str, body: &[u8]| {
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
        let _ = stream.flush();
    };
    match path.as_str() {
        "/page" => reply(
            &mut stream,
            &format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                PAGE.len()
            ),
            PAGE.as_bytes(),
        ),
        "/text" => {
            let body = b"Plain statement: the unit met twice in 2017.\nSecond line.\n";
            reply(
                &mut stream,
                &format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                ),
                body,
            );
        }
        "/redirect" => reply(
            &mut stream,
            "HTTP/1.1 302 Found\r\nLocation: /page\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            b"",
        ),
        "/loop" => reply(
            &mut stream,
            "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            b"",
        ),
        "/to-file" => reply(
            &mut stream,
            "HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            b"",
        ),
        "/slow" => {
            // Bounded: one wait of 3 s, then the page.
            std::thread::sleep(Duration::from_secs(3));
            reply(
                &mut stream,
                &format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    PAGE.len()
                ),
                PAGE.as_bytes(),
            );
        }
        "/big" => reply(
            &mut stream,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 62914560\r\nConnection: close\r\n\r\n",
            b"<html>",
        ),
        "/endless" => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n",
            );
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..32 {
                if stream.write_all(&chunk).is_err() {
                    return;
                }
            }
        }
        _ => reply(
            &mut stream,
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found",
            b"",
        ),
    }
}

/// Run the real binary.
pub fn factcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .env("FACTCHECK_REVIEWER", "Evidence Tester")
        .output()
        .expect("run factcheck")
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The seed article.
pub const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/trump-putin-cyber-unit.txt"
);

/// A new project `p.ron` in `dir` with one claim marked; returns its path and the claim id
/// prefix `mark` printed.
pub fn project_with_claim(dir: &Path) -> (PathBuf, String) {
    let project = dir.join("p.ron");
    let p = project.to_str().expect("utf-8 path");
    let out = factcheck(&["new", SEED, "-o", p]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = factcheck(&["mark", p, "--quote", "Mr Putin had denied any involvement"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let claim = stdout(&out)
        .split_whitespace()
        .nth(2)
        .expect("claim id")
        .to_owned();
    (project, claim)
}

/// Run a command that must succeed; returns its standard output.
pub fn ok(args: &[&str]) -> String {
    let out = factcheck(args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}{}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

/// Run a command that must fail with exit 1 and one `Error: ` line; returns that line.
pub fn fails(args: &[&str]) -> String {
    let out = factcheck(args);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stdout(&out));
    let err = stderr(&out);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("Error: ")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    errors[0].to_owned()
}

/// A minimal valid one-page PDF showing `text` in Helvetica (built by hand, offsets computed).
pub fn minimal_pdf(text: &str) -> Vec<u8> {
    let stream = format!("BT /F1 18 Tf 50 700 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A small PNG of `w` x `h` pixels.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(w, h, image::Rgb([200, 30, 30]));
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encode png");
    out.into_inner()
}
