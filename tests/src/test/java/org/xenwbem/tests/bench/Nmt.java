package org.xenwbem.tests.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM's memory: its RSS and threads from /proc, and the Native Memory Tracking summary
 * ({@code jcmd <pid> VM.native_memory summary}, the child started with
 * {@code -XX:NativeMemoryTracking=summary}) as committed KiB per region.
 */
final class Nmt {
    private static final Pattern REGION = Pattern.compile("(?m)^-\\s+([A-Za-z][A-Za-z ]*?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    private Nmt() {
    }

    /** Committed KiB per NMT region (heap, class, thread, code, gc, internal, other, …), and "total". */
    static Map<String, Long> summary(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "VM.native_memory", "summary").redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        Map<String, Long> regions = new LinkedHashMap<>();
        Matcher total = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB").matcher(text);
        if (total.find()) {
            regions.put("total", Long.parseLong(total.group(1)));
        }
        Matcher m = REGION.matcher(text);
        while (m.find()) {
            regions.put(m.group(1).trim().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'), Long.parseLong(m.group(2)));
        }
        return regions;
    }

    /**
     * The collector's counters of a child JVM from {@code jstat -gc <pid>}: capacities (S0C, EC, OC, MC,
     * CCSC: KiB), collections (YGC, FGC) and seconds spent (YGCT, FGCT, GCT); empty when not read.
     */
    static Map<String, Double> gc(long pid) throws IOException, InterruptedException {
        String jstat = Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
        Process p = new ProcessBuilder(jstat, "-gc", Long.toString(pid)).redirectErrorStream(true).start();
        String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split("\n");
        p.waitFor(60, TimeUnit.SECONDS);
        Map<String, Double> counters = new LinkedHashMap<>();
        if (lines.length == 2) {
            String[] names = lines[0].trim().split("\\s+");
            String[] values = lines[1].trim().split("\\s+");
            for (int i = 0; i < Math.min(names.length, values.length); i++) {
                if (values[i].matches("[0-9.]+")) {
                    counters.put(names[i], Double.parseDouble(values[i]));
                }
            }
        }
        return counters;
    }

    /** Resident set size in KiB (VmRSS), or -1 once the process is gone. */
    static long rssKb(long pid) {
        return status(pid, "VmRSS:");
    }

    /** Resident anonymous memory (heap, stacks, malloc, the archive's written pages), KiB. */
    static long rssAnonKb(long pid) {
        return status(pid, "RssAnon:");
    }

    /** Resident pages of mapped files (the JVM's and libraries' code, the archive's read pages), KiB. */
    static long rssFileKb(long pid) {
        return status(pid, "RssFile:");
    }

    static long threads(long pid) {
        return status(pid, "Threads:");
    }

    private static long status(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith(field)).map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }
}
