package org.kernelsim.cpu.exec;

import static java.util.Objects.requireNonNull;

import org.kernelsim.cpu.cache.CoherenceDomain;
import org.kernelsim.cpu.cache.DecodedPage;
import org.kernelsim.cpu.cache.ExecutionProbes;
import org.kernelsim.cpu.cache.InstructionCache;
import org.kernelsim.cpu.core.CostModel;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.core.CpuCounters;
import org.kernelsim.cpu.core.CpuException;
import org.kernelsim.cpu.core.ExceptionHandler;
import org.kernelsim.cpu.core.HazardListener;
import org.kernelsim.cpu.core.SystemRegister;
import org.kernelsim.cpu.decode.Insn;
import org.kernelsim.cpu.decode.Op;
import org.kernelsim.cpu.memory.Fault;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.cpu.memory.MemoryFault;
import org.kernelsim.cpu.memory.Permissions;

/**
 * An AArch64 PE (EL0/EL1, A64 integer subset) interpreting pre-decoded instructions from its
 * own {@link InstructionCache}.
 *
 * <p>Hot loop: the decoded page of the current fetch page is cached (plus a 16-entry fetch TLB
 * for page changes); each step is an array load, a few flag tests and a {@code tableswitch} on
 * the op id. Nothing is allocated per instruction; guest faults arrive as {@link MemoryFault}
 * (stackless) and leave through the {@link ExceptionHandler}.
 *
 * <p>Modelling choices: SPSel is always 1 at EL1 (EL1h); a misaligned PC is reported as an
 * instruction abort (translation fault at the misaligned address) instead of a PC alignment
 * fault; loads and stores never take alignment faults (SCTLR.A = 0); PAN/UAO are not modelled;
 * EL0 may use NZCV, TPIDR_EL0, CTR_EL0 and DC CVAU/IC IVAU, other system instructions UNDEFINED.
 * {@link #run} stops after {@code maxInstructions} steps, where taking an exception also counts
 * as a step (so a fault loop cannot hang the host), and returns the instructions retired.
 *
 * <p>Counters (exact): {@code instructions} = retired instructions (a faulting, BRK, BTI-trapped
 * or UNDEFINED instruction does not retire; SVC/HVC/SMC do); {@code branches} = B, BL, B.cond,
 * CBZ/CBNZ, TBZ/TBNZ, BR, BLR, RET; {@code takenBranches} those that changed the flow;
 * {@code indirectBranches} = BR and BLR (not RET); {@code loads}/{@code stores} count registers
 * transferred (LDP = 2), atomics count one of each; {@code exceptions} = exceptions taken incl.
 * IRQs. Cycles follow {@link CostModel}, with the {@link BranchPredictor} deciding predicted vs
 * mispredicted for BR/BLR (64-entry BTB) and RET (8-entry return stack).
 *
 * <p>Exclusives: a per-CPU monitor; STXR succeeds only if the monitor covers the address and
 * memory still holds the value LDXR read (an approximation of the global monitor). LDXP/STXP
 * (and LDAXP/STLXP) use the same monitor for the pair: STXP succeeds only after an LDXP of the
 * same address and register width whose two values memory still holds.
 */
public final class Aarch64Cpu implements Cpu {

    private static final long M32 = 0xffffffffL;
    private static final int SPX = Insn.SP;
    private static final int DAIF_I = 1 << 7;
    private static final int TLB_SIZE = 16;
    private static final int MAINT_CLEAN = 0, MAINT_IVAU = 1, MAINT_IALLU = 2, MAINT_IALLUIS = 3;
    /** CTR_EL0: RES1 bit 31, CWG=ERG=4, DminLine=4 (64 B), L1Ip=PIPT, IminLine=4 (64 B), IDC=DIC=0. */
    public static final long CTR_EL0_VALUE = 0x8444c004L;

    private final int id;
    private final Memory memory;
    private final CoherenceDomain domain;
    private final InstructionCache icache;
    private final ExecutionProbes probes;
    private final ExceptionHandler handler;
    private final CpuCounters counters = new CpuCounters();
    private final BranchPredictor predictor = new BranchPredictor();
    private HazardListener hazards = (cpu, va, executed, inMemory) -> { };

    private final int cAlu, cMul, cDiv, cLoad, cStore, cNotTaken, cTaken, cIndHit, cIndMiss, cRetHit, cRetMiss,
            cBarrier, cMaint, cEntry, cReturn, cSysreg;

    // architectural state
    private final long[] x = new long[34];
    private long spEl0, spEl1;
    private long pc;
    private boolean fn, fz, fc, fv;
    private int daif = 0xf << 6;
    private int btype;
    private int el = 1;
    private long elr, spsr, far, vbar, sctlr, tpidrEl1, tpidrEl0;
    private int esr;

    private boolean irqLine, halted, stopRequested;

    /**
     * The local exclusive monitor: address, size and the value LDXR read. The global monitor is
     * approximated: STXR succeeds only if the monitor is set for that address and memory still
     * holds the loaded value, so another CPU's intervening store (of a different value) fails it.
     */
    private long exclusiveAddr = -1;
    private int exclusiveSize;
    private long exclusiveValue;
    /** For LDXP: the second register's value ({@link #exclusiveSize} is then {@code PAIR | bytes per register}). */
    private long exclusiveValue2;
    private static final int PAIR = 0x100;

    // fetch state: the current page (va with bits 11:0 clear) and a small TLB for page changes
    private long curPageVa = -1;
    private DecodedPage curPage;
    /** {@code curPage.fast}, or an empty array when there is no current page. */
    private Insn[] curFast = NO_INSNS;
    private static final Insn[] NO_INSNS = new Insn[1024];
    private boolean curGuarded;
    private final long[] tlbVa = new long[TLB_SIZE];
    private final DecodedPage[] tlbPage = new DecodedPage[TLB_SIZE];
    private final boolean[] tlbGuarded = new boolean[TLB_SIZE];
    private long tlbEpoch = Long.MIN_VALUE + 1;
    private int tlbEl = -1;

    // cache maintenance issued but not yet completed by a DSB
    private int[] maintKinds = new int[8];
    private long[] maintAddrs = new long[8];
    private int maintCount;

    public Aarch64Cpu(int id, Memory memory, CoherenceDomain domain, CostModel cost, ExceptionHandler handler) {
        this.id = id;
        this.memory = requireNonNull(memory, "memory");
        this.domain = requireNonNull(domain, "domain");
        if (domain.memory() != memory) {
            throw new IllegalArgumentException("the coherence domain must be built on the same memory");
        }
        requireNonNull(cost, "cost");
        this.handler = requireNonNull(handler, "handler");
        this.icache = domain.newCache();
        this.probes = domain.probes();
        cAlu = cost.alu();
        cMul = cost.multiply();
        cDiv = cost.divide();
        cLoad = cost.load();
        cStore = cost.store();
        cNotTaken = cost.branchNotTaken();
        cTaken = cost.branchTaken();
        cIndHit = cost.indirectPredicted();
        cIndMiss = cost.indirectMispredicted();
        cRetHit = cost.returnPredicted();
        cRetMiss = cost.returnMispredicted();
        cBarrier = cost.barrier();
        cMaint = cost.cacheMaintenance();
        cEntry = cost.exceptionEntry();
        cReturn = cost.exceptionReturn();
        cSysreg = cost.systemRegister();
        flushTlb();
    }

