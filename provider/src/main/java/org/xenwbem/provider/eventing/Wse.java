package org.xenwbem.provider.eventing;

import java.util.List;

/** URIs of WS-Eventing (2004/08) and of DSP0226 §10's eventing additions. */
final class Wse {
    static final String NS = "http://schemas.xmlsoap.org/ws/2004/08/eventing";
    static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman";

    static final String SUBSCRIBE = NS + "/Subscribe";
    static final String SUBSCRIBE_RESPONSE = NS + "/SubscribeResponse";
    static final String RENEW = NS + "/Renew";
    static final String RENEW_RESPONSE = NS + "/RenewResponse";
    static final String GET_STATUS = NS + "/GetStatus";
    static final String GET_STATUS_RESPONSE = NS + "/GetStatusResponse";
    static final String UNSUBSCRIBE = NS + "/Unsubscribe";
    static final String UNSUBSCRIBE_RESPONSE = NS + "/UnsubscribeResponse";
    static final String SUBSCRIPTION_END = NS + "/SubscriptionEnd";

    static final String MODE_PUSH = NS + "/DeliveryModes/Push";
    static final String MODE_PUSH_WITH_ACK = WSMAN + "/PushWithAck";
    static final String MODE_EVENTS = WSMAN + "/Events";
    static final String MODE_PULL = WSMAN + "/Pull";
    static final List<String> SUPPORTED_MODES = List.of(MODE_PUSH, MODE_PUSH_WITH_ACK, MODE_PULL);

    static final String ACTION_EVENT = WSMAN + "/Event";
    static final String ACTION_HEARTBEAT = WSMAN + "/Heartbeat";
    static final String ACTION_DROPPED = WSMAN + "/DroppedEvents";
    static final String ACTION_ACK = WSMAN + "/Ack";

    static final String STATUS_DELIVERY_FAILURE = NS + "/DeliveryFailure";
    static final String STATUS_SHUTTING_DOWN = NS + "/SourceShuttingDown";
    static final String STATUS_CANCELLING = NS + "/SourceCancelling";

    private Wse() {
    }
}
