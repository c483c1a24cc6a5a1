package org.xenwbem.bridge.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ChunkedSortedMapTest {
    @Test
    void behavesLikeATreeMapAndKeepsOldVersions() {
        Random r = new Random(3);
        TreeMap<String, Integer> model = new TreeMap<>();
        ChunkedSortedMap<Integer> map = ChunkedSortedMap.empty();
        List<ChunkedSortedMap<Integer>> versions = new ArrayList<>();
        List<List<Integer>> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String key = Integer.toHexString(r.nextInt(1_500));
            if (r.nextInt(4) == 0) {
                model.remove(key);
                map = map.without(key);
            } else {
                model.put(key, i);
                map = map.with(key, i);
            }
            if (i % 500 == 0) {
                versions.add(map);
                expected.add(new ArrayList<>(model.values()));
            }
        }
        assertEquals(model.size(), map.size());
        assertEquals(new ArrayList<>(model.values()), new ArrayList<>(map.values()));
        for (Map.Entry<String, Integer> e : model.entrySet()) {
            assertEquals(e.getValue(), map.get(e.getKey()));
        }
        assertNull(map.get("zzz"));
        for (int v = 0; v < versions.size(); v++) {
            assertEquals(expected.get(v), new ArrayList<>(versions.get(v).values()), "version " + v);
        }
        assertEquals(new ArrayList<>(model.values()), new ArrayList<>(ChunkedSortedMap.of(model).values()));
    }

    @Test
    void removingAnAbsentKeyReturnsTheSameMap() {
        ChunkedSortedMap<String> m = ChunkedSortedMap.<String>empty().with("a", "1");
        assertSame(m, m.without("b"));
    }

    @Test
    void tableIndexFollowsParentChanges() {
        record Child(String uuid, String parent) {
        }
        Function<Child, String> parentOf = Child::parent;
        Table<Child> t = Table.of(new TreeMap<>(Map.of("c1", new Child("c1", "p1"), "c2", new Child("c2", "p1"))),
                parentOf);
        Table<Child> moved = t.with("c2", new Child("c2", "p2")).with("c3", new Child("c3", "p2")).without("c1");
        assertEquals(Map.of("p2", List.of("c2", "c3")), moved.indexForTest());
        assertEquals(List.of("c2", "c3"), moved.childrenOf("p2").stream().map(Child::uuid).toList());
        assertEquals(Map.of("p1", List.of("c1", "c2")), t.indexForTest(), "the old version is untouched");
        Table.Editor<Child> bulk = new Table.Editor<>(t);
        for (int i = 0; i < Table.BULK_THRESHOLD + 10; i++) {
            bulk.put("x" + i, new Child("x" + i, "p" + (i % 3)));
        }
        bulk.remove("c1");
        Table<Child> built = bulk.build();
        assertEquals(Table.BULK_THRESHOLD + 11, built.size());
        assertEquals(List.of("c2"), built.childrenOf("p1").stream().map(Child::uuid).filter(u -> u.startsWith("c"))
                .toList());
    }
}
