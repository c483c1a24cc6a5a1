package org.xenwbem.provider.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Applies --log-level and --log-file on top of the bundled logback.xml (console on stderr, which is
 * the journal under systemd). With a log file, the file gets every line (written in batches off the
 * request thread, {@link BatchingAppender}) and the per-request access lines stay out of the journal,
 * except those at WARN and above (failed logins, 413s): dom0's journald is not fed a line per request.
 */
public final class Logging {
    static final String ACCESS = "xenwbem.access";

    private Logging() {
    }

    /**
     * Stops logging: every appender writes what is queued and closes its file. The last thing the
     * process does on its way out (logback's own shutdown hook is not installed: it ran at the same
     * time as the daemon's and lost the lines the daemon logged while stopping).
     */
    public static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    /** Configures the daemon's logging; {@link AutoCloseable#close()} flushes the file and restores the console-only setup. */
    public static AutoCloseable configure(String level, Path file) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        ctx.getLogger("xenwbem").setLevel(Level.toLevel(level, Level.INFO));
        if (file == null) {
            return () -> { };
        }
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%d{ISO8601} %-5level [%thread] %logger{24} - %msg%n");
        enc.start();
        BatchingAppender app = new BatchingAppender(file, enc);
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
            access.detachAppender(warnings);
            access.detachAppender(app);
            access.setAdditive(true);
            root.detachAppender(app);
            warnings.stop();
            app.stop();
        };
    }
}
