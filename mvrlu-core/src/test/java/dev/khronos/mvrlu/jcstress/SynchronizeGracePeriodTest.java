package dev.khronos.mvrlu.jcstress;

import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * RCU's grace-period guarantee, as in the Linux kernel memory model's litmus test for
 * {@code synchronize_rcu}: a reader section that writes {@code a} and reads {@code b}, against an
 * updater that writes {@code b}, calls {@link dev.khronos.mvrlu.RluDomain#synchronize()} and reads
 * {@code a}. Either the section began before the grace period, which then waited for its end, so
 * the updater reads {@code a = 1}; or it began after the grace period started, so it reads
 * {@code b = 1}. Both reading 0 means synchronize() returned while a section that was open at its
 * call was still running (or missed the updater's write): the store-buffering outcome, which
 * x86 shows at once without a grace period in between. Plain fields: the ordering must come
 * from the section and the grace period alone.
 */
@JCStressTest
@Outcome(id = {"0, 1", "1, 0", "1, 1"}, expect = Expect.ACCEPTABLE, desc = "the section was waited for, or saw the update")
@Outcome(id = "0, 0", expect = Expect.FORBIDDEN, desc = "synchronize() did not wait for a section open at its call")
@State
public class SynchronizeGracePeriodTest {
    private int a;
    private int b;

    @Actor
    public void reader(II_Result r) {
        RluHandle h = Engines.handle();
        try (Section s = h.readLock()) {
            a = 1;
            r.r1 = b;
        }
    }

    @Actor
    public void updater(II_Result r) {
        Engines.handle();                     // registered like the reader, as a structure's writer is
        b = 1;
        Engines.DOMAIN.synchronize();
        r.r2 = a;
    }
}
