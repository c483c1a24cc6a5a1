package org.xenwbem.bridge.sim;

/** A simulator account. {@code toString()} never shows the password. */
public record SimUser(String name, String password, SimRole role, boolean localSuperuser) {
    @Override
    public String toString() {
        return "SimUser[" + name + ", " + role.xapiName() + (localSuperuser ? ", local superuser" : "") + "]";
    }
}
