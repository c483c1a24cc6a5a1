package org.xenwbem.bridge.client;

import java.util.List;

/**
 * The one table of XenAPI error codes the bridge knows (xenapi.md §2.7), each with its category and
 * parameter names. Codes not listed map to {@link #UNKNOWN}; SM back-end codes
 * {@code SR_BACKEND_FAILURE_<n>} map to {@link #SR_BACKEND_FAILURE}. Callers switch on the constant,
 * never on message text.
 */
public enum XenApiError {
    SESSION_INVALID(Category.SESSION, "handle"),
    SESSION_AUTHENTICATION_FAILED(Category.AUTHENTICATION, "user", "message"),
    HOST_IS_SLAVE(Category.REDIRECT, "master_address"),
    HANDLE_INVALID(Category.NOT_FOUND, "class", "handle"),
    UUID_INVALID(Category.NOT_FOUND, "class", "uuid"),
    VM_BAD_POWER_STATE(Category.INVALID_STATE, "vm", "expected", "actual"),
    VM_IS_TEMPLATE(Category.INVALID_STATE, "vm"),
    OPERATION_NOT_ALLOWED(Category.INVALID_STATE, "reason"),
    OTHER_OPERATION_IN_PROGRESS(Category.BUSY, "class", "object", "operation_type", "operation_ref"),
    HOST_DISABLED(Category.INVALID_STATE, "host"),
    HOST_OFFLINE(Category.INVALID_STATE, "host"),
    NO_HOSTS_AVAILABLE(Category.INVALID_STATE),
    HOST_NOT_ENOUGH_FREE_MEMORY(Category.INVALID_STATE, "needed", "available"),
    RBAC_PERMISSION_DENIED(Category.PERMISSION, "permission", "message"),
    PERMISSION_DENIED(Category.PERMISSION, "message"),
    MESSAGE_METHOD_UNKNOWN(Category.PROTOCOL, "method"),
    MESSAGE_PARAMETER_COUNT_MISMATCH(Category.PROTOCOL, "method", "expected", "received"),
    FIELD_TYPE_ERROR(Category.PROTOCOL, "field"),
    EVENTS_LOST(Category.EVENTS),
    EVENT_FROM_TOKEN_PARSE_FAILURE(Category.EVENTS, "token"),
    EVENT_SUBSCRIPTION_PARSE_FAILURE(Category.EVENTS, "subscription"),
    TASK_CANCELLED(Category.CANCELLED, "task"),
    SR_BACKEND_FAILURE(Category.BACKEND, "status", "stdout", "stderr"),
    INTERNAL_ERROR(Category.INTERNAL, "message"),
    // lifecycle of storage, devices and hosts (datamodel_errors.ml)
    SR_FULL(Category.INVALID_STATE, "requested", "maximum"),
    SR_HAS_PBD(Category.INVALID_STATE, "sr"),
    SR_UNKNOWN_DRIVER(Category.INVALID_STATE, "driver"),
    PBD_EXISTS(Category.INVALID_STATE, "sr", "host", "pbd"),
    VDI_IN_USE(Category.BUSY, "vdi", "operation"),
    DEVICE_ALREADY_EXISTS(Category.INVALID_STATE, "device"),
    DEVICE_ALREADY_ATTACHED(Category.INVALID_STATE, "device"),
    DEVICE_ALREADY_DETACHED(Category.INVALID_STATE, "device"),
    VBD_NOT_EMPTY(Category.INVALID_STATE, "vbd"),
    VBD_IS_EMPTY(Category.INVALID_STATE, "vbd"),
    VBD_NOT_REMOVABLE_MEDIA(Category.INVALID_STATE, "vbd"),
    NETWORK_CONTAINS_VIF(Category.INVALID_STATE, "vifs"),
    NETWORK_CONTAINS_PIF(Category.INVALID_STATE, "pifs"),
    HOST_NOT_LIVE(Category.INVALID_STATE),
    CANNOT_EVACUATE_HOST(Category.INVALID_STATE, "errors"),
    VM_REQUIRES_SR(Category.INVALID_STATE, "vm", "sr"),
    VM_REVERT_FAILED(Category.INVALID_STATE, "vm", "snapshot"),
    MEMORY_CONSTRAINT_VIOLATION(Category.INVALID_STATE, "constraint"),
    MAP_DUPLICATE_KEY(Category.PROTOCOL, "type", "param_name", "uuid", "key"),
    INVALID_VALUE(Category.PROTOCOL, "field", "value"),
    /** Any code not in this table; {@link XenApiException#code()} keeps the original. */
    UNKNOWN(Category.OTHER);

    /** What a caller can do about an error. */
    public enum Category {
        /** Log in again. */
        SESSION,
        /** Wrong user name or password. */
        AUTHENTICATION,
        /** Ask the pool master instead. */
        REDIRECT,
        /** The object does not exist (any more). */
        NOT_FOUND,
        /** The object is not in a state that allows the operation. */
        INVALID_STATE,
        /** Another operation holds the object; retry later. */
        BUSY,
        /** The user's role does not allow it. */
        PERMISSION,
        /** The call itself was wrong (unknown method, parameter count or type). */
        PROTOCOL,
        /** The event stream must be restarted. */
        EVENTS,
        CANCELLED,
        /** A storage back-end failed. */
        BACKEND,
        INTERNAL,
        OTHER
    }

    private static final String SR_BACKEND_PREFIX = "SR_BACKEND_FAILURE_";

    private final Category category;
    private final List<String> paramNames;

    XenApiError(Category category, String... paramNames) {
        this.category = category;
        this.paramNames = List.of(paramNames);
    }

    public Category category() {
        return category;
    }

    /** Parameter names as documented in xapi's datamodel_errors.ml, in wire order. */
    public List<String> paramNames() {
        return paramNames;
    }

    public static XenApiError fromCode(String code) {
        if (code.startsWith(SR_BACKEND_PREFIX) && isDigits(code.substring(SR_BACKEND_PREFIX.length()))) {
            return SR_BACKEND_FAILURE;
        }
        for (XenApiError e : values()) {
            if (e != UNKNOWN && e.name().equals(code)) {
                return e;
            }
        }
        return UNKNOWN;
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
