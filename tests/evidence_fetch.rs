//! Fetching through the library against a real server on 127.0.0.1: redirects recorded,
//! limits enforced, errors in plain words, progress reported and Cancel honoured.

mod evidence_support;

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use evidence_support::Server;
use factcheck::evidence::{FetchError, FetchOptions, fetch};

fn get(url: &str, options: &FetchOptions) -> Result<factcheck::evidence::Fetched, FetchError> {
    fetch(url, options, &mut |_| {}, &AtomicBool::new(false))
}

#[test]
fn redirects_are_followed_and_recorded() {
    let server = Server::start();
    let fetched = get(&server.url("/redirect"), &FetchOptions::default()).expect("fetched");
    assert_eq!(fetched.status, 200);
    assert_eq!(fetched.final_url, server.url("/page"));
    assert_eq!(fetched.redirects, vec![server.url("/page")]);
    assert_eq!(fetched.bytes, evidence_support::PAGE.as_bytes());
    assert!(
        fetched
            .content_type
            .unwrap_or_default()
            .starts_with("text/html")
    );
}

#[test]
fn redirect_loops_and_other_schemes_are_refused() {
    let server = Server::start();
    let options = FetchOptions {
        max_redirects: 3,
        ..FetchOptions::default()
    };
    let err = get(&server.url("/loop"), &options).expect_err("loop");
    assert!(
        matches!(err, FetchError::TooManyRedirects { limit: 3, .. }),
        "{err}"
    );
    let err = get(&server.url("/to-file"), &options).expect_err("file scheme");
    assert!(
        err.to_string()
            .starts_with("only http and https links can be captured"),
        "{err}"
    );
    let err = get("ftp://example.org/x", &options).expect_err("ftp");
    assert!(matches!(err, FetchError::NotAllowedScheme { .. }));
}

#[test]
fn not_found_and_refused_say_so() {
    let server = Server::start();
    let err = get(&server.url("/missing"), &FetchOptions::default()).expect_err("404");
    assert!(
        err.to_string()
            .starts_with("the server answered 404 Not Found"),
        "{err}"
    );
    // A port nothing listens on: bind one, note it, close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let err = get(
        &format!("http://127.0.0.1:{port}/"),
        &FetchOptions::default(),
    )
    .expect_err("refused");
    assert!(matches!(err, FetchError::Refused(_)), "{err}");
    assert!(err.to_string().contains("refused the connection"));
    let err = get("http://no-such-host.invalid/", &FetchOptions::default()).expect_err("dns");
    assert!(
        matches!(err, FetchError::Dns(_) | FetchError::Other { .. }),
        "{err}"
    );
}

#[test]
fn a_slow_server_times_out() {
    let server = Server::start();
    let options = FetchOptions {
        total_timeout: Duration::from_millis(500),
        ..FetchOptions::default()
    };
    let err = get(&server.url("/slow"), &options).expect_err("timeout");
    assert!(matches!(err, FetchError::Timeout(_)), "{err}");
    assert!(err.to_string().contains("took too long"));
}

#[test]
fn oversized_bodies_are_refused_with_or_without_a_length() {
    let server = Server::start();
    let err = get(&server.url("/big"), &FetchOptions::default()).expect_err("announced");
    assert!(matches!(err, FetchError::TooLarge { limit, .. } if limit == 50 * 1024 * 1024));
    let options = FetchOptions {
        max_bytes: 100_000,
        ..FetchOptions::default()
    };
    let err = get(&server.url("/endless"), &options).expect_err("streamed");
    assert!(
        matches!(err, FetchError::TooLarge { limit: 100_000, .. }),
        "{err}"
    );
}

#[test]
fn progress_is_reported_and_cancel_stops() {
    let server = Server::start();
    let mut seen = Vec::new();
    let cancel = AtomicBool::new(false);
    let fetched = fetch(
        &server.url("/endless"),
        &FetchOptions::default(),
        &mut |p| seen.push(p.received),
        &cancel,
    )
    .expect("fetched");
    assert_eq!(fetched.bytes.len(), 2 * 1024 * 1024);
    assert_eq!(seen.last().copied(), Some(2 * 1024 * 1024));
    assert!(seen.windows(2).all(|w| w[0] < w[1]));

    let cancel = AtomicBool::new(false);
    let err = fetch(
        &server.url("/endless"),
        &FetchOptions::default(),
        &mut |p| {
            if p.received > 100_000 {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        },
        &cancel,
    )
    .expect_err("cancelled");
    assert!(matches!(err, FetchError::Cancelled));
}

/// Poll a job the way the app does each frame (bounded: at most 30 s).
fn wait(
    job: &factcheck::evidence::CaptureJob,
) -> Result<factcheck::evidence::Captured, factcheck::evidence::CaptureError> {
    for _ in 0..3000 {
        if let Some(outcome) = job.try_finish() {
            return outcome;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the capture did not finish");
}

#[test]
fn a_background_capture_reports_progress_and_can_be_cancelled() {
    use factcheck::evidence::{CaptureJob, CaptureRequest, EvidenceStore};
    let server = Server::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let store = EvidenceStore::at(dir.path().join("p.evidence"));
    let source = factcheck::model::SourceId::new_random();
    let job = CaptureJob::start(
        store.clone(),
        source,
        CaptureRequest::Url(server.url("/redirect")),
        FetchOptions::default(),
        "tester".to_owned(),
    );
    let captured = wait(&job).expect("captured");
    assert_eq!(job.progress().0, evidence_support::PAGE.len() as u64);
    assert_eq!(captured.capture.final_url, server.url("/page"));
    assert!(store.contains(&captured.capture.sha256));

    let job = CaptureJob::start(
        store,
        source,
        CaptureRequest::Url(server.url("/slow")),
        FetchOptions::default(),
        "tester".to_owned(),
    );
    job.cancel();
    let err = wait(&job).expect_err("cancelled");
    assert!(err.to_string().contains("cancelled"), "{err}");
}
