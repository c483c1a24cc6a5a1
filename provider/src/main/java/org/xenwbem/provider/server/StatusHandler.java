package org.xenwbem.provider.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** GET /: a plain page saying what answers here. No pool data: it is served without authentication. */
final class StatusHandler extends Handler.Abstract {
    private final String text;

    StatusHandler(String version, String cn, String fingerprint) {
        this.text = "xenwbem " + version + "\n"
                + "WS-Management: POST /wsman    CIM-XML: POST /cimom\n"
                + "certificate CN: " + cn + "\n"
                + "certificate SHA-256: " + fingerprint + "\n";
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
