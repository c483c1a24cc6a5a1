package org.xenwbem.cim;

import java.util.List;

/** A method declaration: return type, parameters, qualifiers. */
public record CimMethod(String name, CimType returnType, List<CimParameter> parameters,
                        List<CimQualifier> qualifiers, String classOrigin, boolean propagated) {
    public CimMethod {
        parameters = List.copyOf(parameters);
        qualifiers = List.copyOf(qualifiers);
    }

    public CimParameter parameter(String pname) {
        for (CimParameter p : parameters) {
            if (p.name().equalsIgnoreCase(pname)) {
                return p;
            }
        }
        return null;
    }

    public CimMethod inherited() {
        return new CimMethod(name, returnType, parameters, qualifiers, classOrigin, true);
    }
}
