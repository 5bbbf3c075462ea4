package org.kernelsim.kernel.logging;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * Log4j 2 set up for a command-line tool: one stderr appender, "kernelsim: LEVEL message", quiet
 * (WARN) by default. Exceptions are only ever printed with {@code --debug}; otherwise the
 * message has to stand on its own. The same defaults are in log4j2.xml for anything that logs
 * before the CLI has parsed its options.
 */
public final class Logging {

    static final String PATTERN = "kernelsim: %level %msg%n";

    private Logging() {
    }

    /** WARN for 0, INFO for {@code -v}, DEBUG for {@code -vv} or more. */
    public static Level level(int verbosity) {
        return verbosity <= 0 ? Level.WARN : verbosity == 1 ? Level.INFO : Level.DEBUG;
    }

    public static void configure(int verbosity, boolean debug) {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setConfigurationName("kernelsim-cli");
        b.setStatusLevel(Level.ERROR);
        b.add(b.newAppender("stderr", "Console")
                .addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
                // follow: tests (and anything else) that replace System.err see the messages
                .addAttribute("follow", true)
                .add(b.newLayout("PatternLayout")
                        .addAttribute("pattern", PATTERN)
                        .addAttribute("alwaysWriteExceptions", debug)));
        b.add(b.newRootLogger(level(verbosity)).add(b.newAppenderRef("stderr")));
        Configurator.reconfigure(b.build());
    }
}
