/**
 * The {@code hlbench} command line: the single run in KhronOS's positional form or RLU bench's
 * flags ({@link dev.khronos.hlbench.cli.Hlbench}), {@code sweep}, {@code compare}
 * ({@link dev.khronos.hlbench.cli.CompareCommand}, issue 11's comparison), {@code setbench} and
 * {@code listmove}, the KhronOS output lines ({@link dev.khronos.hlbench.cli.KhronosFormat}) and
 * the shared error policy ({@link dev.khronos.hlbench.cli.Cli}: one line, exit 2 for usage errors).
 */
package dev.khronos.hlbench.cli;
