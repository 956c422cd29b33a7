package dev.sextant.server.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import dev.sextant.server.config.LogFormat;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging (Helidon's) into SLF4J so every line has one format, and applies the
 * configured format and level. JSON comes from logback.xml; text swaps in a console pattern.
 */
public final class LogSetup {
    private static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%X{request_id:-}] %logger{24} - %msg%n%ex";

    private LogSetup() {
    }

    public static void apply(LogFormat format, String level) {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        if (format == LogFormat.TEXT && root.getAppender("TEXT") == null) {
            root.detachAndStopAllAppenders();
            root.addAppender(textAppender(context));
        }
    }

    private static ConsoleAppender<ILoggingEvent> textAppender(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setName("TEXT");
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
