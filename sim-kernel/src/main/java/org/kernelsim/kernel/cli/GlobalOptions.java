package org.kernelsim.kernel.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options every command takes, before or after the subcommand's name. One instance is mixed
 * into every command, so wherever an option is written it lands here.
 */
final class GlobalOptions {

    @Option(names = "-v", description = "More output: -v for INFO, -vv for DEBUG logging.")
    boolean[] verbose = new boolean[0];

    @Option(names = "--debug", description = "Print stack traces with errors (for reporting a bug).")
    boolean debug;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Also load plugin jars from DIR (repeatable); <kernelsim.home>/plugins is always searched.")
    List<Path> pluginDirs = new ArrayList<>();

    int verbosity() {
        return verbose.length;
    }
}
