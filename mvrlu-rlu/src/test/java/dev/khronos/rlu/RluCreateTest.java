package dev.khronos.rlu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Rlu#create()} takes the deferral depth from its system property (hlbench {@code -w}). */
class RluCreateTest {
    @Test
    void createReadsTheDeferralDepthProperty() {
        String old = System.getProperty(Rlu.MAX_WRITE_SETS_PROPERTY);
        try {
            System.clearProperty(Rlu.MAX_WRITE_SETS_PROPERTY);
            Rlu plain = Rlu.create();
            assertEquals(RluConfig.defaults().maxWriteSets(), plain.config().maxWriteSets());
            plain.shutdown();
            System.setProperty(Rlu.MAX_WRITE_SETS_PROPERTY, "8");
            Rlu deferred = Rlu.create();
            assertEquals(8, deferred.config().maxWriteSets());
            deferred.shutdown();
            Rlu explicit = Rlu.create(RluConfig.defaults());
            assertEquals(RluConfig.defaults().maxWriteSets(), explicit.config().maxWriteSets(), "explicit configs ignore it");
            explicit.shutdown();
        } finally {
            if (old == null) {
                System.clearProperty(Rlu.MAX_WRITE_SETS_PROPERTY);
            } else {
                System.setProperty(Rlu.MAX_WRITE_SETS_PROPERTY, old);
            }
        }
    }
}
