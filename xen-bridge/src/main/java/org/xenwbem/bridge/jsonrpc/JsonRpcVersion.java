package org.xenwbem.bridge.jsonrpc;

/** The two JSON-RPC dialects xapi serves on {@code /jsonrpc} (xenapi.md §2.4). */
public enum JsonRpcVersion {
    /** {@code {"method","params","id"}} → {@code {"result","error":["CODE",…],"id"}}. */
    V1,
    /** {@code {"jsonrpc":"2.0",…}} → {@code {"jsonrpc":"2.0","result"|"error":{code:1,message,data},"id"}}. */
    V2
}
