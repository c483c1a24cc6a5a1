package org.xenwbem.tests.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue #14's fuzzing figures: each decoder's Jazzer fuzz test run in fuzzing mode for a fixed time,
 * printing executions per second, total executions and crashes per target into
 * {@code target/bench/fuzzing.txt}. Every target gets a JVM of its own (Jazzer fuzzes one test per
 * JVM), started in its module's directory so that the corpus it grows stays in
 * {@code <module>/.cifuzz-corpus} and a crash is written beside the seeds in
 * {@code src/test/resources/.../<Test>Inputs/<method>}, where the next build replays it. Coverage:
 * the fuzz tests live in their decoders' modules, and the fuzzing JVM gets those modules' class
 * directories ahead of their jars plus {@code jazzer.instrument=org.xenwbem.**}, so our classes are
 * instrumented wherever they come from (Jazzer's default instruments only class directories).
 * Memory is bounded by the JVM's heap (libFuzzer's RSS limit is off: an OutOfMemoryError is a
 * finding), one input by libFuzzer's {@code -timeout}, the run by a watchdog.
 * <p>
 * {@code -Dfuzz.seconds=N} sets the time per target (default 10: about 3 minutes in all with the JVM
 * starts; every build also replays the corpus in the fuzz-regression execution), {@code -Dfuzz.targets=Query,Vhd}
 * picks targets by name, {@code -Dfuzz.runs=10000000} ends each target at that many executions (a long run to the
 * goal: give it {@code fuzz.seconds} enough for the slowest). {@code seconds_for_10M} is the time 10 M executions (the long-run goal) take at
 * the rate measured; {@code execs_per_cpu_s} counts the fuzzing JVM's CPU time (its start and
 * instrumentation included), which a loaded machine does not distort. Not asserted: crashes are counted and
 * kept as seeds, and the regression tests replay them.
 */
@Tag("benchmark")
class FuzzingBenchmark {
    private static final Pattern DONE = Pattern.compile("Done (\\d+) runs in (\\d+) second");
    private static final Pattern STATUS = Pattern.compile("^#(\\d+)\\s+\\S+\\s+cov: (\\d+).*exec/s: (\\d+)");
    private static final Pattern RESULT = Pattern.compile("FUZZ-RESULT started=(\\d+) failed=(\\d+)");
    private static final Pattern CPU = Pattern.compile("FUZZ-CPU ms=(\\d+)");
    /** Issue #14's goal per target "in the long run": the report says how long that takes at the rate measured. */
    private static final long GOAL = 10_000_000L;
    /** {@code -Dfuzz.runs=N}: each target stops after N executions (or at {@code fuzz.seconds}, whichever comes first). */
    private static final long RUNS = Long.getLong("fuzz.runs", 0);
    private static final Pattern ARTIFACT = Pattern.compile("Test unit written to (\\S+)");

    /** One fuzz test: its module (directory under the repository root), class and method. */
    record Target(String module, String testClass, String method) {
        String name() {
            return testClass.substring(testClass.lastIndexOf('.') + 1).replace("FuzzTest", "");
        }
    }

    static final List<Target> TARGETS = List.of(
            new Target("cim-schema", "org.xenwbem.cim.xml.SmallXmlParserFuzzTest", "fastPathAgreesWithXerces"),
            new Target("cim-schema", "org.xenwbem.cim.query.QueryFuzzTest", "parseBindEvaluate"),
            new Target("cim-schema", "org.xenwbem.cim.mof.MofCompilerFuzzTest", "compile"),
            new Target("provider", "org.xenwbem.provider.wsman.WsmanDecoderFuzzTest", "decode"),
            new Target("provider", "org.xenwbem.provider.cimxml.CimXmlDecoderFuzzTest", "decode"),
            new Target("provider", "org.xenwbem.provider.transfer.BitsHeaderFuzzTest", "parseRanges"),
            new Target("provider", "org.xenwbem.provider.transfer.BitsSessionFuzzTest", "converse"),
            new Target("xen-bridge", "org.xenwbem.bridge.xmlrpc.XmlRpcReaderFuzzTest", "readEveryWay"),
            new Target("xen-bridge", "org.xenwbem.bridge.jsonrpc.JsonRpcFuzzTest", "readEveryWay"),
            new Target("xen-bridge", "org.xenwbem.bridge.transfer.VhdReaderFuzzTest", "read"));

    /** What one fuzzing run gave; {@code problem} names a crash, hang or failure to run (null: none). */
    record Outcome(long executions, long seconds, long coverage, int crashes, String problem, long cpuMillis) {
    }

