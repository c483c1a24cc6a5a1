package org.xenwbem.bridge.storagetest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads {@link WatchdogChild}'s "READY key=value ..." line (everything before it is kept for the failure message). */
final class WatchdogChildOutput {
    private WatchdogChildOutput() {
    }

    static Map<String, String> awaitReady(Process child, int seconds) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        CompletableFuture<Map<String, String>> ready = CompletableFuture.supplyAsync(() -> read(child, seen));
        try {
            return ready.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("child JVM never got ready: " + seen, e);
        }
    }

    private static Map<String, String> read(Process child, StringBuilder seen) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("READY ")) {
                    Map<String, String> kv = new HashMap<>();
                    for (String pair : line.substring(6).split(" ")) {
                        kv.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                    }
                    return kv;
                }
                synchronized (seen) {
                    seen.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("child JVM exited before READY");
    }
}
