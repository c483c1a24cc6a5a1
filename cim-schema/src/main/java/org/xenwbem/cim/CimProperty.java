package org.xenwbem.cim;

import java.util.List;
import java.util.Objects;

/**
 * A property declaration of a class. {@code referenceClass} is set for references only;
 * {@code classOrigin} names the class that declared it first.
 */
public record CimProperty(String name, CimType type, boolean array, String referenceClass,
                          List<CimQualifier> qualifiers, Object defaultValue, String classOrigin,
                          boolean propagated) {
    public CimProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        qualifiers = List.copyOf(qualifiers);
        defaultValue = CimValues.freeze(defaultValue);
    }

    public boolean isKey() {
        return qualifier("Key") != null && !Boolean.FALSE.equals(qualifier("Key").value());
    }

    public CimQualifier qualifier(String qname) {
        for (CimQualifier q : qualifiers) {
            if (q.name().equalsIgnoreCase(qname)) {
                return q;
            }
        }
        return null;
    }

    /** The same declaration as inherited by a subclass. */
    public CimProperty inherited() {
        return new CimProperty(name, type, array, referenceClass, qualifiers, defaultValue, classOrigin, true);
    }
}
