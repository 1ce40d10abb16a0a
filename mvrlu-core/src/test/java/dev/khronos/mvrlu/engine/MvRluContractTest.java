package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.contract.EngineContractTest;
import dev.khronos.mvrlu.contract.EngineFactory;

class MvRluContractTest extends EngineContractTest {
    @Override
    protected EngineFactory engine() {
        return new MvRluEngineFactory();
    }
}
