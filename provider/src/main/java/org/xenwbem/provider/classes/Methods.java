package org.xenwbem.provider.classes;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.provider.cimom.MethodProvider;
import org.xenwbem.provider.classes.host.HostStateChange;
import org.xenwbem.provider.classes.jobs.JobControl;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.classes.metrics.MetricService;
import org.xenwbem.provider.classes.pool.HostPoolMethods;
import org.xenwbem.provider.classes.storage.DiskExposure;
import org.xenwbem.provider.classes.storage.StoragePoolManagement;
import org.xenwbem.provider.classes.network.SwitchManagement;
import org.xenwbem.provider.classes.vm.ConsoleAccess;
import org.xenwbem.provider.classes.vm.ConsoleSessions;
import org.xenwbem.provider.classes.vm.MigrationService;
import org.xenwbem.provider.classes.vm.SnapshotService;
import org.xenwbem.provider.classes.vm.VirtualSystemManagement;
import org.xenwbem.provider.classes.vm.VmStateChange;

/** Every method provider, registered in one place. */
public final class Methods {
    private Methods() {
    }

    public static List<MethodProvider> all(MethodEnvironment env, JobControl jobControl) {
        return all(env, jobControl, DiskExposure.NONE);
    }

    /** Every method provider; console sessions are never logged out at shutdown (tests that do not care). */
    public static List<MethodProvider> all(MethodEnvironment env, JobControl jobControl, DiskExposure disks) {
        return all(env, jobControl, disks, new ConsoleSessions());
    }

    /**
     * Every method provider; ConnectToDiskImage exposes disks through {@code disks}, Xen_Console.Login
     * keeps its sessions in {@code consoles} (whose owner closes it at shutdown).
     */
    public static List<MethodProvider> all(MethodEnvironment env, JobControl jobControl, DiskExposure disks,
                                           ConsoleSessions consoles) {
        List<MethodProvider> out = new ArrayList<>();
        out.add(new VmStateChange(env));
        out.add(new HostStateChange(env));
        out.add(new SwitchManagement(env));
        out.add(new VirtualSystemManagement(env));
        out.add(new MigrationService(env));
        out.add(new SnapshotService(env, disks));
        out.add(new ConsoleAccess(env, consoles));
        out.add(new MetricService(env));
        out.add(new StoragePoolManagement(env, disks));
        out.add(new HostPoolMethods(env));
        out.add(jobControl);
        return out;
    }
}
