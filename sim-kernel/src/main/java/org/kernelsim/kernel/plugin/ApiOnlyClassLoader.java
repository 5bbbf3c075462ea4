package org.kernelsim.kernel.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every plugin jar's class loader: the JDK, plus the packages a plugin is allowed to
 * compile against (sim-api, sim-cpu-aarch64, Guice with javax/jakarta.inject and aopalliance, and
 * Jackson's annotations), taken from the application class loader so that plugin and kernel
 * share those classes. Everything else (sim-kernel internals, Jackson databind, Log4j, other
 * plugins) is invisible, so a plugin cannot come to depend on the kernel's implementation.
 */
final class ApiOnlyClassLoader extends ClassLoader {

    /** Package prefixes (as class names) a plugin may see. */
    static final List<String> VISIBLE_PACKAGES = List.of(
            "org.kernelsim.api.",
            "org.kernelsim.cpu.",
            "com.google.inject.",
            "javax.inject.",
            "jakarta.inject.",
            "org.aopalliance.",
            "com.fasterxml.jackson.annotation.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader application;

    ApiOnlyClassLoader(ClassLoader application) {
        super("kernelsim-plugin-api", ClassLoader.getPlatformClassLoader());
        this.application = requireNonNull(application, "application");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        try {
            return getParent().loadClass(name); // the JDK
        } catch (ClassNotFoundException notJdk) {
            if (!visible(name)) {
                throw new ClassNotFoundException(name + " is not visible to plugins (they see only the JDK and "
                        + "packages " + String.join(", ", VISIBLE_PACKAGES) + ")");
            }
            return application.loadClass(name);
        }
    }

    static boolean visible(String className) {
        return VISIBLE_PACKAGES.stream().anyMatch(className::startsWith);
    }

    @Override
    public URL getResource(String name) {
        URL jdk = getParent().getResource(name);
        if (jdk != null) {
            return jdk;
        }
        return visibleResource(name) ? application.getResource(name) : null;
    }

    /** Only resources of visible packages; in particular never the application's META-INF/services. */
    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return visibleResource(name) ? application.getResources(name) : Collections.emptyEnumeration();
    }

    private static boolean visibleResource(String name) {
        return visible(name.replace('/', '.'));
    }
}
