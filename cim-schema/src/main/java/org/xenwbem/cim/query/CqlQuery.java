package org.xenwbem.cim.query;

/**
 * Entry point for the CQL (DSP0202) subset: the WQL grammar, single-quoted strings, ISA and
 * class-qualified property names ({@code FROM CIM_System AS s WHERE s.Name = 'x'}).
 */
public final class CqlQuery {
    private CqlQuery() {
    }

    public static Query parse(String text) throws QueryException {
        return Parser.parse(text, QueryLanguage.CQL);
    }
}
