package org.xenwbem.cim.xml;

/** A document that is not well-formed, or that the hardened parser refuses. */
public class XmlException extends Exception {
    public XmlException(String message, Throwable cause) {
        super(message, cause);
    }

    public XmlException(String message) {
        super(message);
    }
}
