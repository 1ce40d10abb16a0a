package dev.khronos.hlbench.jmh;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The engine microbenchmarks JMH's annotation processor registered (what
 * {@code java -jar benchmarks.jar EngineBenchmark -l} lists): every measurement issue 11 and the
 * former mvrlu-core benchmarks took, in this one class.
 */
class EngineBenchmarkListTest {
    @Test
    void everyEngineMicrobenchmarkIsRegistered() throws IOException {
        String list;
        try (InputStream in = EngineBenchmark.class.getClassLoader().getResourceAsStream("META-INF/BenchmarkList")) {
            assertNotNull(in, "JMH's generated META-INF/BenchmarkList");
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // one line per benchmark: "JMH S <n> <class> S <n> <generated class> S <n> <method> ..."
        Matcher m = Pattern.compile("(?m)^JMH S \\d+ " + Pattern.quote(EngineBenchmark.class.getName())
                + " S \\d+ \\S+ S \\d+ (\\w+) ").matcher(list);
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        assertEquals(new TreeSet<>(List.of("plainWalk", "derefWalk", "update", "emptySection", "emptyOptimisticSection",
                "plainLookup", "sectionLookup", "optimisticLookup")), names);
    }
}
