package org.kernelsim.kernel.run;

/**
 * A run that cannot start or finish for a reason in the user's hands, not a bug: an output file
 * that cannot be written, a workload plugin that cannot drive a machine. The CLI prints the
 * message as is and exits with status 2.
 */
public final class RunUsageException extends RuntimeException {
    public RunUsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
