package org.xenwbem.bridge.xmlrpc;

/** A body that is not well-formed XML-RPC (or not the shape XenAPI uses). */
public final class XmlRpcFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public XmlRpcFormatException(String message) {
        super(message);
    }

    public XmlRpcFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
