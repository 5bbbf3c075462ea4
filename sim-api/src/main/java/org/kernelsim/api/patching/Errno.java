package org.kernelsim.api.patching;

/** The negative errno values kernel services return, as in include/uapi/asm-generic/errno-base.h. */
public final class Errno {
    public static final int ENOENT = -2;
    public static final int ENOEXEC = -8;
    public static final int ENOMEM = -12;
    public static final int EFAULT = -14;
    public static final int EBUSY = -16;
    public static final int EEXIST = -17;
    public static final int EINVAL = -22;
    public static final int ERANGE = -34;

    private Errno() {
    }
}
