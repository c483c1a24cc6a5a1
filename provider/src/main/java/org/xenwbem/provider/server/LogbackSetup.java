package org.xenwbem.provider.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's start-up configuration, in code (found by logback through META-INF/services) instead of a
 * logback.xml: reading the XML set up a SAX parser and logback's Joran model on every start, ~0.1 s
 * of CPU before the daemon did anything (issue #15 item 4). The setup is the one that file had:
 * <ul>
 * <li>the console on stderr (the journal under systemd), so that stdout carries only what the command
 * prints for the user, written off the request thread in batches every 50 ms, one write per batch;
 * nothing is ever dropped (a caller waits when 8192 lines are queued) ({@link BatchingAppender});</li>
 * <li>Jetty at WARN, everything else at INFO;</li>
 * <li>no shutdown hook of logback's own: it raced the daemon's, so the lines the daemon logs while
 * stopping ("xenwbem stopped") were lost. Main's one hook stops the daemon, then logging
 * ({@link Logging#stop}), so what is queued is written first.</li>
 * </ul>
 * {@link Logging#configure} adds the daemon's options (level, file) on top.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogbackSetup extends ContextAwareBase implements Configurator {
    /** Logback's own property naming a configuration file; when set, that file is used instead of this setup. */
    static final String CONFIG_FILE_PROPERTY = "logback.configurationFile";
    static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        if (System.getProperty(CONFIG_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // an admin's own logback file, as logback documents it
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(CONSOLE_PATTERN);
        encoder.start();
        BatchingAppender console = new BatchingAppender();
        console.setContext(ctx);
        console.setName("STDERR");
        console.setEncoder(encoder);
        console.start();
        ctx.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
