package org.xenwbem.cim;

import java.util.List;

/** A method parameter declaration. */
public record CimParameter(String name, CimType type, boolean array, String referenceClass,
                           List<CimQualifier> qualifiers) {
    public CimParameter {
        qualifiers = List.copyOf(qualifiers);
    }

    public boolean isIn() {
        CimQualifier q = qualifier("In");
        return q == null || !Boolean.FALSE.equals(q.value());
    }

    public boolean isOut() {
        CimQualifier q = qualifier("Out");
        return q != null && !Boolean.FALSE.equals(q.value());
    }

    public CimQualifier qualifier(String qname) {
        for (CimQualifier q : qualifiers) {
            if (q.name().equalsIgnoreCase(qname)) {
                return q;
            }
        }
        return null;
    }
}
