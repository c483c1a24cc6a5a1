package org.xenwbem.provider.diskcli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What the command shows while bytes move: on a terminal one line redrawn in place (a bar, the percent,
 * MiB done of the total and the rate), otherwise a plain line at every tenth of the way, for logs.
 */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean tty;
    private final String what;
    private long total;
    private long base;
    private long started;
    private long lastDraw;
    private int lastTenth = -1;

    Progress(PrintStream out, boolean tty, String what) {
        this.out = out;
        this.tty = tty;
        this.what = what;
    }

    void start(long totalBytes, long from) {
        total = totalBytes;
        base = from;
        started = System.nanoTime();
        if (from > 0) {
            out.printf(Locale.ROOT, "%s: resuming at %s of %s%n", what, mib(from), mib(totalBytes));
        }
        moved(from);
    }

    void moved(long at) {
        int percent = total == 0 ? 100 : (int) (at * 100 / total);
        long now = System.nanoTime();
        if (tty) {
            if (now - lastDraw > 200_000_000L || at == total) {
                lastDraw = now;
                int fill = percent * WIDTH / 100;
                out.printf(Locale.ROOT, "\r%s [%s%s] %3d%% %s of %s %s", what, "#".repeat(fill), " ".repeat(WIDTH - fill),
                        percent, mib(at), mib(total), rate(at, now));
                out.flush();
            }
        } else if (percent / 10 > lastTenth) {
            lastTenth = percent / 10;
            out.printf(Locale.ROOT, "%s: %d%% (%s of %s, %s)%n", what, percent, mib(at), mib(total), rate(at, now));
        }
    }

    void note(String message) {
        out.println((tty ? "\n" : "") + what + ": " + message);
    }

    void done() {
        if (tty) {
            out.println();
        }
        out.flush();
    }

    private String rate(long at, long now) {
        double secs = (now - started) / 1e9;
        return secs <= 0 ? "- MiB/s" : String.format(Locale.ROOT, "%.1f MiB/s", (at - base) / 1048576.0 / secs);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
