package dev.khronos.structures.guide;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Keeps the user guide honest: every {@code <pre id="sample-...">{@code ...}</pre>} block of
 * mvrlu-core's {@code overview.html} must be, line for line (indentation normalised), a region
 * {@code // guide:ID} ... {@code // end:ID} of this module's test sources, which
 * {@link UserGuideSamplesTest} compiles and runs; and every such region must appear in the guide.
 */
class UserGuideTextTest {
    /** A sample block of the guide: {@code <pre id="sample-x">{@code}, the code, then a line {@code }</pre>}. */
    private static final Pattern GUIDE_SAMPLE =
            Pattern.compile("<pre id=\"(sample-[a-z0-9-]+)\">\\{@code\\R(.*?)\\R}</pre>", Pattern.DOTALL);
    private static final Pattern ANY_PRE = Pattern.compile("<pre[ >]");
    private static final Pattern BEGIN = Pattern.compile("^\\s*// guide:(sample-[a-z0-9-]+)\\s*$");

    static Path overview() {
        String configured = System.getProperty("khronos.guide.overview");
        Path p = configured != null ? Path.of(configured) : Path.of("../mvrlu-core/src/main/javadoc/overview.html");
        assertTrue(Files.isRegularFile(p), "the user guide is missing: " + p.toAbsolutePath());
        return p;
    }

    static Map<String, List<String>> guideSamples(String html) {
        Map<String, List<String>> samples = new LinkedHashMap<>();
        Matcher m = GUIDE_SAMPLE.matcher(html);
        while (m.find()) {
            assertNull(samples.put(m.group(1), normalise(m.group(2).lines().collect(Collectors.toList()))),
                    "sample id used twice in the guide: " + m.group(1));
        }
        Matcher pre = ANY_PRE.matcher(html);
        int preBlocks = 0;
        while (pre.find()) {
            preBlocks++;
        }
        assertEquals(preBlocks, samples.size(),
                "every <pre> block of the guide must be a checked sample: <pre id=\"sample-...\">{@code ... }</pre>");
        return samples;
    }

    static Map<String, List<String>> sourceSamples(Path testSources) throws IOException {
        Map<String, List<String>> samples = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(testSources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher begin = BEGIN.matcher(lines.get(i));
                if (!begin.matches()) {
                    continue;
                }
                String id = begin.group(1);
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).trim().equals("// end:" + id)) {
                    end++;
                }
                assertTrue(end < lines.size(), file + ": no '// end:" + id + "'");
                assertNull(samples.put(id, normalise(lines.subList(i + 1, end))), "sample id used twice: " + id);
                i = end;
            }
        }
        return samples;
    }

    /** Drops the common indentation and trailing blanks, so a sample may sit at any depth. */
    static List<String> normalise(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.isBlank() ? "" : l.substring(indent).stripTrailing());
        }
        return out;
    }

    @Test
    void everyGuideSampleIsCompiledTestCodeAndEveryMarkedRegionIsInTheGuide() throws IOException {
        Map<String, List<String>> guide = guideSamples(Files.readString(overview()));
        Map<String, List<String>> sources = sourceSamples(Path.of("src/test/java"));
        assertFalse(guide.isEmpty(), "no samples found in the guide");
        assertEquals(sources.keySet().stream().sorted().collect(Collectors.toList()),
                guide.keySet().stream().sorted().collect(Collectors.toList()),
                "sample ids of the guide vs the test sources");
        for (Map.Entry<String, List<String>> e : guide.entrySet()) {
            assertEquals(String.join("\n", sources.get(e.getKey())), String.join("\n", e.getValue()),
                    "guide sample " + e.getKey() + " differs from its test source");
        }
    }

    @Test
    void aChangedSampleIsDetected() {
        String html = "<p>x</p>\n<pre id=\"sample-a\">{@code\n  int x = 1;\n}</pre>\n";
        assertEquals(Map.of("sample-a", List.of("int x = 1;")), guideSamples(html));
        assertThrows(AssertionError.class, () -> guideSamples(html + "<pre>{@code int y; }</pre>"),
                "an unchecked <pre> block is refused");
        assertNotEquals(guideSamples(html).get("sample-a"),
                guideSamples(html.replace("int x = 1;", "int x = 2;")).get("sample-a"));
    }
}
