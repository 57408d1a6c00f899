//! Reading text files in the encodings archivists bring: UTF-8 (with or without BOM), UTF-16
//! with a BOM, and Windows-1252 (older Dutch documents). Anything else is refused with a reason.
//!
//! Pure: bytes in, text and the name of the conversion out. Knows nothing of items or files.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Text decoded from bytes, with what was done to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-8 with BOM`, `UTF-16LE with BOM`, `UTF-16BE with BOM` or `Windows-1252`.
    pub encoding: &'static str,
}

impl Decoded {
    /// Whether the bytes were anything but plain UTF-8 (worth telling the user).
    pub fn converted(&self) -> bool {
        self.encoding != "UTF-8"
    }
}

/// Decodes bytes, or says why they are not a text file Lectern can read.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let with_bom = |encoding: &'static Encoding, name: &'static str, skip: usize| {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[skip..]);
        if had_errors {
            Err(format!(
                "the file starts with a {name} byte order mark but is not valid {name}: save it again as UTF-8"
            ))
        } else {
            Ok(Decoded {
                text: text.into_owned(),
                encoding: match name {
                    "UTF-8" => "UTF-8 with BOM",
                    "UTF-16LE" => "UTF-16LE with BOM",
                    _ => "UTF-16BE with BOM",
                },
            })
        }
    };
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return with_bom(UTF_8, "UTF-8", 3);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return with_bom(UTF_16LE, "UTF-16LE", 2);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return with_bom(UTF_16BE, "UTF-16BE", 2);
    }
    if bytes.contains(&0) {
        return Err(
            "the file contains NUL bytes: it is binary, or UTF-16 without a byte order mark; save it as UTF-8"
                .into(),
        );
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        refuse_control_characters(text)?;
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
        });
    }
    windows_1252(bytes)
}

/// Windows-1252, accepted only when the bytes look like Latin text in it.
fn windows_1252(bytes: &[u8]) -> Result<Decoded, String> {
    // Bytes that Windows-1252 leaves undefined: their presence means another encoding.
    const UNDEFINED: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];
    let refuse = || {
        "the file is neither UTF-8 nor Windows-1252 (nor UTF-16 with a byte order mark): open it in an editor and save it as UTF-8".to_string()
    };
    if bytes.iter().any(|b| UNDEFINED.contains(b)) {
        return Err(refuse());
    }
    let (text, had_errors) = WINDOWS_1252.decode_without_bom_handling(bytes);
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    // Latin text has a few accented letters; Cyrillic, Greek or CJK read as 1252 is mostly high bytes.
    if had_errors || high * 4 > letters {
        return Err(refuse());
    }
    refuse_control_characters(&text)?;
    Ok(Decoded {
        text: text.into_owned(),
        encoding: "Windows-1252",
    })
}

fn refuse_control_characters(text: &str) -> Result<(), String> {
    match text
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
    {
        Some((at, c)) => Err(format!(
            "the file contains the control character U+{:04X} at byte {at}: it does not look like text",
            c as u32
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DUTCH: &str = "Continuïteit voor ggz-cliënten: één café, “zei hij” – Mönnink.";

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(decode(DUTCH.as_bytes()).unwrap().text, DUTCH);
        assert!(!decode(DUTCH.as_bytes()).unwrap().converted());
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(DUTCH.as_bytes());
        let decoded = decode(&bom).unwrap();
        assert_eq!(decoded.text, DUTCH);
        assert_eq!(decoded.encoding, "UTF-8 with BOM");
    }

    #[test]
    fn reads_utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in DUTCH.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, DUTCH);
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE with BOM");
    }

    #[test]
    fn reads_windows_1252() {
        let (bytes, _, errors) = WINDOWS_1252.encode(DUTCH);
        assert!(!errors);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, DUTCH);
        assert_eq!(decoded.encoding, "Windows-1252");
    }

    #[test]
    fn refuses_other_encodings_and_binaries() {
        let (koi8, _, _) = encoding_rs::KOI8_R.encode("Социальная работа под давлением");
        assert!(decode(&koi8).unwrap_err().contains("save it as UTF-8"));
        let utf16_no_bom: Vec<u8> = "tekst"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(decode(&utf16_no_bom).unwrap_err().contains("NUL"));
        assert!(decode(b"\x01\x02binary")
            .unwrap_err()
            .contains("control character"));
    }
}
