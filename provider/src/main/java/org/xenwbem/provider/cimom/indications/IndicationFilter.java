package org.xenwbem.provider.cimom.indications;

import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.query.Query;
import org.xenwbem.cim.query.QueryException;
import org.xenwbem.cim.query.QueryLanguage;

/**
 * Which indications a subscription receives: a scope class and an optional query.
 * <ul>
 * <li>Scope: an indication class (e.g. {@code Xen_ComputerSystemModification}, {@code CIM_InstIndication})
 *     selects indications of that class or a subclass; any other class (e.g. {@code Xen_ComputerSystem})
 *     selects every lifecycle indication whose SourceInstance is of that class. No scope (the wildcard
 *     resource URI, or a CIM-XML filter): the query's FROM class decides.</li>
 * <li>Query (WQL or the CQL subset) FROM an indication class is evaluated on the indication:
 *     {@code SourceInstance ISA Xen_ComputerSystem} works, embedded property paths such as
 *     {@code SourceInstance.EnabledState} are not in the query grammar. A query FROM any other class
 *     is evaluated on the SourceInstance: {@code SELECT * FROM Xen_ComputerSystem WHERE EnabledState = 2}
 *     selects the indications about VMs that are (or, for a deletion, were last) running.</li>
 * </ul>
 * The SELECT list is checked but not applied: indications are delivered whole.
 */
public final class IndicationFilter {
    /** Why a filter was refused; the protocols render each reason as their own fault. */
    public static final class FilterException extends Exception {
        public enum Reason { UNKNOWN_SCOPE, INVALID_QUERY, UNKNOWN_CLASS }

        private final Reason reason;

        FilterException(Reason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    private final IndicationSchema schema;
    private final String scope;
    private final boolean scopeIsIndication;
    private final Query query;
    private final boolean queryOnIndication;

    private IndicationFilter(IndicationSchema schema, String scope, Query query) {
        this.schema = schema;
        this.scope = scope;
        this.scopeIsIndication = scope != null && schema.isIndicationClass(scope);
        this.query = query;
        this.queryOnIndication = query != null && schema.isIndicationClass(query.fromClass());
    }

    /**
     * @param scope    the resource URI's class, or null for none
     * @param language null when there is no query
     */
    public static IndicationFilter of(IndicationSchema schema, String scope, QueryLanguage language, String text)
            throws FilterException {
        ClassRepository repo = schema.repository();
        if (scope != null && repo.get(scope) == null) {
            throw new FilterException(FilterException.Reason.UNKNOWN_SCOPE, "no class " + scope, null);
        }
        String scopeName = scope == null ? null : repo.get(scope).name();
        if (language == null) {
            if (scopeName == null) {
                throw new FilterException(FilterException.Reason.INVALID_QUERY,
                        "a subscription without a class needs a query filter", null);
            }
            return new IndicationFilter(schema, scopeName, null);
        }
        Query q = parse(repo, language, text);
        IndicationFilter f = new IndicationFilter(schema, scopeName, q);
        f.checkConsistent();
        return f;
    }

    private static Query parse(ClassRepository repo, QueryLanguage language, String text) throws FilterException {
        try {
            return language.parse(text == null ? "" : text.trim()).bind(repo);
        } catch (QueryException e) {
            FilterException.Reason r = e.reason() == QueryException.Reason.UNKNOWN_CLASS
                    ? FilterException.Reason.UNKNOWN_CLASS : FilterException.Reason.INVALID_QUERY;
            throw new FilterException(r, e.getMessage(), e);
        }
    }

    /** A query on the same side as the scope must be able to select something within it. */
    private void checkConsistent() throws FilterException {
        if (scope == null || queryOnIndication != scopeIsIndication) {
            return;
        }
        ClassRepository repo = schema.repository();
        String from = query.fromClass();
        if (!repo.isA(from, scope) && !repo.isA(scope, from)) {
            throw new FilterException(FilterException.Reason.INVALID_QUERY, "the query selects from " + from
                    + ", which is unrelated to the subscribed class " + scope, null);
        }
    }

    /** Whether the indication is delivered to this filter's subscriber. */
    public boolean accepts(Indication ind) {
        ClassRepository repo = schema.repository();
        if (scope != null) {
            String tested = scopeIsIndication ? ind.className() : ind.source().className();
            if (!repo.isA(tested, scope)) {
                return false;
            }
        }
        if (query == null) {
            return true;
        }
        return queryOnIndication ? query.matches(schema.evaluationView(ind), repo) : query.matches(ind.source(), repo);
    }

    public String describe() {
        return (scope == null ? "" : scope) + (query == null ? "" : " [" + query.text() + "]");
    }
}
