package org.kernelsim.api.kernel;

/** A guest call made from Java did not return: its task was killed by an oops, or the kernel panicked. */
public final class GuestCallFailed extends RuntimeException {

    public GuestCallFailed(String message) {
        super(message);
    }
}
