package org.xenwbem.tests;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * No package cycles in any module: every package is a slice (a parent and its sub-package are two), so
 * {@code bridge} ↔ {@code bridge.mirror} or {@code classes} ↔ {@code classes.pool} count as cycles.
 * Cycles across modules cannot compile (Maven's module graph is acyclic).
 */
@AnalyzeClasses(packages = "org.xenwbem", importOptions = {ImportOption.DoNotIncludeTests.class, NoTestJars.class})
class PackageCycleRulesTest {
    private static final String WHY = "a package is understood, tested and moved on its own only when the "
            + "packages it uses do not use it back; shared types go down into a package both use (STYLE.md)";

    static final ArchRule noCyclesInCimSchema = slices().assignedFrom(ArchitectureConditions.packagesOf("cim"))
            .should().beFreeOfCycles().as("no package cycles in cim-schema").because(WHY);

    static final ArchRule noCyclesInXenBridge = slices().assignedFrom(ArchitectureConditions.packagesOf("bridge"))
            .should().beFreeOfCycles().as("no package cycles in xen-bridge (and xen-bridge-sim)").because(WHY);

    static final ArchRule noCyclesInTls = slices().assignedFrom(ArchitectureConditions.packagesOf("tls"))
            .should().beFreeOfCycles().allowEmptyShould(true).as("no package cycles in tls").because(WHY);

    static final ArchRule noCyclesInProvider = slices()
            .assignedFrom(ArchitectureConditions.packagesOf("provider"))
            .should().beFreeOfCycles().as("no package cycles in provider").because(WHY);

    // Each rule runs from an @ArchTest method, not an @ArchTest field: Surefire 3.5.3 silently skips
    // field rules (TNG/ArchUnit#1442), which would make every rule pass by not running.

    @ArchTest
    static void noCyclesInCimSchema(JavaClasses main) {
        noCyclesInCimSchema.check(main);
    }

    @ArchTest
    static void noCyclesInXenBridge(JavaClasses main) {
        noCyclesInXenBridge.check(main);
    }

    @ArchTest
    static void noCyclesInTls(JavaClasses main) {
        noCyclesInTls.check(main);
    }

    @ArchTest
    static void noCyclesInProvider(JavaClasses main) {
        noCyclesInProvider.check(main);
    }
}
