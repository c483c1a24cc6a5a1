package org.xenwbem.provider.wsman;

/**
 * One WS-Management action: from the decoded envelope to the response envelope. The built-in actions
 * are {@link TypedAction}s (decode, then execute, then encode); extensions registered from outside
 * the package are adapted to this interface.
 */
interface WsmanAction {
    CharSequence handle(WsmanRequest req, Exchange ex) throws WsmanFault;
}
