//! Article import: encodings, web pages, hostile and broken input.

use std::path::PathBuf;
use std::time::Duration;

use factcheck::io::article::{
    ArticleError, MAX_LINE_CHARS, readable_text_from_html, readable_text_from_html_bytes,
};
use factcheck::io::{import_article_bytes, import_article_file, import_article_text};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// The message of an error from an article file: the reason, then the file in parentheses.
fn reason_in_file(err: &ArticleError, file: &str) -> String {
    let message = err.to_string();
    let suffix = format!(" ({})", fixture(file).display());
    message
        .strip_suffix(&suffix)
        .unwrap_or_else(|| panic!("{message:?} ends with the path {suffix:?}"))
        .to_owned()
}

/// Run `work` on another thread and fail if it has not finished within a generous bound:
/// a guard against hangs (quadratic parsing, endless loops), not a speed test.
fn finishes_in_time<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    const BOUND: Duration = Duration::from_secs(60);
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ignored = send.send(work());
    });
    match receive.recv_timeout(BOUND) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("the import did not finish within {BOUND:?}: it hangs")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            panic!("the import panicked")
        }
    }
}

fn multiscript() -> String {
    std::fs::read_to_string(fixture("multiscript-utf8.txt")).expect("fixture is UTF-8")
}

#[test]
fn utf8_with_and_without_bom_is_kept_exactly() -> anyhow::Result<()> {
    let plain = import_article_file(&fixture("multiscript-utf8.txt"))?;
    assert_eq!(plain.text, multiscript());
    assert_eq!(plain.detected, "plain text, UTF-8");
    assert_eq!(
        plain.meta.title,
        "Leaders pledge climate cash at multilingual summit 🌍"
    );
    // The BOM file also has CRLF line endings: normalised, nothing else changed.
    let bom = import_article_file(&fixture("utf8-bom.txt"))?;
    assert_eq!(bom.text, multiscript());
    assert_eq!(bom.detected, "plain text, UTF-8 with BOM");
    Ok(())
}

#[test]
fn utf16_with_bom_is_decoded_in_both_byte_orders() -> anyhow::Result<()> {
    let le = import_article_file(&fixture("utf16le-bom.txt"))?;
    assert_eq!(le.text, multiscript());
    assert_eq!(le.detected, "plain text, UTF-16LE with BOM");
    let be = import_article_file(&fixture("utf16be-bom.txt"))?;
    assert_eq!(be.text, multiscript());
    assert_eq!(be.detected, "plain text, UTF-16BE with BOM");
    Ok(())
}

#[test]
fn utf16_without_bom_is_refused_with_a_hint() {
    let err = import_article_file(&fixture("utf16le-no-bom.txt"))
        .expect_err("UTF-16 without a BOM is refused");
    assert_eq!(
        reason_in_file(&err, "utf16le-no-bom.txt"),
        "this is not a text file (it looks like binary data: it looks like UTF-16 text without a byte order mark; save it as UTF-8); open a .txt, .md or .html article"
    );
}

#[test]
fn legacy_encodings_are_detected_and_named() -> anyhow::Result<()> {
    let cases = [
        (
            "windows-1252.txt",
            "windows-1252",
            "Minister says café prices rose 30 % — “a record”, he said.\nSecond paragraph: naïve façade, 5 € fee, 10° warmer.\n",
        ),
        (
            "iso-8859-2.txt",
            "ISO-8859-2",
            "Ministr řekl, že ceny v Praze vzrostly o 30 %.\nŽluťoučký kůň úpěl ďábelské ódy. Příliš šťastný muž žádal o změnu.\nNejvětší růst zaznamenaly potraviny a energie, uvedl úřad.\n",
        ),
        (
            "windows-1251.txt",
            "windows-1251",
            "Министр заявил, что цены выросли на 30 процентов.\nЭто самый большой рост за последние десять лет, сообщило ведомство.\nЭкономисты считают, что инфляция замедлится в следующем году.\n",
        ),
        // This Greek text has the same bytes in ISO-8859-7 and windows-1253; chardetng
        // names the latter (browsers treat both alike).
        (
            "iso-8859-7.txt",
            "windows-1253",
            "Ο υπουργός δήλωσε ότι οι τιμές αυξήθηκαν κατά 30 τοις εκατό.\nΗ Ελλάδα κατάργησε τον λιγνίτη, σύμφωνα με το υπουργείο ενέργειας.\n",
        ),
    ];
    for (file, encoding, expected) in cases {
        let imported = import_article_file(&fixture(file))?;
        assert_eq!(imported.text, expected, "{file}");
        assert_eq!(
            imported.detected,
            format!("plain text, {encoding} (detected)"),
            "{file}"
        );
    }
    Ok(())
}

