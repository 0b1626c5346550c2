//! What a capture is (its media type) and the text in it: HTML through the same readability
//! extraction as article import, PDF through `pdf-extract` (guarded against panics), text and
//! Markdown decoded like articles, images decoded with dimension limits (they have no text).
//! Captured HTML is never rendered: only its text is kept.

use std::io::Cursor;

/// Images wider or taller than this are refused.
pub const MAX_IMAGE_SIDE: u32 = 20_000;

/// Most memory an image decoder may allocate.
pub const MAX_IMAGE_ALLOC: u64 = 512 * 1024 * 1024;

/// The kinds of capture the workbench reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaKind {
    /// A web page.
    Html,
    /// A PDF document.
    Pdf,
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// PNG image.
    Png,
    /// JPEG image.
    Jpeg,
    /// WebP image.
    Webp,
    /// Anything else: stored, but no text is read from it.
    Other,
}

impl MediaKind {
    /// The media type recorded for this kind.
    #[must_use]
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Html => "text/html",
            Self::Pdf => "application/pdf",
            Self::Text => "text/plain",
            Self::Markdown => "text/markdown",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
            Self::Other => "application/octet-stream",
        }
    }

    /// The kind of a recorded media type (parameters such as `; charset=` ignored).
    #[must_use]
    pub fn from_media_type(media_type: &str) -> Self {
        let essence = media_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "text/html" | "application/xhtml+xml" => Self::Html,
            "application/pdf" => Self::Pdf,
            "text/plain" => Self::Text,
            "text/markdown" | "text/x-markdown" => Self::Markdown,
            "image/png" => Self::Png,
            "image/jpeg" | "image/jpg" => Self::Jpeg,
            "image/webp" => Self::Webp,
            _ => Self::Other,
        }
    }

    /// The kind a file name's extension says.
    #[must_use]
    pub fn from_file_name(name: &str) -> Self {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => Self::Html,
            "pdf" => Self::Pdf,
            "txt" | "text" => Self::Text,
            "md" | "markdown" => Self::Markdown,
            "png" => Self::Png,
            "jpg" | "jpeg" => Self::Jpeg,
            "webp" => Self::Webp,
            _ => Self::Other,
        }
    }

    /// Whether this is an image (shown as an image, no text).
    #[must_use]
    pub fn is_image(self) -> bool {
        matches!(self, Self::Png | Self::Jpeg | Self::Webp)
    }
}

/// The media type of captured bytes: what their first bytes prove (PDF, PNG, JPEG, WebP)
/// wins over what a server or a file name claims; otherwise the claim (`declared`, a
/// `Content-Type`) and then the file name decide, and text that starts like HTML is HTML.
#[must_use]
pub fn sniff_media_type(bytes: &[u8], declared: Option<&str>, file_name: &str) -> MediaKind {
    if bytes.starts_with(b"%PDF-") {
        return MediaKind::Pdf;
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return MediaKind::Png;
    }
    if bytes.starts_with(b"\xff\xd8\xff") {
        return MediaKind::Jpeg;
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return MediaKind::Webp;
    }
    let from_declared = declared.map_or(MediaKind::Other, MediaKind::from_media_type);
    let claimed = match from_declared {
        MediaKind::Other => MediaKind::from_file_name(file_name),
        kind => kind,
    };
    match claimed {
        // A claim of a binary format the bytes do not prove is not trusted.
        MediaKind::Pdf | MediaKind::Png | MediaKind::Jpeg | MediaKind::Webp => MediaKind::Other,
        MediaKind::Other if looks_like_html(bytes) => MediaKind::Html,
        kind => kind,
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// What was read from a capture.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The text (`\n` line breaks), when there is any.
    pub text: Option<String>,
    /// Why there is no text, in plain words ("an image has no text", "no text: ...").
    pub no_text_reason: Option<String>,
    /// Width and height of an image.
    pub dimensions: Option<(u32, u32)>,
}

/// Why a capture cannot be kept at all.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// An image that does not decode, or is too large.
    #[error("the image cannot be read: {0}")]
    Image(String),
}

