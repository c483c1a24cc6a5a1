package org.xenwbem.cim.query;

import java.util.ArrayList;
import java.util.List;

import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.query.QueryException.Reason;

/** Validates a parsed query against its FROM class (and the repository, for ISA class names). */
final class Binder {
    private Binder() {
    }

    static void check(CimClass cls, List<Operand.Property> selected, Expression where) throws QueryException {
        if (selected != null) {
            for (Operand.Property p : selected) {
                declared(cls, p);
            }
        }
        for (Expression leaf : predicates(where)) {
            for (Operand o : operands(leaf)) {
                if (o instanceof Operand.Property p) {
                    CimProperty decl = declared(cls, p);
                    if (leaf instanceof Expression.IsA && !isObject(decl)) {
                        throw new QueryException(Reason.TYPE_MISMATCH, p.column(), "ISA needs a reference or "
                                + "embedded instance, but " + decl.name() + " at column " + p.column() + " is a "
                                + decl.type().wireName() + (decl.array() ? "[]" : ""));
                    }
                }
            }
        }
    }

    static void checkClasses(ClassRepository repository, Expression where) throws QueryException {
        for (Expression leaf : predicates(where)) {
            if (leaf instanceof Expression.IsA isA && repository.get(isA.className()) == null) {
                throw new QueryException(Reason.UNKNOWN_CLASS, isA.column(), "unknown class " + isA.className()
                        + " after ISA at column " + isA.column());
            }
        }
    }

    private static CimProperty declared(CimClass cls, Operand.Property p) throws QueryException {
        CimProperty decl = cls.property(p.name());
        if (decl == null) {
            throw new QueryException(Reason.UNKNOWN_PROPERTY, p.column(), "unknown property " + p.name()
                    + " of class " + cls.name() + " at column " + p.column());
        }
        return decl;
    }

    private static boolean isObject(CimProperty p) {
        return p.type() == CimType.REFERENCE || p.qualifier("EmbeddedInstance") != null
                || p.qualifier("EmbeddedObject") != null;
    }

    /** The leaves (predicates) of the tree, left to right; depth is bounded by the parser. */
    static List<Expression> predicates(Expression e) {
        List<Expression> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expression e, List<Expression> out) {
        if (e instanceof Expression.And and) {
            and.operands().forEach(x -> collect(x, out));
        } else if (e instanceof Expression.Or or) {
            or.operands().forEach(x -> collect(x, out));
        } else if (e instanceof Expression.Not not) {
            collect(not.operand(), out);
        } else if (e != null) {
            out.add(e);
        }
    }

    private static List<Operand> operands(Expression leaf) {
        if (leaf instanceof Expression.Comparison c) {
            return List.of(c.left(), c.right());
        }
        if (leaf instanceof Expression.Like l) {
            return List.of(l.subject());
        }
        if (leaf instanceof Expression.IsNull n) {
            return List.of(n.subject());
        }
        return List.of(((Expression.IsA) leaf).subject());
    }
}
