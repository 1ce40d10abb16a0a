package dev.khronos.mvrlu.sync;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The participants of one domain's grace periods (the C live-thread list). Copy-on-write: a
 * detector scans a stable array without locks; registration, which is rare, copies it.
 *
 * <p>Thread-safety: thread-safe and lock-free.
 */
public final class ThreadRegistry {
    private static final Participant[] EMPTY = new Participant[0];
    private final AtomicReference<Participant[]> participants = new AtomicReference<>(EMPTY);

    /** @param p a participant to include in grace-period detection */
    public void add(Participant p) {
        participants.updateAndGet(a -> {
            Participant[] b = Arrays.copyOf(a, a.length + 1);
            b[a.length] = p;
            return b;
        });
    }

    /**
     * @param p a participant
     * @return true if {@code p} was registered and has been removed
     */
    public boolean remove(Participant p) {
        boolean[] removed = new boolean[1];
        participants.updateAndGet(a -> {
            for (int i = 0; i < a.length; i++) {
                if (a[i] == p) {
                    Participant[] b = new Participant[a.length - 1];
                    System.arraycopy(a, 0, b, 0, i);
                    System.arraycopy(a, i + 1, b, i, a.length - i - 1);
                    removed[0] = true;
                    return b;
                }
            }
            removed[0] = false;
            return a;
        });
        return removed[0];
    }

    /** @return the participants registered now; the array must not be modified */
    public Participant[] snapshot() {
        return participants.get();
    }

    /** @return the number of participants registered now */
    public int size() {
        return participants.get().length;
    }
}
