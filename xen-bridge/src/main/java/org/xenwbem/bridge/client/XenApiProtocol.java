package org.xenwbem.bridge.client;

/**
 * The wire protocol a {@link XenApiConnection} speaks (xenapi.md §2.2–2.4). XML-RPC is the default
 * and what every xapi version serves; JSON-RPC is served on {@code /jsonrpc} by xapi ≥ 1.x of XenServer 7.
 * Values decode alike except that JSON-RPC carries int64 as numbers ({@link Long}) where XML-RPC
 * carries decimal strings, and dates as {@code 20240420T12:00:00Z} strings where XML-RPC has
 * {@link java.time.Instant}.
 */
public enum XenApiProtocol {
    /** {@code POST} the XML-RPC call to the configured URL. */
    XML_RPC,
    /** JSON-RPC 2.0 on {@code /jsonrpc}. */
    JSON_RPC,
    /** JSON-RPC 1.0 on {@code /jsonrpc}. */
    JSON_RPC_V1
}
