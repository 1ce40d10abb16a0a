package dev.khronos.hlbench.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.util.stream.Stream;

/** {@code hlbench --help} and {@code hlbench SUB --help} for every sub-command: exit 0, nothing on stderr. */
class HlbenchHelpTest {
    @TestFactory
    Stream<DynamicTest> everyCommandPrintsItsHelpCleanly() {
        return HelpOutputCheck.forEveryCommand(new CommandLine(new Hlbench()), Hlbench.class);
    }
}
