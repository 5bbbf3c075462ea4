package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;

/** Any record (the kernel's config sections, a plugin's options or parameters) read strictly. */
final class RecordDeserializer extends JsonDeserializer<Record> {

    private final RecordShape shape;
    private final DefaultValues defaults;

    RecordDeserializer(RecordShape shape, DefaultValues defaults) {
        this.shape = requireNonNull(shape, "shape");
        this.defaults = requireNonNull(defaults, "defaults");
    }

    @Override
    public Record deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        MappingReader.Mapping mapping = MappingReader.read(p, shape.keys(), "",
                (key, parser) -> shape.readValue(key, parser, ctxt));
        return shape.build(mapping, ctxt, defaults);
    }
}
