package org.xenwbem.bridge.ops;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleConsumer;
import org.xenwbem.bridge.client.TaskHandle;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiTransportException;

/** An {@link Operation} over a xapi task handle; the result ref is turned into a uuid. */
final class TaskOperation implements Operation {
    private final Calls calls;
    private final TaskHandle handle;
    private final String resultClass;
    private volatile String taskUuid;

    TaskOperation(Calls calls, TaskHandle handle, String resultClass) {
        this.calls = calls;
        this.handle = handle;
        this.resultClass = resultClass;
    }

    @Override
    public String taskUuid() {
        String u = taskUuid;
        if (u == null) {
            try {
                u = handle.uuid();
                taskUuid = u;
            } catch (XenApiException | XenApiTransportException e) {
                return "";
            }
        }
        return u;
    }

    @Override
    public String await(Duration timeout, DoubleConsumer progress) throws XenFailure {
        taskUuid();
        Object result;
        try {
            result = handle.await(timeout, progress);
        } catch (XenApiException e) {
            throw XenFailure.of(e);
        } catch (XenApiTransportException e) {
            throw XenFailure.of(e);
        } catch (TimeoutException e) {
            throw new XenFailure(XenFailure.Kind.FAILED, "TIMEOUT", java.util.List.of(), e.getMessage(), e);
        }
        String r = result == null ? "" : String.valueOf(result);
        return resultClass != null && r.startsWith("OpaqueRef:") ? calls.uuidOf(resultClass, r) : "";
    }

    @Override
    public void cancel() throws XenFailure {
        try {
            handle.cancel();
        } catch (XenApiException e) {
            throw XenFailure.of(e);
        } catch (XenApiTransportException e) {
            throw XenFailure.of(e);
        }
    }
}