#[test]
fn old_mac_line_endings_are_normalised() -> anyhow::Result<()> {
    let imported = import_article_file(&fixture("old-mac-line-endings.txt"))?;
    assert_eq!(imported.text, "First line\nSecond “line”\nThird\n");
    Ok(())
}

#[test]
fn damaged_utf8_is_refused_not_mis_decoded() {
    let err = import_article_file(&fixture("damaged-utf8.txt")).expect_err("damaged UTF-8");
    assert!(
        matches!(err.reason(), ArticleError::Encoding(40)),
        "{err:?}"
    );
    assert_eq!(
        reason_in_file(&err, "damaged-utf8.txt"),
        "the text is UTF-8 but has an invalid byte at offset 40; the file looks damaged (save it again as UTF-8)"
    );
}

#[test]
fn invalid_bytes_for_a_declared_multibyte_encoding_are_reported() {
    // Declared Shift_JIS, but 0x81 0x20 is not a Shift_JIS character.
    let page = b"<html><head><meta charset=\"shift_jis\"></head><body><p>abc \x81\x20 def</p></body></html>";
    let err = import_article_bytes(page, "page.html").expect_err("invalid Shift_JIS");
    assert_eq!(
        err.to_string(),
        "the text is not valid Shift_JIS (first bad byte near offset 58)"
    );
}

#[test]
fn binary_empty_and_gigantic_lines_are_refused_with_clear_messages() {
    let pdf = import_article_bytes(b"%PDF-1.7\n...", "report.txt").expect_err("PDF");
    assert_eq!(
        pdf.to_string(),
        "this is not a text file (it looks like binary data: a PDF document); open a .txt, .md or .html article"
    );
    let png = import_article_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "").expect_err("PNG");
    assert!(png.to_string().contains("a PNG image"), "{png}");
    // "MZ" is also how some words start: only a program (with NUL bytes) is refused.
    let mz = import_article_bytes(b"MZ Holdings said profits rose.", "a.txt");
    assert!(mz.is_ok(), "{mz:?}");

    let empty = import_article_bytes(b"", "a.txt").expect_err("empty");
    assert_eq!(empty.to_string(), "the article is empty");
    let blank = import_article_bytes(b"  \r\n\t\n", "a.txt").expect_err("blank");
    assert_eq!(blank.to_string(), "the article is empty");

    let mut long = "Short first line.\n".to_owned();
    long.push_str(&"x".repeat(MAX_LINE_CHARS + 1));
    let err = import_article_bytes(long.as_bytes(), "a.txt").expect_err("gigantic line");
    assert_eq!(
        err.to_string(),
        format!(
            "line 2 is {} characters long; lines of up to {MAX_LINE_CHARS} characters can be opened (is this minified or generated data?)",
            MAX_LINE_CHARS + 1
        )
    );
}

#[test]
fn file_errors_say_what_happened_then_the_path_once() {
    let err = import_article_file(&fixture("no-such-file.txt")).expect_err("missing");
    assert_eq!(
        reason_in_file(&err, "no-such-file.txt"),
        "the article file does not exist"
    );
    assert!(matches!(err.reason(), ArticleError::Read(_)), "{err:?}");
    let folder = import_article_file(&fixture("")).expect_err("a folder");
    let message = folder.to_string();
    assert!(
        message.starts_with("this is a folder, not an article file ("),
        "{message}"
    );
    // No stutter: the reason is said once, with no "could not" to prefix another.
    for message in [err.to_string(), message] {
        assert!(!message.to_lowercase().contains("could not"), "{message}");
        assert_eq!(message.matches(" (").count(), 1, "{message}");
    }
}

