/**
 * {@code kbench} on the JVM: KhronOS's in-kernel hash-list benchmark driver
 * ({@code S/bin/kbench.cc} + {@code kernel/sysbench.cc}) with its flags, defaults, checks and
 * output, running on hlbench's workload engine.
 */
package dev.khronos.kbench;
