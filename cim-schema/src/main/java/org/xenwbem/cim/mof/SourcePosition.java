package org.xenwbem.cim.mof;

import org.xenwbem.cim.SchemaException;

/** A place in a MOF file; line and column are 1-based. */
record SourcePosition(String file, int line, int column) {

    /** A SchemaException whose message starts with this position. */
    SchemaException error(String message) {
        return new SchemaException(this + ": " + message);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
