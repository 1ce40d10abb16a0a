/**
 * A serial console to a KhronOS (sv6) shell: TCP (QEMU, ser2net, IPMI SOL) or a local tty.
 * Detects the {@code $ } prompt, strips the echo, normalises CR/LF, types slowly if asked, and
 * ends a command on timeout, silence (hang) or kernel panic, keeping the output received so far.
 */
package dev.khronos.os.console;
