package org.kernelsim.cpu.memory;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * An open-addressing map from primitive {@code long} keys to objects. Exists because page tables
 * and instruction caches look keys up on hot paths where boxing a {@code Long} per lookup would
 * allocate. Not thread-safe (the simulator runs a machine on one host thread).
 */
public final class LongObjectMap<V> {

    private static final long EMPTY = Long.MIN_VALUE + 0x5a5a; // a key nobody uses (not page-aligned)

    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    public LongObjectMap() {
        this(16);
    }

    public LongObjectMap(int capacity) {
        int cap = Integer.highestOneBit(Math.max(4, capacity) * 2 - 1);
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        values = new Object[cap];
        mask = cap - 1;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    @SuppressWarnings("unchecked")
    public V get(long key) {
        int i = hash(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == EMPTY) {
                return null;
            }
            i = (i + 1) & mask;
        }
    }

    @SuppressWarnings("unchecked")
    public V put(long key, V value) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("reserved key");
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = hash(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                V old = (V) values[i];
                values[i] = value;
                return old;
            }
            if (k == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return null;
            }
            i = (i + 1) & mask;
        }
    }

    @SuppressWarnings("unchecked")
    public V remove(long key) {
        int i = hash(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == EMPTY) {
                return null;
            }
            if (k == key) {
                V old = (V) values[i];
                // backward-shift deletion keeps probe chains intact without tombstones
                int j = i;
                while (true) {
                    j = (j + 1) & mask;
                    if (keys[j] == EMPTY) {
                        break;
                    }
                    int home = hash(keys[j]) & mask;
                    boolean between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
                    if (!between) {
                        keys[i] = keys[j];
                        values[i] = values[j];
                        i = j;
                    }
                }
                keys[i] = EMPTY;
                values[i] = null;
                size--;
                return old;
            }
            i = (i + 1) & mask;
        }
    }

    public int size() {
        return size;
    }

    public void clear() {
        Arrays.fill(keys, EMPTY);
        Arrays.fill(values, null);
        size = 0;
    }

    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<Long, V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                action.accept(keys[i], (V) values[i]);
            }
        }
    }

    private void grow() {
        long[] ok = keys;
        Object[] ov = values;
        keys = new long[ok.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new Object[ok.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != EMPTY) {
                @SuppressWarnings("unchecked")
                V v = (V) ov[i];
                put(ok[i], v);
            }
        }
    }
}
