package org.xenwbem.provider.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Applies --log-level and --log-file on top of the bundled logback.xml (console on stderr). */
final class Logging {
    private Logging() {
    }

    static void configure(String level, Path file) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        ctx.getLogger("xenwbem").setLevel(Level.toLevel(level, Level.INFO));
        if (file != null) {
            PatternLayoutEncoder enc = new PatternLayoutEncoder();
            enc.setContext(ctx);
            enc.setPattern("%d{ISO8601} %-5level [%thread] %logger{24} - %msg%n");
            enc.start();
            FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> app = new FileAppender<>();
            app.setContext(ctx);
            app.setName("file");
            app.setFile(file.toString());
            app.setAppend(true);
            app.setEncoder(enc);
            app.start();
            root.addAppender(app);
        }
    }
}
