package org.kernelsim.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.kernel.config.SimConfig;
import org.kernelsim.kernel.config.WorkloadConfig;

/** The README's config reference names every key the reader accepts, so the two cannot drift apart. */
class ReadmeTest {

    @Test
    void everyConfigKeyIsDocumented() throws IOException {
        String readme = Files.readString(MainTest.ROOT.resolve("README.md"));
        List<String> missing = new ArrayList<>();
        for (String key : keys(SimConfig.class, "")) {
            if (!readme.contains("`" + key + "`")) {
                missing.add(key);
            }
        }
        assertEquals(List.of(), missing, "keys missing from README.md's config reference");
    }

    @Test
    void exitCodesAreDocumented() throws IOException {
        String readme = Files.readString(MainTest.ROOT.resolve("README.md"));
        // ./sim's, then ./sim exec's own (the program's status otherwise).
        for (String code : new String[] {"| 0 |", "| 1 |", "| 2 |", "| 70 |", "| 124 |", "| 125 |", "| 126 |",
                "| 128+signal |"}) {
            assertEquals(true, readme.contains(code), code);
        }
    }

    /**
     * Dotted key paths; list elements as {@code key[].child}, mappings of records (named entries) as
     * {@code key.<name>.child}; plugin-typed parts stop at their key.
     */
    private static List<String> keys(Class<?> record, String prefix) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            if (record == WorkloadConfig.class && c.getName().equals("parameters")) {
                continue; // typed by the workload plugin; ./sim workloads documents those
            }
            String path = prefix + c.getName();
            keys.add(path);
            Type type = c.getGenericType();
            if (c.getType().isRecord() && c.getType() != org.kernelsim.kernel.config.Size.class) {
                keys.addAll(keys(c.getType(), path + "."));
            } else if (type instanceof ParameterizedType pt && c.getType() == List.class
                    && pt.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
                keys.addAll(keys(element, path + "[]."));
            } else if (type instanceof ParameterizedType pt && c.getType() == java.util.Map.class
                    && pt.getActualTypeArguments()[1] instanceof Class<?> value && value.isRecord()) {
                keys.addAll(keys(value, path + ".<name>."));
            }
        }
        return keys;
    }
}
