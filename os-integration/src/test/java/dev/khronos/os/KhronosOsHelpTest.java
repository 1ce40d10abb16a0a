package dev.khronos.os;

import dev.khronos.hlbench.cli.HelpOutputCheck;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code khronos-os --help} and {@code khronos-os SUB --help} for every sub-command: exit 0, nothing on stderr. */
class KhronosOsHelpTest {
    @TestFactory
    Stream<DynamicTest> everyCommandPrintsItsHelpCleanly() {
        return HelpOutputCheck.forEveryCommand(new CommandLine(new KhronosOs()), KhronosOs.class);
    }

    /** The dynamic tests above cover every command: the tree they walk has the CLI's sub-commands. */
    @Test
    void theCheckWalksEveryCommand() {
        List<String> names = HelpOutputCheck.forEveryCommand(new CommandLine(new KhronosOs()), KhronosOs.class)
                .map(DynamicTest::getDisplayName).toList();
        for (String sub : List.of("run", "sweep", "compare", "hardware", "report", "parse")) {
            assertTrue(names.stream().anyMatch(n -> n.endsWith(" " + sub + " --help")), sub + " missing from " + names);
        }
    }
}
