//! Where the analyzers' tokens are in a text, without analysing it: tantivy's `SimpleTokenizer`
//! (the first step of every text analyzer here) makes a token of each run of alphanumeric
//! characters and numbers them from 0; the filters after it drop or change tokens but keep
//! those numbers. So the position of a term in the index is the number of such a run, and
//! search passages find a matched word from its position by counting runs.
//!
//! Counting from the start of a long text is most of that work, so the index stores
//! checkpoints with each body: the byte offset of every [`CHECKPOINT_EVERY`]th token.

use std::ops::Range;

/// One checkpoint per this many tokens.
pub const CHECKPOINT_EVERY: usize = 64;

/// ASCII bytes that belong to a token: letters and digits.
const WORD: [bool; 128] = {
    let mut table = [false; 128];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    table
};

/// Whether the character at byte `at` (a character boundary) belongs to a token, and its
/// length in bytes; by table lookup for ASCII.
#[inline]
fn token_char(text: &str, at: usize) -> (bool, usize) {
    match text.as_bytes()[at] {
        byte if byte < 128 => (WORD[byte as usize], 1),
        _ => text[at..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
    }
}

/// The byte ranges of the tokens of `text`, as `SimpleTokenizer` finds them (runs of
/// alphanumeric characters), without copying each token.
pub fn tokens(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < text.len() {
            let (token, len) = token_char(text, at);
            if token {
                break;
            }
            at += len;
        }
        if at >= text.len() {
            return None;
        }
        let start = at;
        while at < text.len() {
            let (token, len) = token_char(text, at);
            if !token {
                break;
            }
            at += len;
        }
        Some(start..at)
    })
}

/// The byte offsets of tokens 0, [`CHECKPOINT_EVERY`], 2 x [`CHECKPOINT_EVERY`], ... of
/// `text`, as little-endian u32s (what the index stores). The tokens of [`tokens`], counted
/// in one tight pass (this runs over every body at indexing time).
pub fn checkpoints(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut count, mut in_token, mut at) = (0usize, false, 0usize);
    while at < text.len() {
        let (token, len) = token_char(text, at);
        if token && !in_token {
            if count % CHECKPOINT_EVERY == 0 {
                out.extend_from_slice(&(at as u32).to_le_bytes());
            }
            count += 1;
        }
        in_token = token;
        at += len;
    }
    out
}

/// Reads stored checkpoints back; `None` when they do not fit `text` (an index built before
/// them, or for another text), so that the caller counts from the start instead.
pub fn read_checkpoints(bytes: &[u8], text: &str) -> Option<Vec<usize>> {
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let offsets: Vec<usize> = bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .collect();
    let fits = offsets
        .iter()
        .all(|&at| at < text.len() && text.is_char_boundary(at))
        && offsets.windows(2).all(|w| w[0] < w[1]);
    fits.then_some(offsets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{SimpleTokenizer, TokenStream, Tokenizer};

    #[test]
    fn tokens_are_those_of_the_simple_tokenizer() {
        let text = "Continuïteit, wijken-beleid (2022): Mönnink's 3de «idee»… 北京 ok? e\u{301}!";
        let mut tokenizer = SimpleTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut expected = Vec::new();
        while stream.advance() {
            expected.push(stream.token().offset_from..stream.token().offset_to);
        }
        assert_eq!(tokens(text).collect::<Vec<_>>(), expected);
        assert_eq!(tokens("").count(), 0);
        assert_eq!(tokens(" , ").count(), 0);
    }

    #[test]
    fn checkpoints_point_at_every_64th_token_and_are_checked_on_reading() {
        let text = (0..200)
            .map(|n| format!("wörd{n}"))
            .collect::<Vec<_>>()
            .join(" ");
        let stored = checkpoints(&text);
        let counted: Vec<u8> = tokens(&text)
            .step_by(CHECKPOINT_EVERY)
            .flat_map(|r| (r.start as u32).to_le_bytes())
            .collect();
        assert_eq!(stored, counted);
        let offsets = read_checkpoints(&stored, &text).unwrap();
        let all: Vec<usize> = tokens(&text).map(|r| r.start).collect();
        assert_eq!(offsets, [all[0], all[64], all[128], all[192]]);
        assert_eq!(read_checkpoints(&stored, "short"), None);
        assert_eq!(read_checkpoints(&stored[..3], &text), None);
    }
}
