package org.xenwbem.tests;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * Leaves out the modules' test-jars ({@code *-tests.jar}, on this module's classpath for shared test
 * helpers): ArchUnit's own {@link ImportOption.DoNotIncludeTests} knows test-class directories only,
 * and a full {@code mvn install} hands the reactor's test-jars over as jars.
 */
public final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
        return !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar!?/.*"));
    }
}
