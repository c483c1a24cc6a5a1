package org.xenwbem.provider.methods;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.provider.cimom.MethodProvider;

/** Every method provider, registered in one place. */
public final class Methods {
    private Methods() {
    }

    public static List<MethodProvider> all(MethodEnvironment env, JobControl jobControl) {
        List<MethodProvider> out = new ArrayList<>();
        out.add(new VmStateChange(env));
        out.add(new HostStateChange(env));
        out.add(new VirtualSystemManagement(env));
        out.add(new MigrationService(env));
        out.add(new SnapshotService(env));
        out.add(new MetricService(env));
        out.add(jobControl);
        return out;
    }
}
