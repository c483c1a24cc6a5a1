package org.xenwbem.bridge.sim;

/**
 * The simulator's storage errors in one place, shaped as xapi relays an SM driver's XenError
 * ({@code sm_exec.ml}): {@code SR_BACKEND_FAILURE_<n> ["", "<description> [opterr=<reason>]", <stderr>]},
 * with SM's codes from {@code XE_SR_ERRORCODES.xml} (47 SRUnavailable, 64 VDIRemove, 78 VDICreate,
 * 79 VDISize, 94 ConfigLocationMissing, 95 ConfigTargetMissing, 96 ConfigTargetIQNMissing,
 * 107 ConfigSCSIid, 110 VDIResize, 115 ConfigParamsMissing, 141 ISCSITarget, 142 ISCSIPort, 42 SRExists).
 */
final class SimStorageFaults {
    private SimStorageFaults() {
    }

    /** SR_BACKEND_FAILURE_{@code code} for a failed back-end step; the reason is the tool's message. */
    static SimFault backend(int code, String description, Exception cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new SimFault("SR_BACKEND_FAILURE_" + code, "", description + " [opterr=" + reason + "]", "");
    }

    /** SR_BACKEND_FAILURE_{@code code} with no reason and {@code stderr} (e.g. SM's probe XML). */
    static SimFault sm(int code, String description, String stderr) {
        return new SimFault("SR_BACKEND_FAILURE_" + code, "", description, stderr);
    }
}