#[test]
fn news_page_gives_metadata_and_the_article_without_furniture() -> anyhow::Result<()> {
    let imported = import_article_file(&fixture("news-article.html"))?;
    let meta = &imported.meta;
    assert_eq!(
        meta.title,
        "Donald Trump says he will co-operate with Russia on cyber security"
    );
    assert_eq!(meta.author, "Jane Reporter, Sam Writer");
    assert_eq!(
        meta.url,
        "https://news.example.com/world/trump-putin-cyber-unit"
    );
    assert_eq!(meta.outlet, "The Daily Example");
    assert_eq!(meta.language, "en-GB");
    assert_eq!(
        meta.published.map(|d| d.to_string()).as_deref(),
        Some("2017-07-09")
    );
    assert_eq!(
        imported.detected,
        "HTML page, UTF-8; article text found by readability; title, author, date, URL, outlet from meta tags and JSON-LD NewsArticle"
    );
    let paragraphs: Vec<&str> = imported.text.split("\n\n").collect();
    assert_eq!(
        paragraphs[0],
        "Donald Trump says he will co-operate with Russia on cyber security"
    );
    assert!(
        paragraphs.contains(&"Denials from Moscow"),
        "{paragraphs:#?}"
    );
    assert!(
        paragraphs.contains(
            &"“Putin & I discussed forming an impenetrable Cyber Security unit so that election hacking, & many other negative things, will be guarded… and safe”"
        ),
        "{paragraphs:#?}"
    );
    // Entities decoded, HTML white space collapsed, no-break space kept.
    assert!(imported.text.contains("last week’s G20 summit in Hamburg"));
    assert!(imported.text.contains("Ash\u{a0}Carter"));
    for furniture in [
        "Politics",
        "ADVERTISEMENT",
        "tracking text",
        "must not be part",
        "All rights reserved",
        "font-family",
        "Comments (312)",
    ] {
        assert!(!imported.text.contains(furniture), "{furniture:?} kept");
    }
    assert!(!imported.text.contains('\r'));
    Ok(())
}

#[test]
fn legacy_page_uses_its_declared_charset() -> anyhow::Result<()> {
    let imported = import_article_file(&fixture("legacy-windows-1252.htm"))?;
    assert!(
        imported
            .detected
            .starts_with("HTML page, windows-1252 (declared by the page); "),
        "{}",
        imported.detected
    );
    assert_eq!(imported.meta.title, "Prix du café en hausse");
    assert!(
        imported.text.contains(
            "Le ministre a déclaré que les prix ont augmenté de 30 % — «un record», selon lui."
        ),
        "{}",
        imported.text
    );
    assert!(imported.text.contains("le café coûte 5 € à Paris"));
    Ok(())
}

#[test]
fn deeply_nested_page_does_not_hang_or_overflow() -> anyhow::Result<()> {
    let depth = 50_000;
    let mut page = String::from("<html><head><title>Deep</title></head><body>");
    page.push_str(&"<div>".repeat(depth));
    page.push_str("<p>The claim at the bottom of the well.</p>");
    page.push_str(&"</div>".repeat(depth));
    page.push_str("</body></html>");
    let imported = finishes_in_time(move || import_article_bytes(page.as_bytes(), "deep.html"))?;
    assert!(
        imported
            .text
            .contains("The claim at the bottom of the well."),
        "{}",
        imported.text
    );
    assert!(
        imported
            .detected
            .contains("too large or deeply nested for article detection"),
        "{}",
        imported.detected
    );
    Ok(())
}

