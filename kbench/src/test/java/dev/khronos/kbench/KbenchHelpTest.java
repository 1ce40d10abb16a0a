package dev.khronos.kbench;

import dev.khronos.hlbench.cli.HelpOutputCheck;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.util.stream.Stream;

/** {@code kbench --help} (and any sub-command's): exit 0, nothing on stderr (issue 12: no picocli warnings). */
class KbenchHelpTest {
    @TestFactory
    Stream<DynamicTest> everyCommandPrintsItsHelpCleanly() {
        return HelpOutputCheck.forEveryCommand(new CommandLine(new Kbench()), Kbench.class);
    }
}
