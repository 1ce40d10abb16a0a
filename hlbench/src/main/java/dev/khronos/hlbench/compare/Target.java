package dev.khronos.hlbench.compare;

import java.util.Locale;

/**
 * One target of issue 11, e.g. "mvrlu/rcu at 1 thread, 20 per mille &gt;= 0.85". Immutable and
 * thread-safe.
 *
 * @param name     what is measured, e.g. {@code mvrlu/rcu, 1 thread, 20‰}
 * @param required the threshold
 * @param bound    how the measured value must relate to it
 * @param unit     how values are printed
 */
public record Target(String name, double required, Bound bound, Unit unit) {
    /** How a measured value must relate to the threshold. */
    public enum Bound {
        /** measured &gt;= required */
        AT_LEAST("\u2265"),
        /** measured &lt;= required */
        AT_MOST("\u2264"),
        /** measured &lt; required */
        BELOW("<");

        private final String symbol;

        Bound(String symbol) {
            this.symbol = symbol;
        }

        /** @return {@code ≥}, {@code ≤} or {@code <} */
        public String symbol() {
            return symbol;
        }
    }

    /** How values are printed. */
    public enum Unit {
        /** a ratio, two decimals */
        RATIO,
        /** a share 0..1, printed as a percentage with one decimal */
        PERCENT,
        /** milliseconds, one decimal */
        MILLIS,
        /** bytes, printed in MiB with one decimal */
        MEBIBYTES;

        /**
         * @param v a value in this unit's base (ratio, share, ms, bytes)
         * @return its text
         */
        public String format(double v) {
            switch (this) {
                case PERCENT:
                    return String.format(Locale.ROOT, "%.1f%%", v * 100);
                case MILLIS:
                    return String.format(Locale.ROOT, "%.1f ms", v);
                case MEBIBYTES:
                    return String.format(Locale.ROOT, "%.1f MB", v / (1 << 20));
                default:
                    return String.format(Locale.ROOT, "%.2f", v);
            }
        }
    }

    /** The outcome of one target. */
    public enum Verdict {
        /** the measured value meets the target */
        PASS,
        /** it does not */
        MISS,
        /** nothing to judge: every run it needs failed */
        NO_DATA
    }

    /**
     * @param measured the measured value, or {@code null} when there is none
     * @return the verdict
     */
    public Verdict judge(Double measured) {
        if (measured == null || measured.isNaN()) {
            return Verdict.NO_DATA;
        }
        boolean ok;
        switch (bound) {
            case AT_LEAST:
                ok = measured >= required;
                break;
            case AT_MOST:
                ok = measured <= required;
                break;
            default:
                ok = measured < required;
                break;
        }
        return ok ? Verdict.PASS : Verdict.MISS;
    }

    /** @return e.g. {@code ≥ 0.85} or {@code < 2.0%} */
    public String requirement() {
        return bound.symbol() + " " + unit.format(required);
    }

    /**
     * A target with what was measured for it. Immutable and thread-safe.
     *
     * @param target   the target
     * @param measured the value, or {@code null}
     * @param verdict  {@link Target#judge(Double)} of it
     */
    public record Result(Target target, Double measured, Verdict verdict) {
        /** @return the measured value's text, or {@code n/a} */
        public String measuredText() {
            return measured == null || measured.isNaN() ? "n/a" : target.unit().format(measured);
        }
    }

    /**
     * @param measured the measured value, or {@code null}
     * @return the result
     */
    public Result result(Double measured) {
        return new Result(this, measured, judge(measured));
    }
}
