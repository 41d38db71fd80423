"""The engine's seeded generator, re-implemented from its published definitions for the
reference scripts (shared by conditions_decision.py and stats_agreement.py): SplitMix64
(Steele, Lea & Flood 2014) seeding xoshiro256** 1.0 (Blackman & Vigna 2018), and Lemire's
bounded integers (2019) in below(). Written from the papers, not from the engine's code."""

M64 = (1 << 64) - 1


def splitmix64(seed):
    state = seed
    while True:
        state = (state + 0x9E3779B97F4A7C15) & M64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        yield z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M64


class Xoshiro:
    """xoshiro256** 1.0 seeded by four SplitMix64 outputs; below() is Lemire's method."""

    def __init__(self, seed):
        g = splitmix64(seed)
        self.s = [next(g) for _ in range(4)]

    def next(self):
        s0, s1, s2, s3 = self.s
        result = (rotl((s1 * 5) & M64, 7) * 9) & M64
        t = (s1 << 17) & M64
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def below(self, n):
        threshold = ((1 << 64) - n) % n
        while True:
            m = self.next() * n
            if (m & M64) >= threshold:
                return m >> 64
