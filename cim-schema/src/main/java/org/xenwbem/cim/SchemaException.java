package org.xenwbem.cim;

/** A class declaration that cannot be resolved: unknown superclass, duplicate, cycle, bad MOF. */
public class SchemaException extends RuntimeException {
    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
