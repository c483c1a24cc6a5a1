package org.xenwbem.cim.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Parsing: structure, precedence, literals, dialects. */
class QueryParseTest {

    private static Query wql(String text) throws QueryException {
        return WqlQuery.parse(text);
    }

    private static String whereOf(String condition) throws QueryException {
        return wql("SELECT * FROM T_System WHERE " + condition).where().toString();
    }

    private static Object literal(String text) throws QueryException {
        Expression.Comparison c = (Expression.Comparison) wql("SELECT * FROM T_System WHERE Caption = " + text).where();
        return ((Operand.Literal) c.right()).value();
    }

    @Test
    void realClientQueries() throws QueryException {
        Query q = wql("SELECT * FROM Xen_ComputerSystem where Caption != \"XenServer Host\"");
        assertEquals("Xen_ComputerSystem", q.fromClass());
        assertNull(q.selectList());
        assertEquals("Caption <> 'XenServer Host'", q.where().toString());
        assertEquals(QueryLanguage.WQL, q.language());

        q = wql("SELECT DeviceID FROM Xen_DiskImage WHERE ElementName = \"x\"");
        assertEquals(List.of("DeviceID"), q.selectList());
        assertEquals("ElementName = 'x'", q.where().toString());

        q = wql("SELECT * FROM Xen_DiskSettingData where InstanceID like \"Xen:0b4f%\"");
        assertEquals("InstanceID LIKE 'Xen:0b4f%'", q.where().toString());
    }

    @Test
    void noWhereAndSelectList() throws QueryException {
        Query q = wql("select Name , caption,HealthState from T_System");
        assertEquals(List.of("Name", "caption", "HealthState"), q.selectList());
        assertNull(q.where());
        assertEquals("select Name , caption,HealthState from T_System", q.toString());
    }

    @Test
    void keywordsAreCaseInsensitive() throws QueryException {
        assertEquals("(a = 1 AND (b = 2 OR NOT (c IS NULL)))",
                wql("sElEcT * fRoM T where a = 1 aNd (b = 2 Or nOt c iS nUlL)").where().toString());
    }

    @Test
    void precedenceNotAndOr() throws QueryException {
        assertEquals("(A = 1 OR (B = 2 AND C = 3))", whereOf("A = 1 OR B = 2 AND C = 3"));
        assertEquals("((A = 1 AND B = 2) OR C = 3)", whereOf("A = 1 AND B = 2 OR C = 3"));
        assertEquals("(NOT (A = 1) AND B = 2)", whereOf("NOT A = 1 AND B = 2"));
        assertEquals("NOT (A = 1 OR B = 2)", whereOf("NOT (A = 1 OR B = 2)"));
        assertEquals("((A = 1 OR B = 2) AND C = 3)", whereOf("(A = 1 OR B = 2) AND C = 3"));
        assertEquals("NOT (NOT (A = 1))", whereOf("NOT NOT A = 1"));
        assertEquals("(A = 1 AND B = 2 AND C = 3)", whereOf("A = 1 AND B = 2 AND C = 3"));
        assertEquals("A = 1", whereOf("((A = 1))"));
    }

    @Test
    void operators() throws QueryException {
        assertEquals("A = 1", whereOf("A=1"));
        assertEquals("A <> 1", whereOf("A<>1"));
        assertEquals("A <> 1", whereOf("A!=1"));
        assertEquals("A < 1", whereOf("A<1"));
        assertEquals("A <= 1", whereOf("A<=1"));
        assertEquals("A > 1", whereOf("A>1"));
        assertEquals("A >= 1", whereOf("A>=1"));
        assertEquals("5 < HealthState", whereOf("5 < HealthState"));
        assertEquals("A NOT LIKE 'x%'", whereOf("A NOT LIKE 'x%'"));
        assertEquals("A IS NOT NULL", whereOf("A IS NOT NULL"));
        assertEquals("Antecedent ISA 'T_Disk'", whereOf("Antecedent ISA T_Disk"));
        assertEquals("__THIS ISA 'T_Disk'", whereOf("ISA 'T_Disk'"));
        assertEquals("__THIS ISA 'T_Disk'", whereOf("T_System ISA 'T_Disk'"));
        assertEquals("__THIS ISA 'T_Disk'", whereOf("__this ISA \"T_Disk\""));
    }

    @Test
    void equalsNullMeansIsNull() throws QueryException {
        assertEquals("A IS NULL", whereOf("A = NULL"));
        assertEquals("A IS NOT NULL", whereOf("A <> NULL"));
        assertEquals("A IS NOT NULL", whereOf("NULL != A"));
    }

