package dev.khronos.structures;

import dev.khronos.mvrlu.RluObject;

/**
 * A node of the RLU sorted lists: a final key and one pointer. Versions copy the pointer only
 * (the key is final), so the shallow-copy rule of {@link RluObject} holds trivially.
 *
 * <p>Thread-safety: as {@link RluObject}: {@code next} of a master is written before publication and
 * by the engine's writeback, of a version by its locking section only.
 */
final class IntNode extends RluObject<IntNode> {
    final int key;
    IntNode next;

    IntNode(int key, IntNode next) {
        this.key = key;
        this.next = next;
    }

    /** @return a new empty list: a head sentinel pointing to a tail sentinel */
    static IntNode newList() {
        return new IntNode(Integer.MIN_VALUE, new IntNode(Integer.MAX_VALUE, null));
    }

    @Override
    protected void copyStateFrom(IntNode source) {
        next = source.next;
    }
}
