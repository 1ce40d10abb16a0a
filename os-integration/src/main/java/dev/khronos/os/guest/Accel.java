package dev.khronos.os.guest;

/**
 * Which QEMU accelerator to use. Immutable enum, thread-safe.
 */
public enum Accel {
    /** KVM when {@link KvmProbe} finds it usable and it does not fail at run time, else TCG. */
    AUTO,
    /** KVM only; fail if it does not work. */
    KVM,
    /** Software emulation only. */
    TCG
}
