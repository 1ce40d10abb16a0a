package dev.khronos.hlbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs the CLI in-process and checks output line by line. */
final class CliTestSupport {
    record Result(int code, String out, String err) {
        List<String> lines() {
            return Arrays.asList(out.split("\n", -1)).subList(0, out.split("\n", -1).length - 1);
        }
    }

    static Result hlbench(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Hlbench.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Result(code, o.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"), e.toString(StandardCharsets.UTF_8));
    }

    /** Asserts that the lines match the patterns exactly, one by one ("..." in the list skips lines until the next pattern). */
    static void assertLines(List<String> lines, List<String> patterns) {
        int li = 0;
        for (int pi = 0; pi < patterns.size(); pi++) {
            String p = patterns.get(pi);
            if (p.equals("...")) {
                Pattern next = Pattern.compile(patterns.get(pi + 1));
                while (li < lines.size() && !next.matcher(lines.get(li)).matches()) {
                    li++;
                }
                continue;
            }
            if (li >= lines.size()) {
                fail("missing line for /" + p + "/ in:\n" + String.join("\n", lines));
            }
            assertTrue(Pattern.compile(p).matcher(lines.get(li)).matches(),
                    "line " + (li + 1) + " '" + lines.get(li) + "' does not match /" + p + "/ in:\n" + String.join("\n", lines));
            li++;
        }
        assertEquals(lines.size(), li, "extra lines after the last pattern:\n" + String.join("\n", lines));
    }

    /** A usage error: exit 2, nothing on stdout, exactly one line on stderr containing {@code text}. */
    static void assertUsageError(Result r, String text) {
        assertEquals(Cli.USAGE, r.code(), r.err() + r.out());
        assertEquals("", r.out());
        String[] errLines = r.err().strip().split("\n");
        assertEquals(1, errLines.length, "one line: " + r.err());
        assertTrue(errLines[0].contains(text), "'" + errLines[0] + "' should contain '" + text + "'");
        assertTrue(!r.err().contains("\tat "), "no stack trace");
    }

    private CliTestSupport() {
    }
}
