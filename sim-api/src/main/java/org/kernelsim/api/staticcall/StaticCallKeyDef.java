package org.kernelsim.api.staticcall;

import static java.util.Objects.requireNonNull;

import org.kernelsim.api.types.FunctionType;

/**
 * A static call as C declares it: {@code DEFINE_STATIC_CALL(name, func)},
 * {@code DEFINE_STATIC_CALL_NULL(name, proto)} or {@code DEFINE_STATIC_CALL_RET0(name, proto)},
 * optionally {@code EXPORT_STATIC_CALL}. The same record is used to reference a key defined
 * elsewhere ({@code DECLARE_STATIC_CALL}).
 */
public record StaticCallKeyDef(String name, FunctionType type, Initial initial, boolean exported) {

    public StaticCallKeyDef {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(initial, "initial");
    }

    public static StaticCallKeyDef of(String name, FunctionType type, String func) {
        return new StaticCallKeyDef(name, type, new Initial.Func(func), false);
    }

    public static StaticCallKeyDef ofNull(String name, FunctionType type) {
        return new StaticCallKeyDef(name, type, Initial.NULL, false);
    }

    public static StaticCallKeyDef ofRet0(String name, FunctionType type) {
        return new StaticCallKeyDef(name, type, Initial.RET0, false);
    }

    public StaticCallKeyDef exportedKey() {
        return new StaticCallKeyDef(name, type, initial, true);
    }

    public String keySymbol() {
        return StaticCallNames.key(name);
    }

    public String trampolineSymbol() {
        return StaticCallNames.trampoline(name);
    }

    /** The key's initial target. */
    public sealed interface Initial {
        Null NULL = new Null();
        Ret0 RET0 = new Ret0();

        /** DEFINE_STATIC_CALL(name, symbol). */
        record Func(String symbol) implements Initial {
            public Func {
                requireNonNull(symbol, "symbol");
            }
        }

        /** DEFINE_STATIC_CALL_NULL. */
        record Null() implements Initial {
        }

        /** DEFINE_STATIC_CALL_RET0: {@code __static_call_return0}. */
        record Ret0() implements Initial {
        }
    }
}
