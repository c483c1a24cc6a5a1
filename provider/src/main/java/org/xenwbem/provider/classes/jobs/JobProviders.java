package org.xenwbem.provider.classes.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.TaskRecord;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.jobs.JobState;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Values;
import org.xenwbem.provider.classes.common.Paths;

/**
 * Jobs are xapi tasks (anchor §6), InstanceID {@code Xen:<task uuid>}: the tasks whose class is
 * {@code other_config["xenwbem_job_class"]} (set by our job manager) or whose name_label names a job
 * class (the anchor's convention). xapi's own tasks are not CIM jobs and are not listed; each job
 * class lists exactly its own tasks. State in
 * {@code other_config} — the job manager's {@code xenwbem_*} keys ({@link JobState}), else the anchor's
 * CIMJobState / PercentComplete / ErrorCode / ErrorDescription, and the subclass properties by name —
 * wins over what is derived from the task's status, progress, error_info, created and finished.
 */
public final class JobProviders {
    static final String JOB = "Xen_Job";
    static final String CLASS_KEY = JobState.CLASS;
    /** CIM_ConcreteJob.JobState. */
    static final long RUNNING = 4;
    static final long SHUTTING_DOWN = 6;
    static final long COMPLETED = 7;
    static final long TERMINATED = 8;
    static final long EXCEPTION = 10;

    private JobProviders() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        List<String> classes = new ArrayList<>();
        classes.add(JOB);
        classes.addAll(pc.classes().subclasses(JOB, true));
        List<InstanceProvider> out = new ArrayList<>();
        for (String cls : classes) {
            out.add(Mapped.of(pc, cls, s -> tasksOf(pc.classes(), cls, s), (t, s, b) -> fill(pc.classes(), cls, t, b))
                    .withLookup((k, s) -> s.task(String.valueOf(Ids.owner(k.get("InstanceID"))))
                            .filter(t -> cls.equalsIgnoreCase(jobClass(pc.classes(), t)))));
        }
        return out;
    }

    static List<TaskRecord> tasksOf(ClassRepository repo, String cls, PoolSnapshot s) {
        return s.tasks().stream().filter(t -> cls.equalsIgnoreCase(jobClass(repo, t))).toList();
    }

    /** The job class of a task (see the class comment). */
    static String jobClass(ClassRepository repo, TaskRecord t) {
        String marked = t.otherConfig().get(CLASS_KEY);
        if (isJobClass(repo, marked)) {
            return repo.get(marked).name();
        }
        return isJobClass(repo, t.nameLabel()) ? repo.get(t.nameLabel()).name() : null;
    }

    private static boolean isJobClass(ClassRepository repo, String name) {
        return name != null && repo.get(name) != null && repo.isA(name, JOB);
    }

    private static boolean fill(ClassRepository repo, String cls, TaskRecord t, CimInstance.Builder b) {
        Map<String, String> oc = t.otherConfig();
        long state = number(first(oc, JobState.STATE, "CIMJobState"), jobState(t));
        String code = first(oc, JobState.ERROR_CODE, "ErrorCode");
        Paths.keyed(b, Paths.job(cls, t.uuid()))
                .set("Caption", "Xen Task")
                .set("Name", t.nameLabel())
                .set("ElementName", t.nameDescription())
                .set("Description", oc.getOrDefault("Description", t.nameDescription()))
                .set("Owner", oc.get(JobState.OWNER))
                .set("JobState", state)
                .set("PercentComplete", number(first(oc, JobState.PERCENT, "PercentComplete"), Values.percent(t.progress())))
                .set("ErrorCode", number(code, state == EXCEPTION || code != null ? 1L : 0L))
                .set("ErrorDescription", Optional.ofNullable(first(oc, JobState.ERROR_DESCRIPTION, "ErrorDescription"))
                        .orElse(t.errorInfo().isEmpty() ? null : String.join(" ", t.errorInfo())))
                .set("DeleteOnCompletion", false);
        Instant start = epoch(oc.get(JobState.STARTED), t.created());
        Instant end = epoch(oc.get(JobState.FINISHED), t.done() ? t.finished() : null);
        if (start != null) {
            b.set("TimeSubmitted", CimDateTime.of(t.created() == null ? start : t.created()))
                    .set("StartTime", CimDateTime.of(start));
        }
        if (start != null && end != null) {
            b.set("TimeOfLastStateChange", CimDateTime.of(end))
                    .set("ElapsedTime", CimDateTime.ofInterval(Duration.between(start, end).abs()));
        }
        subclassProperties(repo, cls, oc, b);
        return true;
    }

    /** The first of the keys that is set: our job manager's, then the anchor's. */
    private static String first(Map<String, String> oc, String ours, String anchors) {
        String v = oc.get(ours);
        return v != null ? v : oc.get(anchors);
    }

    /** Epoch seconds as the job manager writes them; the fallback when absent or malformed. */
    private static Instant epoch(String seconds, Instant fallback) {
        long s = number(seconds, Long.MIN_VALUE);
        return s == Long.MIN_VALUE ? fallback : Instant.ofEpochSecond(s);
    }

    /** pending → Running (Shutting Down while cancelling), success → Completed, failure → Exception. */
    static long jobState(TaskRecord t) {
        return switch (t.status()) {
            case "success" -> COMPLETED;
            case "failure" -> EXCEPTION;
            case "cancelled" -> TERMINATED;
            case "cancelling" -> SHUTTING_DOWN;
            default -> RUNNING;
        };
    }

    private static long number(String text, long fallback) {
        try {
            return text == null ? fallback : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * Properties Xen_Job and its subclasses add (Result, StoragePath, TargetURI, AffectedResources, …) come from the other_config key
     * of the same name; arrays are split on ';' (AffectedResources, as the anchor) or ','.
     */
    private static void subclassProperties(ClassRepository repo, String cls, Map<String, String> oc,
                                           CimInstance.Builder b) {
        CimClass base = repo.get("CIM_ConcreteJob");
        for (CimProperty p : repo.get(cls).properties()) {
            String v = oc.get(p.name());
            if (v == null || base.property(p.name()) != null || p.type() != org.xenwbem.cim.CimType.STRING) {
                continue;
            }
            b.set(p.name(), p.array() ? Arrays.asList(v.split("AffectedResources".equals(p.name()) ? ";" : ","))
                    : v);
        }
    }
}
