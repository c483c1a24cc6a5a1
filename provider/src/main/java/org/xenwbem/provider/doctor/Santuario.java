package org.xenwbem.provider.doctor;

/** Apache Santuario needs one global initialisation (algorithms, resolvers) before first use. */
final class Santuario {
    private Santuario() {
    }

    static synchronized void init() {
        if (!org.apache.xml.security.Init.isInitialized()) {
            org.apache.xml.security.Init.init();
        }
    }
}
