package org.xenwbem.provider.wsman;

/** One WS-Management action: decode its body, call the CIM core, return the response envelope. */
interface WsmanAction {
    String handle(WsmanRequest req, Exchange ex) throws WsmanFault;
}
