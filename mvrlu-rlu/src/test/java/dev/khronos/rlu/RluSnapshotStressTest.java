package dev.khronos.rlu;

import dev.khronos.mvrlu.contract.EngineFactory;
import dev.khronos.mvrlu.contract.SnapshotStressTest;

/** mvrlu-core's torn-pair and bank stress, run against classic RLU. */
class RluSnapshotStressTest extends SnapshotStressTest {
    @Override
    protected EngineFactory engine() {
        return new RluEngineFactory();
    }
}
