package org.kernelsim.kernel.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.kernelsim.kernel.config.ConfigLoader;
import org.kernelsim.kernel.logging.Logging;
import org.kernelsim.kernel.plugin.PluginDiscovery;
import org.kernelsim.kernel.plugin.PluginRegistry;

/** What the commands share in one invocation: the environment, the global options, the output streams. */
final class CliContext {

    private static final Logger LOG = LogManager.getLogger(CliContext.class);

    final CliEnvironment env;
    final GlobalOptions options;
    final PrintWriter out;
    final PrintWriter err;

    CliContext(CliEnvironment env, GlobalOptions options, PrintWriter out, PrintWriter err) {
        this.env = requireNonNull(env, "env");
        this.options = requireNonNull(options, "options");
        this.out = requireNonNull(out, "out");
        this.err = requireNonNull(err, "err");
    }

    /** Applies -v/-vv/--debug; every command calls this first. */
    void configureLogging() {
        Logging.configure(options.verbosity(), options.debug);
    }

    /** Discovers plugins from the classpath, each --plugins DIR and home/plugins; warns about broken ones. */
    PluginRegistry plugins() {
        List<Path> dirs = new ArrayList<>();
        for (Path dir : options.pluginDirs) {
            if (!Files.isDirectory(dir)) {
                throw new UsageException("--plugins " + dir + ": no such directory");
            }
            dirs.add(dir);
        }
        Path home = env.home().resolve("plugins");
        if (!dirs.contains(home)) {
            dirs.add(home);
        }
        PluginRegistry registry = new PluginDiscovery(env.pluginClasspath(), ConfigLoader.pluginChecker()).discover(dirs);
        registry.warnings().forEach(LOG::warn);
        LOG.info("backends: {}; workloads: {}", registry.backends().keySet(), registry.workloads().keySet());
        return registry;
    }
}
