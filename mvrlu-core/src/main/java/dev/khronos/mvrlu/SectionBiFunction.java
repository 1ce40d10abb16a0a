package dev.khronos.mvrlu;

/**
 * {@link SectionFunction} with one argument, so a non-capturing lambda (a constant, no
 * allocation) can serve every call: {@code handle.execute(key, (s, k) -> ...)}.
 *
 * <p>Thread-safety: called only by the thread running {@code execute}.
 *
 * @param <A> the argument
 * @param <R> the operation's result
 */
@FunctionalInterface
public interface SectionBiFunction<A, R> {
    /**
     * @param section the open section of this attempt
     * @param argument the argument given to {@code execute}
     * @return the operation's result
     */
    R apply(Section section, A argument);
}
