package org.kernelsim.api.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FunctionTypeTest {

    @Test
    void xxh64Vectors() {
        assertEquals(0xef46db3751d8e999L, FunctionType.xxh64(""));
        assertEquals(0x2f9af71da540670cL, FunctionType.xxh64("_ZTSFvvE"));
    }

    /** aarch64.md §3.4, the whole table. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "int(int)                                         | _ZTSFiiE                     | 00050794",
            "void(void)                                       | _ZTSFvvE                     | a540670c",
            "void(void *)                                     | _ZTSFvPvE                    | a488ebfc",
            "int(int (*)(int), int)                           | _ZTSFiPFiiEiE                | 6144b4a7",
            "unsigned int(void)                               | _ZTSFjvE                     | 837de525",
            "unsigned long(void)                              | _ZTSFmvE                     | f1132b8b",
            "long(void)                                       | _ZTSFlvE                     | 72923c8f",
            "int(void)                                        | _ZTSFivE                     | 36b1c5a6",
            "int(struct perf_branch_entry *, unsigned int)    | _ZTSFiP17perf_branch_entryjE | abfe7af7",
    })
    void kcfiTable(String proto, String mangled, String id) {
        FunctionType t = FunctionType.parse(proto);
        assertEquals(mangled, t.mangled());
        assertEquals((int) Long.parseLong(id, 16), t.kcfiId());
    }

    @Test
    void builtStructurallyEqualsParsed() {
        FunctionType built = FunctionType.of(CType.INT,
                CType.functionPointer(FunctionType.of(CType.INT, CType.INT)), CType.INT);
        assertEquals(FunctionType.parse("int(int (*fn)(int), int x)"), built);
        assertEquals(0x6144b4a7, built.kcfiId());
        assertEquals(FunctionType.of(CType.VOID, CType.pointer(CType.VOID)), FunctionType.parse("void(void *p)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "unsigned(void)                 | _ZTSFjvE",
            "long int(void)                 | _ZTSFlvE",
            "unsigned long long(long long)  | _ZTSFyxE",
            "void(const char *, char *)     | _ZTSFvPKcPcE",
            "bool(unsigned short, short)    | _ZTSFbtsE",
            "void(unsigned char, char **)   | _ZTSFvhPPcE",
            "int()                          | _ZTSFivE",
    })
    void manglings(String proto, String mangled) {
        assertEquals(mangled, FunctionType.parse(proto).mangled());
    }

    @Test
    void cSpelling() {
        assertEquals("int(struct perf_branch_entry *, unsigned int)",
                FunctionType.parse("int(struct perf_branch_entry*entries,unsigned cnt)").c());
        assertEquals("unsigned int(void)", FunctionType.parse("unsigned int(void)").c());
    }

    @Test
    void rejectsGarbage() {
        var e = assertThrows(IllegalArgumentException.class, () -> FunctionType.parse("int(float)"));
        assertEquals("cannot parse C type 'int(float)': type expected at 'float'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FunctionType.parse("int(int"));
        assertThrows(IllegalArgumentException.class, () -> FunctionType.of(CType.INT, CType.VOID));
    }
}
