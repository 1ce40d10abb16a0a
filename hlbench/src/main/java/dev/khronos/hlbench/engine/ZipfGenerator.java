package dev.khronos.hlbench.engine;

/**
 * Zipf-distributed ranks in {@code [0, n)}: rank 0 is the most popular key (RLU {@code bench.c}
 * {@code -z}: keys are {@code zipf_next()}, here without its {@code +1} since keys start at 0).
 *
 * <p>Implementation notes: Gray et al., "Quickly generating billion-record synthetic databases"
 * (SIGMOD 1994), the generator YCSB and the RLU benchmark use: {@code zeta(n, theta)} is computed
 * once (O(n)), each draw costs one {@code pow}. Defined for {@code 0 < theta < 1}; theta 0 is the
 * uniform distribution and is handled by the caller.
 *
 * <p>Thread-safety: immutable after construction and thread-safe; the random source is the
 * caller's per-thread {@link XorShift}.
 */
public final class ZipfGenerator {
    private final int n;
    private final double theta;
    private final double alpha;
    private final double zetan;
    private final double eta;

    /**
     * @param n     number of ranks, &gt; 0
     * @param theta skew, in {@code (0, 1)}
     */
    public ZipfGenerator(int n, double theta) {
        if (n <= 0) {
            throw new IllegalArgumentException("zipf needs n > 0: " + n);
        }
        if (!(theta > 0 && theta < 1)) {
            throw new IllegalArgumentException("zipf theta must be in (0, 1): " + theta);
        }
        this.n = n;
        this.theta = theta;
        this.alpha = 1.0 / (1.0 - theta);
        double z = 0;
        for (int i = 1; i <= n; i++) {
            z += 1.0 / Math.pow(i, theta);
        }
        this.zetan = z;
        double zeta2 = 1.0 + 1.0 / Math.pow(2, theta);
        this.eta = (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta2 / zetan);
    }

    /**
     * @param rng the calling thread's generator
     * @return a rank in {@code [0, n)}
     */
    public int next(XorShift rng) {
        double u = rng.nextDouble();
        double uz = u * zetan;
        if (uz < 1.0) {
            return 0;
        }
        if (uz < 1.0 + Math.pow(0.5, theta)) {
            return Math.min(1, n - 1);
        }
        int r = (int) (n * Math.pow(eta * u - eta + 1, alpha));
        return Math.min(Math.max(r, 0), n - 1);
    }
}
