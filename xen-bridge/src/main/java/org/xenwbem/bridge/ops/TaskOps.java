package org.xenwbem.bridge.ops;

import java.util.Map;

/** xapi tasks used as CIM jobs: created by xenwbem, their CIM state kept in other_config. */
public interface TaskOps {
    /** task.create; returns its uuid. */
    String create(String label, String description) throws XenFailure;

    /**
     * Replaces the given other_config keys (each removed, then added), one at a time in the map's
     * order: a reader may see the first keys before the last.
     */
    void putOtherConfig(String task, Map<String, String> entries) throws XenFailure;

    void cancel(String task) throws XenFailure;

    void destroy(String task) throws XenFailure;
}
