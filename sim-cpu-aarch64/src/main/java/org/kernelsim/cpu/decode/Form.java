package org.kernelsim.cpu.decode;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * One row of the decode table: a named encoding given as a 32-character bit pattern, the
 * operation it executes, how its fields become a pre-decoded {@link Insn}, and how objdump
 * prints it (aliases included).
 *
 * <p>Pattern characters (spaces ignored), most significant bit first: {@code 0}/{@code 1} fixed
 * bits, a lower-case letter names a field bit; bits with the same letter form one field, in
 * order. Every non-fixed bit belongs to some field, so {@link #encode} of the fields of a word
 * gives the word back.
 */
public final class Form {

    /** Fills a builder from the raw fields (register mapping, immediates, op). */
    @FunctionalInterface
    public interface Semantics {
        void build(Fields f, Insn.Builder b);
    }

    /** objdump's text for the fields, given the instruction's address and a target formatter. */
    @FunctionalInterface
    public interface Syntax {
        String render(Fields f, long pc, LongFunction<String> target);
    }

    private final String name;
    private final String pattern;
    private final int mask;
    private final int value;
    private final int op;
    private final int[][] positions = new int[26][];
    private final Predicate<Fields> guard;
    private final Semantics semantics;
    private final Syntax syntax;
    int index = -1;

    public Form(String name, String pattern, int op, Predicate<Fields> guard, Semantics semantics, Syntax syntax) {
        this.name = requireNonNull(name, "name");
        this.op = op;
        this.guard = guard;
        this.semantics = requireNonNull(semantics, "semantics");
        this.syntax = requireNonNull(syntax, "syntax");
        String p = pattern.replace(" ", "");
        if (p.length() != 32) {
            throw new IllegalArgumentException(name + ": pattern has " + p.length() + " bits: " + pattern);
        }
        this.pattern = p;
        int m = 0, v = 0;
        int[] counts = new int[26];
        for (int i = 0; i < 32; i++) {
            char c = p.charAt(i);
            int bit = 31 - i;
            if (c == '0' || c == '1') {
                m |= 1 << bit;
                if (c == '1') {
                    v |= 1 << bit;
                }
            } else if (c >= 'a' && c <= 'z') {
                counts[c - 'a']++;
            } else {
                throw new IllegalArgumentException(name + ": bad pattern character '" + c + "'");
            }
        }
        for (int l = 0; l < 26; l++) {
            if (counts[l] > 0) {
                positions[l] = new int[counts[l]];
            }
        }
        int[] fill = new int[26];
        for (int i = 0; i < 32; i++) {
            char c = p.charAt(i);
            if (c >= 'a' && c <= 'z') {
                positions[c - 'a'][fill[c - 'a']++] = 31 - i;
            }
        }
        this.mask = m;
        this.value = v;
    }

    public String name() {
        return name;
    }

    public String pattern() {
        return pattern;
    }

    public int mask() {
        return mask;
    }

    public int value() {
        return value;
    }

    public int op() {
        return op;
    }

    /** Position of this row in {@link DecodeTable#forms()}. */
    public int index() {
        return index;
    }

    /** Width in bits of field {@code letter} (0 if this form has none). */
    public int width(char letter) {
        int[] p = positions[letter - 'a'];
        return p == null ? 0 : p.length;
    }

    /** Whether the fixed bits match and the form's constraints (reserved values) hold. */
    public boolean matches(int word) {
        return (word & mask) == value && (guard == null || guard.test(new Fields(this, word)));
    }

    public Fields fields(int word) {
        return new Fields(this, word);
    }

    void extract(int word, int[] out) {
        for (int l = 0; l < 26; l++) {
            int[] pos = positions[l];
            if (pos != null) {
                int v = 0;
                for (int p : pos) {
                    v = v << 1 | (word >>> p) & 1;
                }
                out[l] = v;
            }
        }
    }

    /**
     * The word with these field values (letters absent from the map are 0). A value wider than
     * its field is an {@link IllegalArgumentException}; so is a letter the form does not have.
     */
    public int encode(Map<Character, Long> fieldValues) {
        int w = value;
        for (var e : fieldValues.entrySet()) {
            char c = e.getKey();
            int[] pos = c >= 'a' && c <= 'z' ? positions[c - 'a'] : null;
            if (pos == null) {
                throw new IllegalArgumentException(name + " has no field '" + c + "'");
            }
            long v = e.getValue();
            if (pos.length < 64 && (v >>> pos.length) != 0) {
                throw new IllegalArgumentException(name + ": value 0x" + Long.toHexString(v) + " does not fit field '" + c
                        + "' of " + pos.length + " bits");
            }
            for (int i = 0; i < pos.length; i++) {
                int bit = (int) (v >>> (pos.length - 1 - i)) & 1;
                w |= bit << pos[i];
            }
        }
        return w;
    }

    /** Encodes from a {@link Fields} (all fields), i.e. re-assembles a decoded word. */
    public int encode(Fields f) {
        Map<Character, Long> m = new java.util.HashMap<>();
        for (int l = 0; l < 26; l++) {
            if (positions[l] != null) {
                char c = (char) ('a' + l);
                m.put(c, (long) f.get(c));
            }
        }
        return encode(m);
    }

    Insn build(int word) {
        Fields f = new Fields(this, word);
        Insn.Builder b = new Insn.Builder(word, index);
        b.op = op;
        b.sf = f.sf();
        semantics.build(f, b);
        return b.build();
    }

    public String render(int word, long pc, LongFunction<String> target) {
        return syntax.render(new Fields(this, word), pc, target);
    }

    @Override
    public String toString() {
        return name + " " + pattern;
    }
}
