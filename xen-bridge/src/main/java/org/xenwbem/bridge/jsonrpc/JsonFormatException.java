package org.xenwbem.bridge.jsonrpc;

/** A body that is not well-formed JSON, exceeds the reader's bounds, or is not a JSON-RPC message. */
public final class JsonFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public JsonFormatException(String message) {
        super(message);
    }
}
