package org.xenwbem.provider.wsman.eventing;

import org.xenwbem.provider.cimom.indications.Subscription;

/**
 * A WS-Eventing subscription: the protocol-neutral {@link Subscription} (owner, filter, life,
 * delivery) and what WS-Eventing adds to it — the decoded wse:Subscribe, the wsen:EnumerationContext
 * a Pull-mode subscriber pulls with (null for Push), and the service address of the subscription
 * manager EPR.
 */
record WseSubscription(Subscription core, SubscribeRequest request, String contextId, String managerAddress) {
    String id() {
        return core.id();
    }

    String owner() {
        return core.owner();
    }
}
