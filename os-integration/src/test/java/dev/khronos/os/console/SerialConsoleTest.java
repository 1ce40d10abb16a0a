package dev.khronos.os.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.khronos.mvrlu.testing.Await;
import dev.khronos.os.testing.Sv6ShellPeer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console against a real TCP peer on 127.0.0.1 that behaves like the sv6 shell. */
class SerialConsoleTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    private Sv6ShellPeer peer;
    private SerialConsole console;
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();

    private SerialConsole connect(Duration dropFasterThan, ConsoleOptions options) throws Exception {
        peer = new Sv6ShellPeer(dropFasterThan);
        TcpTransport t = TcpTransport.connect("127.0.0.1", peer.port(), Duration.ofSeconds(5), () -> true);
        console = new SerialConsole(t, options, transcript, null);
        return console;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (console != null) {
            console.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void detectsPromptAfterBootAndRunsCommandsWithoutEcho() throws Exception {
        SerialConsole c = connect(null, ConsoleOptions.khronos());
        String boot = c.awaitPrompt(LONG, LONG, null);
        assertTrue(boot.endsWith("init complete at Thu Nov 26 10:02:49 2026\n"), boot);
        assertTrue(boot.contains("Writing block        0 / 524288\nWriting block"), "bare CR becomes a line break: " + boot);
        assertFalse(boot.contains("\u001b") || boot.contains("\r"), "escapes and CRs are normalised away");

        CommandResult r = c.run("echo hello khronos", LONG, LONG);
        assertEquals("hello khronos\n", r.output(), "no echo, no prompt, LF line ends");
        CommandResult r2 = c.run("slow 3 10", LONG, LONG);
        assertEquals("tick 0\ntick 1\ntick 2\n", r2.output());
        // The peer only runs a command on CR; had we sent LF, it would have printed txq stats
        // and never returned to the prompt.
        assertEquals(List.of("1: echo hello khronos", "1: slow 3 10"), peer.commands());

        String raw = transcript.toString(StandardCharsets.ISO_8859_1);
        assertTrue(raw.contains("echo hello khronos\r\nhello khronos\r\n$ "), "transcript is the raw console: " + raw);
    }

    @Test
    void slowOutputWithGapsShorterThanTheSilenceLimitIsNotAHang() throws Exception {
        SerialConsole c = connect(null, ConsoleOptions.khronos());
        c.awaitPrompt(LONG, LONG, null);
        CommandResult r = c.run("slow 4 400", LONG, Duration.ofMillis(1500));
        assertEquals(4, r.output().lines().count());
        assertTrue(r.elapsed().toMillis() >= 1500, "took " + r.elapsed());
    }

    @Test
    void silenceIsReportedAsHangWithOutputSoFar() throws Exception {
        SerialConsole c = connect(null, ConsoleOptions.khronos());
        c.awaitPrompt(LONG, LONG, null);
        long t0 = System.nanoTime();
        ConsoleException e = assertThrows(ConsoleException.class, () -> c.run("hang", LONG, Duration.ofSeconds(1)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(ConsoleException.Kind.HANG, e.kind());
        assertTrue(e.getMessage().contains("printed nothing for 1 s"), e.getMessage());
        assertTrue(ms >= 1000 && ms < 5000, "hang detected after " + ms + " ms");
        assertTrue(e.partialOutput().startsWith("hang\n"), e.partialOutput());
    }

    @Test
    void commandTimeoutFiresWhileOutputKeepsComing() throws Exception {
        SerialConsole c = connect(null, ConsoleOptions.khronos());
        c.awaitPrompt(LONG, LONG, null);
        long t0 = System.nanoTime();
        ConsoleException e = assertThrows(ConsoleException.class,
                () -> c.run("slow 100 100", Duration.ofMillis(1200), Duration.ofSeconds(5)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(ConsoleException.Kind.TIMEOUT, e.kind());
        assertTrue(ms >= 1200 && ms < 4000, "timeout after " + ms + " ms");
        assertTrue(e.partialOutput().contains("tick 3\n"), "keeps the output so far: " + e.partialOutput());
    }

    @Test
    void kernelPanicEndsTheCommandWithThePanicLine() throws Exception {
        SerialConsole c = connect(null, ConsoleOptions.khronos());
        c.awaitPrompt(LONG, LONG, null);
        ConsoleException e = assertThrows(ConsoleException.class, () -> c.run("panic", LONG, LONG));
        assertEquals(ConsoleException.Kind.PANIC, e.kind());
        assertEquals("kernel panic: cpu 3: panic: assertion failed: nb_threads > 0", e.getMessage());
        assertTrue(e.partialOutput().contains("partial line before the panic"), e.partialOutput());
        assertTrue(e.partialOutput().contains("backtrace"), "the panic tail is collected: " + e.partialOutput());
    }

    @Test
    void closedLineIsReported() throws Exception {
        SerialConsole c = connect(null, ConsoleOptions.khronos());
        c.awaitPrompt(LONG, LONG, null);
        ConsoleException e = assertThrows(ConsoleException.class, () -> c.run("halt", LONG, LONG));
        assertEquals(ConsoleException.Kind.CLOSED, e.kind());
        assertTrue(c.awaitClosed(Duration.ofSeconds(5)));
    }

    @Test
    void overlongCommandsAreRejectedBeforeTyping() throws Exception {
        SerialConsole c = connect(null, ConsoleOptions.khronos());
        c.awaitPrompt(LONG, LONG, null);
        String ok = "echo " + "x".repeat(122);
        assertEquals(127, ok.length());
        assertEquals("x".repeat(122) + "\n", c.run(ok, LONG, LONG).output());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.run(ok + "y", LONG, LONG));
        assertTrue(e.getMessage().contains("at most 127"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.run("echo a\nb", LONG, LONG));
        assertEquals(1, peer.commands().size(), "nothing typed for rejected commands: " + peer.commands());
    }

    @Test
    void droppedCharactersAreDetectedAndSlowTypingAvoidsThem() throws Exception {
        SerialConsole fast = connect(Duration.ofMillis(5), ConsoleOptions.khronos());
        fast.awaitPrompt(LONG, LONG, null);
        ConsoleException e = assertThrows(ConsoleException.class, () -> fast.run("echo abcdef", LONG, LONG));
        assertEquals(ConsoleException.Kind.ECHO_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains("type slower"), e.getMessage());
        fast.close();
        peer.close();

        SerialConsole slow = connect(Duration.ofMillis(5), ConsoleOptions.khronos().withCharDelay(Duration.ofMillis(15)));
        slow.awaitPrompt(LONG, LONG, null);
        assertEquals("abcdef\n", slow.run("echo abcdef", LONG, LONG).output());
    }

    @Test
    void abortEndsAWaitFromAnotherThread() throws Exception {
        SerialConsole c = connect(null, ConsoleOptions.khronos());
        c.awaitPrompt(LONG, LONG, null);
        Thread aborter = new Thread(() -> {
            // Abort once the command is running (the peer has received it), not after a fixed time.
            Await.condition(Await.GENEROUS, () -> peer.commands().contains("1: hang"), "the peer runs 'hang'");
            c.abort("QEMU: KVM internal error. Suberror: 1");
        });
        aborter.setDaemon(true);
        aborter.start();
        ConsoleException e = assertThrows(ConsoleException.class, () -> c.run("hang", LONG, LONG));
        Await.join(Await.GENEROUS, aborter);
        assertEquals(ConsoleException.Kind.ABORTED, e.kind());
        assertTrue(e.getMessage().contains("KVM internal error"));
    }

    @Test
    void nudgeMakesASilentShellPrintAPrompt() throws Exception {
        SerialConsole c = connect(null, ConsoleOptions.khronos());
        c.awaitPrompt(LONG, LONG, null);
        // Already at the prompt and silent: without a nudge nothing would come.
        String before = c.awaitPrompt(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMillis(300));
        assertEquals("\n", before, "the echoed CR of the nudge");
    }
}
