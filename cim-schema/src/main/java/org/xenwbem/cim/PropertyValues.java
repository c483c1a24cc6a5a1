package org.xenwbem.cim;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The property values of an instance as a compact, read-only map: names (and their positions) are
 * shared by every instance with the same layout, values live in one array. A pool of a thousand VMs
 * has tens of thousands of cached instances, and a hash map per instance costed most of the heap.
 */
final class PropertyValues extends AbstractMap<String, Object> {
    /** Property names in order, with their positions; shared. */
    static final class Layout {
        final String[] names;
        final Map<String, Integer> index;
        /** The class's default values, in order (for a class's full layout; empty for a projection's). */
        final Object[] defaults;

        Layout(List<String> names) {
            this(names, new Object[0]);
        }

        private Layout(List<String> names, Object[] defaults) {
            this.defaults = defaults;
            this.names = names.toArray(String[]::new);
            Map<String, Integer> ix = new HashMap<>(this.names.length * 2);
            for (int i = 0; i < this.names.length; i++) {
                ix.put(this.names[i], i);
            }
            this.index = Collections.unmodifiableMap(ix);
        }

        int size() {
            return names.length;
        }
    }

    private static final Map<CimClass, Layout> LAYOUTS = Collections.synchronizedMap(new WeakHashMap<>());

    /** The layout of every property of {@code c}, in class order (CimClass is compared by identity). */
    static Layout layoutOf(CimClass c) {
        Layout l = LAYOUTS.get(c);
        if (l == null) {
            List<CimProperty> props = c.properties();
            l = new Layout(props.stream().map(CimProperty::name).toList(),
                    props.stream().map(CimProperty::defaultValue).toArray());
            LAYOUTS.put(c, l);
        }
        return l;
    }

    private final Layout layout;
    private final Object[] values;

    /** {@code values} is owned by this map from now on. */
    PropertyValues(Layout layout, Object[] values) {
        this.layout = layout;
        this.values = values;
    }

    @Override
    public Object get(Object key) {
        Integer i = layout.index.get(key);
        return i == null ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return layout.index.containsKey(key);
    }

    @Override
    public int size() {
        return layout.size();
    }

    /** Every name and value in class order, without an entry object each (encoders' hot path). */
    @Override
    public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < layout.names.length; i++) {
            action.accept(layout.names[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < layout.names.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (i >= layout.names.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, Object> en = new SimpleImmutableEntry<>(layout.names[i], values[i]);
                        i++;
                        return en;
                    }
                };
            }

            @Override
            public int size() {
                return layout.size();
            }
        };
    }
}