    @Test
    void stringLiterals() throws QueryException {
        assertEquals("abc", literal("\"abc\""));
        assertEquals("abc", literal("'abc'"));
        assertEquals("say \"hi\"", literal("\"say \\\"hi\\\"\""));
        assertEquals("say \"hi\"", literal("\"say \"\"hi\"\"\""));
        assertEquals("it's", literal("'it''s'"));
        assertEquals("it's", literal("'it\\'s'"));
        assertEquals("C:\\temp", literal("'C:\\\\temp'"));
        assertEquals("", literal("''"));
        assertEquals("it's", literal("\"it's\""));
        assertEquals("a \"b\"", literal("'a \"b\"'"));
    }

    @Test
    void numberLiterals() throws QueryException {
        assertEquals(42L, literal("42"));
        assertEquals(-42L, literal("-42"));
        assertEquals(42L, literal("+42"));
        assertEquals(1.5, literal("1.5"));
        assertEquals(-0.5, literal("-.5"));
        assertEquals(1500.0, literal("1.5e3"));
        assertEquals(0.015, literal("1.5E-2"));
        assertEquals(255L, literal("0xFF"));
        assertEquals(-16L, literal("-0x10"));
        assertEquals(Long.MAX_VALUE, literal("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, literal("-9223372036854775808"));
    }

    @Test
    void booleanAndNullLiterals() throws QueryException {
        assertEquals(Boolean.TRUE, literal("TRUE"));
        assertEquals(Boolean.FALSE, literal("false"));
        assertEquals("Caption IS NULL", whereOf("Caption = null"));
    }

    @Test
    void whitespaceIsFlexible() throws QueryException {
        Query q = wql("\n\tSELECT\r\n*\nFROM\tT_System\nWHERE(HealthState>=5)AND(Caption='x')\n");
        assertEquals("(HealthState >= 5 AND Caption = 'x')", q.where().toString());
    }

    @Test
    void qualifiedNamesAndAlias() throws QueryException {
        Query q = CqlQuery.parse("SELECT s.Name, T_System.Caption FROM T_System AS s WHERE s.HealthState = 5 "
                + "AND s ISA T_System");
        assertEquals(List.of("Name", "Caption"), q.selectList());
        assertEquals("(HealthState = 5 AND __THIS ISA 'T_System')", q.where().toString());
        assertEquals(QueryLanguage.CQL, q.language());
        q = wql("SELECT * FROM T_System sys WHERE sys.Name = 'a'");
        assertEquals("Name = 'a'", q.where().toString());
    }

    @Test
    void cqlSharesTheGrammar() throws QueryException {
        Query q = CqlQuery.parse("SELECT * FROM CIM_ComputerSystem WHERE Name = 'a' AND NOT (HealthState <> 5)");
        assertEquals("(Name = 'a' AND NOT (HealthState <> 5))", q.where().toString());
        Expression.And and = assertInstanceOf(Expression.And.class, q.where());
        assertInstanceOf(Expression.Not.class, and.operands().get(1));
    }

    @Test
    void whereTreeIsTyped() throws QueryException {
        Expression.Like like = assertInstanceOf(Expression.Like.class,
                wql("SELECT * FROM T WHERE InstanceID LIKE 'Xen:%'").where());
        assertEquals(new Operand.Property("InstanceID", 23), like.subject());
        assertEquals("Xen:%", like.pattern().text());
        assertTrue(!like.negated());
    }

    @Test
    void languagesByNameAndDialect() throws QueryException {
        assertEquals(Optional.of(QueryLanguage.WQL), QueryLanguage.forName("wql"));
        assertEquals(Optional.of(QueryLanguage.CQL), QueryLanguage.forName("DMTF:CQL"));
        assertEquals(Optional.empty(), QueryLanguage.forName("SQL"));
        assertEquals(Optional.empty(), QueryLanguage.forName(null));
        assertEquals(Optional.of(QueryLanguage.WQL),
                QueryLanguage.forDialect("http://schemas.microsoft.com/wbem/wsman/1/WQL"));
        assertEquals(Optional.of(QueryLanguage.WQL), QueryLanguage.forDialect("http://schemas.dmtf.org/wbem/wsman/1/WQL"));
        assertEquals(Optional.of(QueryLanguage.CQL),
                QueryLanguage.forDialect("http://schemas.dmtf.org/wbem/cql/1/dsp0202.pdf"));
        assertEquals(Optional.empty(), QueryLanguage.forDialect("http://schemas.dmtf.org/wbem/wsman/1/wsman/SelectorFilter"));
        assertEquals(QueryLanguage.CQL, QueryLanguage.CQL.parse("SELECT * FROM T").language());
    }
}
