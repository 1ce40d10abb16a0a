/**
 * JMH microbenchmarks of the MV-RLU engine: a deref walk against a plain-field walk, and the
 * allocation of an update section. Run: {@code mvn -pl mvrlu-core -Pjmh test-compile exec:exec
 * -Djmh.args="DerefWalk"} (add {@code -prof gc} for allocation per operation).
 */
package dev.khronos.mvrlu.bench;
