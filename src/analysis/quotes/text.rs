//! The text as the rules see it: its characters, and words and punctuation marks with their
//! character spans, the line breaks before each and the sentence each belongs to. One pass, no
//! allocation per token; the same pass notes where the paragraph breaks and the quotation marks
//! are (so `marks` looks at those only), and the words with a capital are lowercased once into
//! one buffer (so no rule allocates to compare a word).

/// A word or one punctuation character.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    /// The same span in bytes.
    pub bytes: (usize, usize),
    pub word: bool,
    /// Line breaks in the whitespace before the token, at most 2 (2: a paragraph break).
    pub breaks: u8,
    /// Sentences counted from 0: a new one after `.`, `!`, `?` or a paragraph break.
    pub sentence: u32,
    /// Where the token's lowercase form is in [`Doc::lower`] (bytes), for a token with an
    /// upper-case letter; `None` when the token is its own lowercase form.
    lower: Option<(u32, u32)>,
}

pub(super) struct Doc<'a> {
    pub text: &'a str,
    pub chars: Vec<char>,
    pub toks: Vec<Tok>,
    /// The position of each run's second line break (a blank line), in characters.
    pub paragraph_breaks: Vec<usize>,
    /// The positions of the quotation marks (`“ „ « ” » " ‘ ’`), in characters, in order.
    pub quote_marks: Vec<usize>,
    /// The lowercase forms of the tokens with an upper-case letter, one after the other.
    lower: String,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let chars: Vec<char> = text.chars().collect();
        let Tokens {
            mut toks,
            paragraph_breaks,
            quote_marks,
        } = tokenize(&chars);
        let mut lower = String::new();
        for tok in toks.iter_mut() {
            let s = &text[tok.bytes.0..tok.bytes.1];
            let from = lower.len();
            if s.is_ascii() {
                if s.bytes().any(|b| b.is_ascii_uppercase()) {
                    lower.push_str(s);
                    lower[from..].make_ascii_lowercase();
                } else {
                    continue;
                }
            } else if s.chars().any(char::is_uppercase) {
                lower.push_str(&s.to_lowercase());
            } else {
                continue;
            }
            tok.lower = Some((from as u32, lower.len() as u32));
        }
        Doc {
            text,
            chars,
            toks,
            paragraph_breaks,
            quote_marks,
            lower,
        }
    }

    /// A token's text as written.
    pub fn str(&self, t: usize) -> &'a str {
        let (a, b) = self.toks[t].bytes;
        &self.text[a..b]
    }

    /// A token's text lowercased (`str::to_lowercase` when it has an upper-case letter).
    pub fn word(&self, t: usize) -> &str {
        match self.toks[t].lower {
            Some((a, b)) => &self.lower[a as usize..b as usize],
            None => self.str(t),
        }
    }

    /// Whether the token is `word` (lowercase), in any case.
    pub fn is(&self, t: usize, word: &str) -> bool {
        let s = self.str(t);
        s.len() == word.len() && s.eq_ignore_ascii_case(word)
            || s.chars().count() == word.chars().count() && self.word(t) == word
    }

    /// The token's only character, for punctuation.
    pub fn punct(&self, t: usize) -> Option<char> {
        let tok = self.toks.get(t)?;
        (!tok.word).then(|| self.chars[tok.start])
    }

    pub fn capitalised(&self, t: usize) -> bool {
        let tok = self.toks[t];
        tok.word && self.chars[tok.start].is_uppercase()
    }

    /// Every letter upper case and at least two of them (`WHO`, `ANWB`).
    pub fn all_caps(&self, t: usize) -> bool {
        let tok = self.toks[t];
        let letters = &self.chars[tok.start..tok.end];
        letters.iter().filter(|c| c.is_alphabetic()).count() >= 2
            && !letters.iter().any(|c| c.is_lowercase())
    }

    /// Whether the token starts a sentence: the first of the text or of a paragraph, or after
    /// a sentence end, a colon, an opening mark or a dash.
    pub fn sentence_initial(&self, t: usize) -> bool {
        if t == 0 || self.toks[t].breaks >= 2 {
            return true;
        }
        let before = self.toks[t - 1];
        !before.word
            && matches!(
                self.chars[before.start],
                '.' | '!'
                    | '?'
                    | ':'
                    | ';'
                    | '“'
                    | '„'
                    | '‘'
                    | '"'
                    | '«'
                    | '-'
                    | '–'
                    | '—'
                    | '('
                    | '…'
            )
    }

    /// The first token starting at or after a character offset.
    pub fn tok_at(&self, offset: usize) -> usize {
        self.toks.partition_point(|t| t.start < offset)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«' | '”' | '»' | '‘' | '’')
}

