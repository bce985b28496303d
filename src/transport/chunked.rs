//! Decoding a chunked body (RFC 9112 §7.1) by the rules hyper's decoder applies, step for
//! step and with its limits and messages, so `bench`'s lean client accepts and refuses the
//! same answers as `send`: a chunk-size line must start with a hex digit and end in CRLF,
//! the data must be followed by CRLF, trailer fields must be header fields.

use reqwest::header::{HeaderName, HeaderValue};

/// Most bytes of chunk extensions in one body (hyper's limit).
const EXTENSIONS_LIMIT: u64 = 16 * 1024;
/// Most bytes of trailer fields (hyper's limit).
const TRAILERS_LIMIT: usize = 16 * 1024;
/// Most trailer fields (hyper's limit, as for the head).
const MAX_TRAILERS: usize = 100;

/// hyper's words for a body that ends before its length (declared, or of a chunk) is read.
pub const INCOMPLETE_BODY: &str = "end of file before message length reached";

/// Where the decoder is in the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// The first digit of a chunk size.
    Start,
    Size,
    /// Blanks after the size.
    SizeLws,
    Extension,
    SizeLf,
    Data,
    DataCr,
    DataLf,
    Trailer,
    TrailerLf,
    EndCr,
    EndLf,
    End,
}

/// How far one call of `decode` got.
#[derive(Debug, PartialEq, Eq)]
pub enum ChunkProgress {
    /// Every byte given was used; the body goes on.
    More,
    /// The body ended (last chunk and trailers) after this many bytes of the input.
    Done(usize),
    /// The body went past the cap; what fits is kept.
    Capped,
}

/// A chunked body being decoded, fed the bytes as they come.
#[derive(Debug)]
pub struct Chunked {
    state: State,
    /// The size of the chunk being read, then what is left of it.
    size: u64,
    extensions: u64,
    /// The trailer section as read, once it has begun.
    trailers: Option<Vec<u8>>,
    trailer_count: usize,
}

impl Default for Chunked {
    fn default() -> Self {
        Chunked {
            state: State::Start,
            size: 0,
            extensions: 0,
            trailers: None,
            trailer_count: 0,
        }
    }
}

impl Chunked {
    /// Decodes `input` into `body`, keeping at most `cap` bytes of it. An error is the
    /// reason the body is not a chunked body.
    pub fn decode(
        &mut self,
        input: &[u8],
        body: &mut Vec<u8>,
        cap: usize,
    ) -> Result<ChunkProgress, String> {
        let mut at = 0;
        while at < input.len() {
            if self.state == State::Data {
                let left = usize::try_from(self.size).unwrap_or(usize::MAX);
                let take = left.min(input.len() - at);
                if crate::transport::push_capped(body, &input[at..at + take], cap) {
                    return Ok(ChunkProgress::Capped);
                }
                at += take;
                self.size -= take as u64;
                if self.size == 0 {
                    self.state = State::DataCr;
                }
                continue;
            }
            self.state = self.step(input[at])?;
            at += 1;
            if self.state == State::End {
                self.check_trailers()?;
                return Ok(ChunkProgress::Done(at));
            }
        }
        Ok(ChunkProgress::More)
    }

    /// The state after one byte outside the chunk data.
    fn step(&mut self, byte: u8) -> Result<State, String> {
        use State::*;
        let fail = |why: &str| Err(why.to_string());
        Ok(match (self.state, byte) {
            (Start | Size, b'0'..=b'9' | b'a'..=b'f' | b'A'..=b'F') => self.add_digit(byte)?,
            (Start, _) => return fail("Invalid chunk size line: missing size digit"),
            (Size | SizeLws, b'\t' | b' ') => SizeLws,
            (Size | SizeLws, b';') => Extension,
            (Size | SizeLws, b'\r') => SizeLf,
            (Size, _) => return fail("Invalid chunk size line: Invalid Size"),
            (SizeLws, _) => return fail("Invalid chunk size linear white space"),
            (Extension, b'\r') => SizeLf,
            (Extension, b'\n') => return fail("invalid chunk extension contains newline"),
            (Extension, _) => {
                self.extensions += 1;
                if self.extensions >= EXTENSIONS_LIMIT {
                    return fail("chunk extensions over limit");
                }
                Extension
            }
            (SizeLf, b'\n') if self.size == 0 => EndCr,
            (SizeLf, b'\n') => Data,
            (SizeLf, _) => return fail("Invalid chunk size LF"),
            (DataCr, b'\r') => DataLf,
            (DataCr, _) => return fail("Invalid chunk body CR"),
            (DataLf, b'\n') => Start,
            (DataLf, _) => return fail("Invalid chunk body LF"),
            (Trailer, _) => {
                self.keep_trailer_byte(byte)?;
                if byte == b'\r' { TrailerLf } else { Trailer }
            }
            (TrailerLf, b'\n') => {
                if self.trailer_count >= MAX_TRAILERS {
                    return fail("chunk trailers count overflow");
                }
                self.trailer_count += 1;
                self.keep_trailer_byte(byte)?;
                EndCr
            }
            (TrailerLf, _) => return fail("Invalid trailer end LF"),
            (EndCr, b'\r') => {
                if self.trailers.is_some() {
                    self.keep_trailer_byte(byte)?;
                }
                EndLf
            }
            (EndCr, _) => {
                self.keep_trailer_byte(byte)?;
                Trailer
            }
            (EndLf, b'\n') => {
                if self.trailers.is_some() {
                    self.keep_trailer_byte(byte)?;
                }
                End
            }
            (EndLf, _) => return fail("Invalid chunk end LF"),
            (Data | End, _) => self.state,
        })
    }

