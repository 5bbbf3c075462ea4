package org.kernelsim.kernel.plugin;

import com.google.inject.Module;
import java.util.List;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.plugin.Param;
import org.kernelsim.api.workload.WorkloadPlugin;

/**
 * Stand-ins with the names and options of the built-in backends, workloads and kernel modules, for tests of the
 * config reader and the CLI (the real ones live in sim-plugins and sim-modules, which sim-kernel
 * never compiles against). Registered directly, never through META-INF/services, so they cannot
 * clash with the real plugins on the test classpath.
 */
public final class TestPlugins {

    private TestPlugins() {
    }

    public record Backend(String name, String description, Class<? extends Record> optionsType) implements BackendPlugin {
        @Override
        public Module module(Record options) {
            return binder -> { };
        }
    }

    public enum NullAs { RET, NOP }

    public enum Rewrite { NOSYNC, STOP_MACHINE }

    public record OolBranchOptions(
            @Param(description = "what a NULL target is written as", defaultValue = "ret") NullAs nullAs,
            @Param(description = "how the branch slot is rewritten", defaultValue = "nosync") Rewrite rewrite) {
    }

    public record Workload(String name, String description, Class<? extends Record> parametersType)
            implements WorkloadPlugin {
    }

    public record PerfRecordParams(
            @Param(description = "modelled cycles per CPU", defaultValue = "5000000", min = 1) long duration,
            @Param(description = "cycles between PMU overflow interrupts", defaultValue = "10000", min = 1)
            long samplePeriod) {
    }

    public record SelftestParams(
            @Param(description = "how often each table entry runs", defaultValue = "1", min = 1, max = 1000) int repeat,
            @Param(description = "entries to run, by name; empty: all", defaultValue = "[]") List<String> only) {
    }

    public record MicrobenchParams(
            @Param(description = "static calls per CPU", min = 1) long calls) {
    }

    public static final BackendPlugin GENERIC = new Backend("generic", "key->func load and BLR",
            org.kernelsim.api.plugin.NoOptions.class);
    public static final BackendPlugin CFI_RET0 = new Backend("cfi-ret0", "generic plus typed return-0 stubs",
            org.kernelsim.api.plugin.NoOptions.class);
    public static final BackendPlugin OOL_LITERAL = new Backend("ool-literal", "out-of-line trampoline, literal target",
            org.kernelsim.api.plugin.NoOptions.class);
    public static final BackendPlugin OOL_BRANCH = new Backend("ool-branch", "out-of-line trampoline, branch slot",
            OolBranchOptions.class);
    public static final WorkloadPlugin PERF_RECORD = new Workload("perf-record", "perf record with guest callbacks",
            PerfRecordParams.class);
    public static final WorkloadPlugin SELFTEST = new Workload("selftest", "the static_call selftest table",
            SelftestParams.class);

    /** A kernel module that only has a name (the config reader never builds one). */
    public record ModuleStub(String name, boolean builtIn) implements KernelModule {
        @Override
        public void build(ModuleBuildContext ctx) {
            throw new UnsupportedOperationException("test module " + name + " cannot be built");
        }
    }

    public static final KernelModule PERF = new ModuleStub("perf", true);
    public static final KernelModule KVM = new ModuleStub("kvm", false);

    public static final WorkloadPlugin MICROBENCH = new Workload("microbench", "a static-call microbenchmark",
            MicrobenchParams.class);

    /** ServiceLoader needs a class with a no-argument constructor per provider; these wrap the above. */
    public abstract static class DelegatingBackend implements BackendPlugin {
        private final BackendPlugin delegate;

        protected DelegatingBackend(BackendPlugin delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public Class<? extends Record> optionsType() {
            return delegate.optionsType();
        }

        @Override
        public Module module(Record options) {
            return delegate.module(options);
        }
    }

    public abstract static class DelegatingWorkload implements WorkloadPlugin {
        private final WorkloadPlugin delegate;

