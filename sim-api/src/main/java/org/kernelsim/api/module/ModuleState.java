package org.kernelsim.api.module;

/** The module notifier states ({@code MODULE_STATE_*}) the kernel announces. */
public enum ModuleState {
    COMING, LIVE, GOING
}
