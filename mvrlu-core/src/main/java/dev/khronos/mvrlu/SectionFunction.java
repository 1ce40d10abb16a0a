package dev.khronos.mvrlu;

/**
 * The body of an operation run by {@link RluHandle#execute(SectionFunction)}: called with an open
 * section, possibly several times (once per attempt), so it must have no side effects outside the
 * section besides its result.
 *
 * <p>Thread-safety: called only by the thread running {@code execute}.
 *
 * @param <R> the operation's result
 */
@FunctionalInterface
public interface SectionFunction<R> {
    /**
     * @param section the open section of this attempt
     * @return the operation's result
     */
    R apply(Section section);
}
