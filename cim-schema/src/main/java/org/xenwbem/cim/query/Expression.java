package org.xenwbem.cim.query;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The WHERE clause as an immutable tree. AND and OR are n-ary, so depth grows only with parentheses
 * and NOT (both bounded by the parser). {@link #toString()} renders canonical, fully parenthesised text.
 */
public sealed interface Expression
        permits Expression.And, Expression.Or, Expression.Not, Expression.Comparison, Expression.Like,
        Expression.IsNull, Expression.IsA {

    /** Comparison operators; {@code !=} parses as {@link #NE}. */
    enum Operator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** True for the operators that need an ordering, not just equality. */
        public boolean isOrdering() {
            return this != EQ && this != NE;
        }

        /** Whether a three-way comparison result satisfies this operator. */
        public boolean accepts(int cmp) {
            return switch (this) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
            };
        }

        static Operator forSymbol(String s) {
            for (Operator op : values()) {
                if (op.symbol.equals(s)) {
                    return op;
                }
            }
            return "!=".equals(s) ? NE : null;
        }
    }

    record And(List<Expression> operands) implements Expression {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public String toString() {
            return operands.stream().map(Object::toString).collect(Collectors.joining(" AND ", "(", ")"));
        }
    }

    record Or(List<Expression> operands) implements Expression {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public String toString() {
            return operands.stream().map(Object::toString).collect(Collectors.joining(" OR ", "(", ")"));
        }
    }

    record Not(Expression operand) implements Expression {
        @Override
        public String toString() {
            return "NOT " + (operand instanceof And || operand instanceof Or ? operand : "(" + operand + ")");
        }
    }

    record Comparison(Operand left, Operator op, Operand right) implements Expression {
        @Override
        public String toString() {
            return left + " " + op.symbol() + " " + right;
        }
    }

    record Like(Operand subject, LikePattern pattern, boolean negated) implements Expression {
        @Override
        public String toString() {
            return subject + (negated ? " NOT LIKE " : " LIKE ") + new Operand.Literal(pattern.text());
        }
    }

    record IsNull(Operand subject, boolean negated) implements Expression {
        @Override
        public String toString() {
            return subject + (negated ? " IS NOT NULL" : " IS NULL");
        }
    }

    /** {@code subject ISA className}; {@code column} locates the class name for bind errors. */
    record IsA(Operand subject, String className, int column) implements Expression {
        @Override
        public String toString() {
            return subject + " ISA " + new Operand.Literal(className);
        }
    }
}
