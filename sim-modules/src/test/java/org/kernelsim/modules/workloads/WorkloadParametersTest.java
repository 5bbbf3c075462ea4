package org.kernelsim.modules.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.plugin.Param;
import org.kernelsim.api.plugin.ParameterInfo;
import org.kernelsim.api.workload.WorkloadPlugin;

class WorkloadParametersTest {

    private static List<WorkloadPlugin> plugins() {
        return ServiceLoader.load(WorkloadPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    @Test
    void everyWorkloadIsListedWithADescription() {
        assertEquals(List.of("perf-record", "selftest", "tracepoint-churn", "microbench", "scale", "cmodx-churn"),
                plugins().stream().map(WorkloadPlugin::name).toList());
        plugins().forEach(p -> assertFalse(p.description().isBlank(), p.name()));
    }

    /** Every parameter is described and has a default within its bounds, so an empty workload mapping is valid. */
    @Test
    void everyParameterIsDescribedWithASaneDefault() {
        for (WorkloadPlugin p : plugins()) {
            var components = p.parametersType().getRecordComponents();
            List<ParameterInfo> infos = p.parameters();
            assertEquals(components.length, infos.size(), p.name());
            for (int i = 0; i < components.length; i++) {
                ParameterInfo info = infos.get(i);
                String where = p.name() + "." + info.name();
                assertFalse(info.description().isBlank(), where);
                assertFalse(info.required(), where + " has a default");
                assertTrue(!info.name().equals("type") && !info.name().equals("timeline"), where);
                Param param = components[i].getAnnotation(Param.class);
                Class<?> t = components[i].getType();
                String d = info.defaultValue().orElseThrow();
                if (t == int.class || t == long.class) {
                    long v = Long.parseLong(d);
                    assertTrue(v >= param.min() && v <= param.max(), where + " = " + v);
                    assertTrue(v >= 0, where);
                } else if (t.isEnum()) {
                    assertTrue(List.of(t.getEnumConstants()).stream()
                            .anyMatch(c -> ParameterInfo.configName((Enum<?>) c).equals(d)), where + " = " + d);
                }
            }
        }
    }

    @Test
    void microbenchKindsIncludeTail() {
        assertEquals(List.of("call", "cond", "tail"), List.of(MicrobenchWorkload.Kind.values()).stream()
                .map(ParameterInfo::configName).toList());
    }
}
