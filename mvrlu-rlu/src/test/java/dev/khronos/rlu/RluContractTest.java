package dev.khronos.rlu;

import dev.khronos.mvrlu.contract.EngineContractTest;
import dev.khronos.mvrlu.contract.EngineFactory;

/** mvrlu-core's engine contract, run against classic RLU. */
class RluContractTest extends EngineContractTest {
    @Override
    protected EngineFactory engine() {
        return new RluEngineFactory();
    }

    /** RLU has no log to reclaim: the work a commit defers to a grace period is its sync-and-writeback. */
    @Override
    protected String reclaimCounter() {
        return "n_sync_and_writeback";
    }
}
