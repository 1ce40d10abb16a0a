package dev.khronos.mvrlu;

/**
 * The configuration options every RLU-family engine understands. Each engine has its own
 * immutable configuration class implementing this interface.
 *
 * <p>Thread-safety: implementations are immutable.
 */
public interface DomainConfig {
    /** @return who detects grace periods and reclaims */
    ReclaimMode reclaimMode();

    /** @return whether {@link Section#deref} returns the section's own pending copy of an object it locked */
    boolean readYourOwnWrites();

    /** @return whether locking an object the section already holds returns the same copy instead of failing */
    boolean nestedLocking();

    /** @return one line describing every option, for benchmark logs */
    String describe();
}
