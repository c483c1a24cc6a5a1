package org.xenwbem.cim.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwbem.cim.query.Fixtures.REPO;
import static org.xenwbem.cim.query.Fixtures.matches;
import static org.xenwbem.cim.query.Fixtures.system;
import static org.xenwbem.cim.query.Fixtures.where;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;

/** Evaluation semantics as documented in package-info. */
class QueryEvaluationTest {

    private static CimInstance unset() {
        return CimInstance.builder(REPO.get("T_System")).set("InstanceID", "Xen:empty").build();
    }

    @Test
    void stringEqualityIsCaseInsensitive() {
        assertTrue(where("Caption = 'XenServer Host'"));
        assertTrue(where("Caption = \"xenserver HOST\""));
        assertFalse(where("Caption = 'XenServer'"));
        assertTrue(where("Caption <> 'XenServer'"));
        assertFalse(where("Caption != 'XENSERVER HOST'"));
        assertTrue(where("'XenServer Host' = Caption"));
    }

    @Test
    void stringOrdering() {
        assertTrue(where("ElementName < 'host2'"));
        assertTrue(where("ElementName > 'HOST0'"));
        assertTrue(where("ElementName >= 'HOST1'"));
        assertTrue(where("ElementName <= 'host1'"));
        assertFalse(where("ElementName > 'host1'"));
    }

    @Test
    void integers() {
        assertTrue(where("HealthState = 5"));
        assertTrue(where("HealthState <> 6"));
        assertTrue(where("HealthState < 6"));
        assertTrue(where("HealthState <= 5"));
        assertTrue(where("HealthState > 4"));
        assertTrue(where("HealthState >= 5"));
        assertFalse(where("HealthState > 5"));
        assertTrue(where("HealthState = 0x5"));
        assertTrue(where("Capacity > 0x2540BE3FF"));
        assertTrue(where("Capacity = 10000000000"));
        assertTrue(where("HealthState > -1"));
    }

    @Test
    void eitherSideMayBeTheProperty() {
        assertTrue(where("4 < HealthState"));
        assertFalse(where("5 < HealthState"));
        assertTrue(where("5 <= HealthState"));
        assertTrue(where("6 > HealthState"));
        assertTrue(where("HealthState = HealthState"));
        assertTrue(where("ElementName < Name"));
    }

    @Test
    void integersAndRealsMix() {
        assertTrue(where("HealthState = 5.0"));
        assertTrue(where("HealthState < 5.5"));
        assertTrue(where("Load = 0.75"));
        assertTrue(where("Load < 1"));
        assertTrue(where("Load > 0"));
        assertFalse(where("Load = 1"));
        assertTrue(where("Capacity > 9.99e9"));
    }

    @Test
    void numbersAgainstStrings() {
        assertTrue(where("HealthState = '5'"));
        assertTrue(where("HealthState = \" 5 \""));
        assertTrue(where("HealthState < '10'"));
        assertTrue(where("HealthState = '0x5'"));
        assertFalse(where("HealthState = 'five'"));
        assertFalse(where("HealthState <> 'five'"));
        CimInstance numericName = system().set("ElementName", "42").build();
        assertTrue(matches("SELECT * FROM T_System WHERE ElementName = 42", numericName));
        assertTrue(matches("SELECT * FROM T_System WHERE ElementName > 41.5", numericName));
        assertFalse(where("ElementName = 42"));
        assertFalse(where("ElementName <> 42"));
    }

    @Test
    void booleans() {
        assertTrue(where("Enabled = TRUE"));
        assertTrue(where("Enabled <> FALSE"));
        assertTrue(where("Enabled = 'true'"));
        assertTrue(where("Enabled = 'TRUE'"));
        assertFalse(where("Enabled = 'yes'"));
        assertFalse(where("Enabled > FALSE"));
        assertFalse(where("Enabled = 1"));
    }

    @Test
    void datetimes() {
        assertTrue(where("InstallDate = '20240115103000.000000+000'"));
        assertTrue(where("InstallDate = '20240115113000.000000+060'"));
        assertTrue(where("InstallDate < '20250101000000.000000+000'"));
        assertTrue(where("InstallDate >= '20240115103000.000000+000'"));
        assertFalse(where("InstallDate > '20240115103000.000000+000'"));
        assertTrue(where("Uptime > '00000001000000.000000:000'"));
        assertFalse(where("Uptime > '20000101000000.000000+000'"));
        assertFalse(where("InstallDate = 'yesterday'"));
        assertFalse(where("InstallDate <> 'yesterday'"));
        assertFalse(where("InstallDate = 5"));
    }

    @Test
    void nullHandling() {
        CimInstance empty = unset();
        String q = "SELECT * FROM T_System WHERE ";
        assertTrue(matches(q + "Caption IS NULL", empty));
        assertFalse(matches(q + "Caption IS NOT NULL", empty));
        assertTrue(matches(q + "Caption = NULL", empty));
        assertFalse(matches(q + "Caption = 'x'", empty));
        assertFalse(matches(q + "Caption <> 'x'", empty));
        assertFalse(matches(q + "HealthState < 5", empty));
        assertFalse(matches(q + "Caption LIKE '%'", empty));
        assertFalse(matches(q + "Caption NOT LIKE 'x'", empty));
        assertTrue(matches(q + "NOT (Caption = 'x')", empty));
        assertFalse(matches(q + "Tags = 'Gold'", empty));
        assertTrue(matches(q + "Tags IS NULL", empty));
        assertFalse(where("Caption IS NULL"));
        assertTrue(where("Caption IS NOT NULL"));
    }

