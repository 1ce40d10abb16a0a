package dev.khronos.mvrlu.contract;

import dev.khronos.mvrlu.RluAbort;
import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every RLU-family engine must show, operation by operation. Each engine runs it by
 * subclassing and naming its {@link EngineFactory}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class EngineContractTest {
    private final List<RluDomain> domains = new ArrayList<>();

    protected abstract EngineFactory engine();

    protected RluDomain domain(DomainSpec spec) {
        RluDomain d = engine().create(spec);
        domains.add(d);
        return d;
    }

    protected RluDomain domain() {
        return domain(DomainSpec.defaults());
    }

    @AfterEach
    void shutdownDomains() {
        for (RluDomain d : domains) {
            d.shutdown();
        }
    }

    /** Updates both fields of {@code cell} to {@code value} in one committed section. */
    protected static void write(RluHandle h, Cell cell, long value) {
        h.execute(s -> {
            Cell c = s.lock(cell);
            c.a = value;
            c.b = value;
            return null;
        });
    }

    protected static long read(RluHandle h, Cell cell) {
        try (Section s = h.readLock()) {
            Cell c = s.deref(cell);
            assertEquals(c.a, c.b, "torn object");
            return c.a;
        }
    }

    @Test
    void derefOfNeverWrittenObjectIsTheMaster() {
        RluDomain d = domain();
        try (RluHandle h = d.register(); Section s = h.readLock()) {
            Cell c = new Cell(1, 5);
            assertSame(c, s.deref(c));
            assertNull(s.deref((Cell) null));
        }
    }

    @Test
    void tryLockReturnsAPrivateCopyAndCommitPublishesIt() {
        RluDomain d = domain(DomainSpec.inline().withLogCapacity(64));   // no reclaimer to write back early
        Cell cell = new Cell(1, 1);
        try (RluHandle h = d.register(); RluHandle other = d.register()) {
            Section s = h.readLock();
            Cell copy = s.tryLock(cell);
            assertNotNull(copy);
            assertNotSame(cell, copy);
            assertTrue(copy.isVersion());
            assertFalse(cell.isVersion());
            assertEquals(1, copy.id, "final fields are copied");
            copy.a = 2;
            copy.b = 2;
            assertEquals(1, read(other, cell), "uncommitted copy must be invisible to others");
            s.close();
            assertEquals(2, read(other, cell));
            assertEquals(2, read(h, cell));
            if (engine().writersWaitForReaders()) {
                assertEquals(2, cell.a, "RLU writes the copy back into the master before close() returns");
            } else {
                assertEquals(1, cell.a, "the master is untouched until writeback");
            }
        }
    }

    @Test
    void aSnapshotDoesNotSeeCommitsThatHappenAfterItStarted() throws Exception {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        try (RluHandle reader = d.register(); RluHandle writer = d.register()) {
            Section r = reader.readLock();
            Future<?> commit = commitWhileSectionOpen(d, writer, cell, 2);
            assertEquals(1, r.deref(cell).a, "snapshot as of section start");
            r.close();
            Await.result(commit, Await.GENEROUS, "the commit once the section ended");
            assertEquals(2, read(reader, cell));
        }
    }

    /**
     * Commits {@code cell = value} on another thread while the caller keeps a section open, and
     * returns once that commit is as far as the engine lets it get: done (MV-RLU: writers never wait),
     * or clock bumped and waiting for the caller's section (RLU's synchronize, which must then still be
     * waiting; it ends when the section does). The object stays locked by the writer in the second case.
     */
    protected Future<?> commitWhileSectionOpen(RluDomain d, RluHandle writer, Cell cell, long value) {
        long clockBefore = d.clock().lvNow();
        FutureTask<Void> commit = new FutureTask<>(() -> write(writer, cell, value), null);
        Thread t = new Thread(commit, "contract-writer");
        t.setDaemon(true);                     // a writer left waiting by a failed test must not keep the JVM up
        t.start();
        if (!engine().writersWaitForReaders()) {
            Await.result(commit, Await.GENEROUS, "the commit (the writer does not wait for the open section)");
            return commit;
        }
        Await.condition(Await.GENEROUS, () -> d.clock().lvNow() != clockBefore, "the writer bumped the clock in its commit");
        Await.holdsFor(Duration.ofMillis(50), () -> !commit.isDone(), "the writer waits in synchronize for the open section");
        return commit;
    }

    @Test
    void aWriterCannotLockAnObjectWhoseNewestVersionIsNotInItsSnapshot() throws Exception {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        try (RluHandle h = d.register(); RluHandle writer = d.register()) {
            Section s = h.readLock();
            Future<?> commit = commitWhileSectionOpen(d, writer, cell, 2);
            // MV-RLU: the newer commit is not in this snapshot. RLU: its writer still holds the lock.
            assertNull(s.tryLock(cell), "first updater wins: the newer commit is not in this snapshot");
            assertFalse(s.tryLockConst(cell));
            s.abort();
            Await.result(commit, Await.GENEROUS, "the commit once the section ended");
            Section again = h.readLock();
            Cell c = again.tryLock(cell);
            assertNotNull(c);
            assertEquals(2, c.a, "the copy is made from the newest commit");
            again.close();
        }
    }

    @Test
    void anObjectLockedByAnotherSectionCannotBeLocked() {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        try (RluHandle h1 = d.register(); RluHandle h2 = d.register()) {
            Section s1 = h1.readLock();
            Section s2 = h2.readLock();
            assertNotNull(s1.tryLock(cell));
            assertNull(s2.tryLock(cell));
            assertFalse(s2.tryLockConst(cell));
            s2.abort();
            s1.abort();
            Section s3 = h2.readLock();
            assertTrue(s3.tryLockConst(cell), "abort released the lock");
            s3.close();
            Section s4 = h1.readLock();
            assertNotNull(s4.tryLock(cell), "commit of a const lock released it");
            s4.close();
        }
    }

    @Test
    void abortDiscardsEveryCopy() {
        RluDomain d = domain();
        Cell x = new Cell(1, 1);
        Cell y = new Cell(2, 1);
        try (RluHandle h = d.register()) {
            Section s = h.readLock();
            s.tryLock(x).a = 9;
            s.tryLock(y).a = 9;
            s.abort();
            s.close(); // close after abort is a no-op (try-with-resources)
            assertEquals(1, read(h, x));
            assertEquals(1, read(h, y));
            assertTrue(d.stats().get("n_aborts") >= 1);
        }
    }

    @Test
    void constLockCopiesNothingAndCreatesNoVersion() {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        try (RluHandle h = d.register()) {
            Section s = h.readLock();
            assertTrue(s.tryLockConst(cell));
            s.close();
            try (Section r = h.readLock()) {
                assertSame(cell, r.deref(cell), "a const lock installs no version");
            }
        }
    }

    @Test
    void nestedLockingReturnsTheSameCopyWhenEnabled() {
        RluDomain d = domain(DomainSpec.defaults().withFlags(true, true));
        Cell cell = new Cell(1, 1);
        try (RluHandle h = d.register()) {
            Section s = h.readLock();
            Cell c1 = s.tryLock(cell);
            assertSame(c1, s.tryLock(cell));
            assertSame(c1, s.tryLock(c1), "locking through the copy is the same object");
            assertTrue(s.tryLockConst(cell));
            s.abort();
            Section s2 = h.readLock();
            assertTrue(s2.tryLockConst(cell));
            Cell upgraded = s2.tryLock(cell);
            assertNotNull(upgraded, "a const lock upgrades to a copy");
            upgraded.a = 3;
            upgraded.b = 3;
            s2.close();
            assertEquals(3, read(h, cell));
        }
    }

    @Test
    void nestedLockingFailsWhenDisabledAsInC() {
        RluDomain d = domain(DomainSpec.defaults().withFlags(false, false));
        Cell cell = new Cell(1, 1);
        try (RluHandle h = d.register()) {
            Section s = h.readLock();
            assertNotNull(s.tryLock(cell));
            assertNull(s.tryLock(cell));
            assertFalse(s.tryLockConst(cell));
            s.abort();
        }
    }

    @Test
    void readYourOwnWritesIsConfigurable() {
        RluDomain on = domain(DomainSpec.defaults().withFlags(true, true));
        RluDomain off = domain(DomainSpec.defaults().withFlags(false, false));
        Cell a = new Cell(1, 1);
        Cell b = new Cell(2, 1);
        try (RluHandle h = on.register(); RluHandle g = off.register()) {
            Section s = h.readLock();
            Cell ca = s.tryLock(a);
            ca.a = 7;
            assertSame(ca, s.deref(a));
            assertEquals(7, s.deref(a).a);
            s.abort();
            Section t = g.readLock();
            Cell cb = t.tryLock(b);
            cb.a = 7;
            assertEquals(1, t.deref(b).a, "C semantics: deref returns the snapshot, not the own copy");
            t.abort();
        }
    }

    @Test
    void refAndSameMapCopiesToMasters() {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        try (RluHandle h = d.register()) {
            Section s = h.readLock();
            Cell copy = s.tryLock(cell);
            assertSame(cell, Section.ref(copy));
            assertSame(cell, Section.ref(cell));
            assertNull(Section.ref((Cell) null));
            assertTrue(Section.same(copy, cell));
            assertFalse(Section.same(copy, new Cell(2, 1)));
            assertFalse(Section.same(null, cell));
            assertTrue(Section.same(null, null));
            s.abort();
        }
    }

    @Test
    void freeRequiresTheObjectToBeLockedAndFreedObjectsCannotBeLockedAgain() {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        try (RluHandle h = d.register(); RluHandle other = d.register()) {
            Section s = h.readLock();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.free(cell));
            assertTrue(e.getMessage().contains("not locked"), e.getMessage());
            assertTrue(s.tryLockConst(cell));
            s.free(cell);
            s.close();
            Section o = other.readLock();
            assertNull(o.tryLock(cell), "a freed object stays locked");
            o.abort();
        }
    }

    @Test
    void misuseOutsideASectionFailsClearly() {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        RluHandle h = d.register();
        Section s = h.readLock();
        assertThrows(IllegalStateException.class, h::readLock, "sections do not nest");
        assertThrows(IllegalStateException.class, h::close, "closing a handle with an open section");
        assertThrows(IllegalStateException.class, h::flushLog);
        s.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.tryLock(cell));
        assertTrue(e.getMessage().contains("outside a section"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> s.deref(cell));
        assertThrows(IllegalStateException.class, () -> s.tryLockConst(cell));
        assertThrows(IllegalStateException.class, () -> s.free(cell));
        assertThrows(IllegalStateException.class, s::abort);
        assertThrows(IllegalStateException.class, s::close, "closing twice");
        h.close();
        h.close(); // idempotent
        assertTrue(h.isClosed());
        assertThrows(IllegalStateException.class, h::readLock);
    }

    @Test
    void executeRetriesUntilCommitAndAbortsOnOtherExceptions() {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        try (RluHandle h = d.register(); RluHandle blocker = d.register()) {
            Section held = blocker.readLock();
            assertNotNull(held.tryLock(cell));
            AtomicInteger attempts = new AtomicInteger();
            long result = h.execute(s -> {
                if (attempts.incrementAndGet() == 3) {
                    held.abort(); // the conflicting writer goes away
                }
                Cell c = s.lock(cell);
                c.a = 5;
                c.b = 5;
                return c.a;
            });
            assertEquals(5, result);
            assertTrue(attempts.get() >= 3);
            assertEquals(5, read(h, cell));

            RuntimeException boom = new RuntimeException("boom");
            assertSame(boom, assertThrows(RuntimeException.class, () -> h.execute(s -> {
                s.lock(cell).a = 99;
                throw boom;
            })));
            assertEquals(5, read(h, cell), "an exception aborts the section");
            Section s = h.readLock();
            assertNotNull(s.tryLock(cell), "and releases its locks");
            s.abort();
            assertEquals(0, RluAbort.INSTANCE.getStackTrace().length, "abort is stackless");
        }
    }

    @Test
    void optimisticSectionsReadTheSnapshotAndMayLockAndCommit() {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        try (RluHandle h = d.register(); RluHandle other = d.register()) {
            write(other, cell, 2);
            Section s = h.optimisticReadLock();
            assertTrue(s.isOpen());
            assertEquals(2, s.deref(cell).a);
            assertTrue(s.validate());
            s.close();
            assertFalse(s.isOpen());
            assertFalse(s.isOptimistic(), "an ended section is not optimistic");
            assertFalse(s.validate(), "an ended section validates nothing");

            s = h.optimisticReadLock();
            Cell copy = s.lock(cell);
            assertTrue(s.validate(), "nothing overtook the snapshot");
            copy.a = 3;
            copy.b = 3;
            s.close();
            assertEquals(3, read(other, cell));

            s = h.optimisticReadLock();
            s.abort();
            assertFalse(s.isOpen());
            s.close();                                    // allowed after abort, as for readLock()

            s = h.optimisticReadLock();
            assertThrows(IllegalStateException.class, h::readLock, "sections do not nest");
            assertThrows(IllegalStateException.class, h::optimisticReadLock, "sections do not nest");
            s.close();
        }
    }

    @Test
    void executeOptimisticCommitsReadsAndUpdatesAndPropagatesRealExceptions() {
        RluDomain d = domain();
        Cell cell = new Cell(1, 4);
        try (RluHandle h = d.register()) {
            assertEquals(4L, (long) h.<Long>executeOptimistic(s -> s.deref(cell).a));
            h.executeOptimistic(s -> {
                Cell c = s.lock(cell);
                c.a = 5;
                c.b = 5;
                return null;
            });
            assertEquals(5, read(h, cell));
            assertEquals(7L, (long) h.<Long, Long>executeOptimistic(2L, (s, extra) -> s.deref(cell).a + extra));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.executeOptimistic(s -> {
                s.deref(cell);
                throw new IllegalArgumentException("from the body");
            }));
            assertEquals("from the body", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> h.executeOptimistic(s -> {
                s.lock(cell).a = 9;
                throw new IllegalArgumentException("after locking");
            }));
            assertEquals(5, read(h, cell), "the throwing body's copy was discarded");
        }
    }

    @Test
    void flushLogWritesTheNewestVersionBackIntoTheMaster() {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        try (RluHandle h = d.register()) {
            for (int i = 2; i <= 10; i++) {
                write(h, cell, i);
            }
            h.flushLog();
            assertEquals(10, cell.a, "written back");
            assertEquals(10, cell.b);
            try (Section s = h.readLock()) {
                assertSame(cell, s.deref(cell), "chain detached after writeback: deref is the master again");
            }
        }
    }

    @Test
    void currentGivesOneHandlePerThreadAndReRegistersAfterClose() throws Exception {
        RluDomain d = domain();
        RluHandle h = d.current();
        assertSame(h, d.current());
        AtomicReference<RluHandle> fromOther = new AtomicReference<>();
        Thread t = new Thread(() -> fromOther.set(d.current()));
        t.start();
        Await.join(Await.GENEROUS, t);
        assertNotSame(h, fromOther.get());
        h.close();
        RluHandle again = d.current();
        assertNotSame(h, again);
        assertFalse(again.isClosed());
    }

    @Test
    void handlesWorkFromAnExecutorPool() throws Exception {
        RluDomain d = domain();
        Cell counter = new Cell(1, 0);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                fs.add(pool.submit(() -> {
                    RluHandle h = d.current();
                    for (int i = 0; i < 500; i++) {
                        h.execute(s -> {
                            Cell c = s.lock(counter);
                            c.a++;
                            c.b++;
                            return null;
                        });
                    }
                }));
            }
            for (Future<?> f : fs) {
                Await.result(f, Await.GENEROUS, "500 increments on a pool thread");
            }
            Await.terminated(pool, Await.GENEROUS);
        } finally {
            pool.shutdownNow();
        }
        try (RluHandle h = d.register()) {
            assertEquals(3000, read(h, counter), "no lost update");
        }
    }

    @Test
    void worksWithVirtualThreads() throws Exception {
        ExecutorService vt;
        try {
            vt = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            assumeTrue(false, "virtual threads need JDK 21+");
            return;
        }
        RluDomain d = domain();
        Cell counter = new Cell(1, 0);
        List<Future<?>> fs = new ArrayList<>();
        try {
            for (int t = 0; t < 50; t++) {
                fs.add(vt.submit(() -> {
                    try (RluHandle h = d.register()) {
                        for (int i = 0; i < 20; i++) {
                            h.execute(s -> {
                                Cell c = s.lock(counter);
                                c.a = c.b = c.a + 1;
                                return null;
                            });
                        }
                    }
                }));
            }
            for (Future<?> f : fs) {
                Await.result(f, Await.GENEROUS, "20 increments on a virtual thread");
            }
            Await.terminated(vt, Await.GENEROUS);
        } finally {
            vt.shutdownNow();
        }
        try (RluHandle h = d.register()) {
            assertEquals(1000, read(h, counter), "no lost update across 50 virtual threads");
        }
    }

    @Test
    void aThreadThatDiesInsideASectionDoesNotBlockGracePeriodsOrWriters() throws Exception {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        CountDownLatch inside = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            RluHandle h = d.register();
            Section s = h.readLock();
            s.tryLock(cell).a = 42;
            inside.countDown();
            // dies with the section open and the object locked
        });
        t.start();
        Await.latch(inside, Await.GENEROUS, "the thread opened its section and locked the cell");
        Await.join(Await.GENEROUS, t);
        try (RluHandle h = d.register()) {
            d.quiesce(); // must not wait forever for the dead section
            write(h, cell, 2); // the dead section's lock was released
            assertEquals(2, read(h, cell));
        }
    }

    // ------------------------------------------------------------------ synchronize (RCU grace period)

    /** Generous: only a broken synchronize (or a machine stalled for this long) misses it. */
    private static final long SYNCHRONIZE_DEADLINE_SECONDS = 30;

    /** Runs {@code d.synchronize()} on a new thread; the future completes when it returns. */
    private static Future<?> synchronizeOnAnotherThread(RluDomain d, AtomicReference<Thread> waiter) {
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "synchronize-caller");
            t.setDaemon(true);
            waiter.set(t);
            return t;
        });
        try {
            return exec.submit(d::synchronize);
        } finally {
            exec.shutdown();
        }
    }

    /** Waits until {@code t} is parked in a timed wait (synchronize backing off), or the deadline. */
    private static void awaitTimedWaiting(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SYNCHRONIZE_DEADLINE_SECONDS);
        while (t.getState() != Thread.State.TIMED_WAITING && t.isAlive()) {
            assertTrue(System.nanoTime() < deadline, "synchronize() never started backing off");
            Thread.sleep(1);
        }
    }

    @Test
    void synchronizeReturnsAtOnceWhenNoSectionIsOpen() throws Exception {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        try (RluHandle h = d.register(); RluHandle idle = d.register()) {
            write(h, cell, 2);
            read(idle, cell);
            Future<?> sync = synchronizeOnAnotherThread(d, new AtomicReference<>());
            sync.get(SYNCHRONIZE_DEADLINE_SECONDS, TimeUnit.SECONDS);
            d.synchronize();
            assertEquals(2, read(h, cell), "synchronize commits and discards nothing");
        }
    }

    @Test
    void synchronizeWaitsForAReaderThatStaysInsideUntilItLeaves() throws Exception {
        RluDomain d = domain();
        Cell cell = new Cell(1, 7);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Long> seenAtTheEnd = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try (RluHandle h = d.register()) {
                Section s = h.readLock();
                inside.countDown();
                release.await();                   // a long reader: inside until the test says so
                seenAtTheEnd.set(s.deref(cell).a);
                s.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "long-reader");
        reader.start();
        try {
            assertTrue(inside.await(SYNCHRONIZE_DEADLINE_SECONDS, TimeUnit.SECONDS));
            AtomicReference<Thread> waiter = new AtomicReference<>();
            Future<?> sync = synchronizeOnAnotherThread(d, waiter);
            awaitTimedWaiting(waiter.get());
            // no commit happens meanwhile: a clock-based grace period would not wait for this reader
            assertFalse(sync.isDone(), "synchronize() returned while a reader that was inside at the call still is");
            try (RluHandle other = d.register()) {
                assertEquals(7, read(other, cell), "other sections still open and close while synchronize waits");
            }
            assertFalse(sync.isDone(), "synchronize() returned while a reader that was inside at the call still is");
            release.countDown();
            sync.get(SYNCHRONIZE_DEADLINE_SECONDS, TimeUnit.SECONDS);
            assertEquals(7L, seenAtTheEnd.get(), "the reader's last read happened before synchronize() returned");
        } finally {
            release.countDown();
            reader.join(TimeUnit.SECONDS.toMillis(SYNCHRONIZE_DEADLINE_SECONDS));
        }
    }

    @Test
    void synchronizeIsNotStarvedByReadersThatKeepOpeningNewSections() throws Exception {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        AtomicInteger stop = new AtomicInteger();
        AtomicInteger sections = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread r = new Thread(() -> {
                try (RluHandle h = d.register()) {
                    while (stop.get() == 0) {
                        read(h, cell);            // back to back: the run counter is nearly always odd
                        sections.incrementAndGet();
                    }
                }
            }, "reader-" + t);
            r.start();
            readers.add(r);
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SYNCHRONIZE_DEADLINE_SECONDS);
            while (sections.get() < 100) {
                assertTrue(System.nanoTime() < deadline, "the readers never got going");
                Thread.sleep(1);
            }
            for (int i = 0; i < 5; i++) {
                synchronizeOnAnotherThread(d, new AtomicReference<>()).get(SYNCHRONIZE_DEADLINE_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(1);
            for (Thread r : readers) {
                r.join(TimeUnit.SECONDS.toMillis(SYNCHRONIZE_DEADLINE_SECONDS));
            }
        }
    }

    /**
     * Inline mode: no background thread that could recover the dead section for synchronize, so it
     * must notice the dead owner itself.
     */
    @Test
    void synchronizeDoesNotWaitForAReaderThreadThatDiedInsideItsSection() throws Exception {
        RluDomain d = domain(DomainSpec.inline());
        Cell cell = new Cell(1, 1);
        Thread t = new Thread(() -> {
            RluHandle h = d.register();
            Section s = h.readLock();
            s.deref(cell);
            s.tryLock(cell).a = 9;
            // dies with the section open (and an object locked)
        }, "dying-reader");
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(SYNCHRONIZE_DEADLINE_SECONDS));
        assertFalse(t.isAlive());
        synchronizeOnAnotherThread(d, new AtomicReference<>()).get(SYNCHRONIZE_DEADLINE_SECONDS, TimeUnit.SECONDS);
        try (RluHandle h = d.register()) {
            write(h, cell, 2);
            assertEquals(2, read(h, cell), "the dead section was ended and its lock released");
        }
    }

    @Test
    void synchronizeInsideASectionOfTheSameDomainFailsClearly() {
        RluDomain d = domain();
        RluDomain elsewhere = domain();
        try (RluHandle h = d.register(); RluHandle h2 = d.register(); RluHandle e = elsewhere.register()) {
            Section s = h.readLock();
            IllegalStateException ex = assertThrows(IllegalStateException.class, d::synchronize);
            assertTrue(ex.getMessage().contains("inside a section"), ex.getMessage());
            s.close();

            Section other = h2.readLock();            // the caller's section on another handle counts too
            assertThrows(IllegalStateException.class, d::synchronize);
            other.close();

            try (Section inAnotherDomain = e.readLock()) {
                d.synchronize();                      // a section of another domain is no reason to fail
            }
            d.synchronize();
        }
    }

    /** Every wait that runs a grace period on the caller fails at once inside the caller's own section. */
    @Test
    void quiesceFlushLogAndShutdownInsideASectionFailClearly() {
        RluDomain d = domain();
        try (RluHandle h = d.register(); RluHandle h2 = d.register()) {
            Section s = h.readLock();
            assertTrue(assertThrows(IllegalStateException.class, d::quiesce).getMessage().contains("inside a section"));
            assertThrows(IllegalStateException.class, h2::flushLog, "a section on another handle of the thread");
            assertThrows(IllegalStateException.class, d::shutdown);
            assertFalse(d.isShutdown());
            s.close();
            d.quiesce();
            h2.flushLog();
        }
    }

    @Test
    void synchronizeByTheHandlesFormerThreadWaitsForItsNewThreadInsteadOfFailing() throws Exception {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        RluHandle h = d.register();
        read(h, cell);                                 // the calling thread used the handle last
        Thread caller = Thread.currentThread();
        CountDownLatch inside = new CountDownLatch(1);
        AtomicInteger synchronizing = new AtomicInteger();
        Thread next = new Thread(() -> {              // the handle moves to another thread
            Section s = h.readLock();
            inside.countDown();
            // stay inside until the caller backs off in synchronize (or give up: the test then
            // checks less, but cannot fail for it)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SYNCHRONIZE_DEADLINE_SECONDS);
            while ((synchronizing.get() == 0 || caller.getState() != Thread.State.TIMED_WAITING)
                    && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000L);
            }
            s.close();
        }, "next-owner");
        next.start();
        try {
            assertTrue(inside.await(SYNCHRONIZE_DEADLINE_SECONDS, TimeUnit.SECONDS));
            synchronizing.set(1);
            d.synchronize();                          // waits for the other thread's section, no error
        } finally {
            next.join(TimeUnit.SECONDS.toMillis(SYNCHRONIZE_DEADLINE_SECONDS));
            h.close();
        }
    }

    @Test
    void aClosedHandleLosesNothingAndDoesNotBlockGracePeriods() {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        RluHandle h = d.register();
        for (int i = 2; i <= 5; i++) {
            write(h, cell, i);
        }
        h.close();
        d.quiesce();
        d.quiesce();
        try (RluHandle r = d.register()) {
            assertEquals(5, read(r, cell));
        }
        assertEquals(5, cell.a, "the closed handle's versions were written back by the reclaimer");
    }

    @Test
    void shutdownStopsNewSections() {
        RluDomain d = domain();
        RluHandle h = d.register();
        Cell cell = new Cell(1, 1);
        write(h, cell, 3);
        d.shutdown();
        assertTrue(d.isShutdown());
        assertEquals(3, cell.a, "shutdown drains the logs");
        assertThrows(IllegalStateException.class, h::readLock);
        assertThrows(IllegalStateException.class, d::register);
        d.shutdown(); // idempotent
    }

    @Test
    void statsUseTheCCounterNames() {
        RluDomain d = domain();
        Cell cell = new Cell(1, 1);
        try (RluHandle h = d.register()) {
            write(h, cell, 2);
            read(h, cell);
        }
        var stats = d.stats();
        assertTrue(stats.get("n_starts") >= 2);
        assertTrue(stats.get("n_aborts") >= 0);
        assertThrows(IllegalArgumentException.class, () -> stats.get("no_such_counter"));
        assertTrue(stats.toString().contains("n_starts"));
    }

    @Test
    void severalIndependentDomainsCoexist() {
        RluDomain d1 = domain();
        RluDomain d2 = domain(DomainSpec.inline());
        Cell x = new Cell(1, 1);
        Cell y = new Cell(2, 1);
        try (RluHandle h1 = d1.register(); RluHandle h2 = d2.register()) {
            write(h1, x, 10);
            write(h2, y, 20);
            assertEquals(10, read(h1, x));
            assertEquals(20, read(h2, y));
            assertNotSame(d1.clock(), d2.clock());
        }
    }

    @Test
    void inlineModeReclaimsWithoutABackgroundThread() {
        RluDomain d = domain(DomainSpec.inline());
        Cell cell = new Cell(1, 0);
        try (RluHandle h = d.register()) {
            for (int i = 1; i <= 100; i++) {
                write(h, cell, i);
            }
            assertTrue(d.stats().get(reclaimCounter()) > 0, "watermarks reclaimed inline");
            h.flushLog();
            assertEquals(100, cell.a);
        }
    }

    /** The counter that proves reclamation ran (engine-specific name). */
    protected String reclaimCounter() {
        return "n_reclaim";
    }
}
