/**
 * Test-side engine bindings: {@link dev.khronos.mvrlu.contract.EngineFactory} implementations, found
 * with ServiceLoader, for the engines whose modules do not publish one in a test jar (classic RLU).
 * Only tests name engine classes; the structures see the RLU-family API alone.
 */
package dev.khronos.structures.engines;
