package org.xenwbem.tests.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The main class of one fuzzing JVM of {@link FuzzingBenchmark}: runs one {@code @FuzzTest} method
 * through the JUnit platform (Jazzer fuzzes only when {@code JAZZER_FUZZ} is set, and only one fuzz
 * test per JVM) and prints {@code FUZZ-RESULT started=N failed=M}, the CPU time the JVM used
 * ({@code FUZZ-CPU ms=N}: on a shared machine, executions per CPU second say more than per wall
 * second), then each failure's message.
 * Arguments: the test class and the method name.
 */
public final class FuzzRunner {
    private FuzzRunner() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        Class<?> test = Class.forName(args[0]);
        Method method = Arrays.stream(test.getDeclaredMethods()).filter(m -> m.getName().equals(args[1]))
                .filter(m -> m.isAnnotationPresent(FuzzTest.class)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no @FuzzTest " + args[1] + " in " + args[0]));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(test, method)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        TestExecutionSummary s = summary.getSummary();
        System.out.println("FUZZ-RESULT started=" + s.getTestsStartedCount() + " failed=" + s.getTotalFailureCount());
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            System.out.println("FUZZ-CPU ms=" + os.getProcessCpuTime() / 1_000_000);
        }
        s.getFailures().forEach(f -> System.out.println("FUZZ-FAILURE " + f.getException()));
        System.exit(0);
    }
}
