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

/// The structural-byte mask of one block, byte by byte.
pub fn block_mask_scalar(block: &[u8], delimiter: u8) -> u64 {
    let mut mask = 0u64;
    for (k, &b) in block.iter().take(BLOCK).enumerate() {
        let hit = b == delimiter || b == b'"' || b == b'\n' || b == b'\r';
        mask |= u64::from(hit) << k;
    }
    mask
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
        let mut w = [0u8; 8];
        if let Some(s) = block.get(at..at + 8) {
            w.copy_from_slice(s);
        }
        u64::from_le_bytes(w)
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
    }
}