/// Read the text of a capture of `kind`. A PDF or page whose text cannot be read is still
/// kept (with `no_text_reason`); an image that does not decode within the limits is refused.
pub fn extract_text(bytes: &[u8], kind: MediaKind) -> Result<Extracted, ExtractError> {
    let no_text = |reason: String| Extracted {
        no_text_reason: Some(reason),
        ..Extracted::default()
    };
    Ok(match kind {
        MediaKind::Html | MediaKind::Text | MediaKind::Markdown => {
            let name = match kind {
                MediaKind::Html => "capture.html",
                MediaKind::Markdown => "capture.md",
                _ => "capture.txt",
            };
            match crate::io::import_article_bytes(bytes, name) {
                Ok(article) => Extracted {
                    text: Some(article.text),
                    ..Extracted::default()
                },
                Err(err) => no_text(format!("no text: {err}")),
            }
        }
        MediaKind::Pdf => match pdf_text(bytes) {
            Ok(text) if !text.trim().is_empty() => Extracted {
                text: Some(text),
                ..Extracted::default()
            },
            Ok(_) => no_text("no text: the PDF has no text layer (a scan?)".to_owned()),
            Err(reason) => no_text(format!("no text: the PDF could not be read ({reason})")),
        },
        MediaKind::Png | MediaKind::Jpeg | MediaKind::Webp => {
            let dimensions = decode_image_dimensions(bytes, kind)?;
            Extracted {
                text: None,
                no_text_reason: Some("an image has no text".to_owned()),
                dimensions: Some(dimensions),
            }
        }
        MediaKind::Other => no_text("no text: this kind of file is kept but not read".to_owned()),
    })
}

/// Extract a PDF's text, normalised to `\n` lines, guarded against panics in the parser.
fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    match result {
        Ok(Ok(text)) => Ok(crate::io::article::normalise_line_endings(&text)),
        Ok(Err(err)) => Err(err.to_string()),
        Err(_) => Err("the PDF parser gave up on it".to_owned()),
    }
}

/// Decode an image fully within [`MAX_IMAGE_SIDE`] and [`MAX_IMAGE_ALLOC`], returning its
/// size.
pub fn decode_image_dimensions(bytes: &[u8], kind: MediaKind) -> Result<(u32, u32), ExtractError> {
    let image = decode_image(bytes, kind)?;
    Ok((image.width(), image.height()))
}

/// Decode an image within the limits (for the reader, which shows images as images).
pub fn decode_image(bytes: &[u8], kind: MediaKind) -> Result<image::DynamicImage, ExtractError> {
    let format = match kind {
        MediaKind::Png => image::ImageFormat::Png,
        MediaKind::Jpeg => image::ImageFormat::Jpeg,
        MediaKind::Webp => image::ImageFormat::WebP,
        _ => {
            return Err(ExtractError::Image(
                "not a PNG, JPEG or WebP image".to_owned(),
            ));
        }
    };
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_IMAGE_ALLOC);
    reader.limits(limits);
    reader
        .decode()
        .map_err(|e| ExtractError::Image(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_beat_claims() {
        assert_eq!(
            sniff_media_type(b"%PDF-1.4 ...", Some("text/html"), ""),
            MediaKind::Pdf
        );
        assert_eq!(
            sniff_media_type(b"hello", Some("image/png"), "x.png"),
            MediaKind::Other
        );
        assert_eq!(
            sniff_media_type(b"<!DOCTYPE html><p>x", None, "page"),
            MediaKind::Html
        );
        assert_eq!(
            sniff_media_type(b"# Title", None, "notes.md"),
            MediaKind::Markdown
        );
        assert_eq!(
            sniff_media_type(b"x", Some("text/plain; charset=utf-8"), ""),
            MediaKind::Text
        );
    }

    #[test]
    fn html_text_is_extracted_without_markup_or_scripts() {
        let page = b"<!doctype html><html><head><title>T</title><script>alert(1)</script></head>\
            <body><article><p>The unit was never formed, officials said.</p></article></body></html>";
        let out = extract_text(page, MediaKind::Html).expect("extracted");
        let text = out.text.expect("text");
        assert!(text.contains("The unit was never formed"), "{text}");
        assert!(!text.contains("alert"));
        assert!(!text.contains("<p>"));
    }

    #[test]
    fn a_broken_pdf_is_kept_with_no_text() {
        let out = extract_text(b"%PDF-1.4 garbage", MediaKind::Pdf).expect("kept");
        assert!(out.text.is_none());
        assert!(
            out.no_text_reason
                .unwrap_or_default()
                .starts_with("no text")
        );
    }

    #[test]
    fn a_broken_image_is_refused() {
        assert!(extract_text(b"\x89PNG\r\n\x1a\nnope", MediaKind::Png).is_err());
    }
}
