package org.xenwbem.cim.query;

import java.util.List;

import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimValues;
import org.xenwbem.cim.ClassRepository;

/** Evaluates a WHERE tree against one instance; never throws for any instance or tree. */
final class Evaluator {
    private final CimInstance instance;
    private final ClassRepository repository;

    Evaluator(CimInstance instance, ClassRepository repository) {
        this.instance = instance;
        this.repository = repository;
    }

    boolean test(Expression e) {
        if (e instanceof Expression.And and) {
            return and.operands().stream().allMatch(this::test);
        }
        if (e instanceof Expression.Or or) {
            return or.operands().stream().anyMatch(this::test);
        }
        if (e instanceof Expression.Not not) {
            return !test(not.operand());
        }
        if (e instanceof Expression.Comparison c) {
            return Values.test(value(c.left()), c.op(), value(c.right()));
        }
        if (e instanceof Expression.Like like) {
            return like(value(like.subject()), like.pattern(), like.negated());
        }
        if (e instanceof Expression.IsNull n) {
            return (value(n.subject()) == null) != n.negated();
        }
        Expression.IsA isA = (Expression.IsA) e;
        return isA(value(isA.subject()), isA.className());
    }

    private Object value(Operand o) {
        if (o instanceof Operand.Property p) {
            return instance.get(p.name());
        }
        if (o instanceof Operand.Literal l) {
            return l.value();
        }
        return instance;
    }

    private static boolean like(Object v, LikePattern pattern, boolean negated) {
        if (v == null) {
            return false;
        }
        if (v instanceof List<?> list) {
            return list.stream().anyMatch(e -> like(e, pattern, negated));
        }
        String text = v instanceof String s ? s : CimValues.toText(v);
        return pattern.matches(text) != negated;
    }

    private boolean isA(Object v, String className) {
        if (v instanceof List<?> list) {
            return list.stream().anyMatch(e -> isA(e, className));
        }
        String actual = v instanceof CimInstance i ? i.className()
                : v instanceof CimObjectPath p ? p.className() : null;
        return actual != null && repository.isA(actual, className);
    }
}
