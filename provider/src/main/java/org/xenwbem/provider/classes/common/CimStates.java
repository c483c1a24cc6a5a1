package org.xenwbem.provider.classes.common;

import java.util.List;
import org.xenwbem.bridge.PowerState;

/** The CIM state vocabulary (CIM_EnabledLogicalElement, DSP1057) for XenAPI states. */
public final class CimStates {
    public static final long ENABLED = 2;
    public static final long DISABLED = 3;
    public static final long SHUT_DOWN = 4;
    public static final long ENABLED_BUT_OFFLINE = 6;
    public static final long QUIESCE = 9;
    public static final long REBOOT = 10;
    public static final long RESET = 11;
    /** RequestedState 12: no state change has been requested (CIM_EnabledLogicalElement). */
    public static final long REQUESTED_NOT_APPLICABLE = 12;
    public static final long UNKNOWN = 0;
    public static final long HARD_SHUTDOWN = 32768;
    public static final long HARD_REBOOT = 32769;

    public static final long OP_OK = 2;
    public static final long OP_STOPPED = 10;
    public static final long OP_DORMANT = 15;
    public static final long HEALTH_OK = 5;

    private CimStates() {
    }

    /** Running = Enabled, Halted = Disabled, Paused = Quiesce, Suspended = Enabled but Offline. */
    public static long vmEnabledState(PowerState p) {
        return switch (p) {
            case Running -> ENABLED;
            case Halted -> DISABLED;
            case Paused -> QUIESCE;
            case Suspended -> ENABLED_BUT_OFFLINE;
        };
    }

    public static List<Long> vmOperationalStatus(PowerState p) {
        return switch (p) {
            case Running -> List.of(OP_OK);
            case Halted -> List.of(OP_STOPPED);
            case Paused, Suspended -> List.of(OP_DORMANT);
        };
    }

    /** The RequestStateChange values the anchor accepts from each power state (anchor §5.2). */
    public static List<Long> vmAvailableRequestedStates(PowerState p) {
        return switch (p) {
            case Halted -> List.of(ENABLED);
            case Running -> List.of(DISABLED, SHUT_DOWN, ENABLED_BUT_OFFLINE, QUIESCE, REBOOT, RESET,
                    HARD_SHUTDOWN, HARD_REBOOT);
            case Paused -> List.of(ENABLED, DISABLED, SHUT_DOWN, RESET, HARD_SHUTDOWN, HARD_REBOOT);
            case Suspended -> List.of(ENABLED, DISABLED, SHUT_DOWN, HARD_SHUTDOWN);
        };
    }
}
