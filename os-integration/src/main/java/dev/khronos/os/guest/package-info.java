/**
 * Guests to drive over a serial console: a kernel booted in QEMU (KhronOS multiboot image, or
 * Linux with an initramfs), with KVM when usable and software emulation otherwise, or a physical
 * machine reached through a console server, optionally power-cycled by a user command.
 */
package dev.khronos.os.guest;
