package dev.khronos.kbench;

import dev.khronos.hlbench.cli.Cli;
import dev.khronos.hlbench.engine.HangingIntSet;
import dev.khronos.hlbench.engine.SetFactory;
import dev.khronos.hlbench.engine.StepDeadline;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kbench on a structure that blocks forever in its size check or its shutdown: one line on
 * stderr, exit status 1, within the step deadline (2 s here), never a hang (the class timeout
 * fails the test if it hangs).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KbenchHangingStructureTest {

    @ParameterizedTest
    @EnumSource(value = HangingIntSet.Step.class, names = {"SIZE", "CLOSE"})
    void failsWithOneLineAndExitOneInsteadOfHanging(HangingIntSet.Step step) {
        HangingIntSet set = new HangingIntSet(step);
        String sync = "kbench-" + set.name();
        SetFactory.register(sync, b -> set);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        String old = System.setProperty(StepDeadline.PROPERTY, "2");
        int code;
        try {
            code = Cli.execute("kbench", new Kbench(new PrintStream(o, true, StandardCharsets.UTF_8), sync),
                    new String[] {"-t", "2", "-d", "30"}, new PrintStream(o, true, StandardCharsets.UTF_8),
                    new PrintStream(e, true, StandardCharsets.UTF_8));
        } finally {
            set.release();
            if (old == null) {
                System.clearProperty(StepDeadline.PROPERTY);
            } else {
                System.setProperty(StepDeadline.PROPERTY, old);
            }
        }
        String err = e.toString(StandardCharsets.UTF_8);
        assertEquals(Cli.FAILED, code, err);
        String[] lines = err.strip().split("\n");
        assertEquals(1, lines.length, err);
        String what = step == HangingIntSet.Step.SIZE ? "the final size check" : "shutting the set down";
        assertTrue(lines[0].startsWith("kbench: run failed: " + what), lines[0]);
        assertTrue(lines[0].contains("did not finish within 2 s (stuck at dev.khronos.hlbench.engine.HangingIntSet"), lines[0]);
        assertFalse(err.contains("\tat "), "no stack trace");
    }
}
