package org.kernelsim.cpu.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The modelled cycle cost of each kind of event. Cycles are a model, not a measurement: the
 * defaults describe a simple in-order core loosely shaped like a Cortex-A55 and are documented in
 * the README. Every entry may be overridden by name from the config's {@code costModel} section.
 *
 * @param alu               any data-processing instruction, NOP, hint
 * @param multiply          MADD/MSUB/SMULH/UMULH and the long multiplies
 * @param divide            UDIV/SDIV
 * @param load              a load (each register of LDP counts once)
 * @param store             a store
 * @param branchNotTaken    a conditional branch that falls through
 * @param branchTaken       a taken direct branch (B, BL, B.cond, CBZ, TBZ)
 * @param indirectPredicted BR/BLR whose target the per-CPU predictor got right
 * @param indirectMispredicted BR/BLR whose target it got wrong
 * @param returnPredicted   RET matching the return-stack predictor
 * @param returnMispredicted RET not matching it
 * @param barrier           DSB/DMB/ISB
 * @param cacheMaintenance  DC/IC by VA or all
 * @param exceptionEntry    taking an exception (incl. IRQ)
 * @param exceptionReturn   ERET
 * @param systemRegister    MRS/MSR
 */
public record CostModel(int alu, int multiply, int divide, int load, int store, int branchNotTaken, int branchTaken,
                        int indirectPredicted, int indirectMispredicted, int returnPredicted, int returnMispredicted,
                        int barrier, int cacheMaintenance, int exceptionEntry, int exceptionReturn, int systemRegister) {

    public static CostModel defaults() {
        return new CostModel(1, 3, 12, 3, 1, 1, 2, 2, 12, 1, 10, 20, 30, 40, 30, 5);
    }

    /** The entries by name, in declaration order. */
    public Map<String, Integer> asMap() {
        return java.util.Collections.unmodifiableMap(asMapOrdered());
    }

    /**
     * This model with some entries replaced. An unknown name or a negative cost is an
     * {@link IllegalArgumentException} naming the valid entries.
     */
    public CostModel withOverrides(Map<String, Integer> overrides) {
        Map<String, Integer> m = new LinkedHashMap<>(asMapOrdered());
        for (var e : overrides.entrySet()) {
            if (!m.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown cost model entry '" + e.getKey() + "'; valid entries: "
                        + String.join(", ", new TreeSet<>(m.keySet())));
            }
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("cost model entry '" + e.getKey() + "' must be a non-negative integer");
            }
            m.put(e.getKey(), e.getValue());
        }
        var comps = CostModel.class.getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            args[i] = m.get(comps[i].getName());
            types[i] = int.class;
        }
        try {
            return CostModel.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Integer> asMapOrdered() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (var c : CostModel.class.getRecordComponents()) {
            try {
                m.put(c.getName(), (Integer) c.getAccessor().invoke(this));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }
}
