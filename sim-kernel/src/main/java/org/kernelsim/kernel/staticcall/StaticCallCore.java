package org.kernelsim.kernel.staticcall;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.kernelsim.api.emit.Sections;
import org.kernelsim.api.kernel.KernelFeatures;
import org.kernelsim.api.patching.Errno;
import org.kernelsim.api.patching.TextPatcher;
import org.kernelsim.api.report.KernelReport;
import org.kernelsim.api.staticcall.Semantics;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.staticcall.StaticCallKey;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.staticcall.StaticCallNames;
import org.kernelsim.api.staticcall.StaticCallSite;
import org.kernelsim.api.staticcall.StaticCalls;
import org.kernelsim.api.staticcall.TransformContext;
import org.kernelsim.api.stopmachine.StopMachine;
import org.kernelsim.api.symbols.Kallsyms;
import org.kernelsim.api.types.CType;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.kernel.link.BuiltObject;
import org.kernelsim.kernel.link.Linker;
import org.kernelsim.kernel.machine.Machine;
import org.kernelsim.kernel.report.ReportLog;
import org.kernelsim.kernel.symbols.KallsymsImpl;

/**
 * {@code kernel/static_call*.c}: keys, the per-key site lists (vmlinux and each module), update
 * and query with the semantics the backend declares, and the module COMING/GOING bookkeeping.
 * Every machine-code decision is the backend's.
 */
public final class StaticCallCore implements StaticCalls {

    private static final Logger LOG = LogManager.getLogger(StaticCallCore.class);

    private final StaticCallBackend backend;
    private final Machine machine;
    private final KallsymsImpl kallsyms;
    private final ReportLog reports;
    private final TransformContext transformContext;
    /** Every key definition seen at build time (so later objects can call it), by name. */
    private final Map<String, StaticCallKeyDef> defs = new LinkedHashMap<>();
    private final Map<String, String> defOwner = new LinkedHashMap<>();
    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final CallProbes callProbes;

    final class Key implements StaticCallKey {
        final StaticCallKeyDef def;
        final String owner;
        final long address;
        final long tramp;
        final List<StaticCallSite> sites = new ArrayList<>();
        long updates;

        Key(StaticCallKeyDef def, String owner, long address, long tramp) {
            this.def = def;
            this.owner = owner;
            this.address = address;
            this.tramp = tramp;
        }

        @Override
        public String name() {
            return def.name();
        }

        @Override
        public FunctionType type() {
            return def.type();
        }

        @Override
        public String owner() {
            return owner;
        }

        @Override
        public long address() {
            return address;
        }

        @Override
        public long trampoline() {
            return tramp;
        }

        @Override
        public long func() {
            return machine.memory().read64(address);
        }

        @Override
        public List<StaticCallSite> sites() {
            return List.copyOf(sites);
        }

        @Override
        public long updates() {
            return updates;
        }

        @Override
        public String toString() {
            return "key " + def.name() + " (" + owner + ")";
        }
    }

    /** Without execution probes (fake platforms): call and check counts stay 0. */
    public StaticCallCore(StaticCallBackend backend, Machine machine, KallsymsImpl kallsyms, ReportLog reports,
                          TextPatcher patcher, StopMachine stopMachine) {
        this(backend, machine, kallsyms, reports, patcher, stopMachine, new CallProbes(Optional.empty(), machine.memory()));
    }

    @Inject
    public StaticCallCore(StaticCallBackend backend, Machine machine, KallsymsImpl kallsyms, ReportLog reports,
                          TextPatcher patcher, StopMachine stopMachine, CallProbes callProbes) {
        this.callProbes = requireNonNull(callProbes, "callProbes");
        this.backend = requireNonNull(backend, "backend");
        this.machine = requireNonNull(machine, "machine");
        this.kallsyms = requireNonNull(kallsyms, "kallsyms");
        this.reports = requireNonNull(reports, "reports");
        requireNonNull(patcher, "patcher");
        requireNonNull(stopMachine, "stopMachine");
        this.transformContext = new TransformContext() {
            @Override
            public TextPatcher patcher() {
                return patcher;
            }

            @Override
            public StopMachine stopMachine() {
                return stopMachine;
            }

            @Override
            public Kallsyms kallsyms() {
                return kallsyms;
            }

            @Override
            public Memory memory() {
                return machine.memory();
            }

            @Override
            public KernelFeatures features() {
                return machine.spec().features();
            }

            @Override
            public long return0() {
                return kallsyms.addressOf(StaticCallNames.RETURN0);
            }

            @Override
            public void warn(String message) {
                StaticCallCore.this.warn(message);
            }
        };
    }

