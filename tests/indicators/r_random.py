"""R's default random numbers (Mersenne-Twister, normals by inversion), seeded as `set.seed` seeds
them, so that tests can build the very series NHSRplotthedots' own tests build with
`set.seed(123); rnorm(20)` and check the package's expected values against them."""

from statistics import NormalDist

_N, _M = 624, 397
_BIG = 134217728  # 2 ** 27: R draws two uniforms for each normal


class RRandom:
    def __init__(self, seed: int):
        seed &= 0xFFFFFFFF
        for _ in range(50):
            seed = (69069 * seed + 1) & 0xFFFFFFFF
        state = []
        for _ in range(_N + 1):
            seed = (69069 * seed + 1) & 0xFFFFFFFF
            state.append(seed)
        self._mt = state[1:]  # the first word is the position, which set.seed resets
        self._position = _N

    def rnorm(self, n: int, mean: float = 0.0, sd: float = 1.0) -> list[float]:
        values = []
        for _ in range(n):
            u = int(_BIG * self._uniform()) + self._uniform()
            values.append(mean + sd * NormalDist().inv_cdf(u / _BIG))
        return values

    def _uniform(self) -> float:
        value = self._next() * 2.3283064365386963e-10
        return min(max(value, 1.1641532185403987e-10), 1 - 1.1641532185403987e-10)

    def _next(self) -> int:
        mt = self._mt
        if self._position >= _N:
            for k in range(_N):
                y = (mt[k] & 0x80000000) | (mt[(k + 1) % _N] & 0x7FFFFFFF)
                mt[k] = mt[(k + _M) % _N] ^ (y >> 1) ^ (0x9908B0DF if y & 1 else 0)
            self._position = 0
        y = mt[self._position]
        self._position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        return y ^ (y >> 18)
