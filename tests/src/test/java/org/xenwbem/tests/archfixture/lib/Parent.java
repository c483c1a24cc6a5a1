package org.xenwbem.tests.archfixture.lib;

import org.xenwbem.tests.archfixture.lib.internal.Hidden;

/** Fixture for ArchitectureConditionsTest: the parent uses its internal package (allowed). */
public final class Parent {
    public static int value() {
        return Hidden.value();
    }
}
