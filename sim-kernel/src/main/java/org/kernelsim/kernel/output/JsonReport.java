package org.kernelsim.kernel.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.List;
import org.kernelsim.kernel.config.ConfigWriter;
import org.kernelsim.kernel.config.SimConfig;
import org.kernelsim.kernel.run.BackendReport;

/**
 * The JSON report (DESIGN.md "Reports"), built node by node so the key order is the documented
 * one and never depends on reflection. Everything but {@code host} is deterministic.
 */
public final class JsonReport {

    public static final int SCHEMA_VERSION = 1;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The report as a tree; {@code host} may be null to leave it out (for comparisons). */
    public static ObjectNode tree(SimConfig config, List<BackendReport> runs, ObjectNode host) {
        ObjectNode root = F.objectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.set("config", effectiveConfig(config));
        ArrayNode array = root.putArray("runs");
        runs.forEach(r -> array.add(run(r)));
        if (host != null) {
            root.set("host", host);
        }
        return root;
    }

    public static ObjectNode host(long wallMillis, List<BackendReport.HostTiming> timings) {
        ObjectNode host = F.objectNode();
        host.put("wallMillis", wallMillis);
        ArrayNode runs = host.putArray("runs");
        for (BackendReport.HostTiming t : timings) {
            ObjectNode n = runs.addObject();
            n.put("backend", t.backend());
            n.put("wallMillis", t.wallMillis());
            n.put("mips", Math.round(t.mips() * 100) / 100.0);
        }
        return host;
    }

    public static String text(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode effectiveConfig(SimConfig config) {
        return configTree(config);
    }

    /** A config value (the config, a backend's options record) as the config file would spell it. */
    private static JsonNode configTree(Object value) {
        try {
            return new YAMLMapper().readTree(new ConfigWriter().toYaml(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode run(BackendReport r) {
        // backend: the run's name (a backend's or a variant's); implementation: the backend that ran.
        ObjectNode n = F.objectNode();
        n.put("backend", r.backend());
        n.put("implementation", r.implementation());
        n.set("options", configTree(r.options()));
        ObjectNode c = n.putObject("counters");
        c.put("instructions", r.counters().instructions());
        c.put("cycles", r.counters().cycles());
        c.put("branches", r.counters().branches());
        c.put("indirectBranches", r.counters().indirectBranches());
        c.put("staticCalls", r.counters().staticCalls());
        c.put("cfiChecks", r.counters().cfiChecks());
        c.put("exceptions", r.counters().exceptions());
        if (r.perCall().isPresent()) {
            ObjectNode p = n.putObject("perCall");
            p.put("instructions", r.perCall().get().instructions());
            p.put("cycles", r.perCall().get().cycles());
        } else {
            n.putNull("perCall");
        }
        ArrayNode keys = n.putArray("keys");
        for (BackendReport.KeyReport k : r.keys()) {
            ObjectNode kn = keys.addObject();
            kn.put("name", k.name());
            kn.put("calls", k.calls());
            kn.put("updates", k.updates());
            kn.put("target", k.target());
            ArrayNode h = kn.putArray("history");
            k.history().forEach(t -> h.addObject().put("at", t.at()).put("target", t.target()));
        }
        ArrayNode modules = n.putArray("modules");
        for (BackendReport.ModuleReport m : r.modules()) {
            modules.addObject().put("name", m.name()).put("placement", m.placement()).put("plts", m.plts())
                    .put("loads", m.loads()).put("unloads", m.unloads());
        }
        ArrayNode cfi = n.putArray("cfiFailures");
        r.cfiFailures().forEach(f -> cfi.addObject().put("at", f.at()).put("target", f.target())
                .put("expectedType", f.expectedType()));
        ArrayNode oopses = n.putArray("oopses");
        r.oopses().forEach(oopses::add);
        ArrayNode warnings = n.putArray("warnings");
        r.warnings().forEach(warnings::add);
        if (r.panic().isPresent()) {
            n.put("panic", r.panic().get());
        } else {
            n.putNull("panic");
        }
        ObjectNode p = n.putObject("patching");
        p.put("nosync", r.patching().nosync());
        p.put("stopMachine", r.patching().stopMachine());
        p.put("literalWrites", r.patching().literalWrites());
        p.put("stallCycles", r.patching().stallCycles());
        ArrayNode violations = n.putArray("violations");
        r.violations().forEach(v -> violations.addObject().put("kind", v.kind()).put("detail", v.detail())
                .put("count", v.count()));
        ObjectNode hazards = n.putObject("hazards");
        hazards.put("staleWindowFetches", r.hazards().staleWindowFetches());
        hazards.put("staleWindowSites", r.hazards().staleWindowSites());
        ObjectNode metrics = n.putObject("metrics");
        r.metrics().forEach(metrics::put);
        return n;
    }
}
