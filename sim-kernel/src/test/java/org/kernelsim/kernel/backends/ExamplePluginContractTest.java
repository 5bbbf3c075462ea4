package org.kernelsim.kernel.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.staticcall.testing.BackendPluginContract;
import org.kernelsim.api.staticcall.testing.ContractModule;
import org.kernelsim.kernel.boot.Machines;
import org.kernelsim.kernel.boot.SimKernel;
import org.kernelsim.kernel.config.ConfigLoader;
import org.kernelsim.kernel.plugin.PluginDiscovery;
import org.kernelsim.kernel.plugin.PluginRegistry;
import org.kernelsim.kernel.plugin.PluginSource;
import org.kernelsim.kernel.plugin.Registered;
import org.kernelsim.kernel.plugin.TestJars;

/**
 * The example plugin in {@code examples/plugin-ool-cbz} (outside the reactor), built the way a
 * third party would ship it: its sources compiled against the API, packed with its service file
 * into a jar in a plugin directory, found by the real discovery (own class loader, API only),
 * then run through the shared contract suite.
 */
class ExamplePluginContractTest {

    static final Path EXAMPLE = Path.of(System.getProperty("kernelsim.root", ".."), "examples", "plugin-ool-cbz");

    private static Registered<BackendPlugin> registered;

    static synchronized Registered<BackendPlugin> example() {
        if (registered == null) {
            try {
                Path dir = Files.createTempDirectory("kernelsim-example-plugin-");
                dir.toFile().deleteOnExit();
                Map<String, String> sources = new TreeMap<>();
                Path src = EXAMPLE.resolve("src/main/java");
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        String fqcn = src.relativize(f).toString().replace('\\', '/').replace('/', '.').replaceAll("\\.java$", "");
                        sources.put(fqcn, Files.readString(f));
                    }
                }
                Path res = EXAMPLE.resolve("src/main/resources");
                Map<String, String> resources = new TreeMap<>();
                try (Stream<Path> files = Files.walk(res)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        resources.put(res.relativize(f).toString().replace('\\', '/'), Files.readString(f));
                    }
                }
                Path plugins = Files.createDirectories(dir.resolve("plugins"));
                TestJars.jar(Files.createDirectories(dir.resolve("build")), "plugin-ool-cbz.jar", sources, resources);
                Files.move(dir.resolve("build/plugin-ool-cbz.jar"), plugins.resolve("plugin-ool-cbz.jar"));
                ClassLoader noClasspathPlugins = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
                PluginRegistry r = new PluginDiscovery(noClasspathPlugins, ConfigLoader.pluginChecker())
                        .discover(List.of(plugins));
                assertTrue(r.warnings().isEmpty(), r.warnings()::toString);
                registered = r.backend("ool-cbz").orElseThrow(() -> new AssertionError("not discovered: " + r.knownBackends()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return registered;
    }

    @Test
    void discoveredFromItsJarInItsOwnClassLoader() {
        Registered<BackendPlugin> r = example();
        assertInstanceOf(PluginSource.Jar.class, r.source());
        assertTrue(r.plugin().getClass().getClassLoader().getName().startsWith("kernelsim-plugin:"));
        assertEquals("example: Ard's 2020 v3 trampoline, ool-literal plus cbz x16 so a NULL literal returns",
                r.plugin().description());
    }

    /** Its own behaviour, beyond the contract: NULL returns through the cbz with x0 unchanged. */
    @Test
    void nullReturnsThroughTheCbz() {
        SimKernel k = Machines.boot(Specs.spec().withBti(true), example().plugin().module(new org.kernelsim.api.plugin.NoOptions()));
        assertEquals(ContractModule.MARK, k.call(0, "sc_null_call"));
        assertEquals(List.of(), k.reports().all());
        assertEquals(MachineSpec.defaults().cpus(), k.cpus().size());
    }

    @Nested
    class Contract extends BackendPluginContract {
        @Override
        protected BackendPlugin plugin() {
            return example().plugin();
        }
    }
}
