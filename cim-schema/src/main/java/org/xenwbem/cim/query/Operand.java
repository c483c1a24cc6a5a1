package org.xenwbem.cim.query;

/** One side of a predicate: a property of the instance, a literal, or the instance itself (for ISA). */
public sealed interface Operand permits Operand.Property, Operand.Literal, Operand.Self {

    /** A property reference; {@code column} is where it appears in the query text (for errors). */
    record Property(String name, int column) implements Operand {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A constant: String, Long, Double, Boolean, or null for NULL. */
    record Literal(Object value) implements Operand {
        @Override
        public String toString() {
            if (value instanceof String s) {
                return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
            }
            if (value instanceof Boolean b) {
                return b ? "TRUE" : "FALSE";
            }
            return value == null ? "NULL" : value.toString();
        }
    }

    /** The instance being tested, written {@code __THIS}, the FROM class name or its alias. */
    record Self() implements Operand {
        @Override
        public String toString() {
            return "__THIS";
        }
    }
}
