package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue #15 items 1 and 4: the daemon reaches xapi without the JDK's {@code java.net.http} client (≈ 330
 * classes of metaspace outside the JDK's class-data archive, a selector thread and its buffers). A
 * daemon in a JVM of its own, {@code serve} against a simulated xapi in another, with
 * {@code -Xlog:class+load}: through its start, the pool mirror's first load and its event polls, and the
 * RRD sampler's first reads of {@code /rrd_updates} (seen in the log by the class that streams a GET's
 * body), no class of {@code java.net.http} or of its implementation is loaded.
 */
class StartClassesTest {
    private static final String PASSWORD = "start-Classes-15";
    /** Loaded when a GET of xapi's HTTP handlers has been read: the RRD sampler has run. */
    private static final String GET_READ = "org.xenwbem.bridge.client.PooledBody";

    @Test
    void theDaemonReachesXapiWithoutLoadingTheJdkHttpClient() throws Exception {
        Path dir = Files.createTempDirectory("xenwbem-start-classes");
        Path classLog = dir.resolve("class-load.txt");
        try (ChildDaemon xapi = ChildDaemon.pool(8, PASSWORD, "256m");
             ChildDaemon daemon = ChildDaemon.serving(List.of("-Xlog:class+load=info:file=" + classLog),
                     xapi.xapiUrl(), PASSWORD)) {
            long until = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < until && !(daemon.log().contains("pool mirror synced")
                    && Files.readString(classLog, StandardCharsets.UTF_8).contains(GET_READ))) {
                Thread.sleep(200);
            }
            String loaded = Files.readString(classLog, StandardCharsets.UTF_8);
            assertTrue(daemon.log().contains("pool mirror synced"), "the pool is loaded: " + daemon.logTail());
            assertTrue(loaded.contains(GET_READ), "the RRD sampler has read /rrd_updates: " + daemon.logTail());
            assertTrue(loaded.contains("org.xenwbem.bridge.client.TcpTransport "), "the log covers the bridge");
            List<String> jdkHttp = loaded.lines()
                    .filter(l -> l.contains(" java.net.http.") || l.contains(" jdk.internal.net.http."))
                    .collect(Collectors.toList());
            assertEquals(List.of(), jdkHttp, "no class of the JDK's HTTP client");
        } finally {
            Files.deleteIfExists(classLog);
            Files.deleteIfExists(dir);
        }
    }
}
