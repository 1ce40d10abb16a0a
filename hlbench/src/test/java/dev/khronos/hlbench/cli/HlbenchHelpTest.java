package dev.khronos.hlbench.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hlbench --help} and {@code hlbench SUB --help} for every sub-command: exit 0, nothing on stderr. */
class HlbenchHelpTest {
    @TestFactory
    Stream<DynamicTest> everyCommandPrintsItsHelpCleanly() {
        return HelpOutputCheck.forEveryCommand(new CommandLine(new Hlbench()), Hlbench.class);
    }

    /** The dynamic tests above cover every command: the tree they walk has the CLI's sub-commands. */
    @Test
    void theCheckWalksEveryCommand() {
        List<String> names = HelpOutputCheck.forEveryCommand(new CommandLine(new Hlbench()), Hlbench.class)
                .map(DynamicTest::getDisplayName).toList();
        for (String sub : List.of("sweep", "compare", "setbench", "listmove", "point")) {
            assertTrue(names.stream().anyMatch(n -> n.endsWith(" " + sub + " --help")), sub + " missing from " + names);
        }
    }
}
