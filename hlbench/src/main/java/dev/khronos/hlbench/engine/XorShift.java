package dev.khronos.hlbench.engine;

/** 128 bytes before the generator's state. */
abstract class XorShiftPadLeft {
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
    byte p064, p065, p066, p067, p068, p069, p070, p071, p072, p073, p074, p075, p076, p077, p078, p079;
    byte p080, p081, p082, p083, p084, p085, p086, p087, p088, p089, p090, p091, p092, p093, p094, p095;
    byte p096, p097, p098, p099, p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111;
    byte p112, p113, p114, p115, p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127;
}

/**
 * The state, written on every draw, alone on its cache lines: the main thread makes the workers'
 * generators one after another (and the collector may move them side by side), and two of them on
 * one line would make the cores invalidate each other's copy on every operation of every sync.
 */
abstract class XorShiftState extends XorShiftPadLeft {
    long state;
}

/** 128 bytes after the state. */
abstract class XorShiftPadRight extends XorShiftState {
    byte q000, q001, q002, q003, q004, q005, q006, q007, q008, q009, q010, q011, q012, q013, q014, q015;
    byte q016, q017, q018, q019, q020, q021, q022, q023, q024, q025, q026, q027, q028, q029, q030, q031;
    byte q032, q033, q034, q035, q036, q037, q038, q039, q040, q041, q042, q043, q044, q045, q046, q047;
    byte q048, q049, q050, q051, q052, q053, q054, q055, q056, q057, q058, q059, q060, q061, q062, q063;
    byte q064, q065, q066, q067, q068, q069, q070, q071, q072, q073, q074, q075, q076, q077, q078, q079;
    byte q080, q081, q082, q083, q084, q085, q086, q087, q088, q089, q090, q091, q092, q093, q094, q095;
    byte q096, q097, q098, q099, q100, q101, q102, q103, q104, q105, q106, q107, q108, q109, q110, q111;
    byte q112, q113, q114, q115, q116, q117, q118, q119, q120, q121, q122, q123, q124, q125, q126, q127;
}

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
public final class XorShift extends XorShiftPadRight {

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
