package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.engine.HangingIntSet;
import dev.khronos.hlbench.engine.SetFactory;
import dev.khronos.hlbench.engine.StepDeadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static dev.khronos.hlbench.cli.CliTestSupport.hlbench;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A structure or engine that blocks forever at the start, the end, the size check or the shutdown
 * of a run must not hang the benchmark: the run fails within the step deadline (2 s here) with
 * one line naming the step and where it is stuck, exit status 1. The class timeout fails the test
 * if the CLI hangs instead.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HangingStructureCliTest {

    /** Runs {@code cli} against a set hanging at {@code step}, with a 2 s step deadline. */
    static CliTestSupport.Result runHanging(HangingIntSet set, Supplier<CliTestSupport.Result> cli) {
        String old = System.setProperty(StepDeadline.PROPERTY, "2");
        try {
            return cli.get();
        } finally {
            set.release();
            if (old == null) {
                System.clearProperty(StepDeadline.PROPERTY);
            } else {
                System.setProperty(StepDeadline.PROPERTY, old);
            }
        }
    }

    static void assertOneLineFailure(CliTestSupport.Result r, String prefix, String what) {
        assertEquals(Cli.FAILED, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line: " + r.err());
        assertTrue(lines[0].startsWith(prefix + "run failed: "), lines[0]);
        assertTrue(lines[0].contains(what), "'" + lines[0] + "' should contain '" + what + "'");
        assertTrue(lines[0].contains(" within 2 s"), lines[0]);
        assertTrue(lines[0].contains("(stuck at dev.khronos.hlbench.engine.HangingIntSet"), lines[0]);
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    static String expectedStep(HangingIntSet.Step step) {
        return switch (step) {
            case SESSION_OPEN -> "did not reach the start barrier";
            case SESSION_CLOSE -> "did not stop";
            case SIZE -> "the final size check (hanging-size.size()) did not finish";
            case CLOSE -> "shutting the set down (hanging-close.close()) did not finish";
        };
    }

    @ParameterizedTest
    @EnumSource(HangingIntSet.Step.class)
    void hlbenchFailsWithOneLineAndExitOneInsteadOfHanging(HangingIntSet.Step step) {
        HangingIntSet set = new HangingIntSet(step);
        SetFactory.register(set.name(), b -> set);
        CliTestSupport.Result r = runHanging(set, () -> hlbench(set.name(), "2", "20", "1", "30", "200", "64"));
        assertOneLineFailure(r, "hlbench: ", expectedStep(step));
        if (step == HangingIntSet.Step.CLOSE) {
            assertTrue(r.out().endsWith("benchlist end\n"), "the run itself completed and printed: " + r.out());
        }
    }

    @Test
    void setbenchFailsWithOneLineAndExitOneWhenTheSizeCheckHangs() {
        HangingIntSet set = new HangingIntSet(HangingIntSet.Step.SIZE);
        SetFactory.register(set.name(), b -> set);
        CliTestSupport.Result r = runHanging(set, () -> hlbench("setbench", set.name(), "-n", "2", "-d", "30", "-i", "20", "-r", "64"));
        assertOneLineFailure(r, "hlbench: ", expectedStep(HangingIntSet.Step.SIZE));
    }

    @Test
    void aBadStepDeadlinePropertyIsAOneLineError() {
        String old = System.setProperty(StepDeadline.PROPERTY, "soon");
        try {
            CliTestSupport.Result r = hlbench("chm", "1", "20", "1", "10", "200", "64");
            assertEquals(Cli.FAILED, r.code());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
            assertTrue(r.err().contains("-D" + StepDeadline.PROPERTY + " must be a positive number of seconds, got 'soon'"), r.err());
        } finally {
            if (old == null) {
                System.clearProperty(StepDeadline.PROPERTY);
            } else {
                System.setProperty(StepDeadline.PROPERTY, old);
            }
        }
    }
}