    /// hyper's words for a connection that ends inside the body, which depend on where:
    /// inside a chunk's data, or anywhere else (its size line, CRLFs, trailers).
    pub fn cut_short(&self) -> &'static str {
        if self.state == State::Data {
            INCOMPLETE_BODY
        } else {
            "unexpected EOF during chunk size line"
        }
    }

    /// Adds a hex digit to the chunk size.
    fn add_digit(&mut self, byte: u8) -> Result<State, String> {
        let digit = (byte as char).to_digit(16).unwrap_or(0);
        self.size = self
            .size
            .checked_mul(16)
            .and_then(|size| size.checked_add(u64::from(digit)))
            .ok_or("invalid chunk size: overflow")?;
        Ok(State::Size)
    }

    fn keep_trailer_byte(&mut self, byte: u8) -> Result<(), String> {
        let trailers = self.trailers.get_or_insert_with(Vec::new);
        trailers.push(byte);
        if trailers.len() >= TRAILERS_LIMIT {
            return Err("chunk trailers bytes over limit".into());
        }
        Ok(())
    }

    /// The trailer section must parse as header fields.
    fn check_trailers(&self) -> Result<(), String> {
        let Some(trailers) = &self.trailers else {
            return Ok(());
        };
        let mut fields = vec![httparse::EMPTY_HEADER; self.trailer_count];
        match httparse::parse_headers(trailers, &mut fields) {
            Ok(httparse::Status::Complete((_, fields))) => {
                for field in fields {
                    if HeaderName::from_bytes(field.name.as_bytes()).is_err() {
                        return Err(format!("Invalid header name: {field:?}"));
                    }
                    if HeaderValue::from_bytes(field.value).is_err() {
                        return Err(format!("Invalid header value: {field:?}"));
                    }
                }
                Ok(())
            }
            Ok(httparse::Status::Partial) => Err("Partial header".into()),
            Err(err) => Err(err.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes `input` fed in pieces of `step` bytes: the body, or the error.
    fn decode(input: &[u8], step: usize) -> Result<Vec<u8>, String> {
        let mut chunked = Chunked::default();
        let mut body = Vec::new();
        for piece in input.chunks(step) {
            match chunked.decode(piece, &mut body, 1 << 20)? {
                ChunkProgress::More => {}
                ChunkProgress::Done(_) => return Ok(body),
                ChunkProgress::Capped => return Err("capped".into()),
            }
        }
        Err("incomplete".into())
    }

    #[test]
    fn decodes_chunks_extensions_and_trailers_in_any_pieces() {
        let input = b"3;x=y\r\nabc\r\nA \r\n0123456789\r\n0\r\nx-t: 1\r\n\r\n";
        for step in [1, 2, 5, input.len()] {
            assert_eq!(decode(input, step).as_deref(), Ok(&b"abc0123456789"[..]));
        }
        let mut chunked = Chunked::default();
        let mut body = Vec::new();
        assert_eq!(
            chunked.decode(b"1\r\na\r\n0\r\n\r\nextra", &mut body, 10),
            Ok(ChunkProgress::Done(11))
        );
    }

    #[test]
    fn refuses_what_hyper_refuses() {
        for (input, why) in [
            (&b"\r\n"[..], "missing size digit"),
            (b" 3\r\nabc\r\n0\r\n\r\n", "missing size digit"),
            (b"3x\r\n", "Invalid Size"),
            (b"3 4\r\n", "linear white space"),
            (b"3\nabc", "Invalid Size"),
            (b"3\rabc", "Invalid chunk size LF"),
            (b"3\r\nabcX", "Invalid chunk body CR"),
            (b"fffffffffffffffff\r\n", "overflow"),
            (b"3;a\nb\r\n", "contains newline"),
            (b"0\r\nno colon\r\n\r\n", "header name"),
        ] {
            let err = decode(input, 1).expect_err("refused");
            assert!(err.contains(why), "{input:?}: {err}");
        }
    }

    #[test]
    fn stops_at_the_cap() {
        let mut chunked = Chunked::default();
        let mut body = Vec::new();
        assert_eq!(
            chunked.decode(b"5\r\nabcde\r\n0\r\n\r\n", &mut body, 3),
            Ok(ChunkProgress::Capped)
        );
        assert_eq!(body, b"abc");
    }
}
