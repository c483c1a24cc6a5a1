package org.xenwbem.tests.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where benchmark figures go: {@code BENCH <name> <value> <unit>} lines on stdout and the same lines
 * in {@code target/bench/<file>.txt} (one file per benchmark, rewritten each run). Never asserted.
 */
final class BenchReport {
    private final Path file;

    BenchReport(String fileName) {
        file = Path.of("target", "bench", fileName + ".txt").toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void print(String name, double value, String unit) {
        String v = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
        String line = "BENCH " + name + " " + v + " " + unit;
        System.out.println(line);
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A figure that is a word or a phrase, not a number: {@code BENCH <name> <text>}. */
    void text(String name, String text) {
        String line = "BENCH " + name + " " + text.replace('\n', ' ');
        System.out.println(line);
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }
}
