package org.xenwbem.provider.wsman;

/**
 * The fault table of DSP0226 Annex A as clients meet it: SOAP code, subcode (namespace + local
 * name), fault action, default FaultDetail, and the WSManFault code Windows' own service reports.
 */
public enum FaultKind {
    DESTINATION_UNREACHABLE(true, Ns.WSA, "DestinationUnreachable", Ns.FAULT_WSA, null, WinrmErrors.RESOURCE_NOT_FOUND),
    INVALID_RESOURCE_URI(true, Ns.WSA, "DestinationUnreachable", Ns.FAULT_WSA,
            "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/InvalidResourceURI", WinrmErrors.INVALID_RESOURCE_URI),
    ACTION_NOT_SUPPORTED(true, Ns.WSA, "ActionNotSupported", Ns.FAULT_WSA, null, WinrmErrors.ACTION_NOT_SUPPORTED),
    INVALID_MESSAGE_INFORMATION_HEADER(true, Ns.WSA, "InvalidMessageInformationHeader", Ns.FAULT_WSA, null, WinrmErrors.INVALID_MESSAGE_INFORMATION_HEADER),
    MESSAGE_INFORMATION_HEADER_REQUIRED(true, Ns.WSA, "MessageInformationHeaderRequired", Ns.FAULT_WSA, null, WinrmErrors.MESSAGE_INFORMATION_HEADER_REQUIRED),
    INVALID_SELECTORS(true, Ns.WSMAN, "InvalidSelectors", Ns.FAULT_WSMAN, null, WinrmErrors.INVALID_SELECTORS),
    INVALID_ENUMERATION_CONTEXT(false, Ns.WSEN, "InvalidEnumerationContext", Ns.FAULT_WSEN, null, WinrmErrors.ENUMERATE_INVALID_ENUMERATION_CONTEXT),
    CANNOT_PROCESS_FILTER(true, Ns.WSEN, "CannotProcessFilter", Ns.FAULT_WSEN, null, WinrmErrors.ENUMERATE_CANNOT_PROCESS_FILTER),
    FILTER_DIALECT_NOT_AVAILABLE(true, Ns.WSEN, "FilterDialectRequestedUnavailable", Ns.FAULT_WSEN, null, WinrmErrors.ENUMERATE_FILTER_DIALECT_REQUESTED_UNAVAILABLE),
    INVALID_EXPIRATION_TIME(true, Ns.WSEN, "InvalidExpirationTime", Ns.FAULT_WSEN, null, WinrmErrors.ENUMERATE_INVALID_EXPIRATION_TIME),
    ENCODING_LIMIT(true, Ns.WSMAN, "EncodingLimit", Ns.FAULT_WSMAN, null, WinrmErrors.ENCODING_LIMIT),
    /** WS-Transfer's fault for a Put the resource cannot take as it is (here: a read-only property changed). */
    INVALID_REPRESENTATION(true, Ns.WXF, "InvalidRepresentation", Ns.FAULT_WSA, null, WinrmErrors.INVALID_REPRESENTATION),
    SCHEMA_VALIDATION_ERROR(true, Ns.WSMAN, "SchemaValidationError", Ns.FAULT_WSMAN, null, WinrmErrors.SCHEMA_VALIDATION_ERROR),
    ACCESS_DENIED(true, Ns.WSMAN, "AccessDenied", Ns.FAULT_WSMAN, null, 5L),
    TIMED_OUT(false, Ns.WSMAN, "TimedOut", Ns.FAULT_WSMAN, null, WinrmErrors.OPERATION_TIMEDOUT),
    QUOTA_LIMIT(true, Ns.WSMAN, "QuotaLimit", Ns.FAULT_WSMAN, null, WinrmErrors.QUOTA_LIMIT),
    UNSUPPORTED_FEATURE(true, Ns.WSMAN, "UnsupportedFeature", Ns.FAULT_WSMAN, null, WinrmErrors.UNSUPPORTED_FEATURE),
    INVALID_PARAMETER(true, Ns.WSMAN, "InvalidParameter", Ns.FAULT_WSMAN, null, WinrmErrors.INVALID_PARAMETER),
    INVALID_OPTIONS(true, Ns.WSMAN, "InvalidOptions", Ns.FAULT_WSMAN, null, WinrmErrors.INVALID_OPTIONS),
    ALREADY_EXISTS(true, Ns.WSMAN, "AlreadyExists", Ns.FAULT_WSMAN, null, WinrmErrors.ALREADY_EXISTS),
    INTERNAL_ERROR(false, Ns.WSMAN, "InternalError", Ns.FAULT_WSMAN, null, WinrmErrors.PROVIDER_FAILURE),
    EVENT_DELIVERY_MODE_UNAVAILABLE(true, Ns.WSE, "DeliveryModeRequestedUnavailable", Ns.FAULT_WSE, null, WinrmErrors.EVENTING_DELIVERY_MODE_REQUESTED_UNAVAILABLE),
    EVENT_INVALID_EXPIRATION_TIME(true, Ns.WSE, "InvalidExpirationTime", Ns.FAULT_WSE, null, WinrmErrors.EVENTING_INVALID_EXPIRATION_TIME),
    EVENT_UNSUPPORTED_EXPIRATION_TYPE(true, Ns.WSE, "UnsupportedExpirationType", Ns.FAULT_WSE, null, WinrmErrors.EVENTING_UNSUPPORTED_EXPIRATION_TYPE),
    EVENT_FILTERING_NOT_SUPPORTED(true, Ns.WSE, "FilteringNotSupported", Ns.FAULT_WSE, null, WinrmErrors.EVENTING_FILTERING_NOT_SUPPORTED),
    EVENT_FILTERING_UNAVAILABLE(true, Ns.WSE, "FilteringRequestedUnavailable", Ns.FAULT_WSE, null, WinrmErrors.EVENTING_FILTERING_REQUESTED_UNAVAILABLE),
    EVENT_SOURCE_UNABLE_TO_PROCESS(false, Ns.WSE, "EventSourceUnableToProcess", Ns.FAULT_WSE, null, WinrmErrors.EVENTING_SOURCE_UNABLE_TO_PROCESS),
    EVENT_UNABLE_TO_RENEW(false, Ns.WSE, "UnableToRenew", Ns.FAULT_WSE, null, WinrmErrors.EVENTING_UNABLE_TO_RENEW),
    EVENT_INVALID_MESSAGE(true, Ns.WSE, "InvalidMessage", Ns.FAULT_WSE, null, WinrmErrors.EVENTING_INVALID_MESSAGE),
    MUST_UNDERSTAND(true, Ns.SOAP, "MustUnderstand", Ns.FAULT_WSA, null, WinrmErrors.SOAP_FAULT_MUST_UNDERSTAND),
    VERSION_MISMATCH(true, Ns.SOAP, "VersionMismatch", Ns.FAULT_WSA, null, WinrmErrors.SOAP_VERSION_MISMATCH);

