package org.xenwbem.provider.wsman.eventing;

import org.xenwbem.provider.cimom.indications.IndicationFilter;
import org.xenwbem.provider.cimom.indications.IndicationSchema;
import org.xenwbem.provider.wsman.WsmanExtension;
import org.xenwbem.provider.wsman.FaultKind;
import org.xenwbem.provider.wsman.WsmanFault;
import org.xenwbem.provider.wsman.WsmanRequest;

/**
 * wse:Subscribe (DSP0226 §10.2). The resource URI names what to watch: an indication class, or a
 * class whose instances' lifecycle indications are wanted (Xen_ComputerSystem or one of its
 * superclasses), or the wildcard URI {@code http://schemas.dmtf.org/wbem/wscim/1/*} with a filter
 * whose FROM class decides (see {@link IndicationFilter}). The response carries the subscription
 * manager EPR with wse:Identifier, the granted wse:Expires (in the form the client used) and, for
 * Pull delivery, the wsen:EnumerationContext to pull events with.
 */
final class SubscribeAction implements WsmanExtension {
    static final String WATCHED = "Xen_ComputerSystem";

    private final IndicationSchema schema;
    private final String unavailable;
    private final SubscribeDecoder decoder;
    private final WsmanSubscriptions subs;

    /** @param unavailable why eventing is off (the schema lacks its classes), or null when it is on */
    SubscribeAction(IndicationSchema schema, String unavailable, SubscribeDecoder decoder, WsmanSubscriptions subs) {
        this.schema = schema;
        this.unavailable = unavailable;
        this.decoder = decoder;
        this.subs = subs;
    }

    static boolean mayPush(String role) {
        return "pool-admin".equals(role) || "pool-operator".equals(role);
    }

    @Override
    public String handle(WsmanRequest req, Call call) throws WsmanFault {
        if (schema == null) {
            throw EventingFaults.unavailable(unavailable);
        }
        SubscribeRequest sr = decoder.decode(req);
        boolean sends = !sr.isPull() || sr.endTo() != null;
        if (sends && !mayPush(call.caller().role())) {
            // push and EndTo make the daemon connect to an address the caller names: only pool roles may
            throw new WsmanFault(FaultKind.ACCESS_DENIED, null, call.caller().user() + " (" + call.caller().role()
                    + ") may subscribe with Pull delivery only; Push, PushWithAck and EndTo need the xapi role"
                    + " pool-operator or pool-admin", null);
        }
        WseSubscription s = subs.create(sr, filter(sr), call.caller().user(), call.address());
        return EventingEncoder.subscribed(s, new EventingEncoder.Expiry(s.core().expiresAt(), sr.expires(),
                sr.expiresAsDate()), req.messageId());
    }

    private IndicationFilter filter(SubscribeRequest sr) throws WsmanFault {
        String scope = sr.resourceClass();
        if (scope != null && schema.repository().get(scope) == null) {
            throw EventingFaults.invalidResourceUri("no class " + scope + " for resource URI " + sr.resourceUri());
        }
        if (scope != null && !schema.isIndicationClass(scope) && !schema.repository().isA(WATCHED, scope)) {
            throw EventingFaults.invalidResourceUri("no indications are produced about " + scope + "; subscribe to an"
                    + " indication class (e.g. Xen_ComputerSystemModification) or to " + WATCHED);
        }
        try {
            return IndicationFilter.of(schema, scope, sr.language(), sr.query());
        } catch (IndicationFilter.FilterException e) {
            throw EventingFaults.cannotProcessFilter(e.getMessage(), e);
        }
    }
}
