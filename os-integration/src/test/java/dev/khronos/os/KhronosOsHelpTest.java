package dev.khronos.os;

import dev.khronos.hlbench.cli.HelpOutputCheck;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.util.stream.Stream;

/** {@code khronos-os --help} and {@code khronos-os SUB --help} for every sub-command: exit 0, nothing on stderr. */
class KhronosOsHelpTest {
    @TestFactory
    Stream<DynamicTest> everyCommandPrintsItsHelpCleanly() {
        return HelpOutputCheck.forEveryCommand(new CommandLine(new KhronosOs()), KhronosOs.class);
    }
}
