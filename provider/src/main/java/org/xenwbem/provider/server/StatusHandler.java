package org.xenwbem.provider.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.xenwbem.tls.ServerIdentity;

/** GET /: a plain page saying what answers here. No pool data: it is served without authentication. */
final class StatusHandler extends Handler.Abstract {
    private final String version;
    private final Supplier<ServerIdentity> identity;

    /** @param identity the certificate served now (it changes when the PEM is rotated) */
    StatusHandler(String version, Supplier<ServerIdentity> identity) {
        this.version = version;
        this.identity = identity;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        ServerIdentity id = identity.get();
        String text = "xenwbem " + version + "\n"
                + "WS-Management: POST /wsman    CIM-XML: POST /cimom\n"
                + "certificate CN: " + id.commonName() + "\n"
                + "certificate SHA-256: " + id.sha256Fingerprint() + "\n";
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
