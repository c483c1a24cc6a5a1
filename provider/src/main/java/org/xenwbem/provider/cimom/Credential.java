package org.xenwbem.provider.cimom;

import java.util.Arrays;

/**
 * The caller's password for the length of one request, so a method can act in xapi as that user
 * (RBAC applies). It is wiped when the request ends; it never appears in toString or logs.
 */
public final class Credential {
    private final String user;
    private final char[] password;
    private volatile boolean wiped;

    public Credential(String user, char[] password) {
        this.user = user;
        this.password = password.clone();
    }

    public String user() {
        return user;
    }

    /** A copy of the password (the caller wipes it); fails once the request has ended. */
    public char[] password() {
        if (wiped) {
            throw new IllegalStateException("the request has ended; its credential is gone");
        }
        return password.clone();
    }

    /** Called when the request ends. */
    public void wipe() {
        wiped = true;
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "Credential[" + user + ", ****]";
    }
}
