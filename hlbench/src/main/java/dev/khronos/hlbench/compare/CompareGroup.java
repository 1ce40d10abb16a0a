package dev.khronos.hlbench.compare;

import java.util.Locale;

/**
 * The parts of the issue-11 comparison, each selectable with {@code hlbench compare --only}.
 *
 * <p>Thread-safety: immutable.
 */
public enum CompareGroup {
    /** mvrlu against rcu (and rlu, spin, chm in the same table) over threads x update rates. */
    RCU("mvrlu vs rcu"),
    /** mvrlu against the unsynchronised hash list at 1 thread, 0 per mille. */
    SEQ("mvrlu vs seq"),
    /** mvrlu against ConcurrentHashMap at 2 threads, 20 per mille, buckets = initial. */
    CHM("mvrlu vs chm, buckets = initial"),
    /** The updaters' throughput beside one snapshot reader. */
    SNAPSHOT("snapshot readers"),
    /** Garbage-collector pauses and heap of a long mvrlu run. */
    GC("garbage collection");

    private final String title;

    CompareGroup(String title) {
        this.title = title;
    }

    /** @return the name {@code --only} takes, e.g. {@code rcu} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return a heading, e.g. {@code mvrlu vs rcu} */
    public String title() {
        return title;
    }

    /**
     * @param id a name of {@code --only}
     * @return the group
     * @throws IllegalArgumentException naming the groups for an unknown one
     */
    public static CompareGroup fromId(String id) {
        for (CompareGroup g : values()) {
            if (g.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown group '" + id + "' in --only; groups: rcu, seq, chm, snapshot, gc");
    }
}
