package org.xenwbem.cim.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.xenwbem.cim.query.Fixtures.REPO;

import org.junit.jupiter.api.Test;
import org.xenwbem.cim.query.QueryException.Reason;

/** Every error is a QueryException with a reason, a column and a precise message. */
class QueryErrorTest {

    private static QueryException parseError(String text) {
        return assertThrows(QueryException.class, () -> WqlQuery.parse(text));
    }

    private static void syntax(String text, int column, String message) {
        QueryException e = parseError(text);
        assertEquals(message, e.getMessage());
        assertEquals(column, e.column());
        assertEquals(Reason.SYNTAX, e.reason());
    }

    private static void unsupported(String text, int column, String message) {
        QueryException e = parseError(text);
        assertEquals(message, e.getMessage());
        assertEquals(column, e.column());
        assertEquals(Reason.UNSUPPORTED, e.reason());
    }

    private static QueryException bindError(String text) {
        return assertThrows(QueryException.class, () -> WqlQuery.parse(text).bind(REPO));
    }

    @Test
    void unexpectedTokens() {
        syntax("SELECT * FROM T WHERE Caption == 'x'", 32,
                "unexpected '=' at column 32; expected a property name or a literal after =");
        syntax("SELECT * FROM T WHERE Caption 'x'", 31,
                "unexpected 'x' at column 31; expected a comparison operator (=, <>, !=, <, >, <=, >=), LIKE, IS "
                        + "or ISA after Caption");
        syntax("SELECT * FROM T WHERE", 22, "unexpected end of query at column 22; expected a property name, "
                + "a literal, NOT or '('");
        syntax("SELECT * T", 10, "unexpected 'T' at column 10; expected FROM after '*'");
        syntax("SELECT A B FROM T", 10, "unexpected 'B' at column 10; expected ',' or FROM after the select list");
        syntax("SELECT FROM T", 8, "unexpected 'FROM' at column 8; expected a property name or '*' in the select list");
        syntax("SELECT * FROM", 14, "unexpected end of query at column 14; expected a class name after FROM");
        syntax("SELECT * FROM T WHERE A = 1 B", 29, "unexpected 'B' at column 29; expected AND, OR or end of query");
        syntax("SELECT * FROM T x y", 19, "unexpected 'y' at column 19; expected WHERE or end of query");
        syntax("SELECT * FROM T WHERE (A = 1", 29,
                "unexpected end of query at column 29; expected AND, OR or ')' to close the '(' at column 23");
        syntax("SELECT * FROM T WHERE A = 1)", 28, "unexpected ')' at column 28; expected AND, OR or end of query");
        syntax("DELETE FROM T", 1, "unexpected 'DELETE' at column 1; expected SELECT");
        syntax("SELECT * FROM T WHERE A IS 5", 28, "unexpected '5' at column 28; expected NULL or NOT after IS");
        syntax("SELECT * FROM T WHERE A NOT = 5", 29, "unexpected '=' at column 29; expected LIKE after NOT");
        syntax("SELECT * FROM T WHERE A LIKE B", 30, "unexpected 'B' at column 30; expected a quoted pattern after LIKE");
        syntax("SELECT * FROM T WHERE ISA 5", 27, "unexpected '5' at column 27; expected a class name after ISA");
        syntax("SELECT * FROM T WHERE A < NULL", 25,
                "NULL cannot be compared with < at column 25; use IS NULL or IS NOT NULL");
        syntax("SELECT * FROM T WHERE X.A = 1", 23, "unknown qualifier X at column 23; expected T");
        syntax("SELECT * FROM T WHERE AND = 1", 23,
                "unexpected 'AND' at column 23; expected a property name, a literal, NOT or '('");
    }

    @Test
    void badLiterals() {
        syntax("SELECT * FROM T WHERE A = 'abc", 27, "unterminated string starting at column 27: missing closing '");
        syntax("SELECT * FROM T WHERE A = \"abc\\\"", 27,
                "unterminated string starting at column 27: missing closing \"");
        syntax("SELECT * FROM T WHERE A = 'a\\nb'", 29,
                "invalid escape '\\n' at column 29 (only \\\\, \\\" and \\' are allowed)");
        syntax("SELECT * FROM T WHERE A = 12abc", 27, "malformed number '12abc' at column 27");
        syntax("SELECT * FROM T WHERE A = 0x", 27, "malformed number '0x' at column 27");
        syntax("SELECT * FROM T WHERE A = 1.2.3", 27, "malformed number '1.2.3' at column 27");
        syntax("SELECT * FROM T WHERE A = 99999999999999999999", 27,
                "number '99999999999999999999' at column 27 is out of range");
        syntax("SELECT * FROM T WHERE A = 0x1FFFFFFFFFFFFFFFF", 27,
                "number '0x1FFFFFFFFFFFFFFFF' at column 27 is out of range");
        syntax("SELECT * FROM T WHERE A = 1e999", 27, "number '1e999' at column 27 is out of range");
        syntax("SELECT * FROM T WHERE A = #", 27, "unexpected character '#' at column 27");
        syntax("SELECT * FROM T WHERE A = 1;", 28, "unexpected character ';' at column 28");
        syntax("SELECT * FROM T WHERE A = \u0000", 27, "unexpected character U+0000 at column 27");
        syntax("SELECT * FROM T WHERE A LIKE 'x[a'", 30,
                "unterminated '[' in the LIKE pattern at column 30: missing ']'");
    }

