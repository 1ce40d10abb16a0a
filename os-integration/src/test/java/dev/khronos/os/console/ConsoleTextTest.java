package dev.khronos.os.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTextTest {

    @Test
    void normalisesLineEndsEscapesAndControls() {
        assertEquals("a\nb\nc\nd\n", ConsoleText.normalise("a\r\nb\rc\nd\r\n"));
        assertEquals("$ echo hi\nhi\n$ ", ConsoleText.normalise("$ \u001b[6necho hi\r\nhi\r\n$ \u001b[6n"));
        assertEquals("xv6\n", ConsoleText.normalise("\r\u001b[Jxv6\n").substring(1));
        assertEquals("ab", ConsoleText.normalise("a\u0000\u0007b"));
        assertEquals(List.of("a", "", "b"), ConsoleText.lines("a\n\nb\n"));
    }

    @Test
    void parsesConsoleAddresses() {
        ConsoleAddress tcp = ConsoleAddress.parse("tcp://127.0.0.1:7001");
        assertEquals("127.0.0.1", tcp.host());
        assertEquals(7001, tcp.port());
        assertEquals(Path.of("/dev/ttyS1"), ConsoleAddress.parse("/dev/ttyS1").device());
        assertThrows(IllegalArgumentException.class, () -> ConsoleAddress.parse("tcp://host"));
        assertThrows(IllegalArgumentException.class, () -> ConsoleAddress.parse("telnet://h:1"));
    }
}
