//! A small seeded pseudo-random number generator, so that a bootstrap run is reproducible from
//! its seed on every machine and in every browser (no `rand` crate, no OS entropy).
//!
//! [`Xoshiro256StarStar`] (Blackman & Vigna) seeded through [`SplitMix64`], as the authors
//! recommend; integers below a bound use Lemire's unbiased multiply-and-reject method.

/// SplitMix64 (Steele, Lea & Flood 2014): a 64-bit generator used to expand one seed into the
/// 256-bit state of [`Xoshiro256StarStar`].
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator from a 64-bit seed.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64-bit output.
    ///
    /// # Examples
    /// The published reference outputs for seed 1234567:
    /// ```
    /// let mut g = waterline::stats::prng::SplitMix64::new(1234567);
    /// assert_eq!(g.next_u64(), 6457827717110365317);
    /// assert_eq!(g.next_u64(), 3203168211198807973);
    /// ```
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// xoshiro256** 1.0, Blackman & Vigna's all-purpose 64-bit generator (period 2²⁵⁶ − 1).
#[derive(Debug, Clone)]
pub struct Xoshiro256StarStar {
    s: [u64; 4],
}

impl Xoshiro256StarStar {
    /// A generator whose state is four outputs of [`SplitMix64`] seeded with `seed`.
    pub fn seed_from_u64(seed: u64) -> Self {
        let mut sm = SplitMix64::new(seed);
        let s = [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()];
        Xoshiro256StarStar::from_state(s)
    }

    /// A generator with this exact state; an all-zero state (the one fixed point) is replaced by
    /// the state SplitMix64 gives for seed 0.
    pub fn from_state(s: [u64; 4]) -> Self {
        if s == [0; 4] {
            return Xoshiro256StarStar::seed_from_u64(0);
        }
        Xoshiro256StarStar { s }
    }

    /// The next 64-bit output.
    ///
    /// # Examples
    /// The reference sequence for state {1, 2, 3, 4}:
    /// ```
    /// let mut g = waterline::stats::prng::Xoshiro256StarStar::from_state([1, 2, 3, 4]);
    /// assert_eq!(g.next_u64(), 11520);
    /// assert_eq!(g.next_u64(), 0);
    /// assert_eq!(g.next_u64(), 1509978240);
    /// ```
    pub fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = self.s;
        let result = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s1 << 17;
        let mut s = [s0, s1, s2 ^ s0, s3 ^ s1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        self.s = s;
        result
    }

    /// A uniform integer in `0..n` (0 when `n` is 0), without modulo bias.
    ///
    /// # Formula
    /// ```text
    /// m = x · n (128-bit); reject while low64(m) < (2⁶⁴ − n) mod n; return high64(m)
    /// ```
    ///
    /// # References
    /// Lemire, D. (2019). Fast random integer generation in an interval. *ACM TOMACS* 29(1).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }

    /// A uniform float in [0, 1) with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xoshiro_matches_the_reference_sequence_for_state_1_2_3_4() {
        // Values of the reference C implementation (prng.di.unimi.it/xoshiro256starstar.c) as
        // listed in the test of morinim/xoshiro256ss.
        let mut g = Xoshiro256StarStar::from_state([1, 2, 3, 4]);
        let expected = [
            11520u64,
            0,
            1509978240,
            1215971899390074240,
            1216172134540287360,
            607988272756665600,
            16172922978634559625,
            8476171486693032832,
            10595114339597558777,
            2904607092377533576,
        ];
        for e in expected {
            assert_eq!(g.next_u64(), e);
        }
    }

    #[test]
    fn splitmix_matches_the_reference_sequence_for_1234567() {
        let mut g = SplitMix64::new(1234567);
        for e in [
            6457827717110365317u64,
            3203168211198807973,
            9817491932198370423,
            4593380528125082431,
            16408922859458223821,
        ] {
            assert_eq!(g.next_u64(), e);
        }
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut g = Xoshiro256StarStar::seed_from_u64(42);
        let mut seen = [0usize; 5];
        for _ in 0..10_000 {
            let x = g.below(5) as usize;
            seen[x] += 1;
        }
        assert!(seen.iter().all(|&c| (1800..2200).contains(&c)), "{seen:?}");
        assert_eq!(g.below(0), 0);
        assert_eq!(g.below(1), 0);
        let u = g.next_f64();
        assert!((0.0..1.0).contains(&u));
    }
}