    @Test
    void unsupportedConstructs() {
        unsupported("ASSOCIATORS OF {T.InstanceID='x'}", 1, "ASSOCIATORS OF queries are not supported; use the "
                + "Associators operation or a WS-Management association filter (at column 1)");
        unsupported("  references of {T.InstanceID='x'}", 3, "REFERENCES OF queries are not supported; use the "
                + "References operation or a WS-Management association filter (at column 3)");
        unsupported("SELECT * FROM A, B", 16, "a query over several classes (',' in FROM) is not supported "
                + "(at column 16)");
        unsupported("SELECT * FROM A JOIN B ON A.X = B.Y", 17, "JOIN is not supported (at column 17)");
        unsupported("SELECT * FROM A INNER JOIN B", 17, "JOIN is not supported (at column 17)");
        unsupported("SELECT * FROM A WHERE X = 1 ORDER BY X", 29, "ORDER BY is not supported (at column 29)");
        unsupported("SELECT * FROM A GROUP BY X", 17, "GROUP BY is not supported (at column 17)");
        unsupported("SELECT * FROM __InstanceCreationEvent WITHIN 5", 39,
                "WITHIN (event queries) is not supported (at column 39)");
        unsupported("SELECT DISTINCT X FROM A", 8, "SELECT DISTINCT is not supported (at column 8)");
        unsupported("SELECT COUNT(*) FROM A", 8, "SELECT COUNT is not supported (at column 8)");
        unsupported("SELECT UPPER(X) FROM A", 8, "function UPPER() is not supported (at column 8)");
        unsupported("SELECT * FROM A WHERE UPPER(X) = 'A'", 23, "function UPPER() is not supported (at column 23)");
        unsupported("SELECT * FROM A WHERE X IN (1, 2)", 25, "the IN operator is not supported (at column 25)");
        unsupported("SELECT * FROM A WHERE X BETWEEN 1 AND 2", 25,
                "the BETWEEN operator is not supported (at column 25)");
        unsupported("SELECT * FROM A WHERE (SELECT X FROM B) = 1", 24, "subqueries are not supported (at column 24)");
        unsupported("SELECT * FROM A WHERE X LIKE 'a!%' ESCAPE '!'", 36,
                "LIKE ... ESCAPE is not supported; write [%] or [_] for a literal % or _ (at column 36)");
    }

    @Test
    void bindErrors() {
        QueryException e = bindError("SELECT * FROM T_System WHERE Caption = 'a' AND Colour = 'red'");
        assertEquals("unknown property Colour of class T_System at column 48", e.getMessage());
        assertEquals(Reason.UNKNOWN_PROPERTY, e.reason());
        assertEquals(48, e.column());

        e = bindError("SELECT Name, Size FROM T_System");
        assertEquals("unknown property Size of class T_System at column 14", e.getMessage());

        e = bindError("SELECT Name FROM T_Disk");
        assertEquals("unknown property Name of class T_Disk at column 8", e.getMessage());

        e = bindError("SELECT * FROM T_Nothing");
        assertEquals("unknown class T_Nothing at column 15", e.getMessage());
        assertEquals(Reason.UNKNOWN_CLASS, e.reason());

        e = bindError("SELECT * FROM T_Link WHERE Antecedent ISA T_Nothing");
        assertEquals("unknown class T_Nothing after ISA at column 43", e.getMessage());
        assertEquals(Reason.UNKNOWN_CLASS, e.reason());

        e = bindError("SELECT * FROM T_System WHERE Name ISA 'T_Element'");
        assertEquals("ISA needs a reference or embedded instance, but Name at column 30 is a string",
                e.getMessage());
        assertEquals(Reason.TYPE_MISMATCH, e.reason());

        e = bindError("SELECT * FROM T_System WHERE NOT (Tags ISA 'T_Element')");
        assertEquals("ISA needs a reference or embedded instance, but Tags at column 35 is a string[]",
                e.getMessage());
    }

    @Test
    void bindToTheWrongClassIsAProgrammingError() throws QueryException {
        Query q = WqlQuery.parse("SELECT * FROM T_System");
        assertThrows(IllegalArgumentException.class, () -> q.bind(REPO.get("T_Disk")));
    }

    @Test
    void emptyQueries() {
        assertEquals("empty WQL query", parseError("").getMessage());
        assertEquals("empty WQL query", parseError("  \n ").getMessage());
        assertEquals("empty WQL query", parseError(null).getMessage());
        assertEquals("empty CQL query", assertThrows(QueryException.class, () -> CqlQuery.parse("")).getMessage());
    }
}
