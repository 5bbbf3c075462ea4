package org.kernelsim.kernel.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars at test time: compiles Java sources against the test classpath with
 * the system compiler and packs them with resources (service files) into a jar, as a third party
 * would ship a plugin.
 */
public final class TestJars {

    private TestJars() {
    }

    /**
     * @param sources fully qualified class name to source text
     * @param resources path inside the jar to text (e.g. META-INF/services/...)
     */
    public static Path jar(Path dir, String jarName, Map<String, String> sources, Map<String, String> resources)
            throws IOException {
        Path classes = Files.createTempDirectory(dir, "classes-");
        if (!sources.isEmpty()) {
            compile(classes, sources);
        }
        for (Map.Entry<String, String> r : resources.entrySet()) {
            Path file = classes.resolve(r.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, r.getValue());
        }
        Path jar = dir.resolve(jarName);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jos.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jos.write(Files.readAllBytes(file));
                jos.closeEntry();
            }
        }
        return jar;
    }

    /** A service file naming {@code classes}, one a line. */
    public static Map.Entry<String, String> services(Class<?> service, String... classes) {
        return Map.entry("META-INF/services/" + service.getName(), String.join("\n", classes) + "\n");
    }

    /** Source of a BackendPlugin named {@code name} in class {@code fqcn}, with an options record. */
    public static String backendSource(String fqcn, String name) {
        int dot = fqcn.lastIndexOf('.');
        return "package " + fqcn.substring(0, dot) + ";\n"
                + "import org.kernelsim.api.plugin.*;\n"
                + "public final class " + fqcn.substring(dot + 1) + " implements BackendPlugin {\n"
                + "  public record Options(@Param(description = \"slots per key\", defaultValue = \"2\", min = 1)"
                + " int slots) {}\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public String description() { return \"test backend " + name + "\"; }\n"
                + "  public Class<? extends Record> optionsType() { return Options.class; }\n"
                + "  public com.google.inject.Module module(Record options) { return binder -> {}; }\n"
                + "}\n";
    }

    /** Source of a WorkloadPlugin that only describes itself: it keeps the default {@code create}. */
    public static String describeOnlyWorkloadSource(String fqcn, String name) {
        int dot = fqcn.lastIndexOf('.');
        return "package " + fqcn.substring(0, dot) + ";\n"
                + "import org.kernelsim.api.plugin.*;\n"
                + "import org.kernelsim.api.workload.*;\n"
                + "public final class " + fqcn.substring(dot + 1) + " implements WorkloadPlugin {\n"
                + "  public record Params(@Param(description = \"cycles\", defaultValue = \"1000\", min = 1)"
                + " long duration) {}\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public String description() { return \"test workload " + name + "\"; }\n"
                + "  public Class<? extends Record> parametersType() { return Params.class; }\n"
                + "}\n";
    }

    /** Source of an empty KernelModule named {@code name} in class {@code fqcn}: discovery tests only list it. */
    public static String moduleSource(String fqcn, String name) {
        int dot = fqcn.lastIndexOf('.');
        return "package " + fqcn.substring(0, dot) + ";\n"
                + "import org.kernelsim.api.module.*;\n"
                + "public final class " + fqcn.substring(dot + 1) + " implements KernelModule {\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public void build(ModuleBuildContext ctx) { }\n"
                + "}\n";
    }

    private static void compile(Path out, Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler (a JDK, not a JRE, is needed)");
        }
        List<JavaFileObject> units = new ArrayList<>();
        for (Map.Entry<String, String> s : sources.entrySet()) {
            units.add(new SimpleJavaFileObject(URI.create("string:///" + s.getKey().replace('.', '/') + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return s.getValue();
                }
            });
        }
        // Surefire may run tests from a manifest-only jar; it publishes the real test classpath here.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringWriter diagnostics = new StringWriter();
        Boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-d", out.toString(), "-classpath", classpath, "--release", "17", "-proc:none"), null, units)
                .call();
        if (!ok) {
            throw new IllegalStateException("test plugin did not compile:\n" + diagnostics);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
