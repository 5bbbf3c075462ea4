package org.kernelsim.kernel.cli;

/** A mistake on the command line found after parsing (e.g. a --plugins directory that does not exist): exit 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
