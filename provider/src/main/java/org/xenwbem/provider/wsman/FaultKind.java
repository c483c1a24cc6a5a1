package org.xenwbem.provider.wsman;

/**
 * The fault table of DSP0226 Annex A as clients meet it: SOAP code, subcode (namespace + local
 * name), fault action, default FaultDetail, and the WSManFault code Windows' own service reports.
 */
public enum FaultKind {
    DESTINATION_UNREACHABLE(true, Ns.WSA, "DestinationUnreachable", Ns.FAULT_WSA, null, 2150858752L),
    INVALID_RESOURCE_URI(true, Ns.WSA, "DestinationUnreachable", Ns.FAULT_WSA,
            "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/InvalidResourceURI", 2150858752L),
    ACTION_NOT_SUPPORTED(true, Ns.WSA, "ActionNotSupported", Ns.FAULT_WSA, null, 2150858776L),
    INVALID_MESSAGE_INFORMATION_HEADER(true, Ns.WSA, "InvalidMessageInformationHeader", Ns.FAULT_WSA, null, 2150858815L),
    MESSAGE_INFORMATION_HEADER_REQUIRED(true, Ns.WSA, "MessageInformationHeaderRequired", Ns.FAULT_WSA, null, 2150858815L),
    INVALID_SELECTORS(true, Ns.WSMAN, "InvalidSelectors", Ns.FAULT_WSMAN, null, 2150858843L),
    INVALID_ENUMERATION_CONTEXT(false, Ns.WSEN, "InvalidEnumerationContext", Ns.FAULT_WSEN, null, 2150858770L),
    CANNOT_PROCESS_FILTER(true, Ns.WSEN, "CannotProcessFilter", Ns.FAULT_WSEN, null, 2150858817L),
    FILTER_DIALECT_NOT_AVAILABLE(true, Ns.WSEN, "FilterDialectRequestedUnavailable", Ns.FAULT_WSEN, null, 2150858817L),
    INVALID_EXPIRATION_TIME(true, Ns.WSEN, "InvalidExpirationTime", Ns.FAULT_WSEN, null, 2150858817L),
    ENCODING_LIMIT(true, Ns.WSMAN, "EncodingLimit", Ns.FAULT_WSMAN, null, 2150858868L),
    SCHEMA_VALIDATION_ERROR(true, Ns.WSMAN, "SchemaValidationError", Ns.FAULT_WSMAN, null, 2150858817L),
    ACCESS_DENIED(true, Ns.WSMAN, "AccessDenied", Ns.FAULT_WSMAN, null, 5L),
    TIMED_OUT(false, Ns.WSMAN, "TimedOut", Ns.FAULT_WSMAN, null, 2150858793L),
    QUOTA_LIMIT(true, Ns.WSMAN, "QuotaLimit", Ns.FAULT_WSMAN, null, 2150858800L),
    UNSUPPORTED_FEATURE(true, Ns.WSMAN, "UnsupportedFeature", Ns.FAULT_WSMAN, null, 2150858853L),
    INVALID_PARAMETER(true, Ns.WSMAN, "InvalidParameter", Ns.FAULT_WSMAN, null, 2150858817L),
    ALREADY_EXISTS(true, Ns.WSMAN, "AlreadyExists", Ns.FAULT_WSMAN, null, 2150858800L),
    INTERNAL_ERROR(false, Ns.WSMAN, "InternalError", Ns.FAULT_WSMAN, null, 2150858752L),
    EVENT_DELIVERY_MODE_UNAVAILABLE(true, Ns.WSE, "DeliveryModeRequestedUnavailable", Ns.FAULT_WSE, null, 2150858853L),
    EVENT_INVALID_EXPIRATION_TIME(true, Ns.WSE, "InvalidExpirationTime", Ns.FAULT_WSE, null, 2150858817L),
    EVENT_UNSUPPORTED_EXPIRATION_TYPE(true, Ns.WSE, "UnsupportedExpirationType", Ns.FAULT_WSE, null, 2150858817L),
    EVENT_FILTERING_NOT_SUPPORTED(true, Ns.WSE, "FilteringNotSupported", Ns.FAULT_WSE, null, 2150858817L),
    EVENT_FILTERING_UNAVAILABLE(true, Ns.WSE, "FilteringRequestedUnavailable", Ns.FAULT_WSE, null, 2150858817L),
    EVENT_SOURCE_UNABLE_TO_PROCESS(false, Ns.WSE, "EventSourceUnableToProcess", Ns.FAULT_WSE, null, 2150858817L),
    EVENT_UNABLE_TO_RENEW(false, Ns.WSE, "UnableToRenew", Ns.FAULT_WSE, null, 2150858817L),
    EVENT_INVALID_MESSAGE(true, Ns.WSE, "InvalidMessage", Ns.FAULT_WSE, null, 2150858817L),
    MUST_UNDERSTAND(true, Ns.SOAP, "MustUnderstand", Ns.FAULT_WSA, null, 2150858770L),
    VERSION_MISMATCH(true, Ns.SOAP, "VersionMismatch", Ns.FAULT_WSA, null, 2150858770L);

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

    /** SOAP-level faults (MustUnderstand, VersionMismatch) are the top-level code, not a subcode. */
    public boolean isSoapCode() {
        return Ns.SOAP.equals(subcodeNs);
    }

    /** wsman:faultDetail/X as DSP0226 spells it. */
    public static String detail(String name) {
        return "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/" + name;
    }
}
