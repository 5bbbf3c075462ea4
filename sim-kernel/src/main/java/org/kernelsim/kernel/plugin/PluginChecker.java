package org.kernelsim.kernel.plugin;

/**
 * Checks that a plugin's options or parameters record can be read from a config (its defaults
 * parse, its types are supported). Implemented by the config reader, which owns those rules;
 * discovery calls it so a plugin that would fail on first use is reported and skipped up front.
 */
@FunctionalInterface
public interface PluginChecker {

    /**
     * @param allKeysNeedDefaults true for backend options (a backend must run with no options given)
     * @throws IllegalArgumentException describing the problem
     */
    void check(Class<? extends Record> type, boolean allKeysNeedDefaults);
}
