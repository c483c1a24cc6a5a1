package org.xenwbem.tests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written conditions catch what they name, on fixtures (the main code has no violation to show). */
class ArchitectureConditionsTest {
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("org.xenwbem.tests.archfixture");

    @Test
    void anInternalPackageUsedFromBesideItsParentIsAViolationAndFromItsParentIsNot() {
        EvaluationResult r = classes().that().resideInAPackage("..internal..")
                .should(ArchitectureConditions.onlyBeUsedFromTheirParentPackage()).evaluate(FIXTURES);
        List<String> violations = r.getFailureReport().getDetails();
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains("Outsider") && violations.get(0).contains("(outside "
                + "org.xenwbem.tests.archfixture.lib)"), violations.get(0));
    }

    @Test
    void everyPackageOfAModuleIsItsOwnSliceSoAParentAndChildCycleCounts() {
        EvaluationResult r = slices().assignedFrom(ArchitectureConditions.packagesOf("tests.archfixture"))
                .should().beFreeOfCycles().evaluate(FIXTURES);
        String report = r.getFailureReport().toString();
        assertTrue(r.hasViolation() && report.contains("Slice org.xenwbem.tests.archfixture.lib ->")
                && report.contains("Slice org.xenwbem.tests.archfixture.lib.internal ->"), report);
        EvaluationResult leftOut = slices()
                .assignedFrom(ArchitectureConditions.packagesOf("tests.archfixture", "org.xenwbem.tests.archfixture.lib.internal"))
                .should().beFreeOfCycles().evaluate(FIXTURES);
        assertTrue(!leftOut.hasViolation(), "a package left out is in no slice: " + leftOut.getFailureReport());
    }

    @Test
    void aTrustAllManagerAndAnAlwaysTrueHostnameVerifierAreViolations() throws Exception {
        List<String> managers = ArchitectureRulesTest.theOnlyTrustManagerIsThePolicys.evaluate(FIXTURES)
                .getFailureReport().getDetails();
        assertEquals(1, managers.size(), managers.toString());
        assertTrue(managers.get(0).contains("TrustEverything"), managers.get(0));
        String verifiers = ArchitectureRulesTest.noHostnameVerifierNorGlobalTlsDefault.evaluate(FIXTURES)
                .getFailureReport().toString();
        assertTrue(verifiers.contains("setHostnameVerifier"), verifiers);
        assertEquals(List.of("org.xenwbem.tests.archfixture.app.TrustEverything: trustall"),
                ArchitectureRulesTest.trustAllByName(FIXTURES));
    }
}
