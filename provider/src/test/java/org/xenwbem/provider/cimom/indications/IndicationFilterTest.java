package org.xenwbem.provider.cimom.indications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.query.QueryLanguage;

/** The subscription filter rules: scope class, query on the indication, query on its SourceInstance. */
class IndicationFilterTest {
    private final IndicationSchema schema = IndicationFixtures.indications();
    private final CimInstance halted = IndicationFixtures.system("u1", "a", 3L);
    private final CimInstance running = IndicationFixtures.system("u1", "a", 2L);
    private final Indication started = schema.modification(running, halted, Instant.now());
    private final Indication stopped = schema.modification(halted, running, Instant.now());
    private final Indication created = schema.creation(running, Instant.now());

    private IndicationFilter f(String scope, String wql) throws Exception {
        return IndicationFilter.of(schema, scope, wql == null ? null : QueryLanguage.WQL, wql);
    }

    @Test
    void indicationClassScopeSelectsThatClass() throws Exception {
        IndicationFilter f = f("Xen_ComputerSystemModification", null);
        assertTrue(f.accepts(started));
        assertFalse(f.accepts(created));
        assertTrue(f("CIM_InstIndication", null).accepts(created), "superclass scope");
    }

    @Test
    void systemScopeSelectsEveryLifecycleIndication() throws Exception {
        IndicationFilter f = f("Xen_ComputerSystem", null);
        assertTrue(f.accepts(started));
        assertTrue(f.accepts(created));
        assertFalse(f("Xen_HostComputerSystem", null).accepts(created));
    }

    @Test
    void isaOnTheEmbeddedSourceInstance() throws Exception {
        IndicationFilter f = f(null, "SELECT * FROM CIM_InstModification WHERE SourceInstance ISA Xen_ComputerSystem");
        assertTrue(f.accepts(started));
        assertFalse(f.accepts(created));
        assertFalse(f(null, "SELECT * FROM CIM_InstModification WHERE SourceInstance ISA Xen_HostComputerSystem")
                .accepts(started));
    }

    @Test
    void queryOnTheSourceInstanceSelectsPowerState() throws Exception {
        IndicationFilter f = f("Xen_ComputerSystemModification", "SELECT * FROM Xen_ComputerSystem WHERE EnabledState = 2");
        assertTrue(f.accepts(started));
        assertFalse(f.accepts(stopped));
        assertFalse(f.accepts(created), "scope still applies");
    }

    @Test
    void badFiltersAreRefusedWithAReason() {
        assertEquals(IndicationFilter.FilterException.Reason.INVALID_QUERY, assertThrows(
                IndicationFilter.FilterException.class, () -> f(null, "SELECT * FROM")).reason());
        assertEquals(IndicationFilter.FilterException.Reason.UNKNOWN_CLASS, assertThrows(
                IndicationFilter.FilterException.class, () -> f(null, "SELECT * FROM NoSuchClass")).reason());
        assertEquals(IndicationFilter.FilterException.Reason.INVALID_QUERY, assertThrows(
                IndicationFilter.FilterException.class,
                () -> f(null, "SELECT * FROM CIM_InstModification WHERE SourceInstance.EnabledState = 2")).reason(),
                "embedded property paths are not in the WQL grammar");
        assertThrows(IndicationFilter.FilterException.class,
                () -> f("Xen_ComputerSystemCreation", "SELECT * FROM Xen_ComputerSystemDeletion"));
        assertThrows(IndicationFilter.FilterException.class, () -> f(null, null), "no scope and no query");
    }
}
