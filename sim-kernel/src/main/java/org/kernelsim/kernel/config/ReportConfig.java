package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.kernelsim.api.plugin.Param;

/** Report outputs ({@code report} in the config); the table always goes to standard output. */
public record ReportConfig(
        @Param(description = "write the JSON report to this file (relative to the current directory); "
                + "null: no JSON file", defaultValue = "null")
        Optional<String> json) {

    public ReportConfig {
        requireNonNull(json, "json");
    }
}
