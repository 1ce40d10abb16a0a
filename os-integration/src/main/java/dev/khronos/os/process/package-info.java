/**
 * Child processes of the integration (QEMU, {@code stty}, {@code qemu --version}, a user's
 * power-cycle command) started so that none can hang the caller or outlive it: output to a file,
 * bounded waits, and the whole process tree killed when given up.
 */
package dev.khronos.os.process;
