package org.xenwbem.provider.wsman.eventing;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.w3c.dom.Element;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.provider.wsman.FaultKind;
import org.xenwbem.provider.wsman.Ns;
import org.xenwbem.provider.wsman.WsmanFault;
import org.xenwbem.provider.wsman.WsmanRequest;

/**
 * A decoded wsen:Pull on a Pull-mode subscription's context (DSP0226 §10.2.9.4): MaxElements (1 when
 * absent, at most 10,000), MaxTime (null when absent), MaxCharacters ({@link Long#MAX_VALUE} when absent).
 */
record EventPullRequest(int maxElements, Duration maxTime, long maxCharacters) {

    static EventPullRequest decode(WsmanRequest req) throws WsmanFault {
        Element pull = req.body();
        int max = (int) Math.min(positive(pull, "MaxElements", 1), 10_000);
        return new EventPullRequest(max, maxTime(pull), positive(pull, "MaxCharacters", Long.MAX_VALUE));
    }

    private static Duration maxTime(Element pull) throws WsmanFault {
        Element maxTime = SafeXml.child(pull, Ns.WSEN, "MaxTime");
        if (maxTime == null) {
            return null;
        }
        try {
            return Duration.parse(SafeXml.text(maxTime));
        } catch (DateTimeParseException e) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, "MaxTime is not an xs:duration", e);
        }
    }

    private static long positive(Element pull, String name, long absent) throws WsmanFault {
        Element e = SafeXml.child(pull, Ns.WSEN, name);
        if (e == null) {
            return absent;
        }
        try {
            long v = Long.parseLong(SafeXml.text(e));
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, name + " must be a positive integer", null);
    }
}
