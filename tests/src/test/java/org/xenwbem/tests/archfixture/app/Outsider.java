package org.xenwbem.tests.archfixture.app;

import org.xenwbem.tests.archfixture.lib.internal.Hidden;

/** Fixture for ArchitectureConditionsTest: a package outside the parent reaching into its internal package. */
public final class Outsider {
    public static int value() {
        return Hidden.value();
    }
}