        protected DelegatingWorkload(WorkloadPlugin delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public Class<? extends Record> parametersType() {
            return delegate.parametersType();
        }
    }

    public abstract static class DelegatingModule implements KernelModule {
        private final KernelModule delegate;

        protected DelegatingModule(KernelModule delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public boolean builtIn() {
            return delegate.builtIn();
        }

        @Override
        public void build(ModuleBuildContext ctx) {
            delegate.build(ctx);
        }
    }

    public static final class PerfModuleProvider extends DelegatingModule {
        public PerfModuleProvider() {
            super(PERF);
        }
    }

    public static final class KvmModuleProvider extends DelegatingModule {
        public KvmModuleProvider() {
            super(KVM);
        }
    }

    public static final class GenericProvider extends DelegatingBackend {
        public GenericProvider() {
            super(GENERIC);
        }
    }

    public static final class CfiRet0Provider extends DelegatingBackend {
        public CfiRet0Provider() {
            super(CFI_RET0);
        }
    }

    public static final class OolLiteralProvider extends DelegatingBackend {
        public OolLiteralProvider() {
            super(OOL_LITERAL);
        }
    }

    public static final class OolBranchProvider extends DelegatingBackend {
        public OolBranchProvider() {
            super(OOL_BRANCH);
        }
    }

    public static final class PerfRecordProvider extends DelegatingWorkload {
        public PerfRecordProvider() {
            super(PERF_RECORD);
        }
    }

    public static final class SelftestProvider extends DelegatingWorkload {
        public SelftestProvider() {
            super(SELFTEST);
        }
    }

    public static final class MicrobenchProvider extends DelegatingWorkload {
        public MicrobenchProvider() {
            super(MICROBENCH);
        }
    }

    /**
     * A class loader that offers exactly these providers to ServiceLoader, as the application
     * classpath would, and hides every other service file (the real plugins are on the test
     * classpath too once they exist, and would clash by name).
     */
    public static ClassLoader classpathWithTestPlugins(java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path services = java.nio.file.Files.createDirectories(dir.resolve("META-INF/services"));
        java.nio.file.Files.writeString(services.resolve(BackendPlugin.class.getName()), String.join("\n",
                GenericProvider.class.getName(), CfiRet0Provider.class.getName(), OolLiteralProvider.class.getName(),
                OolBranchProvider.class.getName()) + "\n");
        java.nio.file.Files.writeString(services.resolve(WorkloadPlugin.class.getName()), String.join("\n",
                PerfRecordProvider.class.getName(), SelftestProvider.class.getName(),
                MicrobenchProvider.class.getName()) + "\n");
        java.nio.file.Files.writeString(services.resolve(KernelModule.class.getName()), String.join("\n",
                PerfModuleProvider.class.getName(), KvmModuleProvider.class.getName()) + "\n");
        return new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, TestPlugins.class.getClassLoader()) {
            @Override
            public java.util.Enumeration<java.net.URL> getResources(String name) throws java.io.IOException {
                return name.startsWith("META-INF/services/") ? findResources(name) : super.getResources(name);
            }
        };
    }

    /** All of the above, as if found on the classpath. */
    public static PluginRegistry registry() {
        List<Registered<BackendPlugin>> backends = List.of(GENERIC, CFI_RET0, OOL_LITERAL, OOL_BRANCH).stream()
                .map(b -> new Registered<>(b.name(), b, PluginSource.CLASSPATH)).toList();
        List<Registered<WorkloadPlugin>> workloads = List.of(PERF_RECORD, SELFTEST, MICROBENCH).stream()
                .map(w -> new Registered<>(w.name(), w, PluginSource.CLASSPATH)).toList();
        List<Registered<KernelModule>> modules = List.of(PERF, KVM).stream()
                .map(m -> new Registered<>(m.name(), m, PluginSource.CLASSPATH)).toList();
        return PluginRegistry.of(backends, workloads, modules, List.of(), List.of());
    }
}
