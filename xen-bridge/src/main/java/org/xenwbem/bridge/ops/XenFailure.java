package org.xenwbem.bridge.ops;

import java.util.List;
import org.xenwbem.bridge.client.XenApiError;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiTransportException;

/**
 * A failed XenAPI operation as callers outside the bridge see it: xapi's error code and parameters
 * (OpaqueRefs already removed), and a coarse kind to map to protocol errors without matching text.
 */
public final class XenFailure extends Exception {
    /** What went wrong, for mapping to CIM errors and method return codes. */
    public enum Kind {
        /** The object does not exist (HANDLE_INVALID, UUID_INVALID). */
        NOT_FOUND,
        /** The object is in the wrong state (VM_BAD_POWER_STATE, OTHER_OPERATION_IN_PROGRESS, …). */
        BAD_STATE,
        /** xapi refused for the user's role (RBAC_PERMISSION_DENIED, PERMISSION_DENIED). */
        DENIED,
        /** xapi cannot be reached or did not answer. */
        UNAVAILABLE,
        /** The task was cancelled. */
        CANCELLED,
        /** Any other XenAPI error. */
        FAILED
    }

    private final Kind kind;
    private final String code;
    private final List<String> params;

    public XenFailure(Kind kind, String code, List<String> params, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.params = List.copyOf(params);
    }

    public Kind kind() {
        return kind;
    }

    /** xapi's error code, e.g. {@code VM_BAD_POWER_STATE}; "TRANSPORT" for an unreachable xapi. */
    public String code() {
        return code;
    }

    public List<String> params() {
        return params;
    }

    /** The one translation from the client's exceptions. */
    static XenFailure of(XenApiException e) {
        return new XenFailure(kindOf(e), e.code(), e.params().stream().map(XenFailure::scrub).toList(),
                e.getMessage(), e);
    }

    static XenFailure of(XenApiTransportException e) {
        return new XenFailure(Kind.UNAVAILABLE, "TRANSPORT", List.of(), e.getMessage(), e);
    }

    private static Kind kindOf(XenApiException e) {
        String c = e.code();
        if (e.error() == XenApiError.HANDLE_INVALID || e.error() == XenApiError.UUID_INVALID) {
            return Kind.NOT_FOUND;
        }
        return switch (c) {
            case "RBAC_PERMISSION_DENIED", "PERMISSION_DENIED", "SESSION_AUTHENTICATION_FAILED" -> Kind.DENIED;
            case "TASK_CANCELLED" -> Kind.CANCELLED;
            case "VM_BAD_POWER_STATE", "OTHER_OPERATION_IN_PROGRESS", "OPERATION_NOT_ALLOWED", "VM_IS_TEMPLATE",
                    "HOST_DISABLED", "HOST_NOT_DISABLED", "HOST_IN_USE", "VDI_IN_USE", "SR_HAS_PBD", "VBD_NOT_EMPTY",
                    "VBD_IS_EMPTY", "DEVICE_ALREADY_ATTACHED", "DEVICE_ALREADY_DETACHED" -> Kind.BAD_STATE;
            default -> Kind.FAILED;
        };
    }

    /** Parameters keep their information but never an OpaqueRef. */
    private static String scrub(String p) {
        return p != null && p.startsWith("OpaqueRef:") ? "(ref)" : p;
    }
}
