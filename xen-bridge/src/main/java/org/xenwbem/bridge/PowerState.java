package org.xenwbem.bridge;

/** XenAPI {@code vm_power_state}. Wire names are the enum names as xapi spells them. */
public enum PowerState {
    Halted, Paused, Running, Suspended;

    public static PowerState fromWire(String s) {
        for (PowerState p : values()) {
            if (p.name().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown vm_power_state: " + s);
    }
}
