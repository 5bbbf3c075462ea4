package org.kernelsim.api.staticcall;

/** The kernel's static-call symbol names. */
public final class StaticCallNames {

    /** {@code long __static_call_return0(void)}: returns 0; RET0 keys point at it. */
    public static final String RETURN0 = "__static_call_return0";
    /** {@code void __static_call_nop(void)}: what generic {@code static_call_cond} calls for a NULL key. */
    public static final String NOP = "__static_call_nop";

    private StaticCallNames() {
    }

    /** {@code __SCK__<name>}: {@code struct static_call_key { void *func; }}. */
    public static String key(String name) {
        return "__SCK__" + name;
    }

    /** {@code __SCT__<name>}: the trampoline (out-of-line backends). */
    public static String trampoline(String name) {
        return "__SCT__" + name;
    }

    /** {@code __SCR__<name>}: a typed return-0 stub (cfi-ret0). */
    public static String ret0Stub(String name) {
        return "__SCR__" + name;
    }

    /** {@code __SCN__<name>}: a typed NOP stub. */
    public static String nopStub(String name) {
        return "__SCN__" + name;
    }
}
