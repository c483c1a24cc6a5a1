package org.xenwbem.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daemon (or the simulated pool alone) in a JVM of its own, started from the test classpath, so that
 * a heap cap applies to it alone and an OutOfMemoryError ends it as it would in dom0: the daemon gets
 * the pack's flags ({@link #PACK_JVM}: the launcher's 128 MB heap, the serial collector, and the unit's
 * ExitOnOutOfMemoryError). Its output goes to a log file, read for the "listening on" line and quoted
 * in assertion messages. Public for the bench package.
 */
public final class ChildDaemon implements AutoCloseable {
    /** The JVM flags of the installed service that bound its memory (supplemental pack, bin/xenwbem). */
    public static final List<String> PACK_JVM = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
            "-Xss512k");
    /**
     * All the JVM flags the installed launcher gives the daemon (supplemental pack, bin/xenwbem:
     * {@code common} and {@code daemon_jvm}, without the class-data archive, which a caller adds),
     * with the default 128 MB heap; the launcher also sets MALLOC_ARENA_MAX=2 ({@link #INSTALLED_ENV}).
     * Both compilers (C1 alone served a fifth of the requests: FootprintBenchmark), the C heap trimmed
     * every 2 s (this JDK is 17.0.9 or later, as the launcher checks), the heap's 48 MB floor and fixed
     * young generation of the launcher's {@code young_gen}, C2's inlining budget ({@code c2_inlining}).
     */
    public static final List<String> INSTALLED_JVM = List.of("-XX:+UseSerialGC",
            "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Xmx128m", "-Xms48m", "-Xmn15m",
            "-XX:SurvivorRatio=2", "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=50", "-Xss512k",
            "-XX:MaxMetaspaceSize=96m", "-XX:ReservedCodeCacheSize=48m", "-XX:MaxDirectMemorySize=64m",
            "-Djdk.nio.maxCachedBufferSize=262144", "-XX:+ExitOnOutOfMemoryError",
            "-XX:FreqInlineSize=100", "-XX:InlineSmallCode=1000",
            "-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=2000");
    /**
     * {@link #INSTALLED_JVM} before the heap's floor and young generation were sized (issue #15 item 3):
     * the heap committed from 16 MB, free ratios 10-30 %. The "before" of FootprintBenchmark. Also without
     * C2's smaller inlining budget, which came after it.
     */
    public static final List<String> INSTALLED_JVM_16M_FLOOR = List.of("-XX:+UseSerialGC",
            "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Xms16m", "-Xmx128m", "-Xss512k",
            "-XX:MaxMetaspaceSize=96m", "-XX:ReservedCodeCacheSize=48m", "-XX:MaxDirectMemorySize=64m",
            "-Djdk.nio.maxCachedBufferSize=262144", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
            "-XX:+ExitOnOutOfMemoryError", "-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=2000");
    /**
     * The JVM flags of the development launcher {@code ./xenwbem} when issue #15 was filed (without its
     * class-data archive): the reference of the issue's item 3 (the whole 128 MB heap committed at
     * start, both compilers, no bound on metaspace or code cache).
     */
    public static final List<String> DEV_JVM_ISSUE_15 = List.of("-Xmx128m", "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Xss512k", "-XX:MaxDirectMemorySize=64m",
            "-Djdk.nio.maxCachedBufferSize=262144");
    /** {@link #INSTALLED_JVM} as the pack had it when issue #15 was filed (before the regions were sized). */
    public static final List<String> INSTALLED_JVM_ISSUE_15 = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Xms16m", "-Xmx128m", "-Xss512k",
            "-XX:MaxMetaspaceSize=96m", "-XX:ReservedCodeCacheSize=32m", "-XX:+ExitOnOutOfMemoryError");
    /** The environment the installed launcher adds. */
    public static final java.util.Map<String, String> INSTALLED_ENV = java.util.Map.of("MALLOC_ARENA_MAX", "2");
    private static final Pattern LISTENING = Pattern.compile("(?m)^listening on (https?)://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final Path dir;
    private final Path log;
    private final int port;

    private ChildDaemon(Process process, Path dir, Path log, int port) {
        this.process = process;
        this.dir = dir;
        this.log = log;
        this.port = port;
    }

    /** {@code serve --simulate} with {@code vms} VMs (users root, operator, reader: password {@code password}). */
    public static ChildDaemon simulated(int vms, String password, String... extra) throws IOException {
        return simulated(PACK_JVM, java.util.Map.of(), vms, password, extra);
    }

    /** {@link #simulated(int, String, String...)} in a JVM with the flags {@code jvm} and the environment {@code env} added. */
    public static ChildDaemon simulated(List<String> jvm, java.util.Map<String, String> env, int vms, String password,
                                        String... extra) throws IOException {
        Path dir = Files.createTempDirectory("xenwbem-child");
        List<String> args = new ArrayList<>(List.of("serve", "--simulate", "--port", "0", "--bind", "127.0.0.1",
                "--sim-vms", Integer.toString(vms), "--sim-password", password, "--state-dir", dir.toString()));
        args.addAll(List.of(extra));
        return start(System.getProperty("java.class.path"), jvm, env, args, dir, Duration.ofSeconds(120));
    }

    /** {@code serve} against the XenAPI at {@code xapi}, the service account root with {@code password}. */
    public static ChildDaemon serving(String xapi, String password, String... extra) throws IOException {
        return serving(PACK_JVM, java.util.Map.of(), xapi, password, extra);
    }

    /** {@link #serving(String, String, String...)} with JVM flags added to the pack's (a JFR recording, say). */
    public static ChildDaemon serving(List<String> jvm, String xapi, String password, String... extra) throws IOException {
        List<String> flags = new ArrayList<>(PACK_JVM);
        flags.addAll(jvm);
        return serving(flags, java.util.Map.of(), xapi, password, extra);
    }

    /** {@link #serving(String, String, String...)} in a JVM with the flags {@code jvm} and the environment {@code env} added. */
    public static ChildDaemon serving(List<String> jvm, java.util.Map<String, String> env, String xapi, String password,
                                      String... extra) throws IOException {
        return serving(System.getProperty("java.class.path"), jvm, env, xapi, password, extra);
    }

    /**
     * {@link #serving(List, java.util.Map, String, String, String...)} on another class path (the jars as
     * installed: {@link InstalledClasspath}).
     */
    public static ChildDaemon serving(String classpath, List<String> jvm, java.util.Map<String, String> env, String xapi,
                                      String password, String... extra) throws IOException {
        Path dir = Files.createTempDirectory("xenwbem-child");
        Path pw = Files.writeString(dir.resolve("password"), password, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--bind", "127.0.0.1", "--xapi", xapi,
                "--xapi-password-file", pw.toString(), "--state-dir", dir.toString()));
        args.addAll(List.of(extra));
        return start(classpath, jvm, env, args, dir, Duration.ofSeconds(120));
    }

    /** The simulated pool alone ({@code sim}), with a heap of its own: it stands for xapi, not for us. */
    public static ChildDaemon pool(int vms, String password, String heap) throws IOException {
        return pool(vms, password, heap, 0);
    }

    /**
     * {@link #pool(int, String, String)} on a given port: the same pool (same seed) started again on the
     * port of one that was stopped stands for a restarted xapi.
     */
    public static ChildDaemon pool(int vms, String password, String heap, int port) throws IOException {
        Path dir = Files.createTempDirectory("xenwbem-sim");
        return start(System.getProperty("java.class.path"), List.of("-Xmx" + heap, "-XX:+UseSerialGC"), java.util.Map.of(),
                List.of("sim", "--port", Integer.toString(port), "--vms", Integer.toString(vms), "--seed", "42",
                        "--sim-password", password), dir, Duration.ofSeconds(120));
    }

    private static ChildDaemon start(String classpath, List<String> jvm, java.util.Map<String, String> env,
                                     List<String> args, Path dir, Duration wait) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", classpath, "org.xenwbem.provider.server.Main"));
        cmd.addAll(args);
        Path log = dir.resolve("output.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return new ChildDaemon(p, dir, log, Integer.parseInt(m.group(2)));
            }
            if (!p.isAlive()) {
                break;
            }
            sleep(100);
        }
        p.destroyForcibly();
        throw new IOException("the child did not start: " + tail(log));
    }

    /** The child's process id (for jcmd, /proc). */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String wsmanUrl() {
        return "https://127.0.0.1:" + port + "/wsman";
    }

    public String cimomUrl() {
        return "https://127.0.0.1:" + port + "/cimom";
    }

    /** The simulated pool's XenAPI address (for a {@link #pool}). */
    public String xapiUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** True while the JVM runs: false once, say, an OutOfMemoryError has ended it. */
    public boolean alive() {
        return process.isAlive();
    }

    /** The child's whole output so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The end of the child's output, for assertion messages. */
    public String logTail() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.substring(Math.max(0, s.length() - 3000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 10 s; the scratch directory is removed. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteTree(dir);
    }

    /** Removes a scratch directory and what it holds, as far as it can: one left behind in /tmp is harmless. */
    public static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a scratch directory left behind in /tmp is harmless
        }
    }
}
