/**
 * How the structure registry obtains RLU-family domains by engine name without a compile-time
 * dependency on each engine: a small {@link java.util.ServiceLoader} provider interface, the MV-RLU
 * provider, and a reflective fallback for the classic RLU engine of module {@code mvrlu-rlu}.
 */
package dev.khronos.structures.spi;
