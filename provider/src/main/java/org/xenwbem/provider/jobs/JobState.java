package org.xenwbem.provider.jobs;

/** CIM_ConcreteJob.JobState values used by xenwbem, and the task other_config keys that store them. */
public final class JobState {
    public static final int NEW = 2;
    public static final int RUNNING = 4;
    public static final int COMPLETED = 7;
    public static final int KILLED = 9;
    public static final int EXCEPTION = 10;

    /** Marks a task as a xenwbem job; its value is the CIM job class. */
    public static final String CLASS = "xenwbem_job_class";
    public static final String STATE = "xenwbem_job_state";
    public static final String PERCENT = "xenwbem_percent_complete";
    public static final String ERROR_CODE = "xenwbem_error_code";
    public static final String ERROR_DESCRIPTION = "xenwbem_error_description";
    public static final String RESULT = "xenwbem_result";
    public static final String OWNER = "xenwbem_owner";
    public static final String HOST = "xenwbem_host";
    public static final String METHOD = "xenwbem_method";
    public static final String SUBTASK = "xenwbem_subtask";
    public static final String STARTED = "xenwbem_started";
    public static final String FINISHED = "xenwbem_finished";

    private JobState() {
    }

    public static boolean finished(int state) {
        return state == COMPLETED || state == KILLED || state == EXCEPTION;
    }
}
