package org.xenwbem.bridge.xmlrpc;

import java.util.List;

/** A decoded {@code <methodCall>}: the method name and its decoded parameter values. */
public record MethodCall(String methodName, List<Object> params) {
    public MethodCall {
        params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }

    /** Never prints parameters: the first one is usually a session reference or a password. */
    @Override
    public String toString() {
        return "MethodCall[" + methodName + ", " + params.size() + " params]";
    }
}
