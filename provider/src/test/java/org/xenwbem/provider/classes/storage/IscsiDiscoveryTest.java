package org.xenwbem.provider.classes.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwbem.provider.classes.storage.StorageFixture.ROOT;
import static org.xenwbem.provider.classes.storage.StorageFixture.rc;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;

/**
 * DiscoveriSCSITargetInfo reading the SM driver's answers as xapi delivers them (error parameters of
 * SR_BACKEND_FAILURE_96 / _107), injected at SR.probe; the scenario against a real tgt is in tests/.
 */
class IscsiDiscoveryTest {
    private static final String IQNS = "<?xml version=\"1.0\" ?><iscsi-target-iqns><TGT><Index>0</Index>"
            + "<IPAddress>127.0.0.1</IPAddress><TargetIQN>iqn.2026-01.test:sr1</TargetIQN></TGT></iscsi-target-iqns>";
    private static final String LUNS = "<?xml version=\"1.0\" ?><iscsi-target><LUN><vendor>IET</vendor>"
            + "<serial>beaf11</serial><LUNid>1</LUNid><size>1073741824</size><SCSIid>1IET_00010001</SCSIid></LUN>"
            + "</iscsi-target>";
    private StorageFixture st;

    @BeforeEach
    void up() throws Exception {
        st = new StorageFixture();
    }

    @AfterEach
    void down() {
        st.close();
    }

    @Test
    void theIqnsOfAPortalThenTheLunsOfAnIqn() throws Exception {
        st.fx.pool.faults().on("SR.probe").once().fail("SR_BACKEND_FAILURE_96", "",
                "The request is missing or has an incorrect target IQN parameter", IQNS);
        MethodResult r = st.call(ROOT, "DiscoveriSCSITargetInfo", Map.of("TargetHost", "127.0.0.1"));
        assertEquals(0L, rc(r));
        assertEquals(IQNS, r.out().get("TargetInfo"));
        st.fx.pool.faults().on("SR.probe").once().fail("SR_BACKEND_FAILURE_107", "",
                "The SCSIid parameter is missing or incorrect", LUNS);
        r = st.call(ROOT, "DiscoveriSCSITargetInfo", Map.of("TargetHost", "127.0.0.1", "Port", "3260",
                "TargetIQN", "iqn.2026-01.test:sr1"));
        assertEquals(LUNS, r.out().get("TargetInfo"));
        assertEquals(2, st.fx.pool.callCount("SR.probe"));
    }

    @Test
    void anUnreachablePortalIsAFaultWithXapisReason() throws Exception {
        st.fx.pool.faults().on("SR.probe").once().fail("SR_BACKEND_FAILURE_140", "", "Incorrect DNS name, unable to resolve", "");
        CimException e = assertThrows(CimException.class,
                () -> st.call(ROOT, "DiscoveriSCSITargetInfo", Map.of("TargetHost", "filer.invalid")));
        assertTrue(e.getMessage().contains("SR_BACKEND_FAILURE_140") && e.getMessage().contains("DNS"), e.getMessage());
        st.fx.pool.faults().on("SR.probe").once().fail("SR_BACKEND_FAILURE_96", "", "x", "<iscsi-target-iqns><TGT>");
        CimException bad = assertThrows(CimException.class,
                () -> st.call(ROOT, "DiscoveriSCSITargetInfo", Map.of("TargetHost", "127.0.0.1")));
        assertEquals(CimStatus.FAILED, bad.status());
    }

    @Test
    void badArgumentsAreRefusedBeforeXapiIsAsked() {
        for (Map<String, Object> in : java.util.List.<Map<String, Object>>of(Map.of(), Map.of("TargetHost", "a b"),
                Map.of("TargetHost", "127.0.0.1", "Port", "70000"), Map.of("TargetHost", "127.0.0.1", "Port", "x"))) {
            CimException e = assertThrows(CimException.class, () -> st.call(ROOT, "DiscoveriSCSITargetInfo", in));
            assertEquals(CimStatus.INVALID_PARAMETER, e.status(), in.toString());
        }
        assertEquals(0, st.fx.pool.callCount("SR.probe"));
    }
}
