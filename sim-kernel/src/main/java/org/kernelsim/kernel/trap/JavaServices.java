package org.kernelsim.kernel.trap;

import jakarta.inject.Inject;
import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import org.kernelsim.api.kernel.JavaFunction;
import org.kernelsim.api.types.FunctionType;

/** Java-implemented kernel functions by HVC immediate. 0 and 1 are reserved (task exit, IRQ exit). */
public final class JavaServices {

    @Inject
    public JavaServices() {
    }


    public static final int TASK_EXIT = 0;
    public static final int IRQ_EXIT = 1;
    private static final int FIRST = 16;

    public record Entry(int id, String name, FunctionType type, JavaFunction fn) {
    }

    private final Map<Integer, Entry> byId = new HashMap<>();
    private int next = FIRST;

    public int register(String name, FunctionType type, JavaFunction fn) {
        requireNonNull(fn, "fn");
        if (next > 0xffff) {
            throw new IllegalStateException("out of HVC immediates");
        }
        int id = next++;
        byId.put(id, new Entry(id, name, type, fn));
        return id;
    }

    public Entry get(int id) {
        return byId.get(id);
    }
}