struct Tokens {
    toks: Vec<Tok>,
    paragraph_breaks: Vec<usize>,
    quote_marks: Vec<usize>,
}

fn tokenize(chars: &[char]) -> Tokens {
    let mut toks: Vec<Tok> = Vec::with_capacity(chars.len() / 5);
    let mut paragraph_breaks = Vec::new();
    let mut quote_marks = Vec::new();
    // Line breaks since the last character that is not whitespace.
    let mut newlines = 0usize;
    // Byte offset of character `i`, kept up to date as `i` moves forward.
    let mut byte = 0;
    let mut at = 0;
    let mut byte_of = |i: usize| {
        while at < i {
            byte += chars[at].len_utf8();
            at += 1;
        }
        byte
    };
    let mut breaks = 0u8;
    let mut sentence = 0u32;
    let mut i = 0;
    let n = chars.len();
    while i < n {
        let c = chars[i];
        if c.is_whitespace() {
            if c == '\n' {
                breaks = breaks.saturating_add(1).min(2);
                newlines += 1;
                if newlines == 2 {
                    paragraph_breaks.push(i);
                }
            }
            i += 1;
            continue;
        }
        newlines = 0;
        if is_quote_mark(c) {
            quote_marks.push(i);
        }
        if breaks >= 2 && !toks.is_empty() {
            sentence += 1;
        }
        let start = i;
        // 't, 'm, 's, ’n: an apostrophe that opens a short word is part of it.
        let elided = is_apostrophe(c) && (i == 0 || !chars[i - 1].is_alphanumeric()) && {
            let letters = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_alphabetic())
                .count();
            (1..=2).contains(&letters)
        };
        if c.is_alphanumeric() || elided {
            i += 1;
            while i < n {
                let c = chars[i];
                // ASCII first: a letter or digit goes on, other marks but `-`, `'` and `.` end it.
                if c.is_ascii_alphanumeric() {
                    i += 1;
                    continue;
                }
                if c.is_ascii() && !matches!(c, '-' | '\'' | '.') {
                    break;
                }
                let inner =
                    (c == '-' || is_apostrophe(c) || c == '.' && chars[i - 1].is_ascii_digit())
                        && chars[i - 1].is_alphanumeric()
                        && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
                if c.is_alphanumeric() || inner {
                    if c == '’' {
                        quote_marks.push(i);
                    }
                    i += 1;
                } else {
                    break;
                }
            }
            let bytes = (byte_of(start), byte_of(i));
            toks.push(Tok {
                start,
                end: i,
                bytes,
                word: true,
                breaks,
                sentence,
                lower: None,
            });
        } else {
            i += 1;
            let bytes = (byte_of(start), byte_of(i));
            toks.push(Tok {
                start,
                end: i,
                bytes,
                word: false,
                breaks,
                sentence,
                lower: None,
            });
            if matches!(c, '.' | '!' | '?') {
                sentence += 1;
            }
        }
        breaks = 0;
    }
    Tokens {
        toks,
        paragraph_breaks,
        quote_marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_and_marks_with_breaks_and_sentences() {
        let doc = Doc::new("Hij zei: 't kan.\n\nZ'n El-Khayari");
        let words: Vec<&str> = (0..doc.toks.len()).map(|t| doc.str(t)).collect();
        assert_eq!(
            words,
            ["Hij", "zei", ":", "'t", "kan", ".", "Z'n", "El-Khayari"]
        );
        assert_eq!(doc.toks[6].breaks, 2);
        assert!(doc.toks[6].sentence > doc.toks[5].sentence);
        assert!(doc.sentence_initial(6));
        assert!(doc.sentence_initial(3));
        assert!(doc.is(1, "zei"));
        assert!(doc.is(0, "hij"));
    }
}
