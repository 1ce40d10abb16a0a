/**
 * Test support: a loopback TCP peer that behaves like the sv6 console, a cpio newc writer, and the
 * fixture that finds QEMU, Debian's cloud kernel and busybox and builds the test initramfs.
 * Nothing here is shipped in khronos-os.jar.
 */
package dev.khronos.os.testing;
