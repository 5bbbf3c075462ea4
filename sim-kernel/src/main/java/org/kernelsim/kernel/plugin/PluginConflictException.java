package org.kernelsim.kernel.plugin;

/** Two plugins claim one name; names both, since either may be the one to remove. */
public final class PluginConflictException extends RuntimeException {
    public PluginConflictException(String message) {
        super(message);
    }
}
