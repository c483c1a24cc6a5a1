package org.xenwbem.bridge.ops;

import java.time.Duration;
import java.util.function.DoubleConsumer;

/** A long XenAPI operation running as a xapi task. */
public interface Operation {
    /** The xapi task's uuid (jobs keep it; any pool member can look it up). */
    String taskUuid();

    /**
     * Waits for the end; {@code progress} sees values 0..1. Returns the UUID the operation produced
     * (a new VM, VDI, …) or "" when it produces nothing. The task is destroyed afterwards.
     */
    String await(Duration timeout, DoubleConsumer progress) throws XenFailure;

    /** Asks xapi to cancel; {@link #await} then fails with {@link XenFailure.Kind#CANCELLED}. */
    void cancel() throws XenFailure;
}
