package org.xenwbem.bridge.ops;

import java.util.Map;

/** xapi tasks used as CIM jobs: created by xenwbem, their CIM state kept in other_config. */
public interface TaskOps {
    /** task.create; returns its uuid. */
    String create(String label, String description) throws XenFailure;

    /**
     * task.create with its other_config set at once ({@code task.set_other_config}: the new task's map is
     * empty, so nothing is replaced): two calls, not two per key, which a slow xapi makes count.
     */
    default String create(String label, String description, Map<String, String> otherConfig) throws XenFailure {
        String task = create(label, description);
        putOtherConfig(task, otherConfig);
        return task;
    }

    /**
     * Replaces the given other_config keys (each removed, then added), one at a time in the map's
     * order: a reader may see the first keys before the last.
     */
    void putOtherConfig(String task, Map<String, String> entries) throws XenFailure;

    /**
     * Replaces the task's whole other_config with {@code all} in one call ({@code task.set_other_config}),
     * so that a reader sees every entry at once.
     */
    default void setOtherConfig(String task, Map<String, String> all) throws XenFailure {
        putOtherConfig(task, all);
    }

    void cancel(String task) throws XenFailure;

    void destroy(String task) throws XenFailure;
}