    @Test
    void fuzzEachDecoder() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> modules = List.of("cim-schema", "xen-bridge", "provider");
        for (String m : modules) {
            assumeTrue(Files.isDirectory(root.resolve(m).resolve("target/test-classes")),
                    m + "'s test classes are not built (run with -am)");
        }
        int seconds = Integer.getInteger("fuzz.seconds", 10);
        String only = System.getProperty("fuzz.targets", "");
        Path logs = Path.of("target", "bench", "fuzzing-logs").toAbsolutePath();
        Files.createDirectories(logs);
        BenchReport out = new BenchReport("fuzzing");
        out.print("fuzz.seconds_per_target", seconds, "s");
        for (Target t : TARGETS) {
            if (!only.isEmpty() && List.of(only.split(",")).stream().noneMatch(o -> t.name().contains(o.trim()))) {
                continue;
            }
            Path log = logs.resolve(t.name() + ".log");
            Outcome o = run(t, root, modules, seconds, log);
            out.print("fuzz." + t.name() + ".executions", o.executions(), "execs");
            out.print("fuzz." + t.name() + ".execs_per_s", o.seconds() > 0 ? (double) o.executions() / o.seconds() : 0,
                    "execs/s");
            out.print("fuzz." + t.name() + ".seconds_for_10M", o.executions() > 0 && o.seconds() > 0
                    ? GOAL * o.seconds() / (double) o.executions() : 0, "s");
            out.print("fuzz." + t.name() + ".execs_per_cpu_s", o.cpuMillis() > 0 ? o.executions() * 1000.0 / o.cpuMillis()
                    : 0, "execs/cpu-s");
            out.print("fuzz." + t.name() + ".coverage", o.coverage(), "edges");
            out.print("fuzz." + t.name() + ".crashes", o.crashes(), "crashes");
            if (o.problem() != null) {
                System.out.println("FUZZ " + t.name() + ": " + o.problem() + " (log: " + log + ")");
            }
        }
    }

    private static Outcome run(Target t, Path root, List<String> modules, int seconds, Path log)
            throws IOException, InterruptedException {
        List<String> cp = new ArrayList<>();
        for (String m : modules) {
            cp.add(root.resolve(m).resolve("target/test-classes").toString());
            cp.add(root.resolve(m).resolve("target/classes").toString());
        }
        cp.add(System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty("fuzz.heap", "384m"), "-XX:+UseParallelGC",
                "-XX:-OmitStackTraceInFastThrow",
                "-cp", String.join(java.io.File.pathSeparator, cp),
                "-Djazzer.instrument=org.xenwbem.**", "-Djazzer.max_duration=" + seconds + "s",
                "-Djazzer.internal.arg.0=fuzz", "-Djazzer.internal.arg.1=-timeout=10"));
        if (RUNS > 0) {
            // a long run ends at the goal instead of at its time limit, which then only bounds it
            cmd.add("-Djazzer.internal.arg.2=-runs=" + RUNS);
        }
        cmd.add(FuzzRunner.class.getName());
        cmd.add(t.testClass());
        cmd.add(t.method());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.resolve(t.module()).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("JAZZER_FUZZ", "1");
        Process p = pb.start();
        boolean ended = p.waitFor(seconds + 180L, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        return parse(Files.readAllLines(log, StandardCharsets.UTF_8), ended, seconds);
    }

    static Outcome parse(List<String> lines, boolean ended, long seconds) {
        long execs = 0;
        long secs = 0;
        long cov = 0;
        long rate = 0;
        int failed = -1;
        int started = 0;
        long cpu = 0;
        List<String> problems = new ArrayList<>();
        for (String line : lines) {
            Matcher m;
            if ((m = STATUS.matcher(line)).find()) {
                execs = Long.parseLong(m.group(1));
                cov = Long.parseLong(m.group(2));
                rate = Long.parseLong(m.group(3));
            } else if ((m = DONE.matcher(line)).find()) {
                execs = Long.parseLong(m.group(1));
                secs = Long.parseLong(m.group(2));
            } else if ((m = RESULT.matcher(line)).find()) {
                started = Integer.parseInt(m.group(1));
                failed = Integer.parseInt(m.group(2));
            } else if ((m = CPU.matcher(line)).find()) {
                cpu = Long.parseLong(m.group(1));
            } else if ((m = ARTIFACT.matcher(line)).find()) {
                problems.add("crash input kept as " + m.group(1));
            } else if (line.startsWith("FUZZ-FAILURE ")) {
                problems.add(line.substring(13));
            }
        }
        if (secs == 0 && rate > 0) {
            secs = Math.max(1, execs / rate);
        }
        int crashes = Math.max(0, failed);
        if (!ended) {
            problems.add("did not end within " + (seconds + 180) + " s (hang)");
            crashes++;
        } else if (failed < 0 || started == 0) {
            problems.add(failed < 0 ? "the fuzzing JVM ended without a result" : "no fuzz test ran");
        }
        return new Outcome(execs, secs, cov, crashes, problems.isEmpty() ? null : String.join("; ", problems), cpu);
    }
}
