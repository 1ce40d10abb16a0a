/**
 * Concurrent structures written once on the RLU-family API ({@code dev.khronos.mvrlu}): sorted list,
 * hash list and BST int sets, a key/value chain hash map, atomic multi-key operations and snapshot
 * queries, plus the primitive {@link dev.khronos.structures.IntSet} interface every benchmark uses.
 */
package dev.khronos.structures;
