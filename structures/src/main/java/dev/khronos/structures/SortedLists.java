package dev.khronos.structures;

import dev.khronos.mvrlu.Section;

import java.util.function.IntConsumer;

/**
 * The operations of one RLU sorted list with sentinels (head {@code MIN_VALUE}, tail
 * {@code MAX_VALUE}), shared by {@link RluListIntSet} and every bucket of {@link RluHashIntSet}.
 *
 * <p>Implementation notes (the C {@code hash-list.c} and {@code versioning/list_rlu.c}, design brief
 * §3.1). Traversal derefs every pointer. Insert locks the predecessor (a copy, to relink it);
 * remove locks the predecessor and const-locks the victim, then frees it. A lock succeeds only if
 * the node's newest version is in the section's snapshot, so the traversal that led to the decision
 * is still current for every node the decision depends on; a freed node stays locked forever, so an
 * insert behind a removed node fails to lock it and restarts.
 *
 * <p>Insert does not lock the successor: what the decision reads of it, its key, changes only if
 * the node is removed and reused, and removing it must lock the predecessor this insert holds; an
 * insert or remove right after the successor changes only the successor's {@code next}, which the
 * new node does not depend on. That saves a CAS and an unlock store per insert on a line other
 * cores read.
 *
 * <p>Thread-safety: stateless; every method runs inside the caller's open section.
 */
final class SortedLists {
    private SortedLists() {
    }

    static boolean contains(Section s, IntNode head, int key) {
        IntNode n = s.deref(s.deref(head).next);
        while (n.key < key) {
            n = s.deref(n.next);
        }
        return n.key == key;
    }

    static int tryAdd(Section s, IntNode head, int key) {
        IntNode prev = s.deref(head);
        IntNode next = s.deref(prev.next);
        while (next.key < key) {
            prev = next;
            next = s.deref(next.next);
        }
        if (next.key == key) {
            return RluIntSet.NOT_DONE;
        }
        IntNode p = s.tryLock(prev);
        if (p == null) {
            return RluIntSet.CONFLICT;
        }
        p.next = IntNode.reuse(s, key, Section.ref(next));
        return RluIntSet.DONE;
    }

    static int tryRemove(Section s, IntNode head, int key) {
        IntNode prev = s.deref(head);
        IntNode cur = s.deref(prev.next);
        while (cur.key < key) {
            prev = cur;
            cur = s.deref(cur.next);
        }
        if (cur.key != key) {
            return RluIntSet.NOT_DONE;
        }
        IntNode p = s.tryLock(prev);
        if (p == null || !s.tryLockConst(cur)) {
            return RluIntSet.CONFLICT;
        }
        p.next = cur.next;
        s.free(cur);
        return RluIntSet.DONE;
    }

    /** Calls {@code action} for the keys in {@code [lo, hi]}, ascending. */
    static void forEachInRange(Section s, IntNode head, int lo, int hi, IntConsumer action) {
        IntNode n = s.deref(s.deref(head).next);
        while (n.key < lo) {
            n = s.deref(n.next);
        }
        while (n.key <= hi && n.key != Integer.MAX_VALUE) {
            action.accept(n.key);
            n = s.deref(n.next);
        }
    }

    static int size(Section s, IntNode head) {
        int count = 0;
        for (IntNode n = s.deref(s.deref(head).next); n.key != Integer.MAX_VALUE; n = s.deref(n.next)) {
            count++;
        }
        return count;
    }
}
