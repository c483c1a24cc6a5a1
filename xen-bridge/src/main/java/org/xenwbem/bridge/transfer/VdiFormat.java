package org.xenwbem.bridge.transfer;

/** The disk image formats of xapi's raw VDI import/export ({@code format=} query parameter). */
public enum VdiFormat {
    /** The disk's bytes, as is. */
    RAW("raw"),
    /** A fixed-size VHD: the disk's bytes followed by a {@link VhdFooter}. */
    VHD("vhd");

    private final String wire;

    VdiFormat(String wire) {
        this.wire = wire;
    }

    /** The value of the {@code format} query parameter. */
    public String wireName() {
        return wire;
    }

    /** The format for a query parameter value; null means raw (xapi's default). */
    public static VdiFormat fromWire(String s) {
        if (s == null || s.isEmpty() || "raw".equals(s)) {
            return RAW;
        }
        if ("vhd".equals(s)) {
            return VHD;
        }
        throw new IllegalArgumentException("unknown VDI format " + s);
    }
}
