package org.xenwbem.provider.eventing;

import org.xenwbem.provider.wsman.FaultKind;
import org.xenwbem.provider.wsman.WsmanFault;

/**
 * The one place where WS-Eventing faults (WS-Eventing 2004/08 §4, DSP0226 §10) become
 * {@link WsmanFault}s. The wsman package's fault table has no {@code wse:} subcodes yet, so each is
 * rendered as the nearest WS-Management fault, and the reason starts with the WS-Eventing name
 * (e.g. {@code wse:DeliveryModeRequestedUnavailable}) and says what is supported.
 */
final class EventingFaults {
    private EventingFaults() {
    }

    static WsmanFault deliveryModeUnavailable(String mode) {
        return new WsmanFault(FaultKind.UNSUPPORTED_FEATURE, null,
                "wse:DeliveryModeRequestedUnavailable: delivery mode " + mode + " is not supported; supported modes: "
                        + String.join(" ", Wse.SUPPORTED_MODES), null);
    }

    static WsmanFault invalidExpirationTime(String why) {
        return new WsmanFault(FaultKind.INVALID_EXPIRATION_TIME, null, "wse:InvalidExpirationTime: " + why, null);
    }

    static WsmanFault unsupportedExpirationType(String value) {
        return new WsmanFault(FaultKind.UNSUPPORTED_FEATURE, FaultKind.detail("ExpirationTime"),
                "wse:UnsupportedExpirationType: " + value + " is neither an xs:duration in days, hours, minutes and"
                        + " seconds nor an xs:dateTime", null);
    }

    static WsmanFault filteringRequestedUnavailable(String dialect) {
        return new WsmanFault(FaultKind.FILTER_DIALECT_NOT_AVAILABLE, FaultKind.detail("FilteringRequired"),
                "wse:FilteringRequestedUnavailable: filter dialect " + dialect + " is not supported; supported dialects: "
                        + "http://schemas.dmtf.org/wbem/wsman/1/WQL http://schemas.microsoft.com/wbem/wsman/1/WQL "
                        + "http://schemas.dmtf.org/wbem/cql/1/dsp0202.pdf", null);
    }

    static WsmanFault cannotProcessFilter(String why, Throwable cause) {
        return new WsmanFault(FaultKind.CANNOT_PROCESS_FILTER, null, "wse:EventSourceUnableToProcess: " + why, cause);
    }

    static WsmanFault invalidResourceUri(String why) {
        return new WsmanFault(FaultKind.INVALID_RESOURCE_URI, FaultKind.INVALID_RESOURCE_URI.defaultDetail(), why, null);
    }

    static WsmanFault invalidMessage(String why) {
        return new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, "wse:InvalidMessage: " + why, null);
    }

    static WsmanFault badAddress(String what, String why) {
        return new WsmanFault(FaultKind.INVALID_PARAMETER, FaultKind.detail("InvalidValue"),
                "wse:InvalidMessage: " + what + " " + why, null);
    }

    static WsmanFault unsupported(String detail, String why) {
        return new WsmanFault(FaultKind.UNSUPPORTED_FEATURE, FaultKind.detail(detail), why, null);
    }

    /** Renew/GetStatus/Unsubscribe naming no live subscription of this user. */
    static WsmanFault unknownSubscription(String id) {
        return new WsmanFault(FaultKind.DESTINATION_UNREACHABLE, null, "wse:InvalidMessage: no active subscription "
                + id + " (unknown, expired or ended)", null);
    }

    static WsmanFault quota(String why) {
        return new WsmanFault(FaultKind.QUOTA_LIMIT, null, why, null);
    }

    static WsmanFault unavailable(String why) {
        return new WsmanFault(FaultKind.INTERNAL_ERROR, null, "wse:EventSourceUnableToProcess: " + why, null);
    }
}
