package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.contract.EngineFactory;
import dev.khronos.mvrlu.contract.SnapshotStressTest;

class MvRluSnapshotStressTest extends SnapshotStressTest {
    @Override
    protected EngineFactory engine() {
        return new MvRluEngineFactory();
    }
}
