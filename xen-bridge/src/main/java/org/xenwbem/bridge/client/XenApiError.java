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
