package dev.sextant.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.sextant.server.config.LogFormat;
import java.util.logging.LogManager;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

class LogSetupTest {

    @Test
    void switchesFormatAndLevelAndBridgesJul() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        try {
            LogSetup.apply(LogFormat.TEXT, "debug");

            assertThat(root.getAppender("TEXT")).isNotNull();
            assertThat(root.getAppender("JSON")).isNull();
            assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(SLF4JBridgeHandler.isInstalled()).isTrue();
            assertThat(LogManager.getLogManager().getLogger("").getHandlers())
                    .hasOnlyElementsOfType(SLF4JBridgeHandler.class);
        } finally {
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogSetupTest.class.getResource("/logback.xml"));
        }
        assertThat(root.getAppender("JSON")).isNotNull();
    }
}
