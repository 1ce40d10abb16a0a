package dev.khronos.mvrlu.contract;

import dev.khronos.mvrlu.RluDomain;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The Lincheck scenario shared by every engine: a {@link RluSortedListSet} under add, remove,
 * contains and a snapshot size. Subclasses choose the engine and domain (a fresh inline domain per
 * scenario for model checking; one shared domain with a live reclaimer for stress).
 */
@Param(name = "key", gen = IntGen.class, conf = "1:4")
public abstract class ListSetLincheckModel {
    private final RluSortedListSet set = new RluSortedListSet();

    protected abstract RluDomain domain();

    @Operation
    public boolean add(@Param(name = "key") int key) {
        return set.add(domain().current(), key);
    }

    @Operation
    public boolean remove(@Param(name = "key") int key) {
        return set.remove(domain().current(), key);
    }

    @Operation
    public boolean contains(@Param(name = "key") int key) {
        return set.contains(domain().current(), key);
    }

    @Operation
    public int size() {
        return set.size(domain().current());
    }
}
