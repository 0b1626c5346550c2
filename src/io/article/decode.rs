//! Decoding article bytes to text: byte order marks, UTF-8, a charset a web page declares,
//! a guess by `chardetng` for legacy encodings; binary data is recognised and refused.

use encoding_rs::Encoding;

use super::ArticleError;

/// Decode `bytes` to text, saying which encoding was used: a byte order mark wins, then
/// valid UTF-8, then (when `html_charset`, for what may be a web page) the charset the page
/// declares, then a guess by `chardetng`.
pub(super) fn decode(bytes: &[u8], html_charset: bool) -> Result<(String, String), ArticleError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or_else(|| ArticleError::InvalidEncoding {
                encoding: encoding.name().to_owned(),
                offset: bom_len + first_bad_offset(encoding, body),
            })?;
        if let Some(reason) = binary_reason(text.as_bytes()) {
            return Err(ArticleError::Binary { reason });
        }
        return Ok((text.into_owned(), format!("{} with BOM", encoding.name())));
    }
    if let Some(reason) = binary_reason(bytes) {
        return Err(ArticleError::Binary { reason });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_owned(), "UTF-8".to_owned())),
        Err(err) if looks_like_damaged_utf8(bytes) => {
            return Err(ArticleError::Encoding(err.valid_up_to()));
        }
        Err(_) => {}
    }
    let declared = if html_charset {
        declared_charset(bytes)
    } else {
        None
    };
    let (encoding, how) = match declared {
        // A page declaring UTF-8 that is not UTF-8 was saved in a legacy encoding: guess.
        Some(encoding) if encoding != encoding_rs::UTF_8 => (encoding, "declared by the page"),
        _ => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            (
                detector.guess(None, chardetng::Utf8Detection::Allow),
                "detected",
            )
        }
    };
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| ArticleError::InvalidEncoding {
            encoding: encoding.name().to_owned(),
            offset: first_bad_offset(encoding, bytes),
        })?;
    Ok((text.into_owned(), format!("{} ({how})", encoding.name())))
}

/// Where decoding `bytes` as `encoding` first fails (0 when it cannot be told).
fn first_bad_offset(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len().saturating_mul(3).min(1 << 20));
    let mut read_total = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return 0,
            encoding_rs::DecoderResult::Malformed(bad, _) => {
                return read_total.saturating_sub(usize::from(bad));
            }
            encoding_rs::DecoderResult::OutputFull => {
                out.clear();
                out.reserve(1 << 20);
            }
        }
    }
}

/// Valid multi-byte UTF-8 sequences outnumber the invalid bytes: a UTF-8 file with damage,
/// not a legacy encoding (where valid multi-byte sequences are rare accidents).
fn looks_like_damaged_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        invalid += chunk.invalid().len();
    }
    multibyte > invalid
}

/// The charset a web page declares in its first 1024 bytes (`<meta charset=...>` or
/// `content="text/html; charset=..."`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// `\r\n` and lone `\r` become `\n`; nothing else changes.
#[must_use]
pub fn normalise_line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Why `bytes` look binary, if they do: NUL bytes, a known magic number, or many control
/// characters. UTF-16 text (which has NULs) must be decoded before this check.
#[must_use]
pub fn binary_reason(bytes: &[u8]) -> Option<String> {
    const MAGIC: [(&[u8], &str); 8] = [
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive or Office document"),
        (b"\x7FELF", "a program"),
        (b"MZ", "a Windows program"),
        (b"\x1F\x8B", "a gzip archive"),
    ];
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if let Some((magic, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        // "MZ" also starts ordinary words; a program has NUL bytes right after it.
        if *magic != b"MZ" || head.contains(&0) {
            return Some((*what).to_owned());
        }
    }
    if head.contains(&0) && !head.starts_with(b"\xFF\xFE") && !head.starts_with(b"\xFE\xFF") {
        let zeros_at = |parity| {
            head.iter()
                .skip(parity)
                .step_by(2)
                .filter(|&&b| b == 0)
                .count()
        };
        let half = head.len() / 2;
        if half >= 8 && (zeros_at(0) * 10 > half * 8 || zeros_at(1) * 10 > half * 8) {
            return Some(
                "it looks like UTF-16 text without a byte order mark; save it as UTF-8".to_owned(),
            );
        }
        return Some("it contains NUL bytes".to_owned());
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if head.len() >= 32 && controls * 20 > head.len() {
        return Some(format!(
            "{controls} control bytes in the first {} bytes",
            head.len()
        ));
    }
    None
}
