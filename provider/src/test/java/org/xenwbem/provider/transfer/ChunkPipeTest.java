package org.xenwbem.provider.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The pipe between an upload's requests and the thread streaming to xapi. */
class ChunkPipeTest {
    /**
     * Found by BitsSessionFuzzTest (seed {@code timeout-a9666ad…}): a BITS client resending a fragment
     * of an upload xapi had refused. Each resend's write failed, but only after its chunk was queued, so
     * the dead pipe filled up; from then on every resend waited out a poll before failing, holding an
     * HTTP thread, and the chunks (256 KiB each) stayed until the upload was dropped.
     */
    @Test
    void writesAfterAnAbortFailAndQueueNothing() throws IOException {
        ChunkPipe pipe = new ChunkPipe();
        pipe.write(new byte[] {1, 2, 3}, 0, 3);
        pipe.abort("xapi refused the import");
        for (int i = 0; i < 3 * ChunkPipe.CAPACITY; i++) {
            IOException e = assertThrows(IOException.class, () -> pipe.hand(new byte[1024]));
            assertEquals("xapi refused the import", e.getMessage());
        }
        assertThrows(IOException.class, pipe::finish);
        assertEquals(1, pipe.queued(), "only the end that wakes the reader");
        InputStream in = pipe.input();
        assertEquals("xapi refused the import", assertThrows(IOException.class, in::read).getMessage());
    }

    @Test
    void chunksArriveInOrderThenTheEnd() throws IOException {
        ChunkPipe pipe = new ChunkPipe();
        pipe.write(new byte[] {9, 1, 2, 9}, 1, 2);
        pipe.hand(new byte[] {3});
        pipe.finish();
        InputStream in = pipe.input();
        assertEquals(1, in.read());
        assertEquals(2, in.read());
        assertEquals(3, in.read());
        assertEquals(-1, in.read());
    }
}
