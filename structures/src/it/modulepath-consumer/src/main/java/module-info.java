/**
 * A user's named module: the library jars are automatic modules named by their
 * Automatic-Module-Name manifest entries.
 */
module dev.khronos.it.consumer {
    requires dev.khronos.structures;
    requires dev.khronos.mvrlu;
    requires dev.khronos.rlu;
}
