package org.kernelsim.api.workload;

import java.util.List;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.plugin.ParameterInfo;

/**
 * A named workload ({@code workload.type} in the config), found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.kernelsim.api.workload.WorkloadPlugin}) like backends are.
 *
 * <p>The discovery and parameter half is {@link #name()}, {@link #parametersType()}; the half that
 * drives a machine is {@link #create(Record)}, which returns a {@link Workload} run once per
 * booted machine (one per compared backend). Keys {@code type} and {@code timeline} of {@code workload} belong to the
 * kernel; every other key is a component of {@link #parametersType()}.
 */
public interface WorkloadPlugin {

    /** The name configs use; lower case, digits and '-', e.g. {@code perf-record}. */
    String name();

    /** One line for {@code ./sim workloads}. */
    String description();

    /**
     * The record the workload's keys are read into, strictly; components are documented with
     * {@link org.kernelsim.api.plugin.Param}, and one without a default is a required key.
     * Its components must not be named {@code type} or {@code timeline}.
     */
    Class<? extends Record> parametersType();

    /** The parameters' metadata, derived from {@link #parametersType()}. */
    default List<ParameterInfo> parameters() {
        return ParameterInfo.describe(parametersType());
    }

    /**
     * Kernel modules (by name, as {@code KernelModule.name()}) the workload needs in the machine
     * besides those the config lists, e.g. the perf core for {@code perf-record}.
     */
    default List<String> requiredModules(Record parameters) {
        return List.of();
    }

    /** Modules the workload generates itself (the scale workload's hundred modules); empty for most. */
    default List<KernelModule> generatedModules(Record parameters) {
        return List.of();
    }

    /**
     * The driving half for one set of parameters (an instance of {@link #parametersType()}).
     * Plugins that only describe themselves (listings, tests) may keep this default.
     */
    default Workload create(Record parameters) {
        throw new UnsupportedOperationException("workload '" + name() + "' cannot drive a machine");
    }
}
