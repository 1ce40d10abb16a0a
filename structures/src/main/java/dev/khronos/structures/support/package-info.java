/**
 * Small building blocks shared by the structures and baselines: the back-off policy every waiting
 * loop uses, and a padded test-and-test-and-set spinlock.
 * Internal to this module; benchmarks use the {@link dev.khronos.structures.IntSet} interface.
 */
package dev.khronos.structures.support;