    @Test
    void arraysMatchWhenAnyElementDoes() {
        assertTrue(where("Tags = 'gold'"));
        assertTrue(where("Tags = 'pool-master'"));
        assertFalse(where("Tags = 'silver'"));
        assertTrue(where("Tags <> 'gold'"));
        assertTrue(where("NOT (Tags = 'silver')"));
        assertFalse(where("NOT (Tags = 'gold')"));
        assertTrue(where("Tags LIKE 'pool%'"));
        assertTrue(where("Tags NOT LIKE 'pool%'"));
        assertTrue(where("Codes = 32768"));
        assertTrue(where("Codes < 3"));
        assertFalse(where("Codes > 40000"));
        assertTrue(where("'gold' = Tags"));
        CimInstance empty = system().set("Tags", List.of()).build();
        assertFalse(matches("SELECT * FROM T_System WHERE Tags <> 'x'", empty));
        assertFalse(matches("SELECT * FROM T_System WHERE Tags IS NULL", empty));
    }

    @Test
    void like() {
        assertTrue(where("InstanceID LIKE 'Xen:%'"));
        assertTrue(where("InstanceID like \"xen:1234%\""));
        assertTrue(where("InstanceID LIKE 'Xen:____-abcd'"));
        assertFalse(where("InstanceID LIKE 'Xen:___-abcd'"));
        assertTrue(where("InstanceID NOT LIKE 'Xen:9%'"));
        assertFalse(where("InstanceID NOT LIKE '%abcd'"));
        assertTrue(where("InstanceID LIKE '[w-y]en:[0-9]%[^0-9]'"));
        assertTrue(where("HealthState LIKE '5'"));
        assertTrue(where("Enabled LIKE 't%'"));
    }

    @Test
    void logic() {
        assertTrue(where("HealthState = 5 AND Caption = 'XenServer Host'"));
        assertFalse(where("HealthState = 5 AND Caption = 'x'"));
        assertTrue(where("HealthState = 6 OR Caption = 'XenServer Host'"));
        assertFalse(where("HealthState = 6 OR Caption = 'x'"));
        assertTrue(where("NOT HealthState = 6"));
        assertTrue(where("HealthState = 6 OR HealthState = 5 AND Enabled = TRUE"));
        assertFalse(where("(HealthState = 6 OR HealthState = 5) AND Enabled = FALSE"));
        assertTrue(where("HealthState = 6 OR HealthState = 5 AND NOT Enabled = FALSE"));
        assertFalse(where("NOT (HealthState = 6 OR HealthState = 5)"));
    }

    @Test
    void isA() {
        assertTrue(where("ISA 'T_Element'"));
        assertTrue(where("__THIS ISA T_System"));
        assertFalse(where("T_System ISA 'T_Disk'"));
        assertTrue(where("NOT ISA 'T_Disk'"));
        assertTrue(matches("SELECT * FROM T_Element WHERE ISA T_Disk", Fixtures.disk()));
        assertFalse(matches("SELECT * FROM T_Element WHERE ISA T_System", Fixtures.disk()));
        assertTrue(matches("SELECT * FROM T_Link WHERE Antecedent ISA 'T_Element'", Fixtures.link("T_Disk")));
        assertTrue(matches("SELECT * FROM T_Link WHERE Antecedent ISA 'T_Disk'", Fixtures.link("T_Disk")));
        assertFalse(matches("SELECT * FROM T_Link WHERE Antecedent ISA 'T_System'", Fixtures.link("T_Disk")));
        assertFalse(matches("SELECT * FROM T_Link WHERE Antecedent ISA 'T_System'", Fixtures.link("Unknown")));
    }

    @Test
    void fromClassIsPolymorphic() throws QueryException {
        Query q = WqlQuery.parse("SELECT * FROM T_Element").bind(REPO);
        assertTrue(q.matches(system().build(), REPO));
        assertTrue(q.matches(Fixtures.disk(), REPO));
        assertFalse(WqlQuery.parse("SELECT * FROM T_Disk").bind(REPO).matches(system().build(), REPO));
        assertFalse(q.matches(Fixtures.link("T_Disk"), REPO));
    }

    @Test
    void projectionKeepsKeysAndSelected() throws QueryException {
        CimInstance full = system().build();
        CimInstance p = WqlQuery.parse("SELECT caption, HEALTHSTATE FROM T_System").bind(REPO).project(full);
        assertEquals("Xen:1234-abcd", p.get("InstanceID"));
        assertEquals("XenServer Host", p.get("Caption"));
        assertEquals(5L, p.get("HealthState"));
        assertNull(p.get("Name"));
        assertNull(p.get("Tags"));
        assertSame(full, WqlQuery.parse("SELECT * FROM T_System").project(full));
    }

    @Test
    void bindingKeepsTheQueryAndRecordsTheClass() throws QueryException {
        Query parsed = WqlQuery.parse("SELECT * FROM t_system WHERE name = 'a'");
        assertNull(parsed.boundClass());
        Query bound = parsed.bind(REPO);
        assertEquals("T_System", bound.fromClass());
        assertSame(REPO.get("T_System"), bound.boundClass());
        assertEquals(parsed.where(), bound.where());
        assertTrue(bound.matches(system().set("Name", "A").build(), REPO));
    }

    @Test
    void unboundQueryTreatsUnknownPropertiesAsNull() throws QueryException {
        Query q = WqlQuery.parse("SELECT * FROM T_System WHERE Nonexistent = 1 OR Nonexistent IS NULL");
        assertTrue(q.matches(system().build(), REPO));
    }
}
