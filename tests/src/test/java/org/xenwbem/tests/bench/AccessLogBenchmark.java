package org.xenwbem.tests.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xenwbem.provider.server.Logging;
import org.xenwbem.tests.AccessLogFloodTest;
import org.xenwbem.tests.DaemonFixture;
import org.xenwbem.tests.RawHttps;

/**
 * Issue #15 item 5: bytes the daemon's log file grows by for 10,000 Identify requests from one
 * client (4 keep-alive connections), every line written one by one (before) and with identical
 * lines counted (after, the daemon's default). Printed, not asserted.
 */
@Tag("benchmark")
class AccessLogBenchmark {
    static final int REQUESTS = 10_000;

    @Test
    void logBytesPerTenThousandIdentify() throws Exception {
        BenchReport out = new BenchReport("access-log");
        HttpClient client = RawHttps.client();
        Path dir = Files.createTempDirectory("xenwbem-bench-access-log");
        try (DaemonFixture fx = new DaemonFixture(2)) {
            AccessLogFloodTest.flood(client, fx.wsmanUrl(), "root", DaemonFixture.PASSWORD, 500, 4); // warm-up
            Logging.Keeping eachLine = new Logging.Keeping(0, 5, Duration.ZERO);
            Logging.Keeping counted = Logging.Keeping.DEFAULT;
            for (var run : new Object[][] {{"before", eachLine}, {"after", counted}}) {
                Path file = dir.resolve(run[0] + ".log");
                long start = System.nanoTime();
                try (AutoCloseable logging = Logging.configure("INFO", file, (Logging.Keeping) run[1])) {
                    AccessLogFloodTest.flood(client, fx.wsmanUrl(), "root", DaemonFixture.PASSWORD, REQUESTS, 4);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                out.print("access-log.bytes-per-10k-identify." + run[0], Files.size(file), "bytes");
                out.print("access-log.lines-per-10k-identify." + run[0], Files.readAllLines(file).size(), "lines");
                out.print("access-log.identify-rate." + run[0], REQUESTS / seconds, "req/s");
            }
        }
    }
}
