package org.kernelsim.cpu.exec;

/**
 * The per-CPU predictors behind the indirect-branch and return costs of the cost model: a
 * 64-entry direct-mapped target buffer indexed by branch PC (predicted target = last target),
 * and an 8-entry return stack (BL/BLR push, RET pops and compares). Cycles only; never affects
 * execution.
 */
final class BranchPredictor {

    private static final int BTB_SIZE = 64;
    private static final int RAS_SIZE = 8;

    private final long[] btbTag = new long[BTB_SIZE];
    private final long[] btbTarget = new long[BTB_SIZE];
    private final long[] ras = new long[RAS_SIZE];
    private int rasTop;
    private int rasDepth;

    BranchPredictor() {
        java.util.Arrays.fill(btbTag, -1);
    }

    /** Records an indirect branch; returns whether its target was predicted. */
    boolean indirect(long pc, long target) {
        int i = (int) (pc >>> 2) & (BTB_SIZE - 1);
        boolean hit = btbTag[i] == pc && btbTarget[i] == target;
        btbTag[i] = pc;
        btbTarget[i] = target;
        return hit;
    }

    void call(long returnAddress) {
        rasTop = (rasTop + 1) & (RAS_SIZE - 1);
        ras[rasTop] = returnAddress;
        if (rasDepth < RAS_SIZE) {
            rasDepth++;
        }
    }

    /** Records a return; returns whether the return stack predicted it. */
    boolean ret(long target) {
        if (rasDepth == 0) {
            return false;
        }
        long predicted = ras[rasTop];
        rasTop = (rasTop - 1) & (RAS_SIZE - 1);
        rasDepth--;
        return predicted == target;
    }
}
