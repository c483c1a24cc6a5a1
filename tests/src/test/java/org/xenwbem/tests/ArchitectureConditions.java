package org.xenwbem.tests;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/** The conditions and slicings of the architecture rules that ArchUnit does not have built in. */
final class ArchitectureConditions {
    private ArchitectureConditions() {
    }

    /** A class in {@code a.b.internal(.x)} is used only from {@code a.b} and the packages below it. */
    static ArchCondition<JavaClass> onlyBeUsedFromTheirParentPackage() {
        return new ArchCondition<>("only be used from their parent package") {
            @Override
            public void check(JavaClass target, ConditionEvents events) {
                String pkg = target.getPackageName();
                String parent = pkg.substring(0, pkg.indexOf(".internal"));
                for (Dependency d : target.getDirectDependenciesToSelf()) {
                    String from = d.getOriginClass().getPackageName();
                    if (!from.equals(parent) && !from.startsWith(parent + ".")) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()
                                + " (outside " + parent + ")"));
                    }
                }
            }
        };
    }

    /**
     * One slice per package of one module ({@code org.xenwbem.<module>} and every package below it), so
     * a cycle between any two of its packages (a parent and its child included) is a cycle of slices.
     */
    static SliceAssignment packagesOf(String module, String... leftOut) {
        String root = "org.xenwbem." + module;
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String pkg = c.getPackageName();
                if (!pkg.equals(root) && !pkg.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                for (String out : leftOut) {
                    if (pkg.equals(out) || pkg.startsWith(out + ".")) {
                        return SliceIdentifier.ignore();
                    }
                }
                return SliceIdentifier.of(pkg);
            }

            @Override
            public String getDescription() {
                return "the packages of " + root + (leftOut.length == 0 ? "" : " but " + String.join(", ", leftOut));
            }
        };
    }
}
