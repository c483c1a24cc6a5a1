package org.xenwbem.bridge.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The compact ref → UUID table answers exactly as a HashMap would, through growth and deletions. */
class RefIndexTest {
    @Test
    void answersLikeAMapThroughInsertsOverwritesAndRemovals() {
        Random random = new Random(17);
        RefIndex index = new RefIndex();
        Map<String, String> model = new HashMap<>();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            refs.add(ref(random, i));
        }
        for (int round = 0; round < 60_000; round++) {
            String ref = refs.get(random.nextInt(refs.size()));
            if (random.nextInt(3) == 0) {
                index.remove(ref);
                model.remove(ref);
            } else {
                String uuid = "uuid-" + round;
                index.put(ref, uuid);
                model.put(ref, uuid);
            }
        }
        for (String ref : refs) {
            assertEquals(model.getOrDefault(ref, ""), index.uuid(ref), ref);
        }
        assertEquals(model.size(), index.size());
    }

    /** Mostly xapi's form; also upper case, OpaqueRef:NULL-like and odd refs, which go to the plain map. */
    private static String ref(Random random, int i) {
        String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
        return switch (i % 10) {
            case 0 -> "OpaqueRef:" + uuid.toUpperCase(Locale.ROOT);
            case 1 -> "OpaqueRef:odd-" + i;
            default -> "OpaqueRef:" + uuid;
        };
    }

    @Test
    void readsOnlyTheCanonicalFormAsBits() {
        assertNotNull(RefIndex.parse("OpaqueRef:0123abcd-4567-89ef-0123-456789abcdef"));
        assertNull(RefIndex.parse("OpaqueRef:0123ABCD-4567-89ef-0123-456789abcdef"));
        assertNull(RefIndex.parse("OpaqueRef:0123abcd-4567-89ef-0123-456789abcdeg"));
        assertNull(RefIndex.parse("OpaqueRef:0123abcd+4567-89ef-0123-456789abcdef"));
        assertNull(RefIndex.parse("OpaqueRef:NULL"));
        assertNull(RefIndex.parse("0123abcd-4567-89ef-0123-456789abcdef0123456789"));
    }

    @Test
    void unknownNullAndEmptyRefsAreEmpty() {
        RefIndex index = new RefIndex();
        index.put("OpaqueRef:0123abcd-4567-89ef-0123-456789abcdef", "u");
        index.put("OpaqueRef:ignored", "");
        assertEquals("u", index.uuid("OpaqueRef:0123abcd-4567-89ef-0123-456789abcdef"));
        assertEquals("", index.uuid("OpaqueRef:0123abcd-4567-89ef-0123-456789abcde0"));
        assertEquals("", index.uuid("OpaqueRef:NULL"));
        assertEquals("", index.uuid(""));
        assertEquals("", index.uuid(null));
        assertEquals("", index.uuid("OpaqueRef:ignored"));
        assertEquals(List.of("u"), index.uuids(List.of("OpaqueRef:NULL", "OpaqueRef:0123abcd-4567-89ef-0123-456789abcdef")));
    }
}
