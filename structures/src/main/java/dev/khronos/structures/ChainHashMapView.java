package dev.khronos.structures;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link ConcurrentMap} view of an {@link RluChainHashMap} ({@link RluChainHashMap#asMap()}).
 * Each call finds the calling thread's handle with {@code RluDomain.current()}. Null keys and values
 * are rejected with {@link NullPointerException}, as {@code ConcurrentHashMap} does.
 *
 * <p>{@link #size()} and {@link #entrySet()} iteration are snapshot-consistent (one section each),
 * unlike {@code ConcurrentHashMap}'s. Entries are immutable pairs ({@code setValue} throws);
 * {@code Iterator.remove()} removes the key only if it still maps to the value iterated.
 * The default {@code compute}/{@code merge} methods of {@link ConcurrentMap} work on top of
 * {@code putIfAbsent}/{@code replace}/{@code remove}, each one commit.
 *
 * <p>Thread-safety: thread-safe; each iterator is used by one thread.
 */
final class ChainHashMapView<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V> {
    private final RluChainHashMap<K, V> map;

    ChainHashMapView(RluChainHashMap<K, V> map) {
        this.map = map;
    }

    @Override
    public V get(Object key) {
        return map.get(map.domain().current(), key);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public V put(K key, V value) {
        return map.put(map.domain().current(), key, value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return map.putIfAbsent(map.domain().current(), key, value);
    }

    @Override
    public V remove(Object key) {
        return map.remove(map.domain().current(), key);
    }

    @Override
    public boolean remove(Object key, Object value) {
        if (key == null) {
            throw new NullPointerException("key must not be null");
        }
        return value != null && map.remove(map.domain().current(), key, value);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        return map.replace(map.domain().current(), key, oldValue, newValue);
    }

    @Override
    public V replace(K key, V value) {
        return map.replace(map.domain().current(), key, value);
    }

    @Override
    public int size() {
        return map.size(map.domain().current());
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                final List<Map.Entry<K, V>> snapshot = map.entries(map.domain().current());
                return new Iterator<>() {
                    private int next;
                    private Map.Entry<K, V> last;

                    @Override
                    public boolean hasNext() {
                        return next < snapshot.size();
                    }

                    @Override
                    public Map.Entry<K, V> next() {
                        if (next >= snapshot.size()) {
                            throw new NoSuchElementException();
                        }
                        last = snapshot.get(next++);
                        return last;
                    }

                    @Override
                    public void remove() {
                        if (last == null) {
                            throw new IllegalStateException("remove() without a preceding next()");
                        }
                        ChainHashMapView.this.remove(last.getKey(), last.getValue());
                        last = null;
                    }
                };
            }

            @Override
            public int size() {
                return ChainHashMapView.this.size();
            }
        };
    }
}
