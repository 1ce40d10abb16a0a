package dev.khronos.kbench;

import dev.khronos.hlbench.cli.HelpOutputCheck;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kbench --help} (and any sub-command's): exit 0, nothing on stderr (issue 12: no picocli warnings). */
class KbenchHelpTest {
    @TestFactory
    Stream<DynamicTest> everyCommandPrintsItsHelpCleanly() {
        return HelpOutputCheck.forEveryCommand(new CommandLine(new Kbench()), Kbench.class);
    }

    /** The dynamic tests above cover every command: the tree they walk has the CLI's sub-commands. */
    @Test
    void theCheckWalksEveryCommand() {
        List<String> names = HelpOutputCheck.forEveryCommand(new CommandLine(new Kbench()), Kbench.class)
                .map(DynamicTest::getDisplayName).toList();
        assertEquals(1, names.size(), "kbench has no sub-commands: " + names);
        assertTrue(names.get(0).endsWith("--help"), names.get(0));
    }
}
