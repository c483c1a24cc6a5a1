package org.xenwbem.provider.classes.network;

import org.xenwbem.bridge.PowerState;
import org.xenwbem.provider.methods.MethodFixture;

/** Set-ups the switch tests share, made directly in the simulated pool. */
final class SwitchTestSupport {
    private SwitchTestSupport() {
    }

    /** A VIF of a running VM on {@code network}, attached; returns the VIF's uuid. */
    static String attachRunningVif(MethodFixture fx, String network) throws Exception {
        String vm = fx.sim.vmUuids().stream().filter(u -> fx.sim.vmPowerState(u) == PowerState.Running
                && !Boolean.TRUE.equals(fx.sim.vmRecord(u).get("is_control_domain"))).findFirst().orElseThrow();
        String vif = fx.sim.addVif(vm, network, "7");
        fx.synced();
        return vif;
    }
}
