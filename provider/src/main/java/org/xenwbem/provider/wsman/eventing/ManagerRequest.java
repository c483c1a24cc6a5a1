package org.xenwbem.provider.wsman.eventing;

import java.time.Duration;

/**
 * A decoded subscription manager request (WS-Eventing §3.2–3.4): the subscription's wse:Identifier
 * and, for Renew, the life to grant and whether the client gave it as an xs:dateTime.
 */
record ManagerRequest(String identifier, Duration expires, boolean expiresAsDate) {
}