    public StaticCallBackend backendImpl() {
        return backend;
    }

    public TransformContext transformContext() {
        return transformContext;
    }

    /** The measured call and kCFI-check counts. */
    public CallProbes callProbes() {
        return callProbes;
    }

    // ---- build time ----

    void defined(StaticCallKeyDef def, String owner) {
        StaticCallKeyDef prev = defs.putIfAbsent(def.name(), def);
        if (prev != null) {
            throw new IllegalStateException("static call " + def.name() + " defined twice (" + defOwner.get(def.name())
                    + ", " + owner + ")");
        }
        defOwner.put(def.name(), owner);
    }

    Optional<StaticCallKeyDef> knownDef(String name) {
        return Optional.ofNullable(defs.get(name));
    }

    /** Forgets definitions of an object whose build or load failed. */
    public void forgetDefs(String owner) {
        callProbes.forget(owner);
        defs.keySet().removeIf(n -> owner.equals(defOwner.get(n)) && !keys.containsKey(n));
        defOwner.keySet().removeIf(n -> !defs.containsKey(n));
    }

    // ---- link time ----

    /** After an object is relocated: creates its keys, reads its {@code .static_call_sites}, lets the backend init the keys. */
    public void registerObject(String owner, BuiltObject obj, Linker.Plan plan, List<StaticCallKeyDef> definedHere) {
        List<Key> fresh = new ArrayList<>();
        for (StaticCallKeyDef def : definedHere) {
            long addr = requireNonNull(Linker.definedAddress(plan, obj, def.keySymbol()), def.keySymbol());
            Long tramp = Linker.definedAddress(plan, obj, def.trampolineSymbol());
            Key k = new Key(def, owner, addr, tramp == null ? 0 : tramp);
            keys.put(def.name(), k);
            fresh.add(k);
        }
        Long sites = plan.sections().get(obj.object().name()).get(Sections.STATIC_CALL_SITES);
        if (sites != null) {
            long size = obj.object().section(Sections.STATIC_CALL_SITES).orElseThrow().size();
            Memory mem = machine.memory();
            for (long e = sites; e < sites + size; e += 8) {
                long site = e + mem.read32(e);
                long keyField = e + 4 + mem.read32(e + 4);
                long keyAddr = keyField & ~3L;
                Key k = keys.values().stream().filter(x -> x.address == keyAddr).findFirst().orElse(null);
                if (k == null) {
                    warn(String.format("static call site at %s names no key", kallsyms.format(site)));
                    continue;
                }
                k.sites.add(new StaticCallSite(site, (keyField & 1) != 0, (keyField & 2) != 0, owner));
            }
        }
        callProbes.linked(owner, obj, plan);
        for (Key k : fresh) {
            backend.init(transformContext, k);
        }
        // A module coming in under inline semantics gets its sites patched to each key's current func.
        if (backend.semantics() == Semantics.INLINE && !owner.equals("vmlinux")) {
            for (Key k : keys.values()) {
                long func = backend.queryValue(transformContext, k, k.func());
                for (StaticCallSite s : k.sites) {
                    if (s.owner().equals(owner)) {
                        backend.transform(transformContext, k, s.address(), 0, func, s.tail());
                    }
                }
            }
        }
    }

