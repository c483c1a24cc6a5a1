package org.xenwbem.cim.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xenwbem.cim.SchemaException;

/** Every error names file:line:column and what was expected. */
class MofErrorTest {

    private static String parseError(String mof) {
        return assertThrows(SchemaException.class, () -> MofCompiler.parse(mof, "bad.mof")).getMessage();
    }

    private static String compileError(String mof) {
        return assertThrows(SchemaException.class, () -> MofCompiler.compile(mof, "bad.mof")).getMessage();
    }

    @Test
    void unterminatedString() {
        assertEquals("bad.mof:2:18: unterminated string literal: missing closing '\"' before end of line",
                parseError("class T_A {\n   [Description (\"oops)]\n   string X;\n};"));
        assertEquals("bad.mof:1:1: unterminated string literal: missing closing '\"' before end of file",
                parseError("\"abc"));
    }

    @Test
    void unknownType() {
        assertEquals("bad.mof:3:4: unknown type 'strnig' for a member of class T_A (expected boolean, string, "
                + "char16, uint8..sint64, real32, real64, datetime, or 'ClassName REF name')",
                parseError("class T_A {\n   string Ok;\n   strnig Bad;\n};"));
    }

    @Test
    void missingSemicolon() {
        assertEquals("bad.mof:3:4: expected ';' after property EnabledState but found 'string'",
                parseError("class T_A {\n   uint16 EnabledState = 5\n   string Next;\n};"));
        assertEquals("bad.mof:2:1: expected ';' after the closing '}' of class T_A but found end of file",
                parseError("class T_A { }\n"));
        assertEquals("bad.mof:2:1: expected ';' after method Go but found '}'",
                parseError("class T_A { uint32 Go()\n};"));
    }

    @Test
    void unknownSuperclass() {
        assertEquals("bad.mof:2:13: unknown superclass CIM_Nothing of class T_B",
                compileError("class T_A { };\nclass T_B : CIM_Nothing {\n};"));
    }

    @Test
    void unknownReferencedClass() {
        assertEquals("bad.mof:1:29: unknown class T_Job in parameter T_A.Go.Job",
                compileError("class T_A { uint32 Go([Out] T_Job REF Job); };"));
    }

    @Test
    void overrideOfNothing() {
        assertEquals("bad.mof:2:45: property T_B.Nme has Override but no superclass of T_B declares Nme",
                compileError("class T_A { string Name; };\nclass T_B : T_A { [Override (\"Nme\")] string Nme; };"));
    }

    @Test
    void instancesAreRefused() {
        assertEquals("bad.mof:2:1: instance declarations are not compiled: "
                + "xenwbem MOF files declare qualifiers and classes only",
                parseError("class T_A { string X; };\ninstance of T_A { X = \"a\"; };"));
    }

    @Test
    void qualifierErrors() {
        assertEquals("bad.mof:1:2: qualifier Provider is not declared (add a 'Qualifier Provider : type, "
                + "Scope(...);' declaration)", parseError("[Provider (\"x\")] class T_A { };"));
        assertEquals("bad.mof:1:2: qualifier Description needs a string value",
                parseError("[Description] class T_A { };"));
        assertEquals("bad.mof:1:10: expected a uint32 value for qualifier MaxLen but found string \"64\"",
                parseError("[MaxLen (\"64\")] class T_A { };"));
        assertEquals("bad.mof:1:19: qualifier Key appears twice in the same list",
                parseError("class T_A { [Key, Key] string X; };"));
        assertEquals("bad.mof:1:40: unknown scope 'propety' (expected one of any, association, class, "
                + "indication, method, parameter, property, qualifier, reference)",
                parseError("Qualifier Flag : boolean, Scope(class, propety);"));
        assertEquals("bad.mof:2:11: qualifier Flag is already declared at bad.mof:1:11",
                parseError("Qualifier Flag : boolean, Scope(any);\nQualifier Flag : boolean, Scope(any);"));
    }

    @Test
    void valueErrors() {
        assertEquals("bad.mof:1:23: 256 is out of range for uint8 (property X)",
                parseError("class T_A { uint8 X = 256; };"));
        assertEquals("bad.mof:1:26: property X is a uint16 array: write the value as { ... }",
                parseError("class T_A { uint16 X[] = 1; };"));
        assertEquals("bad.mof:1:26: property X: \"2024\" is not a CIM datetime (yyyymmddhhmmss.mmmmmmsutc "
                + "or ddddddddhhmmss.mmmmmm:000)", parseError("class T_A { datetime X = \"2024\"; };"));
        assertEquals("bad.mof:1:23: malformed number: unexpected 'z' after digits",
                parseError("class T_A { uint8 X = 12z; };"));
        assertEquals("bad.mof:1:13: unexpected character '@'", parseError("class T_A { @ };"));
        assertEquals("bad.mof:1:1: unterminated comment: missing '*/'", parseError("/* never closed"));
    }

    @Test
    void structureErrors() {
        assertEquals("bad.mof:1:1: expected a class, qualifier, instance or #pragma declaration but found 'T_A'",
                parseError("T_A { };"));
        assertEquals("bad.mof:2:7: property T_A.x is already declared at bad.mof:1:20",
                parseError("class T_A { string X;\nuint8 x; };"));
        assertEquals("bad.mof:1:22: expected '}' to close class T_A but found end of file",
                parseError("class T_A { string X;"));
        assertEquals("bad.mof:1:32: class T_A is already declared at bad.mof:1:7",
                compileError("class T_A { string X; };\n".strip() + " class T_A { };"));
    }

    @Test
    void missingInclude() {
        Map<String, String> none = Map.of();
        SchemaException e = assertThrows(SchemaException.class,
                () -> MofCompiler.parse("#pragma include (\"x/y.mof\")", "dir/index.mof", none::get));
        assertEquals("dir/index.mof:1:18: included file not found: dir/x/y.mof", e.getMessage());
    }
}
