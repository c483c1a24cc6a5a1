package org.xenwbem.cim.query;

import java.util.List;
import java.util.Objects;

import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;

/**
 * A parsed query: {@code SELECT list FROM class WHERE expression}. Immutable and thread-safe.
 * Typical use: {@code WqlQuery.parse(text).bind(repository)} before running (both throw
 * {@link QueryException}), then {@link #matches} and {@link #project} per instance.
 */
public final class Query {
    private final QueryLanguage language;
    private final String text;
    private final String fromClass;
    private final int fromColumn;
    private final List<Operand.Property> selected;
    private final Expression where;
    private final CimClass boundClass;

    Query(QueryLanguage language, String text, String fromClass, int fromColumn, List<Operand.Property> selected,
          Expression where, CimClass boundClass) {
        this.language = language;
        this.text = text;
        this.fromClass = fromClass;
        this.fromColumn = fromColumn;
        this.selected = selected == null ? null : List.copyOf(selected);
        this.where = where;
        this.boundClass = boundClass;
    }

    public QueryLanguage language() {
        return language;
    }

    /** The query text as received. */
    public String text() {
        return text;
    }

    /** The class named after FROM, as written (or as the class spells it once bound). */
    public String fromClass() {
        return fromClass;
    }

    /**
     * The selected property names as written, or null for {@code *} (the convention of
     * {@link CimInstance#project(List)}: null = all properties).
     */
    public List<String> selectList() {
        return selected == null ? null : selected.stream().map(Operand.Property::name).toList();
    }

    /** The WHERE clause, or null when there is none. */
    public Expression where() {
        return where;
    }

    /** The class this query was bound to, or null before {@link #bind}. */
    public CimClass boundClass() {
        return boundClass;
    }

    /**
     * Checks every property in the select list and WHERE clause against the FROM class, and that ISA
     * is applied only to the instance or to references. Call before running so that a bad query
     * becomes a fault (CIM_ERR_INVALID_QUERY, wsen:CannotProcessFilter) rather than an empty result.
     *
     * @throws IllegalArgumentException when {@code fromClass} is not the class named after FROM
     */
    public Query bind(CimClass cls) throws QueryException {
        if (!cls.name().equalsIgnoreCase(fromClass)) {
            throw new IllegalArgumentException("query is FROM " + fromClass + ", not " + cls.name());
        }
        Binder.check(cls, selected, where);
        return new Query(language, text, cls.name(), fromColumn, selected, where, cls);
    }

    /** As {@link #bind(CimClass)}, resolving the FROM class and checking ISA class names in the repository. */
    public Query bind(ClassRepository repository) throws QueryException {
        CimClass cls = repository.get(fromClass);
        if (cls == null) {
            throw new QueryException(QueryException.Reason.UNKNOWN_CLASS, fromColumn,
                    "unknown class " + fromClass + " at column " + fromColumn);
        }
        Binder.checkClasses(repository, where);
        return bind(cls);
    }

    /**
     * Whether the instance is of the FROM class (or a subclass) and satisfies the WHERE clause.
     * Never throws for any instance; see the package documentation for comparison rules.
     */
    public boolean matches(CimInstance instance, ClassRepository repository) {
        Objects.requireNonNull(repository, "repository");
        if (!repository.isA(instance.className(), fromClass)) {
            return false;
        }
        return where == null || new Evaluator(instance, repository).test(where);
    }

    /** The instance reduced to its keys plus the selected properties ({@code *}: unchanged). */
    public CimInstance project(CimInstance instance) {
        return instance.project(selectList());
    }

    @Override
    public String toString() {
        return text;
    }
}
