package org.kernelsim.kernel.cli;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.kernelsim.kernel.run.PlanOnlyRunner;
import org.kernelsim.kernel.run.SimulationRunner;

/**
 * What the CLI takes from the world, injected through {@link Main}'s constructor so that tests
 * choose each part.
 *
 * @param pluginClasspath where classpath plugins are found by ServiceLoader
 * @param home the kernelsim home (system property {@code kernelsim.home}, set by ./sim); its
 *     {@code plugins/} directory is always searched for plugin jars
 * @param runner runs a resolved plan
 */
public record CliEnvironment(ClassLoader pluginClasspath, Path home, SimulationRunner runner) {

    public CliEnvironment {
        requireNonNull(pluginClasspath, "pluginClasspath");
        requireNonNull(home, "home");
        requireNonNull(runner, "runner");
    }

    /**
     * The production wiring. The simulated machine plugs in here: replace {@link PlanOnlyRunner}
     * with the real {@link SimulationRunner}.
     */
    public static CliEnvironment fromSystem() {
        return new CliEnvironment(Main.class.getClassLoader(),
                Path.of(System.getProperty("kernelsim.home", ".")), org.kernelsim.kernel.run.MachineSimulationRunner.forHost());
    }
}