    /** A CPU on the domain's memory. */
    public Aarch64Cpu(int id, CoherenceDomain domain, CostModel cost, ExceptionHandler handler) {
        this(id, requireNonNull(domain, "domain").memory(), domain, cost, handler);
    }

    /**
     * {@code n} CPUs (ids 0..n-1) sharing {@code domain}'s memory and coherence, e.g. a machine:
     * {@code var mem = new SparseMemory(); var dom = new CoherenceDomain(mem);
     * var cpus = Aarch64Cpu.createCpus(4, dom, CostModel.defaults(), handler);}
     */
    public static java.util.List<Aarch64Cpu> createCpus(int n, CoherenceDomain domain, CostModel cost, ExceptionHandler handler) {
        java.util.List<Aarch64Cpu> cpus = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cpus.add(new Aarch64Cpu(i, domain, cost, handler));
        }
        return java.util.List.copyOf(cpus);
    }

    public CoherenceDomain domain() {
        return domain;
    }

    public InstructionCache instructionCache() {
        return icache;
    }

    // ================================================================== registers

    @Override
    public int id() {
        return id;
    }

    @Override
    public Memory memory() {
        return memory;
    }

    @Override
    public long x(int n) {
        if (n < 0 || n > 31) {
            throw new IllegalArgumentException("register " + n);
        }
        return n == 31 ? 0 : x[n];
    }

    @Override
    public void setX(int n, long value) {
        if (n < 0 || n > 31) {
            throw new IllegalArgumentException("register " + n);
        }
        if (n != 31) {
            x[n] = value;
        }
    }

    @Override
    public long sp() {
        return x[SPX];
    }

    @Override
    public void setSp(long value) {
        x[SPX] = value;
    }

    @Override
    public long pc() {
        return pc;
    }

    @Override
    public void setPc(long value) {
        pc = value;
    }

    @Override
    public int nzcv() {
        return (fn ? 1 << 31 : 0) | (fz ? 1 << 30 : 0) | (fc ? 1 << 29 : 0) | (fv ? 1 << 28 : 0);
    }

    @Override
    public void setNzcv(int value) {
        fn = (value & 1 << 31) != 0;
        fz = (value & 1 << 30) != 0;
        fc = (value & 1 << 29) != 0;
        fv = (value & 1 << 28) != 0;
    }

    @Override
    public int currentEl() {
        return el;
    }

    @Override
    public void setCurrentEl(int newEl) {
        if (newEl != 0 && newEl != 1) {
            throw new IllegalArgumentException("EL" + newEl + " is not modelled");
        }
        switchEl(newEl);
    }

    private void switchEl(int newEl) {
        if (newEl == el) {
            return;
        }
        if (el == 0) {
            spEl0 = x[SPX];
            x[SPX] = spEl1;
        } else {
            spEl1 = x[SPX];
            x[SPX] = spEl0;
        }
        el = newEl;
    }

    @Override
    public int daif() {
        return daif;
    }

    @Override
    public void setDaif(int value) {
        daif = value & 0x3c0;
    }

    @Override
    public int btype() {
        return btype;
    }

    private int pstate() {
        return nzcv() | btype << 10 | daif | (el == 1 ? 0b0101 : 0);
    }

    @Override
    public long sysreg(SystemRegister r) {
        switch (r) {
            case NZCV: return nzcv() & M32;
            case DAIF: return daif;
            case CURRENT_EL: return (long) el << 2;
            case SPSR_EL1: return spsr;
            case ELR_EL1: return elr;
            case SP_EL0: return el == 0 ? x[SPX] : spEl0;
            case ESR_EL1: return esr & M32;
            case FAR_EL1: return far;
            case VBAR_EL1: return vbar;
            case SCTLR_EL1: return sctlr;
            case TPIDR_EL1: return tpidrEl1;
            case TPIDR_EL0: return tpidrEl0;
            case CTR_EL0: return CTR_EL0_VALUE;
            case MPIDR_EL1: return 0x80000000L | (id & 0xff) | (long) (id >>> 8 & 0xff) << 8;
            default: throw new IllegalArgumentException(r.name());
        }
    }

    @Override
    public void setSysreg(SystemRegister r, long value) {
        switch (r) {
            case NZCV: setNzcv((int) value); break;
            case DAIF: setDaif((int) value); break;
            case CURRENT_EL: setCurrentEl((int) (value >>> 2) & 3); break;
            case SPSR_EL1: spsr = value & M32; break;
            case ELR_EL1: elr = value; break;
            case SP_EL0:
                if (el == 0) {
                    x[SPX] = value;
                } else {
                    spEl0 = value;
                }
                break;
            case ESR_EL1: esr = (int) value; break;
            case FAR_EL1: far = value; break;
            case VBAR_EL1: vbar = value & ~0x7ffL; break;
            case SCTLR_EL1: sctlr = value; break;
            case TPIDR_EL1: tpidrEl1 = value; break;
            case TPIDR_EL0: tpidrEl0 = value; break;
            default: throw new IllegalArgumentException(r.name() + " is read-only");
        }
    }

    // ================================================================== run control

    @Override
    public void requestStop() {
        stopRequested = true;
    }

    @Override
    public void halt() {
        halted = true;
        stopRequested = true;
    }

    @Override
    public void resume() {
        halted = false;
    }

    @Override
    public boolean halted() {
        return halted;
    }

    @Override
    public void setInterruptPending(boolean pending) {
        irqLine = pending;
    }

    @Override
    public boolean interruptPending() {
        return irqLine;
    }

    @Override
    public CpuCounters counters() {
        return counters;
    }

    @Override
    public void addCycles(long cycles) {
        counters.cycles += cycles;
    }

    @Override
    public void setHazardListener(HazardListener listener) {
        hazards = requireNonNull(listener, "listener");
    }

    // ================================================================== the loop

    @Override
    public long run(long maxInstructions) {
        if (halted || maxInstructions <= 0) {
            return 0;
        }
        stopRequested = false;
        revalidateFetch();
        final CpuCounters k = counters;
        long retired = 0;
        for (long steps = 0; steps < maxInstructions && !stopRequested; steps++) {
            if (irqLine && (daif & DAIF_I) == 0) {
                takeException(new CpuException.Interrupt(), pc, 0x80, false, 0);
                continue;
            }
            final long pc = this.pc;
            if ((pc & ~0xffcL) != curPageVa && !switchFetchPage(pc)) {
                continue;
            }
            // common case: a cached, unchanged, unprobed instruction and BTYPE 0 -- one load, two tests
            Insn in = curFast[(int) (pc >>> 2) & 1023];
            if (in == null || btype != 0) {
                in = slowFetch(pc);
                if (in == null) {
                    continue; // BTI exception taken
                }
            }
            try {
                // The commonest instructions, executed here and only here (execute() handles everything
                // else): no call per instruction and a small loop for the JIT.
                final long[] x = this.x;
                switch (in.op) {
                    case Op.ADD_IMM: {
                        long r = x[in.rn] + in.imm;
                        x[in.rd] = in.sf ? r : r & M32;
                        k.cycles += cAlu;
                        this.pc = pc + 4;
                        break;
                    }
                    case Op.SUBS_IMM:
                        x[in.rd] = addWithCarry(x[in.rn], ~in.imm, 1, in.sf);
                        k.cycles += cAlu;
                        this.pc = pc + 4;
                        break;
                    case Op.ORR: {
                        boolean sf = in.sf;
                        long r = x[in.rn] | shiftReg(x[in.rm], in.shift, in.amount, sf);
                        x[in.rd] = sf ? r : r & M32;
                        k.cycles += cAlu;
                        this.pc = pc + 4;
                        break;
                    }
                    case Op.MOVK: {
                        long r = (x[in.rd] & ~in.imm2) | in.imm;
                        x[in.rd] = in.sf ? r : r & M32;
                        k.cycles += cAlu;
                        this.pc = pc + 4;
                        break;
                    }
                    case Op.B:
                        k.branches++;
                        k.takenBranches++;
                        k.cycles += cTaken;
                        this.pc = pc + in.imm;
                        break;
                    case Op.BL:
                        x[30] = pc + 4;
                        predictor.call(pc + 4);
                        k.branches++;
                        k.takenBranches++;
                        k.cycles += cTaken;
                        this.pc = pc + in.imm;
                        break;
                    case Op.B_COND:
                        this.pc = conditional(cond(in.cond), pc, in.imm);
                        break;
                    case Op.RET: {
                        long target = x[in.rn];
                        k.branches++;
                        k.takenBranches++;
                        k.cycles += predictor.ret(target) ? cRetHit : cRetMiss;
                        this.pc = target;
                        break;
                    }
                    case Op.LOAD_IMM:
                        x[in.rd] = load(x[in.rn] + in.imm, in.size, in.ext);
                        k.loads++;
                        k.cycles += cLoad;
                        this.pc = pc + 4;
                        break;
                    default:
                        if (!execute(in, pc)) {
                            continue;
                        }
                }
                retired++;
                k.instructions++;
            } catch (MemoryFault f) {
                dataAbort(f.fault(), pc);
            }
        }
        return retired;
    }

    /**
     * The fetch path off the fast one: fills the line if needed, reports a stale fetch if memory
     * under the line changed, checks the landing pad when BTYPE != 0 and counts a probe. Returns
     * the instruction, or null if a Branch Target exception was taken instead.
     */
    private Insn slowFetch(long pc) {
        final DecodedPage page = curPage;
        final int idx = (int) (pc >>> 2) & 1023;
        Insn in = page.insns[idx];
        if (in == null) {
            in = icache.fill(page, idx, curPageVa);
        }
        if (page.changed[idx >>> 4]) {
            checkStale(page, idx, pc);
        }
        if (btype != 0) {
            if (curGuarded && !landingPadOk(in)) {
                takeException(new CpuException.BranchTarget(btype), pc, 0, false, 0);
                return null;
            }
            btype = 0;
        }
        if (in.probe >= 0) {
            probes.hit(in.probe);
        }
        return in;
    }

    private boolean landingPadOk(Insn in) {
        int pads = in.landingPads;
        if ((pads >>> btype & 1) != 0) {
            return true;
        }
        if ((pads & Insn.PAD_PAC) != 0 && btype == 3) {
            long bt = el == 0 ? sctlr >>> 35 & 1 : sctlr >>> 36 & 1;
            return bt == 0;
        }
        return false;
    }

    private void checkStale(DecodedPage page, int idx, long pc) {
        int inMemory = domain.memory().readPhysical32(page.frame(), idx << 2);
        int executed = page.words[idx];
        if (inMemory != executed) {
            hazards.staleFetch(this, pc, executed, inMemory, icache.invalidationPending(page, idx));
        }
    }

    private void flushTlb() {
        java.util.Arrays.fill(tlbVa, -1);
        java.util.Arrays.fill(tlbPage, null);
        curPageVa = -1;
        curPage = null;
        curFast = NO_INSNS;
        tlbEl = el;
    }

    /** Drops cached translations if mappings may have changed (called where the host can change them). */
    private void revalidateFetch() {
        long e = memory.mappingEpoch();
        if (e != tlbEpoch || e == Memory.UNTRACKED_EPOCH || tlbEl != el) {
            flushTlb();
            tlbEpoch = e;
        }
    }

    /** Makes the page of {@code pc} current; false if fetching it faulted (exception taken). */
    private boolean switchFetchPage(long pc) {
        if ((pc & 3) != 0) {
            instructionAbort(new Fault(pc, Fault.Kind.TRANSLATION, Fault.Access.FETCH), pc);
            return false;
        }
        long pageVa = pc & ~Memory.PAGE_MASK;
        int slot = (int) (pageVa >>> Memory.PAGE_SHIFT) & (TLB_SIZE - 1);
        if (tlbVa[slot] == pageVa) {
            curPageVa = pageVa;
            curPage = tlbPage[slot];
            curFast = curPage.fast;
            curGuarded = tlbGuarded[slot];
            return true;
        }
        Permissions p = memory.permissionsAt(pc);
        if (p == null) {
            instructionAbort(new Fault(pc, Fault.Kind.TRANSLATION, Fault.Access.FETCH), pc);
            return false;
        }
        if (!p.execute() || (el == 0 && !p.user())) {
            instructionAbort(new Fault(pc, Fault.Kind.PERMISSION, Fault.Access.FETCH), pc);
            return false;
        }
        long frame = memory.translate(pc) >>> Memory.PAGE_SHIFT;
        DecodedPage page = icache.page(frame);
        tlbVa[slot] = pageVa;
        tlbPage[slot] = page;
        tlbGuarded[slot] = p.guarded();
        curPageVa = pageVa;
        curPage = page;
        curFast = page.fast;
        curGuarded = p.guarded();
        return true;
    }

    // ================================================================== exceptions

    private void instructionAbort(Fault f, long at) {
        takeException(new CpuException.InstructionAbort(f, el), at, 0, true, f.address());
    }

    private void dataAbort(Fault f, long at) {
        takeException(new CpuException.DataAbort(f, el), at, 0, true, f.address());
    }

    private void undefined(Insn in, long at) {
        takeException(new CpuException.Undefined(in.word), at, 0, false, 0);
    }

    /**
     * Architectural exception entry to EL1, then the handler. {@code irqOffset} is 0 for
     * synchronous exceptions and 0x80 for IRQ.
     */
    private void takeException(CpuException ex, long returnAddress, int irqOffset, boolean hasFar, long faultAddress) {
        int fromEl = el;
        spsr = pstate() & M32;
        elr = returnAddress;
        if (irqOffset == 0) {
            esr = ex.esr();
        }
        if (hasFar) {
            far = faultAddress;
        }
        exclusiveAddr = -1;
        switchEl(1);
        daif = 0xf << 6;
        btype = 0;
        pc = vbar + (fromEl == 0 ? 0x400 : 0x200) + irqOffset;
        icache.contextSynchronize();
        counters.exceptions++;
        counters.cycles += cEntry;
        handler.handle(this, ex);
        revalidateFetch();
    }

    @Override
    public void exceptionReturn() {
        long s = spsr;
        int m = (int) s & 0xf;
        int target = (m >>> 2) & 3;
        setNzcv((int) s);
        daif = (int) s & 0x3c0;
        btype = (int) (s >>> 10) & 3;
        switchEl(target == 0 ? 0 : 1);
        pc = elr;
        exclusiveAddr = -1;
        icache.contextSynchronize();
        counters.cycles += cReturn;
        revalidateFetch();
    }

    // ================================================================== cache maintenance

    private long maintenanceAddress(long va) {
        long pa = memory.translate(va);
        if (pa < 0) {
            throw new MemoryFault(new Fault(va, Fault.Kind.TRANSLATION, Fault.Access.WRITE));
        }
        if (el == 0) {
            Permissions p = memory.permissionsAt(va);
            if (!p.user()) {
                throw new MemoryFault(new Fault(va, Fault.Kind.PERMISSION, Fault.Access.WRITE));
            }
        }
        return pa;
    }

    private void recordMaintenance(int kind, long pa) {
        if (maintCount == maintKinds.length) {
            maintKinds = java.util.Arrays.copyOf(maintKinds, maintCount * 2);
            maintAddrs = java.util.Arrays.copyOf(maintAddrs, maintCount * 2);
        }
        maintKinds[maintCount] = kind;
        maintAddrs[maintCount] = pa;
        maintCount++;
    }

    /** DSB: completes this CPU's outstanding cache maintenance, in program order. */
    private void completeMaintenance() {
        for (int i = 0; i < maintCount; i++) {
            switch (maintKinds[i]) {
                case MAINT_CLEAN: domain.clean(maintAddrs[i]); break;
                case MAINT_IVAU: domain.invalidate(maintAddrs[i]); break;
                case MAINT_IALLU: icache.scheduleInvalidateAll(); break;
                default: domain.invalidateAll(); break;
            }
        }
        maintCount = 0;
    }

    @Override
    public void cleanDataCacheToPou(long va) {
        recordMaintenance(MAINT_CLEAN, maintenanceAddressHost(va));
        counters.cycles += cMaint;
    }

    @Override
    public void invalidateInstructionCache(long va) {
        recordMaintenance(MAINT_IVAU, maintenanceAddressHost(va));
        counters.cycles += cMaint;
    }

    private long maintenanceAddressHost(long va) {
        long pa = memory.translate(va);
        if (pa < 0) {
            throw new MemoryFault(new Fault(va, Fault.Kind.TRANSLATION, Fault.Access.WRITE));
        }
        return pa;
    }

    @Override
    public void dataSynchronizationBarrier() {
        completeMaintenance();
        counters.cycles += cBarrier;
    }

    @Override
    public void instructionSynchronizationBarrier() {
        icache.contextSynchronize();
        counters.cycles += cBarrier;
    }

    /** IC IALLU performed by the host on this CPU (completes at the next DSB). */
    public void invalidateInstructionCacheAll() {
        recordMaintenance(MAINT_IALLU, 0);
        counters.cycles += cMaint;
    }

    // ================================================================== execution

    private boolean cond(int c) {
        boolean r;
        switch (c >>> 1) {
            case 0: r = fz; break;
            case 1: r = fc; break;
            case 2: r = fn; break;
            case 3: r = fv; break;
            case 4: r = fc && !fz; break;
            case 5: r = fn == fv; break;
            case 6: r = fn == fv && !fz; break;
            default: return true;
        }
        return (c & 1) != 0 ? !r : r;
    }

    private long addWithCarry(long a, long b, int carry, boolean sf) {
        if (sf) {
            long r = a + b + carry;
            fn = r < 0;
            fz = r == 0;
            fc = ((a & b) | ((a | b) & ~r)) < 0;
            fv = ((a ^ r) & (b ^ r)) < 0;
            return r;
        }
        long r = (a & M32) + (b & M32) + carry;
        int r32 = (int) r;
        fn = r32 < 0;
        fz = r32 == 0;
        fc = (r >>> 32) != 0;
        fv = (((int) a ^ r32) & ((int) b ^ r32)) < 0;
        return r32 & M32;
    }

    private void logicFlags(long r, boolean sf) {
        fn = sf ? r < 0 : (int) r < 0;
        fz = r == 0;
        fc = false;
        fv = false;
    }

    private static long shiftReg(long v, int type, int amount, boolean sf) {
        if (sf) {
            switch (type) {
                case 0: return v << amount;
                case 1: return v >>> amount;
                case 2: return v >> amount;
                default: return Long.rotateRight(v, amount);
            }
        }
        int w = (int) v;
        switch (type) {
            case 0: return (w << amount) & M32;
            case 1: return (w >>> amount) & M32;
            case 2: return (w >> amount) & M32;
            default: return Integer.rotateRight(w, amount) & M32;
        }
    }

    private static long extendReg(long v, int option, int amount) {
        long e;
        switch (option) {
            case 0: e = v & 0xff; break;
            case 1: e = v & 0xffff; break;
            case 2: e = v & M32; break;
            case 4: e = (byte) v; break;
            case 5: e = (short) v; break;
            case 6: e = (int) v; break;
            default: e = v; break;
        }
        return e << amount;
    }

    private static long ror(long v, int r, boolean sf) {
        return sf ? Long.rotateRight(v, r) : Integer.rotateRight((int) v, r) & M32;
    }

    // ---------------------------------------------------------------- data micro-TLB
    //
    // Per direction, DTLB direct-mapped entries: tag = page va | EL (so EL0/EL1, incl. LDTR/STTR,
    // never share an entry; -1 never matches), data = the page's backing array, which the memory
    // handed out after checking the access (Memory.directPage). Every hit also compares
    // Memory.directAccessEpoch(), which changes with any map/alias/protect/unmap and when a frame
    // becomes watched by an instruction cache, so permission faults, unmapping and write
    // notifications stay exact. Misses (and page-crossing accesses) go through Memory's checked
    // accessors, then fill. Never-written pages (no array yet) and watched frames (for writes) are
    // never cached; aliases share the same array.

    private static final int DTLB = 8;
    private static final java.lang.invoke.VarHandle LE64 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LE32 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LE16 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private final long[] rTag = new long[DTLB];
    private final byte[][] rData = new byte[DTLB][];
    private final long[] wTag = new long[DTLB];
    private final byte[][] wData = new byte[DTLB][];
    private long dtlbEpoch = Memory.UNTRACKED_EPOCH;

    {
        java.util.Arrays.fill(rTag, -1);
        java.util.Arrays.fill(wTag, -1);
    }

    private void flushDtlb() {
        java.util.Arrays.fill(rTag, -1);
        java.util.Arrays.fill(rData, null);
        java.util.Arrays.fill(wTag, -1);
        java.util.Arrays.fill(wData, null);
    }

    private void fillDtlb(long va, boolean write) {
        long e = memory.directAccessEpoch();
        if (e == Memory.UNTRACKED_EPOCH) {
            return;
        }
        if (e != dtlbEpoch) {
            flushDtlb();
            dtlbEpoch = e;
        }
        byte[] d = memory.directPage(va, write, el != 0);
        if (d != null) {
            int slot = (int) (va >>> Memory.PAGE_SHIFT) & (DTLB - 1);
            long tag = (va & ~Memory.PAGE_MASK) | el;
            if (write) {
                wTag[slot] = tag;
                wData[slot] = d;
            } else {
                rTag[slot] = tag;
                rData[slot] = d;
            }
        }
    }

    private long load(long va, int size, int ext) {
        int off = (int) va & (int) Memory.PAGE_MASK;
        int slot = (int) (va >>> Memory.PAGE_SHIFT) & (DTLB - 1);
        if (rTag[slot] == ((va & ~Memory.PAGE_MASK) | el) && off <= (int) Memory.PAGE_SIZE - size
                && memory.directAccessEpoch() == dtlbEpoch) {
            byte[] d = rData[slot];
            switch (size) {
                case 8:
                    return (long) LE64.get(d, off);
                case 4: {
                    int w = (int) LE32.get(d, off);
                    return ext == 1 ? w : w & M32;
                }
                case 2: {
                    short h = (short) LE16.get(d, off);
                    return ext == 0 ? h & 0xffff : ext == 1 ? (long) h : h & M32;
                }
                default: {
                    byte b = d[off];
                    return ext == 0 ? b & 0xff : ext == 1 ? (long) b : b & M32;
                }
            }
        }
        long v = loadChecked(va, size, ext);
        fillDtlb(va, false);
        return v;
    }

    private void store(long va, int size, long value) {
        int off = (int) va & (int) Memory.PAGE_MASK;
        int slot = (int) (va >>> Memory.PAGE_SHIFT) & (DTLB - 1);
        if (wTag[slot] == ((va & ~Memory.PAGE_MASK) | el) && off <= (int) Memory.PAGE_SIZE - size
                && memory.directAccessEpoch() == dtlbEpoch) {
            byte[] d = wData[slot];
            switch (size) {
                case 8: LE64.set(d, off, value); return;
                case 4: LE32.set(d, off, (int) value); return;
                case 2: LE16.set(d, off, (short) value); return;
                default: d[off] = (byte) value; return;
            }
        }
        storeChecked(va, size, value);
        fillDtlb(va, true);
    }

    private long loadChecked(long va, int size, int ext) {
        boolean priv = el != 0;
        switch (size) {
            case 8:
                return memory.load64(va, priv);
            case 4: {
                int w = memory.load32(va, priv);
                return ext == 1 ? w : w & M32;
            }
            case 2: {
                int h = memory.load16(va, priv);
                return ext == 0 ? h & 0xffff : ext == 1 ? (long) (short) h : ((short) h) & M32;
            }
            default: {
                int b = memory.load8(va, priv);
                return ext == 0 ? b & 0xff : ext == 1 ? (long) (byte) b : ((byte) b) & M32;
            }
        }
    }

    private void storeChecked(long va, int size, long value) {
        boolean priv = el != 0;
        switch (size) {
            case 8: memory.store64(va, value, priv); break;
            case 4: memory.store32(va, (int) value, priv); break;
            case 2: memory.store16(va, (short) value, priv); break;
            default: memory.store8(va, (byte) value, priv); break;
        }
    }

    private static long umulh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /**
     * Executes one instruction at {@code pc}. Returns true if it retired (then {@code this.pc}
     * is the next instruction); false if it raised a synchronous exception instead. Memory
     * faults propagate as {@link MemoryFault} before any architectural state has changed.
     */
    private boolean execute(Insn in, long pc) {
        final long[] x = this.x;
        final CpuCounters k = counters;
        final boolean sf = in.sf;
        long npc = pc + 4;
        switch (in.op) {
            // run() executes these inline and never passes them here; one copy of their semantics.
            case Op.B: case Op.BL: case Op.B_COND: case Op.RET:
            case Op.ADD_IMM: case Op.SUBS_IMM: case Op.MOVK: case Op.LOAD_IMM:
                throw new IllegalStateException("op " + in.op + " is executed inline by run()");
            // ---------------------------------------------------------- branches
            case Op.CBZ:
                npc = conditional((sf ? x[in.rn] : x[in.rn] & M32) == 0, pc, in.imm);
                break;
            case Op.CBNZ:
                npc = conditional((sf ? x[in.rn] : x[in.rn] & M32) != 0, pc, in.imm);
                break;
            case Op.TBZ:
                npc = conditional((x[in.rn] >>> in.amount & 1) == 0, pc, in.imm);
                break;
            case Op.TBNZ:
                npc = conditional((x[in.rn] >>> in.amount & 1) != 0, pc, in.imm);
                break;
            case Op.BR: {
                long target = x[in.rn];
                btype = in.rn == 16 || in.rn == 17 || !curGuarded ? 1 : 3;
                indirect(pc, target);
                npc = target;
                break;
            }
            case Op.BLR: {
                long target = x[in.rn];
                x[30] = pc + 4;
                btype = 2;
                predictor.call(pc + 4);
                indirect(pc, target);
                npc = target;
                break;
            }
            case Op.ERET:
                if (el == 0) {
                    undefined(in, pc);
                    return false;
                }
                exceptionReturn();
                return true;

            // ---------------------------------------------------------- exception generation
            case Op.SVC:
                this.pc = npc;
                k.cycles += cAlu;
                takeException(new CpuException.SupervisorCall((int) in.imm), npc, 0, false, 0);
                return true;
            case Op.HVC:
            case Op.SMC:
                if (el == 0) {
                    undefined(in, pc);
                    return false;
                }
                this.pc = npc;
                k.cycles += cAlu;
                takeException(in.op == Op.HVC ? new CpuException.HypervisorCall((int) in.imm)
                        : new CpuException.SecureMonitorCall((int) in.imm), npc, 0, false, 0);
                return true;
            case Op.BRK:
                takeException(new CpuException.Breakpoint((int) in.imm), pc, 0, false, 0);
                return false;
            case Op.HLT:
            case Op.UDF:
            case Op.UNDEFINED:
                undefined(in, pc);
                return false;

            // ---------------------------------------------------------- system
            case Op.HINT:
                if ((in.word & 0xfffff0ff) == 0xd503305f) {
                    exclusiveAddr = -1; // clrex
                }
                k.cycles += cAlu;
                break;
            case Op.DSB:
                completeMaintenance();
                k.cycles += cBarrier;
                break;
            case Op.DMB:
                k.cycles += cBarrier;
                break;
            case Op.ISB:
                icache.contextSynchronize();
                k.cycles += cBarrier;
                break;
            case Op.MSR_DAIFSET:
            case Op.MSR_DAIFCLR:
                if (el == 0) {
                    undefined(in, pc);
                    return false;
                }
                if (in.op == Op.MSR_DAIFSET) {
                    daif |= (int) in.imm << 6;
                } else {
                    daif &= ~((int) in.imm << 6);
                }
                k.cycles += cSysreg;
                break;
            case Op.IC_IVAU:
                recordMaintenance(MAINT_IVAU, maintenanceAddress(x[in.rn]));
                k.cycles += cMaint;
                break;
            case Op.DC_CVAU:
            case Op.DC_CVAC:
            case Op.DC_CIVAC:
                recordMaintenance(MAINT_CLEAN, maintenanceAddress(x[in.rn]));
                k.cycles += cMaint;
                break;
            case Op.IC_IALLU:
            case Op.IC_IALLUIS:
                if (el == 0) {
                    undefined(in, pc);
                    return false;
                }
                recordMaintenance(in.op == Op.IC_IALLU ? MAINT_IALLU : MAINT_IALLUIS, 0);
                k.cycles += cMaint;
                break;
            case Op.MRS:
            case Op.MSR:
                if (!systemRegister(in)) {
                    undefined(in, pc);
                    return false;
                }
                k.cycles += cSysreg;
                break;

            // ---------------------------------------------------------- data processing, immediate
            case Op.ADR:
                x[in.rd] = pc + in.imm;
                k.cycles += cAlu;
                break;
            case Op.ADRP:
                x[in.rd] = (pc & ~0xfffL) + in.imm;
                k.cycles += cAlu;
                break;
            case Op.SUB_IMM: {
                long r = x[in.rn] - in.imm;
                x[in.rd] = sf ? r : r & M32;
                k.cycles += cAlu;
                break;
            }
            case Op.ADDS_IMM:
                x[in.rd] = addWithCarry(x[in.rn], in.imm, 0, sf);
                k.cycles += cAlu;
                break;
            case Op.AND_IMM:
                x[in.rd] = x[in.rn] & in.imm;
                k.cycles += cAlu;
                break;
            case Op.ORR_IMM: {
                long r = x[in.rn] | in.imm;
                x[in.rd] = sf ? r : r & M32;
                k.cycles += cAlu;
                break;
            }
            case Op.EOR_IMM: {
                long r = x[in.rn] ^ in.imm;
                x[in.rd] = sf ? r : r & M32;
                k.cycles += cAlu;
                break;
            }
            case Op.ANDS_IMM: {
                long r = x[in.rn] & in.imm;
                logicFlags(r, sf);
                x[in.rd] = r;
                k.cycles += cAlu;
                break;
            }
            case Op.MOVZ:
                x[in.rd] = in.imm;
                k.cycles += cAlu;
                break;
            case Op.MOVN:
                x[in.rd] = sf ? ~in.imm : ~in.imm & M32;
                k.cycles += cAlu;
                break;
            case Op.SBFM:
            case Op.BFM:
            case Op.UBFM:
                x[in.rd] = bitfield(in, x[in.rn], x[in.rd]);
                k.cycles += cAlu;
                break;
            case Op.EXTR: {
                int lsb = in.amount;
                long r;
                if (sf) {
                    r = lsb == 0 ? x[in.rm] : (x[in.rm] >>> lsb) | (x[in.rn] << (64 - lsb));
                } else {
                    long concat = (x[in.rn] & M32) << 32 | (x[in.rm] & M32);
                    r = (concat >>> lsb) & M32;
                }
                x[in.rd] = r;
                k.cycles += cAlu;
                break;
            }

            // ---------------------------------------------------------- data processing, register
            case Op.AND: case Op.BIC: case Op.ORR: case Op.ORN: case Op.EOR: case Op.EON: case Op.ANDS: case Op.BICS:
                x[in.rd] = logical(in, x[in.rn], shiftReg(x[in.rm], in.shift, in.amount, sf));
                k.cycles += cAlu;
                break;
            case Op.ADD: {
                long r = x[in.rn] + shiftReg(x[in.rm], in.shift, in.amount, sf);
                x[in.rd] = sf ? r : r & M32;
                k.cycles += cAlu;
                break;
            }
            case Op.SUB: {
                long r = x[in.rn] - shiftReg(x[in.rm], in.shift, in.amount, sf);
                x[in.rd] = sf ? r : r & M32;
                k.cycles += cAlu;
                break;
            }
            case Op.ADDS:
                x[in.rd] = addWithCarry(x[in.rn], shiftReg(x[in.rm], in.shift, in.amount, sf), 0, sf);
                k.cycles += cAlu;
                break;
            case Op.SUBS:
                x[in.rd] = addWithCarry(x[in.rn], ~shiftReg(x[in.rm], in.shift, in.amount, sf), 1, sf);
                k.cycles += cAlu;
                break;
            case Op.ADD_EXT: {
                long r = x[in.rn] + extendReg(x[in.rm], in.shift, in.amount);
                x[in.rd] = sf ? r : r & M32;
                k.cycles += cAlu;
                break;
            }
            case Op.SUB_EXT: {
                long r = x[in.rn] - extendReg(x[in.rm], in.shift, in.amount);
                x[in.rd] = sf ? r : r & M32;
                k.cycles += cAlu;
                break;
            }
            case Op.ADDS_EXT:
                x[in.rd] = addWithCarry(x[in.rn], extendReg(x[in.rm], in.shift, in.amount), 0, sf);
                k.cycles += cAlu;
                break;
            case Op.SUBS_EXT:
                x[in.rd] = addWithCarry(x[in.rn], ~extendReg(x[in.rm], in.shift, in.amount), 1, sf);
                k.cycles += cAlu;
                break;
            case Op.CCMN_REG: case Op.CCMP_REG: case Op.CCMN_IMM: case Op.CCMP_IMM:
                conditionalCompare(in);
                k.cycles += cAlu;
                break;
            case Op.CSEL: case Op.CSINC: case Op.CSINV: case Op.CSNEG:
                x[in.rd] = conditionalSelect(in);
                k.cycles += cAlu;
                break;
            case Op.MADD: case Op.MSUB: case Op.SMADDL: case Op.SMSUBL: case Op.UMADDL: case Op.UMSUBL:
            case Op.SMULH: case Op.UMULH:
                x[in.rd] = multiply(in);
                k.cycles += cMul;
                break;
            case Op.UDIV: case Op.SDIV:
                x[in.rd] = divide(in);
                k.cycles += cDiv;
                break;
            case Op.LSLV: case Op.LSRV: case Op.ASRV: case Op.RORV:
                x[in.rd] = shiftReg(x[in.rn], in.op - Op.LSLV, (int) (x[in.rm] & (sf ? 63 : 31)), sf);
                k.cycles += cAlu;
                break;
            case Op.ADC: case Op.SBC: {
                long b = in.op == Op.SBC ? ~x[in.rm] : x[in.rm];
                long r = x[in.rn] + b + (fc ? 1 : 0);
                x[in.rd] = sf ? r : r & M32;
                k.cycles += cAlu;
                break;
            }
            case Op.ADCS: case Op.SBCS:
                x[in.rd] = addWithCarry(x[in.rn], in.op == Op.SBCS ? ~x[in.rm] : x[in.rm], fc ? 1 : 0, sf);
                k.cycles += cAlu;
                break;
            case Op.LDXR: case Op.STXR: case Op.LDXP: case Op.STXP: case Op.CAS: case Op.ATOMIC: case Op.LOAD_UNPRIV: case Op.STORE_UNPRIV:
                atomicOrUnprivileged(in);
                break;
            case Op.CRC32:
                x[in.rd] = crc32(x[in.rn], x[in.rm], in.size, in.cond == 1);
                k.cycles += cAlu;
                break;
            case Op.SYS_NOP:
                if (el == 0) {
                    undefined(in, pc);
                    return false;
                }
                k.cycles += cMaint;
                break;
            case Op.RBIT: case Op.REV16: case Op.REV32: case Op.REV: case Op.CLZ: case Op.CLS:
                x[in.rd] = oneSource(in, x[in.rn]);
                k.cycles += cAlu;
                break;

            // ---------------------------------------------------------- loads and stores
            case Op.LDR_LIT:
                x[in.rd] = load(pc + in.imm, in.size, in.ext);
                k.loads++;
                k.cycles += cLoad;
                break;
            case Op.LOAD_PRE: {
                long va = x[in.rn] + in.imm;
                long v = load(va, in.size, in.ext);
                x[in.rn] = va;
                x[in.rd] = v;
                k.loads++;
                k.cycles += cLoad;
                break;
            }
            case Op.LOAD_POST: {
                long va = x[in.rn];
                long v = load(va, in.size, in.ext);
                x[in.rn] = va + in.imm;
                x[in.rd] = v;
                k.loads++;
                k.cycles += cLoad;
                break;
            }
            case Op.LOAD_REG:
                x[in.rd] = load(x[in.rn] + extendReg(x[in.rm], in.shift, in.amount), in.size, in.ext);
                k.loads++;
                k.cycles += cLoad;
                break;
            case Op.STORE_IMM:
                store(x[in.rn] + in.imm, in.size, x[in.rd]);
                k.stores++;
                k.cycles += cStore;
                break;
            case Op.STORE_PRE: {
                long va = x[in.rn] + in.imm;
                store(va, in.size, x[in.rd]);
                x[in.rn] = va;
                k.stores++;
                k.cycles += cStore;
                break;
            }
            case Op.STORE_POST: {
                long va = x[in.rn];
                store(va, in.size, x[in.rd]);
                x[in.rn] = va + in.imm;
                k.stores++;
                k.cycles += cStore;
                break;
            }
            case Op.STORE_REG:
                store(x[in.rn] + extendReg(x[in.rm], in.shift, in.amount), in.size, x[in.rd]);
                k.stores++;
                k.cycles += cStore;
                break;
            case Op.LDP: case Op.LDP_PRE: case Op.LDP_POST:
                loadPair(in);
                break;
            case Op.STP: case Op.STP_PRE: case Op.STP_POST:
                storePair(in);
                break;
            default:
                undefined(in, pc);
                return false;
        }
        this.pc = npc;
        return true;
    }

    private long conditional(boolean taken, long pc, long offset) {
        CpuCounters k = counters;
        k.branches++;
        if (taken) {
            k.takenBranches++;
            k.cycles += cTaken;
            return pc + offset;
        }
        k.cycles += cNotTaken;
        return pc + 4;
    }

    private void indirect(long pc, long target) {
        CpuCounters k = counters;
        k.branches++;
        k.takenBranches++;
        k.indirectBranches++;
        k.cycles += predictor.indirect(pc, target) ? cIndHit : cIndMiss;
    }

    private static long bitfield(Insn in, long src, long dst) {
        boolean sf = in.sf;
        long wmask = in.imm, tmask = in.imm2;
        long rot = ror(src, in.amount, sf);
        long r;
        switch (in.op) {
            case Op.UBFM:
                r = rot & wmask & tmask;
                break;
            case Op.SBFM: {
                long bot = rot & wmask;
                long top = (src >>> in.cond & 1) != 0 ? -1L : 0;
                r = (top & ~tmask) | (bot & tmask);
                break;
            }
            default: {
                long bot = (dst & ~wmask) | (rot & wmask);
                r = (dst & ~tmask) | (bot & tmask);
                break;
            }
        }
        return sf ? r : r & M32;
    }

    private long logical(Insn in, long a, long b) {
        boolean sf = in.sf;
        long r;
        switch (in.op) {
            case Op.AND: r = a & b; break;
            case Op.BIC: r = a & ~b; break;
            case Op.ORR: r = a | b; break;
            case Op.ORN: r = a | ~b; break;
            case Op.EOR: r = a ^ b; break;
            case Op.EON: r = a ^ ~b; break;
            case Op.ANDS: r = a & b; break;
            default: r = a & ~b; break;
        }
        if (!sf) {
            r &= M32;
        }
        if (in.op == Op.ANDS || in.op == Op.BICS) {
            logicFlags(r, sf);
        }
        return r;
    }

    private void conditionalCompare(Insn in) {
        if (cond(in.cond)) {
            long b = in.op == Op.CCMN_IMM || in.op == Op.CCMP_IMM ? in.imm : x[in.rm];
            if (in.op == Op.CCMP_REG || in.op == Op.CCMP_IMM) {
                addWithCarry(x[in.rn], ~b, 1, in.sf);
            } else {
                addWithCarry(x[in.rn], b, 0, in.sf);
            }
        } else {
            setNzcv(in.amount << 28);
        }
    }

    private long conditionalSelect(Insn in) {
        long r;
        if (cond(in.cond)) {
            r = x[in.rn];
        } else {
            long m = x[in.rm];
            switch (in.op) {
                case Op.CSEL: r = m; break;
                case Op.CSINC: r = m + 1; break;
                case Op.CSINV: r = ~m; break;
                default: r = -m; break;
            }
        }
        return in.sf ? r : r & M32;
    }

    private long multiply(Insn in) {
        long a = x[in.rn], b = x[in.rm], acc = x[in.ra];
        long r;
        switch (in.op) {
            case Op.MADD: r = acc + a * b; break;
            case Op.MSUB: r = acc - a * b; break;
            case Op.SMADDL: r = acc + (long) (int) a * (int) b; break;
            case Op.SMSUBL: r = acc - (long) (int) a * (int) b; break;
            case Op.UMADDL: r = acc + (a & M32) * (b & M32); break;
            case Op.UMSUBL: r = acc - (a & M32) * (b & M32); break;
            case Op.SMULH: return Math.multiplyHigh(a, b);
            default: return umulh(a, b);
        }
        return in.sf ? r : r & M32;
    }

    private long divide(Insn in) {
        long a = x[in.rn], b = x[in.rm];
        if (in.sf) {
            if (b == 0) {
                return 0;
            }
            return in.op == Op.UDIV ? Long.divideUnsigned(a, b) : a / b; // MIN / -1 = MIN in Java too
        }
        int wa = (int) a, wb = (int) b;
        if (wb == 0) {
            return 0;
        }
        return (in.op == Op.UDIV ? Integer.divideUnsigned(wa, wb) : wa / wb) & M32;
    }

    private static long oneSource(Insn in, long v) {
        boolean sf = in.sf;
        switch (in.op) {
            case Op.RBIT:
                return sf ? Long.reverse(v) : Integer.reverse((int) v) & M32;
            case Op.REV16: {
                long r = ((v & 0xff00ff00ff00ff00L) >>> 8) | ((v & 0x00ff00ff00ff00ffL) << 8);
                return sf ? r : r & M32;
            }
            case Op.REV32:
                return Long.rotateLeft(Long.reverseBytes(v), 32);
            case Op.REV:
                return sf ? Long.reverseBytes(v) : Integer.reverseBytes((int) v) & M32;
            case Op.CLZ:
                return sf ? Long.numberOfLeadingZeros(v) : Integer.numberOfLeadingZeros((int) v);
            default:
                return sf ? Long.numberOfLeadingZeros(v ^ (v >> 63)) - 1
                        : Integer.numberOfLeadingZeros((int) v ^ ((int) v >> 31)) - 1;
        }
    }

    private void loadPair(Insn in) {
        long base = x[in.rn];
        long va = in.op == Op.LDP_POST ? base : base + in.imm;
        long a = load(va, in.size, in.ext);
        long b = load(va + in.size, in.size, in.ext);
        if (in.op != Op.LDP) {
            x[in.rn] = base + in.imm;
        }
        x[in.rd] = a;
        x[in.ra] = b;
        counters.loads += 2;
        counters.cycles += 2L * cLoad;
    }

    private void storePair(Insn in) {
        long base = x[in.rn];
        long va = in.op == Op.STP_POST ? base : base + in.imm;
        long a = x[in.rd], b = x[in.ra];
        // check both halves first so a fault on the second leaves memory untouched (within one page
        // the first store's check covers both)
        if (((int) va & (int) Memory.PAGE_MASK) > (int) Memory.PAGE_SIZE - 2 * in.size) {
            memory.checkAccess(va, 2 * in.size, Fault.Access.WRITE, el != 0);
        }
        store(va, in.size, a);
        store(va + in.size, in.size, b);
        if (in.op != Op.STP) {
            x[in.rn] = base + in.imm;
        }
        counters.stores += 2;
        counters.cycles += 2L * cStore;
    }

    private static long sizeMask(int size) {
        return size == 8 ? -1L : (1L << (8 * size)) - 1;
    }

    private void atomicOrUnprivileged(Insn in) {
        final long[] x = this.x;
        final CpuCounters k = counters;
        long va = x[in.rn];
        int size = in.size;
        long mask = sizeMask(size);
        switch (in.op) {
            case Op.LDXR: {
                long v = load(va, size, 0);
                exclusiveAddr = va;
                exclusiveSize = size;
                exclusiveValue = v;
                x[in.rd] = v;
                k.loads++;
                k.cycles += cLoad;
                return;
            }
            case Op.STXR: {
                boolean ok = exclusiveAddr == va && exclusiveSize == size && load(va, size, 0) == exclusiveValue;
                exclusiveAddr = -1;
                if (ok) {
                    store(va, size, x[in.rm]);
                    k.stores++;
                    k.cycles += cStore;
                }
                x[in.rd] = ok ? 0 : 1;
                return;
            }
            case Op.LDXP: {
                long a = load(va, size, 0);
                long b = load(va + size, size, 0);
                exclusiveAddr = va;
                exclusiveSize = PAIR | size;
                exclusiveValue = a;
                exclusiveValue2 = b;
                x[in.rd] = a;
                x[in.ra] = b;
                k.loads += 2;
                k.cycles += 2L * cLoad;
                return;
            }
            case Op.STXP: {
                // both halves must be writable before either the check or the store (all or nothing)
                memory.checkAccess(va, 2 * size, Fault.Access.WRITE, el != 0);
                boolean ok = exclusiveAddr == va && exclusiveSize == (PAIR | size)
                        && load(va, size, 0) == exclusiveValue && load(va + size, size, 0) == exclusiveValue2;
                exclusiveAddr = -1;
                if (ok) {
                    store(va, size, x[in.rm]);
                    store(va + size, size, x[in.ra]);
                    k.stores += 2;
                    k.cycles += 2L * cStore;
                }
                x[in.rd] = ok ? 0 : 1;
                return;
            }
            case Op.CAS: {
                long old = load(va, size, 0);
                if (old == (x[in.rm] & mask)) {
                    store(va, size, x[in.ra]);
                }
                x[in.rd] = old;
                k.loads++;
                k.stores++;
                k.cycles += cLoad + cStore;
                return;
            }
            case Op.ATOMIC: {
                long old = load(va, size, 0);
                long operand = x[in.rm] & mask;
                int bits = 8 * size;
                long sOld = old << (64 - bits) >> (64 - bits), sOp = operand << (64 - bits) >> (64 - bits);
                long nv;
                switch (in.shift) {
                    case 0: nv = old + operand; break;
                    case 1: nv = old & ~operand; break;
                    case 2: nv = old ^ operand; break;
                    case 3: nv = old | operand; break;
                    case 4: nv = sOld >= sOp ? old : operand; break;
                    case 5: nv = sOld <= sOp ? old : operand; break;
                    case 6: nv = Long.compareUnsigned(old, operand) >= 0 ? old : operand; break;
                    case 7: nv = Long.compareUnsigned(old, operand) <= 0 ? old : operand; break;
                    default: nv = operand; break; // swp
                }
                store(va, size, nv);
                x[in.rd] = old;
                k.loads++;
                k.stores++;
                k.cycles += cLoad + cStore;
                return;
            }
            case Op.LOAD_UNPRIV: {
                int saved = el;
                el = 0;
                try {
                    x[in.rd] = load(va + in.imm, size, in.ext);
                } finally {
                    el = saved;
                }
                k.loads++;
                k.cycles += cLoad;
                return;
            }
            default: {
                int saved = el;
                el = 0;
                try {
                    store(va + in.imm, size, x[in.rd]);
                } finally {
                    el = saved;
                }
                k.stores++;
                k.cycles += cStore;
            }
        }
    }

    /** CRC32/CRC32C over the low {@code size} bytes of {@code data}, bit-reflected, no inversion (as the instruction). */
    private static long crc32(long acc, long data, int size, boolean castagnoli) {
        int poly = castagnoli ? 0x82F63B78 : 0xEDB88320;
        int crc = (int) acc;
        for (int i = 0; i < size; i++) {
            crc ^= (int) (data >>> (8 * i)) & 0xff;
            for (int b = 0; b < 8; b++) {
                crc = (crc >>> 1) ^ (poly & -(crc & 1));
            }
        }
        return crc & M32;
    }

    /** MRS/MSR of a modelled register; false → UNDEFINED. */
    private boolean systemRegister(Insn in) {
        SystemRegister r = SystemRegister.fromEncoding((int) in.imm);
        if (r == null) {
            return false;
        }
        if (el == 0 && r != SystemRegister.NZCV && r != SystemRegister.TPIDR_EL0 && r != SystemRegister.CTR_EL0) {
            return false;
        }
        if (in.op == Op.MRS) {
            x[in.rd] = sysreg(r);
            return true;
        }
        switch (r) {
            case CTR_EL0: case MPIDR_EL1: case CURRENT_EL:
                return false;
            default:
                setSysreg(r, x[in.rn]);
                return true;
        }
    }
}
