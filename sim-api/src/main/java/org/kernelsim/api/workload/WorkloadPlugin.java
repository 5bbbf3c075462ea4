package org.kernelsim.api.workload;

import java.util.List;
import org.kernelsim.api.plugin.ParameterInfo;

/**
 * A named workload ({@code workload.type} in the config), found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.kernelsim.api.workload.WorkloadPlugin}) like backends are.
 *
 * <p>This is the discovery and parameter half of the workload SPI; the part that drives a machine
 * is added beside it. Keys {@code type} and {@code timeline} of {@code workload} belong to the
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
}