    private final boolean sender;
    private final String subcodeNs;
    private final String subcode;
    private final String action;
    private final String defaultDetail;
    private final long wsmanCode;

    FaultKind(boolean sender, String subcodeNs, String subcode, String action, String defaultDetail, long wsmanCode) {
        this.sender = sender;
        this.subcodeNs = subcodeNs;
        this.subcode = subcode;
        this.action = action;
        this.defaultDetail = defaultDetail;
        this.wsmanCode = wsmanCode;
    }

    /** s:Sender (the client's mistake) or s:Receiver. */
    public boolean sender() {
        return sender;
    }

    public String subcodeNs() {
        return subcodeNs;
    }

    public String subcode() {
        return subcode;
    }

    public String action() {
        return action;
    }

    public String defaultDetail() {
        return defaultDetail;
    }

    public long wsmanCode() {
        return wsmanCode;
    }

    /**
     * The WSManFault code for this fault with FaultDetail {@code detailUri}: Windows reports the
     * selector faults by their detail (InsufficientSelectors, UnexpectedSelectors, ...), an unsupported
     * option and a mustUnderstand Locale by theirs, everything else by the subcode.
     */
    public long wsmanCode(String detailUri) {
        String detail = detailUri == null ? "" : detailUri.substring(detailUri.lastIndexOf('/') + 1);
        if (this == INVALID_SELECTORS && detailUri != null) {
            return WinrmErrors.forSelectorDetail(detail, wsmanCode);
        }
        if (this == INVALID_OPTIONS && detail.equals("NotSupported")) {
            return WinrmErrors.OPTIONS_NOT_SUPPORTED;
        }
        if (this == UNSUPPORTED_FEATURE && detail.equals("Locale")) {
            return WinrmErrors.MUSTUNDERSTAND_ON_LOCALE_UNSUPPORTED;
        }
        return wsmanCode;
    }

    /** SOAP-level faults (MustUnderstand, VersionMismatch) are the top-level code, not a subcode. */
    public boolean isSoapCode() {
        return Ns.SOAP.equals(subcodeNs);
    }

    /** wsman:faultDetail/X as DSP0226 spells it. */
    public static String detail(String name) {
        return "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/" + name;
    }
}