#[test]
fn megabytes_of_markup_are_read_in_bounded_time() -> anyhow::Result<()> {
    // About 8 MB of markup: many small elements, one real paragraph.
    let mut page = String::from("<html><body><nav>");
    for i in 0..250_000 {
        page.push_str(&format!("<span class=\"x{i}\">menu</span>"));
    }
    page.push_str("</nav><p>Only this paragraph is prose, and it is long enough to count as an article body for any reader.</p></body></html>");
    let imported = finishes_in_time(move || import_article_bytes(page.as_bytes(), "big.html"))?;
    assert_eq!(
        imported.text,
        "Only this paragraph is prose, and it is long enough to count as an article body for any reader."
    );
    Ok(())
}

#[test]
fn page_without_text_is_refused() {
    let err = import_article_bytes(
        b"<html><body><script>var x = 1;</script><nav>Home</nav></body></html>",
        "empty.html",
    )
    .expect_err("no text");
    assert_eq!(err.to_string(), "the web page has no readable text");
}

#[test]
fn clipboard_text_is_kept_and_clipboard_html_is_extracted() -> anyhow::Result<()> {
    let pasted = import_article_text("Headline\r\n\r\nBody “quoted” … & ’ 👩‍👩‍👧\r\n")?;
    assert_eq!(pasted.text, "Headline\n\nBody “quoted” … & ’ 👩‍👩‍👧\n");
    assert_eq!(pasted.detected, "plain text, pasted text");
    assert_eq!(pasted.meta.title, "Headline");

    let html = import_article_text(
        "<!DOCTYPE html><html><head><title>Pasted page</title></head><body><article><h1>Pasted page</h1><p>Pasted paragraph with enough words to be an article body.</p></article></body></html>",
    )?;
    assert_eq!(
        html.text,
        "Pasted page\n\nPasted paragraph with enough words to be an article body."
    );
    assert!(
        html.detected.starts_with("HTML page, pasted text; "),
        "{}",
        html.detected
    );

    let err = import_article_text("abc\0def").expect_err("NUL");
    assert!(err.to_string().contains("NUL bytes"), "{err}");
    assert_eq!(
        import_article_text("").expect_err("empty").to_string(),
        "the article is empty"
    );
    Ok(())
}

#[test]
fn readable_text_of_a_page_for_captures_uses_the_same_extraction_and_guards() -> anyhow::Result<()>
{
    let bytes = std::fs::read(fixture("news-article.html"))?;
    let page = readable_text_from_html_bytes(&bytes)?;
    let imported = import_article_file(&fixture("news-article.html"))?;
    assert_eq!(
        page.title(),
        "Donald Trump says he will co-operate with Russia on cyber security"
    );
    assert_eq!(page.meta, imported.meta);
    // The article starts with the title; the readable text is the rest, paragraph for
    // paragraph.
    let text = page.text();
    assert!(!text.is_empty());
    assert!(imported.text.ends_with(&text), "{text}");
    assert!(
        !text.contains("ADVERTISEMENT"),
        "page furniture is dropped: {text}"
    );
    assert!(!text.contains("First! This is a comment"), "{text}");
    assert_eq!(page.method, "article text found by readability");
    // A legacy page's declared charset is honoured.
    let legacy =
        readable_text_from_html_bytes(&std::fs::read(fixture("legacy-windows-1252.htm"))?)?;
    assert!(legacy.text().contains("le café coûte 5 € à Paris"));
    // The guards: binary data, no text, and hostile nesting within a bounded time.
    assert!(matches!(
        readable_text_from_html_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        Err(ArticleError::Binary { .. })
    ));
    assert!(matches!(
        readable_text_from_html("<html><body><script>x()</script></body></html>"),
        Err(ArticleError::NoText)
    ));
    let deep = format!(
        "<html><body>{}<p>Deep claim.</p>{}</body></html>",
        "<div>".repeat(50_000),
        "</div>".repeat(50_000)
    );
    let deep = finishes_in_time(move || readable_text_from_html(&deep))?;
    assert_eq!(deep.text(), "Deep claim.");
    Ok(())
}
