package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * The simulator's HTTP server keeps its large input buffers for the next request: with Jetty's default
 * pool (nothing above 64 KiB kept) each request on a kept-alive connection allocated a fresh 256 KiB
 * direct buffer, and under load the JDK's direct-memory limit then forced System.gc() full collections
 * every few seconds, half-second stalls of every xapi call in flight (SoakBenchmark's Invoke tail).
 */
class SimServerBuffersTest {
    private static final int REQUESTS = 200;

    @Test
    void requestsOnAKeptAliveConnectionReuseOneInputBuffer() throws Exception {
        SimServer server = new SimServer();
        int port = server.start(new Echo(), "127.0.0.1", 0, SimEndpoint.POOL, Map.of());
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI url = URI.create("http://127.0.0.1:" + port + "/");
            long before = directBuffers();
            for (int i = 0; i < REQUESTS; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url)
                        .POST(HttpRequest.BodyPublishers.ofString("<methodCall>" + i + "</methodCall>")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
            }
            long grown = directBuffers() - before;
            assertTrue(grown < REQUESTS / 4, grown + " direct buffers allocated for " + REQUESTS + " requests");
            // the input buffer went back to the pool after each request and came out again for the next
            ArrayByteBufferPool pool = (ArrayByteBufferPool) server.buffers();
            assertTrue(pool.getMaxCapacity() >= SimServer.INPUT_BUFFER, "pooled up to " + pool.getMaxCapacity());
            assertTrue(pool.getDirectMemory() >= SimServer.INPUT_BUFFER,
                    "the pool keeps no input buffer: " + pool.getDirectMemory() + " bytes pooled");
        } finally {
            server.stop();
        }
    }

    private static long directBuffers() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getCount).sum();
    }

    /** Reads the body and answers 200 with it. */
    private static final class Echo extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String body = Content.Source.asString(request);
            response.setStatus(200);
            response.write(true, java.nio.ByteBuffer.wrap(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    callback);
            return true;
        }
    }
}
