package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rbd CLI's JSON answers are read as JSON: a COW clone's nested parent object does not hide it. */
class SimRbdJsonTest {
    private static final String BASE = "11111111-2222-3333-4444-555555555555";
    private static final String CLONE = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    @Test
    void aCloneWithANestedParentIsListedAndTheParentsSnapshotIsNot() throws IOException {
        String ls = "[{\"image\":\"VHD-" + BASE + "\",\"id\":\"10a\",\"size\":1048576,\"format\":2},"
                + "{\"image\":\"VHD-" + BASE + "\",\"id\":\"10a\",\"snapshot\":\"snap-" + CLONE + "\","
                + "\"snapshot_id\":4,\"size\":1048576,\"protected\":\"true\",\"format\":2},"
                + "{\"image\":\"VHD-" + CLONE + "\",\"id\":\"10b\",\"size\":2097152,"
                + "\"parent\":{\"pool\":\"rbd\",\"pool_namespace\":\"\",\"image\":\"VHD-" + BASE + "\","
                + "\"id\":\"10a\",\"snapshot\":\"snap-" + CLONE + "\",\"trash\":false,\"overlap\":1048576},"
                + "\"format\":2,\"lock_type\":\"exclusive\"},"
                + "{\"image\":\"other\",\"id\":\"10c\",\"size\":5,\"format\":2}]\n";
        assertEquals(Map.of(BASE, 1048576L, CLONE, 2097152L), SimRbdBacking.images(ls));
    }

    @Test
    void anEmptyPoolHasNoImages() throws IOException {
        assertEquals(Map.of(), SimRbdBacking.images("[]\n"));
        assertEquals(Map.of(), SimRbdBacking.images(""), "a tool that printed nothing listed nothing");
    }

    @Test
    void anAnswerThatIsNotJsonIsAnIoErrorNotAWrongList() {
        assertThrows(IOException.class, () -> SimRbdBacking.images("[{\"image\":\"VHD-" + BASE + "\""));
        assertThrows(IOException.class, () -> SimRbdBacking.images("{\"image\":\"x\"}"));
        assertThrows(IOException.class,
                () -> SimRbdBacking.images("[{\"image\":\"VHD-" + BASE + "\",\"size\":\"big\"}]"));
    }
}
