package org.xenwbem.provider.wsman;

import org.xenwbem.provider.cimom.CimException;

/** The one place where CIM operation errors become WS-Management faults. */
final class Faults {
    private Faults() {
    }

    static WsmanFault from(CimException e) {
        if (e.detail() == CimException.Detail.NOT_READY) {
            // DSP0226 §6.1: what a service that cannot complete within the time it has answers; a client
            // retries it, where an InternalError would read as a broken server
            return new WsmanFault(FaultKind.TIMED_OUT, null, e.getMessage(), e);
        }
        return switch (e.status()) {
            case INVALID_CLASS -> new WsmanFault(FaultKind.INVALID_RESOURCE_URI, FaultKind.INVALID_RESOURCE_URI.defaultDetail(),
                    e.getMessage(), e);
            case NOT_FOUND -> new WsmanFault(FaultKind.DESTINATION_UNREACHABLE, null, e.getMessage(), e);
            case INVALID_NAMESPACE -> new WsmanFault(FaultKind.DESTINATION_UNREACHABLE, null, e.getMessage(), e);
            case INVALID_PARAMETER -> invalidParameter(e);
            case TYPE_MISMATCH -> new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("TypeMismatch"),
                    e.getMessage(), e);
            case ACCESS_DENIED -> new WsmanFault(FaultKind.ACCESS_DENIED, null, e.getMessage(), e);
            case METHOD_NOT_FOUND -> new WsmanFault(FaultKind.ACTION_NOT_SUPPORTED, null, e.getMessage(), e);
            case NOT_SUPPORTED -> e.detail() == CimException.Detail.READ_ONLY
                    ? new WsmanFault(FaultKind.INVALID_REPRESENTATION, FaultKind.detail("ReadOnly"), e.getMessage(), e)
                    : new WsmanFault(FaultKind.UNSUPPORTED_FEATURE, null, e.getMessage(), e);
            case METHOD_NOT_AVAILABLE -> new WsmanFault(FaultKind.UNSUPPORTED_FEATURE, null, e.getMessage(), e);
            case INVALID_QUERY, QUERY_LANGUAGE_NOT_SUPPORTED, FILTERED_ENUMERATION_NOT_SUPPORTED ->
                    new WsmanFault(FaultKind.CANNOT_PROCESS_FILTER, null, e.getMessage(), e);
            case INVALID_ENUMERATION_CONTEXT -> new WsmanFault(FaultKind.INVALID_ENUMERATION_CONTEXT, null, e.getMessage(), e);
            case SERVER_LIMITS_EXCEEDED -> new WsmanFault(FaultKind.QUOTA_LIMIT, null, e.getMessage(), e);
            case ALREADY_EXISTS -> new WsmanFault(FaultKind.ALREADY_EXISTS, null, e.getMessage(), e);
            default -> new WsmanFault(FaultKind.INTERNAL_ERROR, null, e.getMessage(), e);
        };
    }

    /** A class named by the resource URI that the namespace does not hold (DSP0226 §7.1). */
    static WsmanFault unknownClass(CimException e) {
        return new WsmanFault(FaultKind.INVALID_RESOURCE_URI, FaultKind.INVALID_RESOURCE_URI.defaultDetail(),
                e.getMessage(), e);
    }

    private static WsmanFault invalidParameter(CimException e) {
        return switch (e.detail()) {
            case MISSING_KEYS -> new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("InsufficientSelectors"),
                    e.getMessage(), e);
            case UNEXPECTED_KEYS -> new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("UnexpectedSelectors"),
                    e.getMessage(), e);
            case KEY_TYPE_MISMATCH -> new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("TypeMismatch"),
                    e.getMessage(), e);
            default -> new WsmanFault(FaultKind.INVALID_PARAMETER, null, e.getMessage(), e);
        };
    }
}
