package org.xenwbem.provider.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.TransferOps;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.transfer.VdiFormat;
import org.xenwbem.bridge.transfer.VhdWriter;

/** Upload: an import that xapi gives up mid-stream ends the upload, whatever the VHD check was doing. */
class UploadTest {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "upload-test");
        t.setDaemon(true);
        return t;
    });

    @AfterAll
    static void stop() {
        WORKERS.shutdownNow();
    }

    @Test
    void aVhdImportXapiGivesUpMidStreamEndsTheUploadInsteadOfHanging() throws Exception {
        long size = 32L << 20; // 16 allocated 2 MiB blocks: more than the two pipes hold
        ByteArrayOutputStream vhd = new ByteArrayOutputStream();
        VhdWriter w = new VhdWriter((off, buf, len) -> Arrays.fill(buf, 0, len, (byte) 7), size, Instant.EPOCH,
                UUID.randomUUID());
        w.scan();
        w.writeTo(vhd);
        byte[] body = vhd.toByteArray();
        Upload u = new Upload(xapiGivingUpAfter(64 << 10), UUID.randomUUID().toString(), VdiFormat.VHD, body.length,
                size, WORKERS);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            TransferException refused = assertThrows(TransferException.class,
                    () -> u.accept(0, body.length, new ByteArrayInputStream(body)));
            assertEquals(502, refused.status(), refused.getMessage()); // xapi's failure, not the client's
            TransferException e = assertThrows(TransferException.class, u::await);
            assertEquals(502, e.status(), e.getMessage());
        });
    }

    /** A session whose import reads {@code bytes} and then fails as xapi does when it drops the import. */
    private static PoolSession xapiGivingUpAfter(int bytes) {
        return RecordingXapi.sessionWith("test", new TransferOps() {
            @Override
            public InputStream export(String vdiUuid) {
                throw new UnsupportedOperationException("uploads only");
            }

            @Override
            public void importTo(String vdiUuid, VdiFormat format, InputStream data, long length) throws XenFailure {
                try {
                    data.readNBytes(bytes);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                throw new XenFailure(XenFailure.Kind.UNAVAILABLE, "VDI_IO_ERROR", List.of(), "the SR went away", null);
            }
        });
    }
}
