package dev.khronos.structures;

import dev.khronos.structures.spi.RluEngines;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class StructureRegistryTest {
    @Test
    void everyKbenchSyncNameIsRegistered() {
        for (String n : new String[] {"mvrlu", "rlu", "rcu", "spin", "spinchain", "harris", "chm", "cslm", "nbhm",
                "nbsi", "rwlock", "tree", "list", "mvrlu-tree", "mvrlu-list", "rlu-tree", "rlu-list"}) {
            assertTrue(StructureRegistry.names().contains(n), n);
        }
        assertTrue(StructureRegistry.describe().contains("kbench -s 0"));
    }

    @Test
    void createsEveryStructureWhoseEngineIsPresent() {
        boolean rluPresent = RluEngines.available().contains("rlu");
        for (String n : StructureRegistry.names()) {
            if (n.startsWith("rlu") && !rluPresent) {
                continue;
            }
            try (IntSet set = StructureRegistry.create(n, StructureRegistry.Config.defaults().withBuckets(16))) {
                try (IntSet.Session s = set.session()) {
                    assertTrue(s.add(5), n);
                    assertTrue(s.contains(5), n);
                    assertEquals(1, s.size(), n);
                }
                assertEquals(StructureRegistry.entry(n).rluFamily(), set instanceof RluIntSet, n);
                assertFalse(set.name().isEmpty());
            }
        }
    }

    @Test
    void theRluEntryFailsClearlyWhenTheEngineIsAbsent() {
        if (RluEngines.available().contains("rlu")) {
            try (IntSet set = StructureRegistry.create("rlu", StructureRegistry.Config.defaults())) {
                assertTrue(set.add(1));
            }
            return;
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StructureRegistry.create("rlu", StructureRegistry.Config.defaults()));
        assertTrue(e.getMessage().contains("mvrlu-rlu"), e.getMessage());
        assertTrue(e.getMessage().contains("mvrlu"), "lists the engines available: " + e.getMessage());
    }

    @Test
    void misuseIsReportedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StructureRegistry.create("nope", StructureRegistry.Config.defaults()));
        assertTrue(e.getMessage().contains("known: mvrlu"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StructureRegistry.Config.defaults().withBuckets(0));
        try (IntSet nbsi = StructureRegistry.create("nbsi", StructureRegistry.Config.defaults())) {
            IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> nbsi.add(-1));
            assertTrue(neg.getMessage().contains("nbhm"), neg.getMessage());
        }
        try (IntSet nbhm = StructureRegistry.create("nbhm", StructureRegistry.Config.defaults())) {
            assertTrue(nbhm.add(-1), "negative keys are fine elsewhere");
        }
    }

    @Test
    void aSetMadeByTheRegistryOwnsItsDomain() {
        RluIntSet set = (RluIntSet) StructureRegistry.create("mvrlu", StructureRegistry.Config.defaults());
        set.add(3);
        set.close();
        assertTrue(set.domain().isShutdown());
    }
}
