package org.xenwbem.bridge.ops;

import java.util.Map;

/** {@link TaskOps} over a user's session. */
final class XapiTaskOps implements TaskOps {
    private final Calls c;

    XapiTaskOps(Calls c) {
        this.c = c;
    }

    @Override
    public String create(String label, String description) throws XenFailure {
        return c.uuidOf("task", String.valueOf(c.call("task.create", label, description)));
    }

    @Override
    public String create(String label, String description, Map<String, String> otherConfig) throws XenFailure {
        Object ref = c.call("task.create", label, description);
        c.call("task.set_other_config", ref, otherConfig);
        return c.uuidOf("task", String.valueOf(ref));
    }

    @Override
    public void putOtherConfig(String task, Map<String, String> entries) throws XenFailure {
        String ref = c.ref("task", task);
        for (Map.Entry<String, String> e : entries.entrySet()) {
            c.call("task.remove_from_other_config", ref, e.getKey());
            c.call("task.add_to_other_config", ref, e.getKey(), e.getValue());
        }
    }

    @Override
    public void setOtherConfig(String task, Map<String, String> all) throws XenFailure {
        c.call("task.set_other_config", c.ref("task", task), all);
    }

    @Override
    public void cancel(String task) throws XenFailure {
        c.call("task.cancel", c.ref("task", task));
    }

    @Override
    public void destroy(String task) throws XenFailure {
        c.call("task.destroy", c.ref("task", task));
    }
}
