package org.kernelsim.api.module;

/** A failed {@code init_module}: the kernel's message (e.g. {@code kvm: Unknown symbol foo (err -2)}) and errno. */
public final class ModuleLoadException extends RuntimeException {

    private final int errno;

    public ModuleLoadException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
