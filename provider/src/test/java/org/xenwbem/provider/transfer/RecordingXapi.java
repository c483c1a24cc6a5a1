package org.xenwbem.provider.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xenwbem.bridge.ops.FieldOps;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.TransferOps;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.transfer.VdiFormat;

/**
 * The xapi side of {@link BitsSessionFuzzTest}'s uploads: a session whose {@code /import_raw_vdi}
 * reads what an {@link Upload} streams and records, per import, the length announced, the bytes
 * that arrived and the first one that is not the byte {@link BitsScript#content} puts at its offset
 * (a byte written at the wrong place). A stream that breaks is a transport failure, as with xapi.
 * Field edits (the incomplete mark) are accepted and forgotten.
 */
final class RecordingXapi {
    /** What one import received. {@code wrongAt} is -1 when every byte sat at its offset. */
    record Import(long announced, long received, long wrongAt) {
    }

    final List<Import> imports = new CopyOnWriteArrayList<>();
    final PoolSession session;

    RecordingXapi() {
        TransferOps transfers = new TransferOps() {
            @Override
            public InputStream export(String vdiUuid) {
                throw new UnsupportedOperationException("uploads only");
            }

            @Override
            public void importTo(String vdiUuid, VdiFormat format, InputStream data, long length) throws XenFailure {
                read(data, length);
            }
        };
        session = sessionWith("fuzz", transfers);
    }

    /** A session of {@code user} whose imports and exports are {@code transfers}; field edits are forgotten. */
    static PoolSession sessionWith(String user, TransferOps transfers) {
        FieldOps fields = (FieldOps) Proxy.newProxyInstance(FieldOps.class.getClassLoader(),
                new Class<?>[] {FieldOps.class}, (p, m, a) -> null);
        return (PoolSession) Proxy.newProxyInstance(PoolSession.class.getClassLoader(),
                new Class<?>[] {PoolSession.class}, (p, m, a) -> switch (m.getName()) {
                    case "user" -> user;
                    case "fields" -> fields;
                    case "transfers" -> transfers;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private void read(InputStream data, long length) throws XenFailure {
        byte[] buf = new byte[16 << 10];
        long at = 0;
        long wrong = -1;
        try {
            for (int n; (n = data.read(buf)) > 0; at += n) {
                for (int i = 0; i < n && wrong < 0; i++) {
                    wrong = buf[i] == BitsScript.content(at + i) ? -1 : at + i;
                }
            }
        } catch (IOException e) {
            throw new XenFailure(XenFailure.Kind.UNAVAILABLE, "TRANSPORT", List.of(), "the upload broke: "
                    + e.getMessage(), e);
        } finally {
            imports.add(new Import(length, at, wrong));
        }
    }
}
