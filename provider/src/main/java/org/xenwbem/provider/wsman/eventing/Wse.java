package org.xenwbem.provider.wsman.eventing;

import java.util.List;

/** URIs of WS-Eventing (2004/08) and of DSP0226 §10's eventing additions. */
public final class Wse {
    public static final String NS = "http://schemas.xmlsoap.org/ws/2004/08/eventing";
    public static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman";

    public static final String SUBSCRIBE = NS + "/Subscribe";
    public static final String SUBSCRIBE_RESPONSE = NS + "/SubscribeResponse";
    public static final String RENEW = NS + "/Renew";
    public static final String RENEW_RESPONSE = NS + "/RenewResponse";
    public static final String GET_STATUS = NS + "/GetStatus";
    public static final String GET_STATUS_RESPONSE = NS + "/GetStatusResponse";
    public static final String UNSUBSCRIBE = NS + "/Unsubscribe";
    public static final String UNSUBSCRIBE_RESPONSE = NS + "/UnsubscribeResponse";
    public static final String SUBSCRIPTION_END = NS + "/SubscriptionEnd";

    public static final String MODE_PUSH = NS + "/DeliveryModes/Push";
    public static final String MODE_PUSH_WITH_ACK = WSMAN + "/PushWithAck";
    public static final String MODE_EVENTS = WSMAN + "/Events";
    public static final String MODE_PULL = WSMAN + "/Pull";
    public static final List<String> SUPPORTED_MODES = List.of(MODE_PUSH, MODE_PUSH_WITH_ACK, MODE_PULL);

    public static final String ACTION_EVENT = WSMAN + "/Event";
    public static final String ACTION_HEARTBEAT = WSMAN + "/Heartbeat";
    public static final String ACTION_DROPPED = WSMAN + "/DroppedEvents";
    public static final String ACTION_ACK = WSMAN + "/Ack";

    public static final String STATUS_DELIVERY_FAILURE = NS + "/DeliveryFailure";
    public static final String STATUS_SHUTTING_DOWN = NS + "/SourceShuttingDown";
    public static final String STATUS_CANCELLING = NS + "/SourceCancelling";

    private Wse() {
    }
}
