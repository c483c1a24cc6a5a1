package org.xenwbem.provider.cimom.indications;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;

/**
 * What an administrator may see of one live subscription (the status page): never a credential. A
 * destination's user information ({@code https://user:secret@host/…}) and query are cut off.
 *
 * @param protocol    "ws-eventing" or "cim-xml"
 * @param owner       the user who subscribed; "" when the protocol does not record it
 * @param mode        Push, PushWithAck, Pull (WS-Eventing) or "listener" (CIM-XML)
 * @param destination where events go; "" for Pull
 * @param expires     when it ends unless renewed; null when it does not expire
 * @param filter      what it selects, in words
 */
public record SubscriptionInfo(String id, String protocol, String owner, String mode, String destination,
                               Instant expires, String filter) {
    public SubscriptionInfo {
        owner = owner == null ? "" : owner;
        destination = destination == null ? "" : destination;
        filter = filter == null ? "" : filter;
    }

    /** The address without user information, query or fragment ("" for null). */
    public static String safeAddress(URI uri) {
        if (uri == null) {
            return "";
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return uri.getScheme() + "://" + uri.getHost();
        }
    }
}
