/**
 * The baselines the RLU-family structures are benchmarked against, behind the same
 * {@link dev.khronos.structures.IntSet} interface: kbench's SPINLOCK, RCU and SPIN_CHAIN hash sets,
 * Harris-Michael lock-free lists, and adapters for the JDK and JCTools concurrent sets.
 */
package dev.khronos.structures.baseline;
