package dev.khronos.structures;

import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;

/**
 * A node of the RLU sorted lists: a key and one pointer. Versions copy the pointer only (a node's
 * key never changes while it is in a list), so the shallow-copy rule of {@link RluObject} holds
 * trivially. The key is not final because removed nodes are reused for later inserts
 * ({@link #reuse}), as the C library's allocator reuses freed memory.
 *
 * <p>Thread-safety: as {@link RluObject}: {@code next} of a master is written before publication and
 * by the engine's writeback, of a version by its locking section only.
 */
final class IntNode extends RluObject<IntNode> {
    int key;
    IntNode next;

    IntNode(int key, IntNode next) {
        this.key = key;
        this.next = next;
    }

    /**
     * A node for an insert: a removed node taken back from the engine ({@code Section.recycled})
     * when one is available, else a new one. Its fields are written before the commit publishes it.
     */
    static IntNode reuse(Section s, int key, IntNode next) {
        IntNode n = s.recycled(IntNode.class);
        if (n == null) {
            return new IntNode(key, next);
        }
        n.key = key;
        n.next = next;
        return n;
    }

    /** @return a new empty list: a head sentinel pointing to a tail sentinel */
    static IntNode newList() {
        return newList(newTail());
    }

    /**
     * @param tail a tail sentinel, which may end several lists: no operation locks, copies or
     *             writes a tail sentinel (an insert locks the predecessor only, a remove the
     *             predecessor and a node whose key is below the tail's), so sharing it is safe
     * @return a new empty list: a head sentinel pointing to {@code tail}
     */
    static IntNode newList(IntNode tail) {
        return new IntNode(Integer.MIN_VALUE, tail);
    }

    /** @return a tail sentinel: the largest key, no successor */
    static IntNode newTail() {
        return new IntNode(Integer.MAX_VALUE, null);
    }

    @Override
    protected void copyStateFrom(IntNode source) {
        next = source.next;
    }
}
