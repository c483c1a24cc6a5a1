package org.xenwbem.cim.mof;

import java.util.List;

import org.xenwbem.cim.ClassRepository;

/**
 * A class declaration as parsed, with the source positions the compiler needs to report
 * cross-class errors (unknown superclass, unknown reference class, Override of nothing).
 */
record ParsedClass(ClassRepository.Builder.Declaration declaration, SourcePosition pos,
                   SourcePosition superclassPos, List<ClassUse> classUses, List<MemberOverride> overrides) {

    ParsedClass {
        classUses = List.copyOf(classUses);
        overrides = List.copyOf(overrides);
    }

    /** A class named by a reference property or parameter {@code owner.member} ({@code kind} says which). */
    record ClassUse(String className, SourcePosition pos, String kind, String owner, String member) {
        String where() {
            return kind + " " + owner + "." + member;
        }
    }

    /** A property or method carrying {@code Override("overridden")}. */
    record MemberOverride(String member, String overridden, boolean method, SourcePosition pos) {
    }
}
