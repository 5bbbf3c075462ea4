package org.kernelsim.kernel.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.kernel.config.ConfigLoader;

class PluginDiscoveryTest {

    @TempDir
    static Path tmp;

    /** Plugin jars compiled once for the class: javac is the slow part. */
    static Path alphaJar;
    static Path alphaCopyJar;
    static Path betaJar;
    static Path brokenJar;
    static Path notAPluginJar;

    /** A class loader that sees no service files: classpath discovery finds nothing. */
    static final ClassLoader NO_CLASSPATH_PLUGINS = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());

    @BeforeAll
    static void buildJars() throws IOException {
        Path build = Files.createDirectories(tmp.resolve("build"));
        alphaJar = TestJars.jar(build, "alpha.jar",
                Map.of("com.example.alpha.AlphaBackend", TestJars.backendSource("com.example.alpha.AlphaBackend", "alpha")),
                Map.ofEntries(TestJars.services(BackendPlugin.class, "com.example.alpha.AlphaBackend")));
        alphaCopyJar = TestJars.jar(build, "alpha-copy.jar",
                Map.of("com.example.copy.AlphaAgain", TestJars.backendSource("com.example.copy.AlphaAgain", "alpha")),
                Map.ofEntries(TestJars.services(BackendPlugin.class, "com.example.copy.AlphaAgain")));
        betaJar = TestJars.jar(build, "beta.jar",
                Map.of("com.example.beta.BetaBackend", TestJars.backendSource("com.example.beta.BetaBackend", "beta"),
                        "com.example.beta.Spy", "package com.example.beta;\n"
                                + "public final class Spy {\n"
                                + "  public static Class<?> load(String name) throws ClassNotFoundException {\n"
                                + "    return Class.forName(name, false, Spy.class.getClassLoader());\n"
                                + "  }\n"
                                + "}\n"),
                Map.ofEntries(TestJars.services(BackendPlugin.class, "com.example.beta.BetaBackend")));
        brokenJar = TestJars.jar(build, "broken.jar", Map.of(),
                Map.ofEntries(TestJars.services(BackendPlugin.class, "com.example.gone.MissingBackend")));
        notAPluginJar = TestJars.jar(build, "wrong-type.jar",
                Map.of("com.example.wrong.NotABackend", "package com.example.wrong;\npublic final class NotABackend {}\n"),
                Map.ofEntries(TestJars.services(BackendPlugin.class, "com.example.wrong.NotABackend")));
    }

    private static Path dirWith(String name, Path... jars) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (Path jar : jars) {
            Files.copy(jar, dir.resolve(jar.getFileName()));
        }
        return dir;
    }

    private static PluginRegistry discover(Path... dirs) {
        return new PluginDiscovery(NO_CLASSPATH_PLUGINS, ConfigLoader.pluginChecker()).discover(List.of(dirs));
    }

    @Test
    void findsABackendInAJarAndSelectsItByName() throws Exception {
        Path dir = dirWith("one", alphaJar);
        PluginRegistry registry = discover(dir);

        assertEquals(List.of("alpha"), List.copyOf(registry.backends().keySet()));
        Registered<BackendPlugin> alpha = registry.backend("alpha").orElseThrow();
        assertEquals("test backend alpha", alpha.plugin().description());
        assertEquals(new PluginSource.Jar(dir.resolve("alpha.jar")), alpha.source());
        assertEquals("com.example.alpha.AlphaBackend$Options", alpha.plugin().optionsType().getName());
        assertEquals(List.of(), registry.warnings());
    }

    @Test
    void classpathPluginsSayClasspath() throws Exception {
        // A directory of classes with a service file, put on a class loader as the application would be.
        Path classes = Files.createDirectories(tmp.resolve("cp"));
        try (var zip = java.nio.file.FileSystems.newFileSystem(betaJar)) {
            for (Path root : zip.getRootDirectories()) {
                try (var walk = Files.walk(root)) {
                    for (Path p : walk.filter(Files::isRegularFile).toList()) {
                        Path target = classes.resolve(root.relativize(p).toString());
                        Files.createDirectories(target.getParent());
                        Files.copy(p, target);
                    }
                }
            }
        }
        ClassLoader app = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        PluginRegistry registry = new PluginDiscovery(app, ConfigLoader.pluginChecker()).discover(List.of());
        assertEquals("classpath", registry.backend("beta").orElseThrow().source().describe());
    }

    @Test
    void twoPluginsClaimingOneNameIsAnErrorNamingBothJars() throws Exception {
        Path dir = dirWith("dup", alphaJar, alphaCopyJar);
        PluginConflictException e = assertThrows(PluginConflictException.class, () -> discover(dir));
        assertEquals("backend name 'alpha' is claimed twice: by " + dir.resolve("alpha-copy.jar")
                + " (com.example.copy.AlphaAgain) and by " + dir.resolve("alpha.jar")
                + " (com.example.alpha.AlphaBackend); remove one of them", e.getMessage());
    }

    @Test
    void aBrokenJarIsAWarningAndTheGoodOneStillLoads() throws Exception {
        Path dir = dirWith("broken", brokenJar, alphaJar, notAPluginJar);
        PluginRegistry registry = discover(dir);

        assertEquals(List.of("alpha"), List.copyOf(registry.backends().keySet()));
        assertEquals(List.of(
                "plugin jar " + dir.resolve("broken.jar") + ": org.kernelsim.api.plugin.BackendPlugin: "
                        + "Provider com.example.gone.MissingBackend not found",
                "plugin jar " + dir.resolve("broken.jar") + ": provides no usable backend, workload or kernel module "
                        + "(no valid META-INF/services/org.kernelsim.api.plugin.BackendPlugin, "
                        + "org.kernelsim.api.workload.WorkloadPlugin or org.kernelsim.api.module.KernelModule entry)",
                "plugin jar " + dir.resolve("wrong-type.jar") + ": org.kernelsim.api.plugin.BackendPlugin: "
                        + "com.example.wrong.NotABackend not a subtype",
                "plugin jar " + dir.resolve("wrong-type.jar") + ": provides no usable backend, workload or kernel module "
                        + "(no valid META-INF/services/org.kernelsim.api.plugin.BackendPlugin, "
                        + "org.kernelsim.api.workload.WorkloadPlugin or org.kernelsim.api.module.KernelModule entry)"),
                registry.warnings());
    }

    @Test
    void aPluginSeesTheApiButNotTheKernel() throws Exception {
        Path dir = dirWith("isolated", betaJar);
        BackendPlugin beta = discover(dir).backend("beta").orElseThrow().plugin();
        ClassLoader loader = beta.getClass().getClassLoader();
        Class<?> spy = loader.loadClass("com.example.beta.Spy");
        var load = spy.getMethod("load", String.class);

        // The API is shared with the kernel: same Class object, so the cast in discovery holds.
        assertEquals(BackendPlugin.class, load.invoke(null, BackendPlugin.class.getName()));
        assertEquals(com.google.inject.Module.class, load.invoke(null, "com.google.inject.Module"));
        // The kernel's internals, Jackson databind and Log4j are not there for the plugin.
        for (String hidden : List.of(PluginRegistry.class.getName(), "org.kernelsim.kernel.cli.Main",
                "com.fasterxml.jackson.databind.ObjectMapper", "org.apache.logging.log4j.LogManager")) {
            var e = assertThrows(java.lang.reflect.InvocationTargetException.class, () -> load.invoke(null, hidden));
            assertInstanceOf(ClassNotFoundException.class, e.getCause(), hidden);
        }
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass(PluginRegistry.class.getName()));
    }

    @Test
    void missingPluginDirectoriesAreSkipped() {
        PluginRegistry registry = discover(tmp.resolve("no-such-dir"));
        assertTrue(registry.backends().isEmpty());
        assertEquals(List.of(), registry.warnings());
    }

    @Test
    void unknownNamesListTheKnownOnes() throws Exception {
        PluginRegistry registry = discover(dirWith("names", alphaJar, betaJar));
        assertEquals("unknown backend 'gamma' in 'staticCall.backend'; known backends: alpha, beta",
                registry.unknownBackend("gamma", "staticCall.backend"));
        Path empty = tmp.resolve("empty");
        assertEquals("unknown backend 'gamma'; no backend plugins are installed (none found on the classpath or in "
                + empty + ")", discover(empty).unknownBackend("gamma", ""));
    }

    @Test
    void kernelModulesComeFromJarsLikeBackendsAndClashesAreErrors() throws Exception {
        Path build = Files.createDirectories(tmp.resolve("module-build"));
        Path modA = TestJars.jar(build, "mod-a.jar",
                Map.of("com.example.moda.MyMod", TestJars.moduleSource("com.example.moda.MyMod", "my_mod"),
                        "com.example.moda.BadName", TestJars.moduleSource("com.example.moda.BadName", "Bad Name")),
                Map.ofEntries(TestJars.services(KernelModule.class, "com.example.moda.MyMod",
                        "com.example.moda.BadName")));
        Path dir = dirWith("modules", modA);
        PluginRegistry registry = discover(dir);
        assertEquals(List.of("my_mod"), List.copyOf(registry.modules().keySet()));
        assertEquals(dir.resolve("mod-a.jar").toString(), registry.module("my_mod").orElseThrow().source().describe());
        assertEquals(List.of("plugin jar " + dir.resolve("mod-a.jar") + ": ignoring com.example.moda.BadName: "
                + "IllegalArgumentException: bad kernel module name 'Bad Name': a module name is lower case letters, "
                + "digits, '_' and '-'"), registry.warnings());
        assertEquals("known modules: my_mod", registry.knownModules());

        Path modCopy = TestJars.jar(build, "mod-copy.jar",
                Map.of("com.example.modb.Again", TestJars.moduleSource("com.example.modb.Again", "my_mod")),
                Map.ofEntries(TestJars.services(KernelModule.class, "com.example.modb.Again")));
        Path dup = dirWith("module-dup", modA, modCopy);
        PluginConflictException e = assertThrows(PluginConflictException.class, () -> discover(dup));
        assertEquals("kernel module name 'my_mod' is claimed twice: by " + dup.resolve("mod-a.jar")
                + " (com.example.moda.MyMod) and by " + dup.resolve("mod-copy.jar")
                + " (com.example.modb.Again); remove one of them", e.getMessage());
    }

    @Test
    void backendsAreBoundByNameInGuice() throws Exception {
        PluginRegistry registry = discover(dirWith("guice", alphaJar, betaJar));
        Map<String, BackendPlugin> byName = Guice.createInjector(new PluginModule(registry))
                .getInstance(Key.get(new TypeLiteral<Map<String, BackendPlugin>>() { }));
        assertEquals(List.of("alpha", "beta"), byName.keySet().stream().sorted().toList());
        assertEquals("alpha", byName.get("alpha").name());
    }
}
