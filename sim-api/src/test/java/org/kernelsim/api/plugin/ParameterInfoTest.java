package org.kernelsim.api.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParameterInfoTest {

    enum NullAs { RET, NOP, BRK_TRAP }

    record Options(
            @Param(description = "what a NULL target becomes", defaultValue = "ret") NullAs nullAs,
            @Param(description = "cycles between samples", defaultValue = "10000", min = 1) long period,
            @Param(description = "keys to watch") List<String> keys,
            Optional<String> label,
            @Param(description = "costs", defaultValue = "{}") Map<String, Integer> costs) {
    }

    @Test
    void describesEveryComponentInOrder() {
        assertEquals(List.of(
                new ParameterInfo("nullAs", "one of ret, nop, brk-trap", Optional.of("ret"), "what a NULL target becomes"),
                new ParameterInfo("period", "integer", Optional.of("10000"), "cycles between samples"),
                new ParameterInfo("keys", "list of string", Optional.empty(), "keys to watch"),
                new ParameterInfo("label", "string (optional)", Optional.of("null"), ""),
                new ParameterInfo("costs", "map of string to integer", Optional.of("{}"), "costs")),
                ParameterInfo.describe(Options.class));
    }

    @Test
    void requiredMeansNoDefault() {
        List<ParameterInfo> infos = ParameterInfo.describe(Options.class);
        assertEquals(List.of(false, false, true, false, false),
                infos.stream().map(ParameterInfo::required).toList());
    }

    @Test
    void noOptionsHasNoKeys() {
        assertEquals(List.of(), ParameterInfo.describe(NoOptions.class));
    }

    @Test
    void enumConfigNamesAreLowerCaseWithHyphens() {
        assertEquals("brk-trap", ParameterInfo.configName(NullAs.BRK_TRAP));
    }
}
