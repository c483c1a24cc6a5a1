package org.xenwbem.cim.xml;

/** XML that is well-formed but does not describe valid CIM data (unknown class or property, bad value). */
public class CimDecodeException extends Exception {
    public CimDecodeException(String message) {
        super(message);
    }

    public CimDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
