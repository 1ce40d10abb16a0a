package dev.khronos.os.console;

import java.util.ArrayList;
import java.util.List;

/**
 * Text clean-up for serial console output. Stateless and thread-safe.
 *
 * <p>Consoles mix {@code \r\n} (sv6 and Linux tty output), bare {@code \r} (progress lines such as
 * sv6's {@code Writing block ...}), terminal escape sequences (busybox's shell asks for the cursor
 * position with {@code ESC [6n} after each prompt; sv6 starts with {@code ESC [J}) and the odd
 * control byte. Normalised text has only {@code \n} line breaks, no escape sequences and no
 * control characters other than {@code \n} and {@code \t}.
 */
public final class ConsoleText {

    private ConsoleText() {
    }

    /**
     * @param raw console bytes decoded as ISO-8859-1 (one char per byte)
     * @return normalised text
     */
    public static String normalise(CharSequence raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c == 0x1b) {
                i = skipEscape(raw, i);
            } else if (c == '\r') {
                if (i + 1 < n && raw.charAt(i + 1) == '\n') {
                    i++;
                }
                out.append('\n');
            } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Returns the index of the last char of the escape sequence starting at {@code i}. */
    private static int skipEscape(CharSequence s, int i) {
        int n = s.length();
        if (i + 1 >= n) {
            return i;
        }
        char next = s.charAt(i + 1);
        if (next == '[') {
            // CSI: parameters and intermediates (0x20-0x3f), then one final byte (0x40-0x7e).
            int j = i + 2;
            while (j < n && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x3f) {
                j++;
            }
            return Math.min(j, n - 1);
        }
        return i + 1;
    }

    /**
     * @param text normalised text
     * @return its lines without the line breaks; a trailing break does not add an empty line
     */
    public static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
