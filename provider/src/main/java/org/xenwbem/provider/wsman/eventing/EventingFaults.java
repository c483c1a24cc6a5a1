package org.xenwbem.provider.wsman.eventing;

import org.xenwbem.provider.wsman.FaultKind;
import org.xenwbem.provider.wsman.WsmanFault;

/**
 * The one place where WS-Eventing faults (WS-Eventing 2004/08 §4, DSP0226 §10) become
 * {@link WsmanFault}s with their {@code wse:} subcodes and the WS-Eventing fault action; each reason
 * says what is supported.
 */
final class EventingFaults {
    private EventingFaults() {
    }

    static WsmanFault deliveryModeUnavailable(String mode) {
        return new WsmanFault(FaultKind.EVENT_DELIVERY_MODE_UNAVAILABLE, null,
                "delivery mode " + mode + " is not supported; supported modes: "
                        + String.join(" ", Wse.SUPPORTED_MODES), null);
    }

    static WsmanFault invalidExpirationTime(String why) {
        return new WsmanFault(FaultKind.EVENT_INVALID_EXPIRATION_TIME, null, why, null);
    }

    static WsmanFault unsupportedExpirationType(String value) {
        return new WsmanFault(FaultKind.EVENT_UNSUPPORTED_EXPIRATION_TYPE, null,
                value + " is neither an xs:duration in days, hours, minutes and"
                        + " seconds nor an xs:dateTime", null);
    }

    static WsmanFault filteringRequestedUnavailable(String dialect) {
        return new WsmanFault(FaultKind.EVENT_FILTERING_UNAVAILABLE, null,
                "filter dialect " + dialect + " is not supported; supported dialects: "
                        + "http://schemas.dmtf.org/wbem/wsman/1/WQL http://schemas.microsoft.com/wbem/wsman/1/WQL "
                        + "http://schemas.dmtf.org/wbem/cql/1/dsp0202.pdf", null);
    }

    static WsmanFault cannotProcessFilter(String why, Throwable cause) {
        return new WsmanFault(FaultKind.CANNOT_PROCESS_FILTER, null, why, cause);
    }

    static WsmanFault invalidResourceUri(String why) {
        return new WsmanFault(FaultKind.INVALID_RESOURCE_URI, FaultKind.INVALID_RESOURCE_URI.defaultDetail(), why, null);
    }

    static WsmanFault invalidMessage(String why) {
        return new WsmanFault(FaultKind.EVENT_INVALID_MESSAGE, null, why, null);
    }

    static WsmanFault badAddress(String what, String why) {
        return new WsmanFault(FaultKind.EVENT_INVALID_MESSAGE, null,
                what + " " + why, null);
    }

    static WsmanFault unsupported(String detail, String why) {
        return new WsmanFault(FaultKind.UNSUPPORTED_FEATURE, FaultKind.detail(detail), why, null);
    }

    /** Renew/GetStatus/Unsubscribe naming no live subscription of this user. */
    static WsmanFault unknownSubscription(String id) {
        return new WsmanFault(FaultKind.EVENT_INVALID_MESSAGE, null, "no active subscription "
                + id + " (unknown, expired or ended)", null);
    }

    static WsmanFault quota(String why) {
        return new WsmanFault(FaultKind.QUOTA_LIMIT, null, why, null);
    }

    static WsmanFault unavailable(String why) {
        return new WsmanFault(FaultKind.EVENT_SOURCE_UNABLE_TO_PROCESS, null, why, null);
    }
}