    /** Module GOING: drops its keys and its sites from everyone's lists. */
    public void removeModule(String owner) {
        callProbes.gone(owner);
        keys.values().removeIf(k -> k.owner.equals(owner));
        keys.values().forEach(k -> k.sites.removeIf(s -> s.owner().equals(owner)));
        defs.keySet().removeIf(n -> owner.equals(defOwner.get(n)));
        defOwner.keySet().removeIf(n -> !defs.containsKey(n));
    }

    // ---- run time ----

    private Key require(String name) {
        Key k = keys.get(name);
        if (k == null) {
            throw new NoSuchElementException("no static call " + name);
        }
        return k;
    }

    public Optional<StaticCallKey> keyAt(long address) {
        return keys.values().stream().filter(k -> k.address == address).map(k -> (StaticCallKey) k).findFirst();
    }

    @Override
    public Optional<StaticCallKey> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    @Override
    public List<StaticCallKey> keys() {
        return List.copyOf(keys.values());
    }

    @Override
    public int update(String key, String funcSymbol) {
        Key k = require(key);
        if (!funcSymbol.equals(StaticCallNames.RETURN0)) {
            FunctionType proto = kallsyms.prototype(funcSymbol).orElseThrow(() -> new IllegalArgumentException(
                    "static_call_update(" + key + ", " + funcSymbol + "): no prototype known for " + funcSymbol));
            if (!proto.equals(k.def.type())) {
                // What clang says for the typeof() mismatch inside static_call_update().
                throw new IllegalArgumentException(String.format(
                        "static_call_update(%s, %s): incompatible function pointer types assigning to '%s' from '%s'",
                        key, funcSymbol, new CType.FunctionPointer(k.def.type()).c(), new CType.FunctionPointer(proto).c()));
            }
        }
        return updateAddress(key, kallsyms.addressOf(funcSymbol));
    }

    @Override
    public int updateNull(String key) {
        return updateAddress(key, 0);
    }

    @Override
    public int updateAddress(String key, long func) {
        return update(require(key), func);
    }

    /** {@code __static_call_update(key, tramp, func)}. */
    public int update(StaticCallKey key, long func) {
        Key k = (Key) key;
        Memory mem = machine.memory();
        Semantics sem = backend.semantics();
        long old = mem.read64(k.address);
        long stored;
        try {
            stored = backend.keyFuncValue(transformContext, k, func);
        } catch (RuntimeException e) {
            return failed(k, func, e);
        }
        if (sem == Semantics.INLINE && old == stored) {
            return 0;
        }
        // WRITE_ONCE(key->func, func): .data is RW, a plain store.
        mem.write64(k.address, stored);
        try {
            if (sem != Semantics.GENERIC) {
                backend.transform(transformContext, k, 0, k.tramp, func, false);
                if (sem == Semantics.INLINE) {
                    for (StaticCallSite s : k.sites) {
                        backend.transform(transformContext, k, s.address(), 0, func, s.tail());
                    }
                }
            }
        } catch (RuntimeException e) {
            mem.write64(k.address, old);
            try {
                if (sem != Semantics.GENERIC) {
                    backend.transform(transformContext, k, 0, k.tramp, backend.queryValue(transformContext, k, old), false);
                }
            } catch (RuntimeException again) {
                LOG.debug("restoring {} after a failed update failed too", k, again);
            }
            return failed(k, func, e);
        }
        k.updates++;
        return 0;
    }

    private int failed(Key k, long func, RuntimeException e) {
        warn(String.format("static_call_update(%s, %s) failed in backend %s: %s", k.def.name(), kallsyms.format(func),
                backend.name(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        return Errno.EINVAL;
    }

    @Override
    public long query(String key) {
        Key k = require(key);
        return backend.queryValue(transformContext, k, k.func());
    }

    @Override
    public String backend() {
        return backend.name();
    }

    private void warn(String message) {
        int cpu = machine.currentCpu();
        var p = machine.perCpu(cpu);
        int pid = p.current == null ? 0 : p.current.pid();
        String at = "static_call_update";
        reports.report(new KernelReport.Warning(cpu, pid, at,
                List.of(String.format("WARNING: CPU: %d PID: %d at %s", cpu, pid, at), message)));
    }
}
