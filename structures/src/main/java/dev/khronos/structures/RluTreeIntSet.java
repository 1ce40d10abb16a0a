package dev.khronos.structures;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;

import java.util.ArrayDeque;
import java.util.function.IntConsumer;

/**
 * An unbalanced binary search tree of int keys on the RLU-family API, with a Citrus-style delete
 * (Arbel and Attiya, PODC 2014; the RLU paper's tree): a node with two children is replaced by a
 * new node carrying its successor's key, so no node's key ever changes and readers in older
 * snapshots keep walking the old nodes.
 *
 * <p>Implementation notes. A sentinel root with key {@code MAX_VALUE} holds the tree in its left
 * subtree, so every real node has a parent. Following design brief §3.1, each update locks every
 * node its decision depends on:
 * <ul>
 *   <li>insert: the parent whose null child receives the new leaf (a copy);</li>
 *   <li>delete with at most one child: the parent (a copy, relinked to the child) and the victim
 *       ({@code const}, then freed);</li>
 *   <li>delete with two children: the parent (copy), the victim ({@code const}, freed), the
 *       successor ({@code const}, freed: a fresh node with its key replaces the victim) and the
 *       successor's parent (a copy, its left pointer takes the successor's right subtree) unless
 *       that parent is the victim itself. That case ({@code prevSucc == cur}) is special: the victim
 *       is already locked, and with the C engines' semantics locking it again would fail forever,
 *       so the successor's right subtree goes into the replacement's right pointer instead.</li>
 * </ul>
 * The locked nodes are always distinct, so one update never needs nested locking. Traversals are
 * iterative (an unbalanced tree may be as deep as it is large).
 *
 * <p>Thread-safety: thread-safe (see {@link RluIntSet} for the three call levels).
 */
public final class RluTreeIntSet extends OrderedRluIntSet {
    static final class Node extends RluObject<Node> {
        final int key;
        Node left;
        Node right;

        Node(int key, Node left, Node right) {
            this.key = key;
            this.left = left;
            this.right = right;
        }

        @Override
        protected void copyStateFrom(Node source) {
            left = source.left;
            right = source.right;
        }
    }

    private final Node root = new Node(Integer.MAX_VALUE, null, null);

    /** @param domain the domain whose sections this set is used in */
    public RluTreeIntSet(RluDomain domain) {
        super(domain);
    }

    @Override
    protected boolean lookup(Section s, int key) {
        Node n = s.deref(s.deref(root).left);
        while (n != null) {
            if (key == n.key) {
                return true;
            }
            n = s.deref(key < n.key ? n.left : n.right);
        }
        return false;
    }

    @Override
    protected int tryAdd(Section s, int key) {
        Node prev = s.deref(root);
        Node cur = s.deref(prev.left);
        boolean left = true;
        while (cur != null) {
            if (cur.key == key) {
                return NOT_DONE;
            }
            prev = cur;
            left = key < cur.key;
            cur = s.deref(left ? cur.left : cur.right);
        }
        Node p = s.tryLock(prev);
        if (p == null) {
            return CONFLICT;
        }
        Node leaf = new Node(key, null, null);
        if (left) {
            p.left = leaf;
        } else {
            p.right = leaf;
        }
        return DONE;
    }

    @Override
    protected int tryRemove(Section s, int key) {
        Node prev = s.deref(root);
        Node cur = s.deref(prev.left);
        boolean left = true;
        while (cur != null && cur.key != key) {
            prev = cur;
            left = key < cur.key;
            cur = s.deref(left ? cur.left : cur.right);
        }
        if (cur == null) {
            return NOT_DONE;
        }
        Node p = s.tryLock(prev);
        if (p == null || !s.tryLockConst(cur)) {
            return CONFLICT;
        }
        Node replacement;
        if (cur.left == null || cur.right == null) {
            replacement = cur.left != null ? cur.left : cur.right;
        } else {
            Node prevSucc = cur;
            Node succ = s.deref(cur.right);
            while (succ.left != null) {
                prevSucc = succ;
                succ = s.deref(succ.left);
            }
            if (!s.tryLockConst(succ)) {
                return CONFLICT;
            }
            if (prevSucc == cur) {
                replacement = new Node(succ.key, cur.left, succ.right);
            } else {
                Node ps = s.tryLock(prevSucc);
                if (ps == null) {
                    return CONFLICT;
                }
                ps.left = succ.right;
                replacement = new Node(succ.key, cur.left, cur.right);
            }
            s.free(succ);
        }
        if (left) {
            p.left = replacement;
        } else {
            p.right = replacement;
        }
        s.free(cur);
        return DONE;
    }

    @Override
    public void forEachInRange(Section s, int lo, int hi, IntConsumer action) {
        ArrayDeque<Node> stack = new ArrayDeque<>();
        Node n = s.deref(s.deref(root).left);
        for (;;) {
            while (n != null) {
                if (n.key < lo) {
                    n = s.deref(n.right);
                } else {
                    stack.push(n);
                    n = s.deref(n.left);
                }
            }
            if (stack.isEmpty()) {
                return;
            }
            n = stack.pop();
            if (n.key > hi) {
                return;
            }
            action.accept(n.key);
            n = s.deref(n.right);
        }
    }

    /**
     * @param s the caller's open section
     * @return the height of the snapshot's tree (0 when empty); for tests and reports
     */
    public int height(Section s) {
        ArrayDeque<Node> nodes = new ArrayDeque<>();
        ArrayDeque<Integer> depths = new ArrayDeque<>();
        Node top = s.deref(s.deref(root).left);
        if (top == null) {
            return 0;
        }
        nodes.push(top);
        depths.push(1);
        int max = 0;
        while (!nodes.isEmpty()) {
            Node n = nodes.pop();
            int d = depths.pop();
            max = Math.max(max, d);
            if (n.left != null) {
                nodes.push(s.deref(n.left));
                depths.push(d + 1);
            }
            if (n.right != null) {
                nodes.push(s.deref(n.right));
                depths.push(d + 1);
            }
        }
        return max;
    }

    @Override
    public String name() {
        return domain.stats().engine() + "-tree";
    }
}
