package org.xenwbem.provider.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Applies --log-level and --log-file on top of the bundled setup ({@link LogbackSetup}: console on stderr, which is
 * the journal under systemd). With a log file, the file gets every line (written in batches off the
 * request thread, {@link BatchingAppender}) and the per-request access lines stay out of the journal,
 * except those at WARN and above (failed logins, 413s): dom0's journald is not fed a line per request.
 * The file is rotated by size, and repeated access lines are counted instead of written one by one
 * ({@link RepeatedLines}): at full speed the log stays readable and bounded.
 */
public final class Logging {
    static final String ACCESS = "xenwbem.access";
    /** How often the counted repeats whose period is over are written. */
    static final long REPEAT_FLUSH_MILLIS = 1000;

    /**
     * How the log is kept: the file rotated before it exceeds {@code maxFileBytes} (0: never), with
     * {@code keptFiles} rotated files; identical access lines within {@code repeatPeriod} counted
     * instead of written (zero: each written).
     */
    public record Keeping(long maxFileBytes, int keptFiles, Duration repeatPeriod) {
        /** The daemon's defaults: 20 MiB files, 5 kept, repeats counted over 10 s. */
        public static final Keeping DEFAULT = new Keeping(20L << 20, 5, Duration.ofSeconds(10));
    }

    private static volatile RepeatedLines repeats;

    private Logging() {
    }

    /**
     * Stops logging: every appender writes what is queued and closes its file. The last thing the
     * process does on its way out (logback's own shutdown hook is not installed: it ran at the same
     * time as the daemon's and lost the lines the daemon logged while stopping).
     */
    public static void stop() {
        writeCountedRepeats();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    /** Writes the counts of repeated access lines now (the daemon has stopped serving). */
    static void writeCountedRepeats() {
        RepeatedLines r = repeats;
        if (r != null) {
            r.flushAll();
        }
    }

    /** {@link #configure(String, Path, Keeping)} with the {@linkplain Keeping#DEFAULT defaults}. */
    public static AutoCloseable configure(String level, Path file) {
        return configure(level, file, Keeping.DEFAULT);
    }

    /** Configures the daemon's logging; {@link AutoCloseable#close()} flushes the file and restores the console-only setup. */
    public static AutoCloseable configure(String level, Path file, Keeping keeping) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        ctx.getLogger("xenwbem").setLevel(Level.toLevel(level, Level.INFO));
        AutoCloseable counting = countRepeats(ctx, keeping.repeatPeriod());
        if (file == null) {
            return counting;
        }
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%d{ISO8601} %-5level [%thread] %logger{24} - %msg%n");
        enc.start();
        BatchingAppender app = new BatchingAppender(file, enc);
        app.setMaxFileSize(keeping.maxFileBytes());
        app.setMaxHistory(keeping.keptFiles());
        app.setContext(ctx);
        app.setName("file");
        app.start();
        root.addAppender(app);

        ConsoleAppender<ILoggingEvent> warnings = new ConsoleAppender<>();
        warnings.setContext(ctx);
        warnings.setName("access-warnings");
        warnings.setTarget("System.err");
        PatternLayoutEncoder consoleEnc = new PatternLayoutEncoder();
        consoleEnc.setContext(ctx);
        consoleEnc.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        consoleEnc.start();
        warnings.setEncoder(consoleEnc);
        ThresholdFilter warn = new ThresholdFilter();
        warn.setLevel("WARN");
        warn.start();
        warnings.addFilter(warn);
        warnings.start();
        Logger access = ctx.getLogger(ACCESS);
        access.setAdditive(false);
        access.addAppender(app);
        access.addAppender(warnings);
        return () -> {
            counting.close();
            access.detachAppender(warnings);
            access.detachAppender(app);
            access.setAdditive(true);
            root.detachAppender(app);
            warnings.stop();
            app.stop();
        };
    }

    /** Installs the counting of repeated access lines and its flushing thread; closing writes what is counted. */
    private static AutoCloseable countRepeats(LoggerContext ctx, Duration period) {
        if (period.isZero() || period.isNegative()) {
            return () -> { };
        }
        RepeatedLines r = new RepeatedLines(ACCESS, period, System::nanoTime);
        r.setContext(ctx);
        r.setName("access-repeats");
        r.start();
        ctx.addTurboFilter(r);
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "xenwbem-log-repeats");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(r::flush, REPEAT_FLUSH_MILLIS, REPEAT_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        repeats = r;
        return () -> {
            flusher.shutdownNow();
            ctx.getTurboFilterList().remove(r);
            r.stop();
            r.flushAll();
            if (repeats == r) {
                repeats = null;
            }
        };
    }
}
