package org.xenwbem.provider.server.http;

import java.io.IOException;

/** A request body did not arrive in the time allowed for it (answered HTTP 408). */
public final class RequestTimeout extends IOException {
    RequestTimeout(String message) {
        super(message);
    }

    /** True when {@code failure}, or one of its causes, is a body or idle timeout. */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RequestTimeout || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
