package org.xenwbem.provider.doctor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** The doctor talks to the admin on stdout; library logging below ERROR would only be noise. */
final class QuietLogs {
    private QuietLogs() {
    }

    static void apply() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.ERROR);
        }
    }
}
