package dev.khronos.os.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestSpecTest {

    @Test
    void khronosCommandLineFollowsTheObservedWorkingOne() {
        List<String> c = GuestSpec.khronos(Path.of("o.qemu/kernel.elf")).commandLine(false, 4321);
        String line = String.join(" ", c);
        assertEquals("qemu-system-x86_64 -accel tcg -smp 16 -m 4096 -display none -monitor none -no-reboot"
                + " -net user -net nic,model=e1000 -kernel o.qemu/kernel.elf"
                + " -serial tcp:127.0.0.1:4321,server=on,wait=on", line);
        List<String> kvm = GuestSpec.khronos(Path.of("k")).withCpus(8).withMemoryMb(8192).commandLine(true, 1);
        assertEquals(List.of("-accel", "kvm", "-cpu", "host", "-smp", "8", "-m", "8192"), kvm.subList(1, 9));
    }

    @Test
    void linuxCommandLineHasInitrdAndAppend() {
        List<String> c = GuestSpec.linux(Path.of("bz"), Path.of("i.cpio")).commandLine(false, 7);
        String line = String.join(" ", c);
        assertTrue(line.contains("-nic none -kernel bz -initrd i.cpio -append console=ttyS0 quiet panic=-1"), line);
        assertEquals("console=ttyS0 quiet panic=-1", c.get(c.indexOf("-append") + 1), "one argument, not split");
    }

    @Test
    void invalidSpecsAreRejected(@TempDir Path dir) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> GuestSpec.khronos(Path.of("k")).withCpus(0));
        assertThrows(IllegalArgumentException.class, () -> GuestSpec.khronos(Path.of("k")).withMemoryMb(8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GuestSpec.khronos(dir.resolve("missing.elf")).checkFiles());
        assertTrue(e.getMessage().startsWith("kernel image not found"));
        Path k = Files.writeString(dir.resolve("k"), "x");
        GuestSpec.khronos(k).checkFiles();
    }

    @Test
    void kvmProbeExplainsWhyKvmCannotWork(@TempDir Path dir) throws Exception {
        Path dev = dir.resolve("kvm");
        Path info = dir.resolve("cpuinfo");
        Files.writeString(info, "processor\t: 0\nflags\t\t: fpu vme sse2 hypervisor\n");
        assertTrue(KvmProbe.unusableReason(dev, info).orElseThrow().contains("does not exist"));
        Files.writeString(dev, "");
        assertTrue(KvmProbe.unusableReason(dev, info).orElseThrow().contains("no vmx/svm flag"));
        Files.writeString(info, "processor\t: 0\nflags\t\t: fpu vme vmx sse2\n");
        assertEquals(Optional.empty(), KvmProbe.unusableReason(dev, info));
        Files.writeString(info, "processor\t: 0\nflags\t\t: fpu svm\n");
        assertEquals(Optional.empty(), KvmProbe.unusableReason(dev, info));
    }
}
