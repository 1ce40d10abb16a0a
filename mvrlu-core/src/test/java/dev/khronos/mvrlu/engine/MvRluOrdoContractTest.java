package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.contract.EngineContractTest;
import dev.khronos.mvrlu.contract.EngineFactory;

/** The engine contract on ORDO timestamps. */
class MvRluOrdoContractTest extends EngineContractTest {
    @Override
    protected EngineFactory engine() {
        return new MvRluEngineFactory.Ordo();
    }
}
