package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.contract.EngineFactory;
import dev.khronos.mvrlu.contract.SnapshotStressTest;

/** Torn-snapshot, optimistic and bank stress on ORDO timestamps (the measured bound). */
class MvRluOrdoSnapshotStressTest extends SnapshotStressTest {
    @Override
    protected EngineFactory engine() {
        return new MvRluEngineFactory.Ordo();
    }
}
