package org.xenwbem.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * XenAPI calls from test code, as another xapi client would make them: JSON-RPC to the simulated
 * pool over a dom0-style Unix socket (which logs anyone in as the local superuser).
 */
final class XapiCall {
    private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*\"([^\"]*)\"");

    private XapiCall() {
    }

    /** VDI.create on the SR behind {@code srRef}; returns the new VDI's ref. */
    static String createVdi(DaemonFixture fx, String srRef, String name, long size) throws IOException {
        return call(fx, "VDI.create", "{\"name_label\":\"" + name + "\",\"name_description\":\"\","
                + "\"SR\":\"" + srRef + "\",\"virtual_size\":\"" + size + "\",\"type\":\"user\",\"sharable\":false,"
                + "\"read_only\":false,\"other_config\":{},\"sm_config\":{},\"xenstore_data\":{}}");
    }

    /** {@code method(session, <params>)} where {@code params} is the JSON of the further arguments; its string result. */
    static String call(DaemonFixture fx, String method, String params) throws IOException {
        Path socket = fx.scratch("xapi").resolve("xapi.sock");
        if (!socket.toFile().exists()) {
            fx.daemon.simulatedPool(SimulatedPool.class).startUnixSocket(socket);
        }
        String session = call(socket, "session.login_with_password", "\"root\",\"\",\"1.0\",\"xenwbem-tests\"");
        return call(socket, method, "\"" + session + "\"," + params);
    }

    private static String call(Path socket, String method, String params) throws IOException {
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + params + "]}")
                .getBytes(StandardCharsets.UTF_8);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            String head = "POST /jsonrpc HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            ch.write(ByteBuffer.wrap(body));
            InputStream in = Channels.newInputStream(ch);
            String response = readResponse(in);
            Matcher m = RESULT.matcher(response);
            if (!m.find()) {
                throw new IOException(method + " failed: " + response);
            }
            return m.group(1);
        }
    }

    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = -1;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
        return new String(body, StandardCharsets.UTF_8);
    }
}
