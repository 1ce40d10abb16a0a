package dev.khronos.hlbench.engine;

/**
 * Marsaglia's xorshift generator (64-bit state, shifts 13/7/17), one per worker thread, as the C
 * benchmarks use (KhronOS and RLU {@code bench.c} draw {@code rand % n} from a per-thread
 * xorshift).
 *
 * <p>Implementation notes: {@link #nextInt(int)} is {@code (state >>> 1) % n}, a plain modulo as
 * in the C code (the tiny bias for {@code n} far below 2^63 is irrelevant). Seeds are spread with
 * SplitMix64 so that consecutive seeds (thread 0, 1, ...) give unrelated streams; a zero state is
 * replaced, since xorshift would stay at zero.
 *
 * <p>Thread-safety: not thread-safe; each thread owns its generator.
 */
public final class XorShift {
    private long state;

    /**
     * @param seed any value; equal seeds give equal streams
     */
    public XorShift(long seed) {
        long s = mix(seed);
        state = s == 0 ? 0x9E3779B97F4A7C15L : s;
    }

    /** SplitMix64's finaliser: a bijective mix of {@code z}. */
    public static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return the next 64 random bits */
    public long nextLong() {
        long x = state;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        state = x;
        return x;
    }

    /**
     * @param n bound, &gt; 0
     * @return {@code rand % n}, in {@code [0, n)}
     */
    public int nextInt(int n) {
        return (int) ((nextLong() >>> 1) % n);
    }

    /** @return a uniform double in {@code [0, 1)} */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
