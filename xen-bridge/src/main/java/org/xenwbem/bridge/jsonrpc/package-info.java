/**
 * JSON-RPC wire codec for XenAPI (xenapi.md §2.4; internal to xen-bridge): a small bounded JSON
 * reader and writer (no third-party library), and the JSON-RPC v1 and v2 envelopes xapi serves on
 * {@code POST /jsonrpc}: v2 exactly when the body has {@code "jsonrpc":"2.0"}; v2 errors are
 * {@code {"code":1,"message":CODE,"data":[params]}}, v1 errors {@code ["CODE",params…]}. Int64 travels
 * as a JSON number, dates as {@code 20240420T12:00:00Z} strings. No I/O beyond a bounded body.
 */
package org.xenwbem.bridge.jsonrpc;
