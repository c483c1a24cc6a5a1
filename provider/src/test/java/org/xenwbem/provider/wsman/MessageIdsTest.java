package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Message identifiers: {@code uuid:} and a version 4, IETF-variant UUID, never repeated. */
class MessageIdsTest {
    @Test
    void bothKindsAreVersion4UuidsAndUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            for (String id : new String[] {MessageIds.next(), MessageIds.secret()}) {
                assertTrue(id.startsWith("uuid:"), id);
                UUID u = UUID.fromString(id.substring(5));
                assertEquals(4, u.version(), id);
                assertEquals(2, u.variant(), id);
                assertTrue(seen.add(id), "repeated: " + id);
            }
        }
    }
}
