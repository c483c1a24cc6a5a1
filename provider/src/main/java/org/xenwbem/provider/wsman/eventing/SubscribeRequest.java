package org.xenwbem.provider.wsman.eventing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.xenwbem.cim.query.QueryLanguage;

/**
 * A decoded wse:Subscribe (DSP0226 §10.2): delivery mode and targets, the granted life, heartbeat
 * interval, and the filter (resource class and optional query).
 *
 * @param expires        the life granted (the request's, capped; the default when absent)
 * @param expiresAsDate  the client gave an xs:dateTime, so responses answer with one
 * @param heartbeats     the heartbeat interval granted, or null for none
 * @param resourceUri    the request's resource URI, echoed in the subscription manager EPR
 * @param resourceClass  the class it names, or null for the wildcard URI
 * @param language       the filter's language, or null when there is no filter
 */
record SubscribeRequest(String mode, Target notifyTo, Target endTo, Duration expires, boolean expiresAsDate,
                        Duration heartbeats, String resourceUri, String resourceClass, QueryLanguage language,
                        String query) {
    /** An endpoint reference messages are sent to: its address and reference parameters as XML headers. */
    record Target(URI address, List<String> referenceParameters) {
    }

    boolean isPull() {
        return Wse.MODE_PULL.equals(mode);
    }

    boolean withAck() {
        return Wse.MODE_PUSH_WITH_ACK.equals(mode);
    }
}
