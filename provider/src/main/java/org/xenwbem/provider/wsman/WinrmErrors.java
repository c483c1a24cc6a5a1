package org.xenwbem.provider.wsman;

/**
 * The numbers Windows' WinRM service puts in {@code f:WSManFault/@Code}: the {@code ERROR_WSMAN_*}
 * HRESULTs of the Windows SDK's {@code winerror.h} (facility 0x33, base 0x80338000). The header pairs
 * most of them with the SOAP subcode they answer ("wsman, code=Sender, subcode=WS-Management
 * InvalidSelectors"); PowerShell and scripts match on these numbers, so they must be the same.
 */
final class WinrmErrors {
    private static final long BASE = 0x80338000L;

    static final long RESOURCE_NOT_FOUND = BASE;
    static final long PROVIDER_FAILURE = BASE + 0x03;
    static final long SOAP_VERSION_MISMATCH = BASE + 0x0D;
    static final long INVALID_MESSAGE_INFORMATION_HEADER = BASE + 0x0F;
    static final long SOAP_FAULT_MUST_UNDERSTAND = BASE + 0x10;
    static final long MESSAGE_INFORMATION_HEADER_REQUIRED = BASE + 0x11;
    static final long ACTION_NOT_SUPPORTED = BASE + 0x13;
    static final long INVALID_REPRESENTATION = BASE + 0x15;
    static final long ENUMERATE_INVALID_EXPIRATION_TIME = BASE + 0x16;
    static final long ENUMERATE_FILTER_DIALECT_REQUESTED_UNAVAILABLE = BASE + 0x19;
    static final long ENUMERATE_CANNOT_PROCESS_FILTER = BASE + 0x1A;
    static final long ENUMERATE_INVALID_ENUMERATION_CONTEXT = BASE + 0x1B;
    static final long EVENTING_DELIVERY_MODE_REQUESTED_UNAVAILABLE = BASE + 0x1E;
    static final long EVENTING_INVALID_EXPIRATION_TIME = BASE + 0x1F;
    static final long EVENTING_UNSUPPORTED_EXPIRATION_TYPE = BASE + 0x20;
    static final long EVENTING_FILTERING_NOT_SUPPORTED = BASE + 0x21;
    static final long EVENTING_FILTERING_REQUESTED_UNAVAILABLE = BASE + 0x22;
    static final long EVENTING_SOURCE_UNABLE_TO_PROCESS = BASE + 0x23;
    static final long EVENTING_UNABLE_TO_RENEW = BASE + 0x24;
    static final long EVENTING_INVALID_MESSAGE = BASE + 0x25;
    static final long OPERATION_TIMEDOUT = BASE + 0x29;
    static final long ALREADY_EXISTS = BASE + 0x33;
    static final long ENCODING_LIMIT = BASE + 0x35;
    static final long INVALID_OPTIONS = BASE + 0x39;
    static final long INVALID_PARAMETER = BASE + 0x3A;
    static final long INVALID_RESOURCE_URI = BASE + 0x3B;
    static final long INVALID_SELECTORS = BASE + 0x3D;
    static final long QUOTA_LIMIT = BASE + 0x3F;
    /** "The maximum number of concurrent operations for this user has been exceeded" (MaxConcurrentOperationsPerUser). */
    static final long QUOTA_MAX_OPERATIONS = BASE + 0x1A6;
    static final long SCHEMA_VALIDATION_ERROR = BASE + 0x41;
    static final long UNSUPPORTED_FEATURE = BASE + 0x42;
    static final long INSUFFICIENT_SELECTORS = BASE + 0x5A;
    static final long UNEXPECTED_SELECTORS = BASE + 0x5B;
    static final long SELECTOR_TYPEMISMATCH = BASE + 0x5C;
    static final long INVALID_SELECTOR_VALUE = BASE + 0x5D;
    static final long AMBIGUOUS_SELECTORS = BASE + 0x5E;
    static final long DUPLICATE_SELECTORS = BASE + 0x5F;
    static final long OPTIONS_NOT_SUPPORTED = BASE + 0x51;
    static final long MUSTUNDERSTAND_ON_LOCALE_UNSUPPORTED = BASE + 0x87;

    private WinrmErrors() {
    }

    /** The selector fault's code by its wsman:faultDetail name; {@code fallback} for a detail Windows has no code for. */
    static long forSelectorDetail(String detail, long fallback) {
        return switch (detail) {
            case "InsufficientSelectors" -> INSUFFICIENT_SELECTORS;
            case "UnexpectedSelectors" -> UNEXPECTED_SELECTORS;
            case "TypeMismatch" -> SELECTOR_TYPEMISMATCH;
            case "InvalidValue" -> INVALID_SELECTOR_VALUE;
            case "AmbiguousSelectors" -> AMBIGUOUS_SELECTORS;
            case "DuplicateSelectors" -> DUPLICATE_SELECTORS;
            default -> fallback;
        };
    }
}
