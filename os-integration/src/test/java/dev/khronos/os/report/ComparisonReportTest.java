package dev.khronos.os.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.RunCounters;
import dev.khronos.hlbench.result.RunParameters;
import dev.khronos.hlbench.result.RunRates;
import dev.khronos.hlbench.result.RunSource;
import dev.khronos.hlbench.result.RunStatus;
import dev.khronos.hlbench.result.SizeCheck;
import dev.khronos.hlbench.result.SourceKind;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonReportTest {

    static final RunSource KERNEL = new RunSource(SourceKind.KHRONOS_QEMU, "QEMU emulator version 7.2.22, TCG", 16,
            "kernel.elf sha256:0123456789abcdef", "boot-001.console.log");
    static final RunSource JVM = new RunSource(SourceKind.JVM, "ci-host (2 host CPUs), JDK 17", 2, null, null);

    static BenchmarkRun run(String bench, String sync, int threads, double opsPerSec, RunSource src, SizeCheck size,
                            RunStatus status) {
        RunParameters p = new RunParameters(threads, 100, 10, 1000, 200, 200);
        long ops = (long) opsPerSec;
        long updates = ops / 5;
        return new BenchmarkRun(bench, sync, p, status == RunStatus.COMPLETE ? RunCounters.of(ops - updates, updates) : null,
                status == RunStatus.COMPLETE ? new RunRates(opsPerSec, opsPerSec - updates, updates) : null, null, size,
                src, status, null, null);
    }

    @Test
    void matchesSameParametersAcrossSidesAndAveragesRepeats(@TempDir Path dir) throws Exception {
        List<BenchmarkRun> kernel = List.of(
                run("hlbench", "spin", 2, 1000, KERNEL, new SizeCheck(100, 100), RunStatus.COMPLETE),
                run("hlbench", "spin", 2, 3000, KERNEL, new SizeCheck(99, 100), RunStatus.COMPLETE),
                run("hlbench", "mvrlu", 2, 500, KERNEL, null, RunStatus.COMPLETE),
                run("hlbench", "rcu", 2, 0, KERNEL, null, RunStatus.INCOMPLETE));
        List<BenchmarkRun> jvm = List.of(
                run("hlbench", "SpinLock", 2, 8000, JVM, new SizeCheck(100, 100), RunStatus.COMPLETE),
                run("hlbench", "mvrlu", 4, 9000, JVM, null, RunStatus.COMPLETE));
        ComparisonReport r = new ComparisonReport(kernel, jvm);
        List<ComparisonReport.Row> rows = r.rows();
        assertEquals(3, rows.size());
        ComparisonReport.Row spin = rows.get(2);
        assertEquals("spinlock", spin.key().sync(), "hlbench's spin and a JVM SpinLock are the same scheme");
        assertEquals(2, spin.kernel().count());
        assertEquals(2000.0, spin.kernel().mean());
        assertEquals(8000.0, spin.jvm().mean());
        assertEquals(1, spin.kernel().sizeFailures());

        String md = r.markdown();
        assertTrue(md.contains("| spinlock | 2 | 100 | 10 | 200 | 200 | hlbench | 2000.0 (2) | 8000.0 (1) | 4.00 | 1 |"), md);
        assertTrue(md.contains("| mvrlu | 2 | 100 | 10 | 200 | 200 | hlbench | 500.0 (1) | - | - | 0 |"), md);
        assertTrue(md.contains("| mvrlu | 4 | 100 | 10 | 200 | 200 | - | - | 9000.0 (1) | - | 0 |"), md);
        assertTrue(md.contains("khronos-qemu: QEMU emulator version 7.2.22, TCG; CPUs: 16; kernel image: kernel.elf sha256:0123456789abcdef"), md);
        assertTrue(md.contains("jvm: ci-host (2 host CPUs), JDK 17; CPUs: 2"), md);
        assertTrue(md.contains("Incomplete runs left out: 1 kernel, 0 JVM."), md);
        assertTrue(r.csv().contains("spinlock,2,100,10,200,200,hlbench,2000.0,2,8000.0,1,4.0,1"), r.csv());

        Path png = dir.resolve("out/report.png");
        r.writeChart(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 800 && img.getHeight() >= 600, img.getWidth() + "x" + img.getHeight());
    }

    @Test
    void nothingToReportIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> new ComparisonReport(List.of(), List.of()));
        assertEquals("spinchain", ComparisonReport.canonicalSync("SPIN CHAIN"));
    }
}
