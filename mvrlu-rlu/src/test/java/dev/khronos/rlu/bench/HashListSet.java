package dev.khronos.rlu.bench;

import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;

/**
 * The RLU benchmark's hash list ({@code benchmark/rlu/hash-list.c}): {@code buckets} sorted
 * singly-linked lists with {@code MIN}/{@code MAX} sentinels, bucket {@code key % buckets}. Insert
 * locks the predecessor and const-locks the successor; delete locks the predecessor, const-locks
 * and frees the victim. Nodes are not padded to the C layout's 144 bytes (both engines run the
 * same nodes, which is what the comparison needs).
 *
 * <p>Thread-safety: thread-safe; each thread passes its own handle.
 */
final class HashListSet {
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

    private final Node[] heads;

    HashListSet(int buckets) {
        heads = new Node[buckets];
        for (int i = 0; i < buckets; i++) {
            heads[i] = new Node(Integer.MIN_VALUE, new Node(Integer.MAX_VALUE, null));
        }
    }

    private Node head(int key) {
        return heads[Math.floorMod(key, heads.length)];
    }

    boolean contains(RluHandle h, int key) {
        try (Section s = h.readLock()) {
            Node n = s.deref(s.deref(head(key)).next);
            while (n.key < key) {
                n = s.deref(n.next);
            }
            return n.key == key;
        }
    }

    boolean add(RluHandle h, int key) {
        final Node head = head(key);
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
                Thread.onSpinWait();
                continue;
            }
            p.next = Section.ref(new Node(key, Section.ref(next)));
            s.close();
            return true;
        }
    }

    boolean remove(RluHandle h, int key) {
        final Node head = head(key);
        for (;;) {
            Section s = h.readLock();
            Node prev = s.deref(head);
            Node cur = s.deref(prev.next);
            while (cur.key < key) {
                prev = cur;
                cur = s.deref(cur.next);
            }
            if (cur.key != key) {
                s.close();
                return false;
            }
            Node p = s.tryLock(prev);
            if (p == null || !s.tryLockConst(cur)) {
                s.abort();
                Thread.onSpinWait();
                continue;
            }
            p.next = cur.next;
            s.free(cur);
            s.close();
            return true;
        }
    }

    /** @return the number of keys, counted in one section per bucket (quiescent use only) */
    int size(RluHandle h) {
        int n = 0;
        for (Node head : heads) {
            try (Section s = h.readLock()) {
                for (Node x = s.deref(s.deref(head).next); x.key != Integer.MAX_VALUE; x = s.deref(x.next)) {
                    n++;
                }
            }
        }
        return n;
    }
}
