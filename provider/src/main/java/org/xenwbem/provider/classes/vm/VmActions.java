package org.xenwbem.provider.classes.vm;

/**
 * XenAPI {@code actions_after_*} as the DMTF VSSD's Automatic*Action values, with the anchor's
 * tables ({@code actions_after_*_map} in xs-cim): anything without an entry reads as the first row.
 */
public final class VmActions {
    /** AutomaticStartupAction: 2 None, 3 Restart if previously active. */
    static final long STARTUP_NONE = 2;
    static final long STARTUP_RESTART_IF_ACTIVE = 3;
    /** AutomaticShutdownAction: 2 Turn Off. */
    static final long SHUTDOWN_TURN_OFF = 2;
    /** AutomaticRecoveryAction: 2 None, 3 Restart. */
    static final long RECOVERY_NONE = 2;
    static final long RECOVERY_RESTART = 3;

    private VmActions() {
    }

    /** From {@code actions_after_reboot}: restart → 3, else 2. */
    static long startup(String afterReboot) {
        return "restart".equals(afterReboot) ? STARTUP_RESTART_IF_ACTIVE : STARTUP_NONE;
    }

    /** From {@code actions_after_shutdown}: every XenAPI value reads as Turn Off (the anchor's table). */
    static long shutdown(String afterShutdown) {
        return SHUTDOWN_TURN_OFF;
    }

    /** From {@code actions_after_crash}: restart → 3, else 2. */
    static long recovery(String afterCrash) {
        return "restart".equals(afterCrash) ? RECOVERY_RESTART : RECOVERY_NONE;
    }
}
