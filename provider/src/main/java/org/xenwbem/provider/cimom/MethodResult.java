package org.xenwbem.provider.cimom;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an extrinsic method returned: its ReturnValue and its output parameters by name. */
public record MethodResult(Object returnValue, Map<String, Object> out) {
    public MethodResult {
        out = Collections.unmodifiableMap(new LinkedHashMap<>(out));
    }

    public static MethodResult of(long returnValue) {
        return new MethodResult(returnValue, Map.of());
    }
}
