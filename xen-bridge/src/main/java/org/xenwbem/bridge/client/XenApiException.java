package org.xenwbem.bridge.client;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A XenAPI {@code Failure}: the error code, its parameters and its entry in {@link XenApiError}.
 * The message redacts every {@code OpaqueRef:} parameter, so that session references never reach logs.
 */
public final class XenApiException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final String REF_PREFIX = "OpaqueRef:";

    private final XenApiError error;
    private final String code;
    private final List<String> params;

    public XenApiException(List<String> errorDescription) {
        super(describe(errorDescription));
        this.code = errorDescription.isEmpty() ? "" : errorDescription.get(0);
        this.error = XenApiError.fromCode(code);
        this.params = errorDescription.isEmpty() ? List.of() : List.copyOf(errorDescription.subList(1, errorDescription.size()));
    }

    public XenApiError error() {
        return error;
    }

    /** The code exactly as xapi sent it (e.g. {@code SR_BACKEND_FAILURE_46}). */
    public String code() {
        return code;
    }

    public List<String> params() {
        return params;
    }

    /** The parameter with that documented name, or "" when absent. */
    public String param(String name) {
        int i = error.paramNames().indexOf(name);
        return i >= 0 && i < params.size() ? params.get(i) : "";
    }

    public XenApiError.Category category() {
        return error.category();
    }

    private static String describe(List<String> desc) {
        return desc.stream()
                .map(p -> p.startsWith(REF_PREFIX) ? REF_PREFIX + "…" : p)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
