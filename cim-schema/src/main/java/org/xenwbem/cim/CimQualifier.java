package org.xenwbem.cim;

import java.util.Objects;

/** A qualifier value on a class, property, method or parameter (DSP0004 §5.6). */
public record CimQualifier(String name, CimType type, boolean array, Object value) {
    public CimQualifier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        value = CimValues.freeze(value);
    }

    public static CimQualifier flag(String name) {
        return new CimQualifier(name, CimType.BOOLEAN, false, Boolean.TRUE);
    }
}
