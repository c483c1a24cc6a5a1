package org.xenwbem.provider.jobs;

import java.util.Map;
import org.xenwbem.bridge.ops.XenFailure;

/** Where job state lives: xapi tasks written through the daemon's service session. */
public interface JobStore {
    /** Creates the job's task with its initial state; returns the task uuid. */
    String create(String label, String description, Map<String, String> state) throws XenFailure;

    void update(String task, Map<String, String> state) throws XenFailure;

    void destroy(String task) throws XenFailure;
}
