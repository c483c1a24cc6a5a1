package org.xenwbem.provider.cimom.indications;

import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;

/** Test material for indications: the bundled schema (with its indication classes) and Xen_ComputerSystem instances. */
public final class IndicationFixtures {
    private IndicationFixtures() {
    }

    public static ClassRepository schema() {
        return SchemaLoader.cimv2();
    }

    public static IndicationSchema indications() {
        return new IndicationSchema(schema(), "host.example");
    }

    /** A small Xen_ComputerSystem instance: its keys, ElementName and EnabledState (2 running, 3 halted). */
    public static CimInstance system(String uuid, String name, long enabledState) {
        return CimInstance.builder(schema().get("Xen_ComputerSystem")).namespace("root/cimv2")
                .set("CreationClassName", "Xen_ComputerSystem").set("Name", uuid)
                .set("ElementName", name).set("EnabledState", enabledState).build();
    }
}
