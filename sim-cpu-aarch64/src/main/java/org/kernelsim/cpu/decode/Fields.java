package org.kernelsim.cpu.decode;

/**
 * The raw field values of one word under one {@link Form}: one unsigned value per pattern
 * letter (bits concatenated in pattern order, most significant first). Plus a few accessors
 * that read fields the way instruction descriptions do.
 */
public final class Fields {

    private final Form form;
    private final int word;
    private final int[] values = new int[26];

    Fields(Form form, int word) {
        this.form = form;
        this.word = word;
        form.extract(word, values);
    }

    public Form form() {
        return form;
    }

    public int word() {
        return word;
    }

    /** Unsigned value of the field named by {@code letter}. */
    public int get(char letter) {
        int w = form.width(letter);
        if (w == 0) {
            throw new IllegalArgumentException("form " + form.name() + " has no field '" + letter + "'");
        }
        return values[letter - 'a'];
    }

    /** Signed (two's complement) value of the field named by {@code letter}. */
    public long sext(char letter) {
        int w = form.width(letter);
        long v = get(letter);
        return v << (64 - w) >> (64 - w);
    }

    /** The sf bit: field 'f', or bit 31 for forms whose width is fixed in the pattern. */
    public boolean sf() {
        return form.width('f') == 0 ? word < 0 : get('f') == 1;
    }
}
