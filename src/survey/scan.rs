//! Where the structural bytes of a CSV body are: the delimiter, `"`, `\n` and `\r`.
//!
//! The body is looked at in blocks of 64 bytes; each block gives a `u64` with bit `k` set when
//! byte `k` of the block is structural. In the wasm build a full block is compared 16 bytes at
//! a time with `simd128` ([`block_mask`]); the scalar twin ([`block_mask_scalar`]) does the odd
//! tail and all the work on the host, and the two are checked bit for bit under wasm
//! (`tests/wasm.rs`). [`Scanner::next`] then walks the set bits, so the reader in
//! [`super::fast`] touches each byte of an ordinary field once, in a vector compare, and
//! stops only where something happens.

/// Bytes per block.
pub const BLOCK: usize = 64;

/// The structural-byte mask of one block, eight bytes per `u64` (SWAR): exact, so the same
/// mask as the SIMD twin bit for bit; bytes past a short block's end are not structural.
pub fn block_mask_scalar(block: &[u8], delimiter: u8) -> u64 {
    let mut mask = 0u64;
    for (k, chunk) in block.chunks(8).take(BLOCK / 8).enumerate() {
        let word = match chunk.first_chunk::<8>() {
            Some(w) => u64::from_le_bytes(*w),
            None => chunk
                .iter()
                .enumerate()
                .fold(0, |w, (i, &b)| w | u64::from(b) << (8 * (i & 7))),
        };
        // Bytes past a short chunk are 0 in `word`; they must not count as a match of NUL.
        let valid = if chunk.len() >= 8 {
            0xff
        } else {
            (1u64 << chunk.len()) - 1
        };
        let hits = zero_bytes(word ^ splat(delimiter))
            | zero_bytes(word ^ splat(b'"'))
            | zero_bytes(word ^ splat(b'\n'))
            | zero_bytes(word ^ splat(b'\r'));
        mask |= (gather(hits) & valid) << (8 * k);
    }
    mask
}

#[inline(always)]
fn splat(b: u8) -> u64 {
    u64::from(b) * 0x0101_0101_0101_0101
}

/// 0x80 in each byte of `x` that is zero, 0 elsewhere (exact: no borrow between bytes).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

/// The high bit of each byte of `x` (as [`zero_bytes`] leaves them) packed into 8 bits.
#[inline(always)]
fn gather(x: u64) -> u64 {
    ((x >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The structural-byte mask of one block: 16 bytes per compare in the wasm build (a block
/// shorter than [`BLOCK`] goes to the scalar twin), the scalar twin elsewhere.
#[inline]
pub fn block_mask(block: &[u8], delimiter: u8) -> u64 {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    if let Some(full) = block.get(..BLOCK) {
        return block_mask_simd(full, delimiter);
    }
    block_mask_scalar(block, delimiter)
}

/// Four 16-byte compares against the four structural bytes; `u8x16_bitmask` packs each into
/// 16 bits. The vectors are built from two little-endian `u64` reads (no `unsafe` load), which
/// keeps byte `k` of the block in lane `k`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline]
fn block_mask_simd(block: &[u8], delimiter: u8) -> u64 {
    use core::arch::wasm32::*;
    let word = |at: usize| {
        block
            .get(at..)
            .and_then(<[u8]>::first_chunk::<8>)
            .map_or(0, |w| u64::from_le_bytes(*w))
    };
    let (d, q, lf, cr) = (
        u8x16_splat(delimiter),
        u8x16_splat(b'"'),
        u8x16_splat(b'\n'),
        u8x16_splat(b'\r'),
    );
    let mut mask = 0u64;
    for part in 0..4 {
        let v = u64x2(word(16 * part), word(16 * part + 8));
        let hit = v128_or(
            v128_or(u8x16_eq(v, d), u8x16_eq(v, q)),
            v128_or(u8x16_eq(v, lf), u8x16_eq(v, cr)),
        );
        mask |= u64::from(u8x16_bitmask(hit)) << (16 * part);
    }
    mask
}

/// Walks the structural bytes of a text in order, one block mask at a time.
pub struct Scanner<'a> {
    text: &'a [u8],
    delimiter: u8,
    /// Start of the block whose mask is held (`usize::MAX` before the first).
    base: usize,
    mask: u64,
}

impl<'a> Scanner<'a> {
    /// A scanner over `text`.
    pub fn new(text: &'a [u8], delimiter: u8) -> Self {
        Scanner {
            text,
            delimiter,
            base: usize::MAX,
            mask: 0,
        }
    }

    fn load(&mut self, base: usize) {
        self.base = base;
        let block = self.text.get(base..).unwrap_or(&[]);
        self.mask = block_mask(block, self.delimiter);
    }

    /// The position of the first structural byte at or after `from`, or the text's length.
    /// Cheapest when called with increasing positions (each block is compared once).
    #[inline]
    pub fn next(&mut self, from: usize) -> usize {
        let len = self.text.len();
        let mut from = from;
        loop {
            if from >= len {
                return len;
            }
            let block = from & !(BLOCK - 1);
            if block != self.base {
                self.load(block);
            }
            let bits = self.mask & (u64::MAX << (from - block));
            if bits != 0 {
                return block + bits.trailing_zeros() as usize;
            }
            from = block + BLOCK;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_structural_byte_is_found_in_order() {
        let text = b"ab,\"c\"\"d\"\r\nxyz;\n".repeat(9);
        let mut s = Scanner::new(&text, b',');
        let mut found = Vec::new();
        let mut at = s.next(0);
        while at < text.len() {
            found.push(at);
            at = s.next(at + 1);
        }
        let want: Vec<usize> = (0..text.len())
            .filter(|&i| matches!(text[i], b',' | b'"' | b'\n' | b'\r'))
            .collect();
        assert_eq!(found, want);
        assert_eq!(block_mask(b"", b','), 0);
        assert_eq!(block_mask_scalar(b"a,b", b','), 0b10);
        assert_eq!(block_mask_scalar(b"a,b\0", 0), 0b1000);
    }

    #[test]
    fn the_word_at_a_time_mask_is_the_byte_loop() {
        let alphabet = b",;\t\"\n\rab \x80\xff\x00\x0a\x2c\x22\x0d";
        let mut x: u32 = 12345;
        let text: Vec<u8> = (0..5000)
            .map(|_| {
                x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                alphabet[(x >> 24) as usize % alphabet.len()]
            })
            .collect();
        for d in [b',', b';', b'\t', b'|', 0] {
            for start in 0..300 {
                let block = &text[start..(start + start % 70).min(text.len())];
                let mut want = 0u64;
                for (k, &b) in block.iter().take(BLOCK).enumerate() {
                    let hit = b == d || b == b'"' || b == b'\n' || b == b'\r';
                    want |= u64::from(hit) << k;
                }
                assert_eq!(block_mask_scalar(block, d), want, "{start} {d}");
            }
        }
    }
}
