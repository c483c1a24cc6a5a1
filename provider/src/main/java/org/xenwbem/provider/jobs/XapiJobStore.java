package org.xenwbem.provider.jobs;

import java.util.Map;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.ops.XenFailure;

/** Job state in xapi tasks, written with the daemon's service session. */
public final class XapiJobStore implements JobStore {
    private final XenBridge bridge;

    public XapiJobStore(XenBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public String create(String label, String description, Map<String, String> state) throws XenFailure {
        String task = bridge.serviceSession().tasks().create(label, description);
        bridge.serviceSession().tasks().putOtherConfig(task, state);
        return task;
    }

    @Override
    public void update(String task, Map<String, String> state) throws XenFailure {
        bridge.serviceSession().tasks().putOtherConfig(task, state);
    }

    @Override
    public void destroy(String task) throws XenFailure {
        bridge.serviceSession().tasks().destroy(task);
    }
}
