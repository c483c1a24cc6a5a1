package org.xenwbem.provider.server;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Work the daemon's start runs beside its own thread (issue #15 item 4: on dom0's two or more cores the
 * start's steps that do not depend on each other overlap): each on a daemon thread of its own, named
 * {@code xenwbem-start-NAME}; what it yields, or the exception it ended with, is picked up where needed.
 */
final class Beside {
    private Beside() {
    }

    /** Starts {@code work}; the future completes with its result or its exception. */
    static <T> CompletableFuture<T> start(String name, Callable<T> work) {
        CompletableFuture<T> out = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                out.complete(work.call());
            } catch (Exception | Error e) { // this thread's boundary: handed to whoever waits for the result
                out.completeExceptionally(e);
            }
        }, "xenwbem-start-" + name);
        t.setDaemon(true);
        t.start();
        return out;
    }

    /** The result of {@code work}, waited for; its exception, as it was thrown, when it failed. */
    static <T> T join(CompletableFuture<T> work) throws Exception {
        try {
            return work.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw cause instanceof Exception ex ? ex : e;
        }
    }
}
