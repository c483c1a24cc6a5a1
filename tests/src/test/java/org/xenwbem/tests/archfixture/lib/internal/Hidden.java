package org.xenwbem.tests.archfixture.lib.internal;

import org.xenwbem.tests.archfixture.lib.Parent;

/** Fixture for ArchitectureConditionsTest: the implementation its parent hides, which refers back to it (a cycle). */
public final class Hidden {
    public static Parent owner;

    public static int value() {
        return 1;
    }
}
