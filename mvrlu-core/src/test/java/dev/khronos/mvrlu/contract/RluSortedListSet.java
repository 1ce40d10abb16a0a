package dev.khronos.mvrlu.contract;

import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;

/**
 * A sorted linked-list set of ints with sentinels, written on the RLU API as the C
 * {@code versioning/list_rlu.c} and {@code hash-list.c} are: every node an update's decision
 * depends on is locked (insert: predecessor, and successor as const; remove: predecessor and
 * victim). {@code add} uses the low-level restart loop, {@code remove} the {@code execute} helper,
 * so both styles are covered by the linearizability tests.
 *
 * <p>Thread-safety: thread-safe; each calling thread passes its own handle.
 */
public final class RluSortedListSet {
    static final class Node extends RluObject<Node> {
        final int key;
        Node next;

        Node(int key, Node next) {
            this.key = key;
            this.next = next;
        }

        @Override
        protected void copyStateFrom(Node src) {
            next = src.next;
        }
    }

    private final Node head = new Node(Integer.MIN_VALUE, new Node(Integer.MAX_VALUE, null));

    public boolean contains(RluHandle h, int key) {
        try (Section s = h.readLock()) {
            Node n = s.deref(head);
            while (n.key < key) {
                n = s.deref(n.next);
            }
            return n.key == key;
        }
    }

    public boolean add(RluHandle h, int key) {
        for (;;) {
            Section s = h.readLock();
            Node prev = s.deref(head);
            Node next = s.deref(prev.next);
            while (next.key < key) {
                prev = next;
                next = s.deref(next.next);
            }
            if (next.key == key) {
                s.close();
                return false;
            }
            Node p = s.tryLock(prev);
            if (p == null || !s.tryLockConst(next)) {
                s.abort();
                Thread.yield();
                continue;
            }
            Node fresh = new Node(key, Section.ref(next));
            p.next = Section.ref(fresh);
            s.close();
            return true;
        }
    }

    public boolean remove(RluHandle h, int key) {
        return h.execute(key, (s, k) -> {
            Node prev = s.deref(head);
            Node cur = s.deref(prev.next);
            while (cur.key < k) {
                prev = cur;
                cur = s.deref(cur.next);
            }
            if (cur.key != k) {
                return Boolean.FALSE;
            }
            Node p = s.lock(prev);
            s.lockConst(cur);
            p.next = cur.next;
            s.free(cur);
            return Boolean.TRUE;
        });
    }

    /** @return the number of keys, counted in one snapshot */
    public int size(RluHandle h) {
        try (Section s = h.readLock()) {
            int n = 0;
            for (Node x = s.deref(s.deref(head).next); x.key != Integer.MAX_VALUE; x = s.deref(x.next)) {
                n++;
            }
            return n;
        }
    }
}
