package org.kernelsim.api.types;

import java.util.ArrayList;
import java.util.List;

/**
 * A small recursive-descent parser for the C prototypes kernelsim configs and tests write:
 * {@code "unsigned int(void)"}, {@code "void(void *)"}, {@code "int(int (*)(int), int)"},
 * {@code "int(struct perf_branch_entry *entries, unsigned int cnt)"}. Parameter names are
 * allowed and ignored; {@code unsigned} alone means {@code unsigned int}; {@code long int}
 * means {@code long}.
 */
public final class CTypeParser {

    private final String src;
    private final List<String> tokens;
    private int pos;

    private CTypeParser(String src) {
        this.src = src;
        this.tokens = tokenize(src);
    }

    public static FunctionType parseFunction(String prototype) {
        CTypeParser p = new CTypeParser(prototype);
        CType ret = p.type();
        p.expect("(");
        List<CType> params = p.params();
        p.expect(")");
        p.end();
        return new FunctionType(ret, params);
    }

    public static CType parseType(String type) {
        CTypeParser p = new CTypeParser(type);
        CType t = p.type();
        p.end();
        return t;
    }

    private List<CType> params() {
        List<CType> out = new ArrayList<>();
        if (peek(")")) {
            return out;
        }
        if (peek("void") && ")".equals(peekAt(1))) {
            next();
            return out;
        }
        while (true) {
            out.add(param());
            if (peek(",")) {
                next();
                continue;
            }
            return out;
        }
    }

    private CType param() {
        CType t = type();
        if (peek("(")) {
            // function pointer: ret (*name)(params)
            next();
            expect("*");
            if (isIdent(peekAt(0))) {
                next();
            }
            expect(")");
            expect("(");
            List<CType> ps = params();
            expect(")");
            return new CType.FunctionPointer(new FunctionType(t, ps));
        }
        if (isIdent(peekAt(0))) {
            next();
        }
        return t;
    }

    private CType type() {
        boolean constSeen = false;
        boolean unsigned = false;
        boolean signed = false;
        int longs = 0;
        String base = null;
        while (pos < tokens.size()) {
            String t = tokens.get(pos);
            switch (t) {
                case "const", "volatile" -> constSeen |= t.equals("const");
                case "unsigned" -> unsigned = true;
                case "signed" -> signed = true;
                case "long" -> longs++;
                case "int", "short", "char", "void", "bool", "_Bool" -> {
                    if (base != null) {
                        throw error("two base types");
                    }
                    base = t;
                }
                case "struct" -> {
                    if (base != null) {
                        throw error("two base types");
                    }
                    pos++;
                    String name = peekAt(0);
                    if (!isIdent(name)) {
                        throw error("struct name expected");
                    }
                    base = "struct " + name;
                }
                default -> {
                    if (base == null && !unsigned && !signed && longs == 0) {
                        throw error("type expected");
                    }
                    return pointers(basic(base, unsigned, longs), constSeen);
                }
            }
            pos++;
        }
        if (base == null && !unsigned && !signed && longs == 0) {
            throw error("type expected");
        }
        return pointers(basic(base, unsigned, longs), constSeen);
    }

    private CType pointers(CType t, boolean constTarget) {
        while (peek("*")) {
            next();
            t = new CType.Pointer(t, constTarget);
            constTarget = false;
            while (peek("const") || peek("volatile")) {
                constTarget |= next().equals("const");
            }
        }
        return t;
    }

    private CType basic(String base, boolean unsigned, int longs) {
        if (base != null && base.startsWith("struct ")) {
            return new CType.Struct(base.substring(7));
        }
        if (base == null) {
            base = "int";
        }
        return switch (base) {
            case "void" -> CType.Basic.VOID;
            case "bool", "_Bool" -> CType.Basic.BOOL;
            case "char" -> unsigned ? CType.Basic.UNSIGNED_CHAR : CType.Basic.CHAR;
            case "short" -> unsigned ? CType.Basic.UNSIGNED_SHORT : CType.Basic.SHORT;
            case "int" -> switch (longs) {
                case 0 -> unsigned ? CType.Basic.UNSIGNED_INT : CType.Basic.INT;
                case 1 -> unsigned ? CType.Basic.UNSIGNED_LONG : CType.Basic.LONG;
                case 2 -> unsigned ? CType.Basic.UNSIGNED_LONG_LONG : CType.Basic.LONG_LONG;
                default -> throw error("too many 'long'");
            };
            default -> throw error("unknown type " + base);
        };
    }

    private static boolean isIdent(String t) {
        return t != null && (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_')
                && !List.of("const", "volatile", "unsigned", "signed", "long", "int", "short", "char", "void", "bool",
                "_Bool", "struct").contains(t);
    }

    private boolean peek(String s) {
        return s.equals(peekAt(0));
    }

    private String peekAt(int k) {
        return pos + k < tokens.size() ? tokens.get(pos + k) : null;
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw error("unexpected end");
        }
        return tokens.get(pos++);
    }

    private void expect(String s) {
        if (!peek(s)) {
            throw error("'" + s + "' expected");
        }
        pos++;
    }

    private void end() {
        if (pos != tokens.size()) {
            throw error("unexpected '" + tokens.get(pos) + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("cannot parse C type '" + src + "': " + what
                + (pos < tokens.size() ? " at '" + tokens.get(pos) + "'" : " at end"));
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if ("()*,".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                throw new IllegalArgumentException("cannot parse C type '" + s + "': unexpected character '" + c + "'");
            }
        }
        return out;
    }
}
