/**
 * jcstress tests of the RLU-family engines' critical races: torn commits, lock exclusion,
 * readers racing writeback, and the RCU grace period of {@code synchronize()}. Engine chosen with {@code -Dkhronos.engine=...} (default mvrlu);
 * run by {@code mvn verify} in quick mode, or longer: {@code -Djcstress.mode=default|tough}.
 */
package dev.khronos.mvrlu.jcstress;
