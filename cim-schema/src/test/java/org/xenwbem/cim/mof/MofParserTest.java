package org.xenwbem.cim.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimParameter;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimQualifier;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.ClassRepository.Builder.Declaration;

class MofParserTest {

    private static Declaration only(String mof) {
        List<Declaration> ds = MofCompiler.parse(mof, "test.mof");
        assertEquals(1, ds.size());
        return ds.get(0);
    }

    private static CimProperty prop(Declaration d, String name) {
        return d.properties().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static Object qual(List<CimQualifier> qs, String name) {
        return qs.stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void classWithPropertiesArraysDefaultsAndComments() {
        Declaration d = only("""
                // line comment
                /* block
                   comment */ [Abstract, Description("A test class.")]
                class T_Base : T_Root {          // superclass names are checked by compile(), not parse()
                   [Key] string Id;
                   uint16 States[] = { 2, 0x3, 101b, 017 };
                   uint8 Fixed[4];
                   sint32 Offset = -5;
                   real64 Ratio = 1.5e2;
                   boolean Flag = true;
                   char16 Letter = 'x';
                   datetime Since = "20240102030405.000000+060";
                   datetime Grace = "00000000000500.000000:000";
                   string Nothing = null;
                };
                """);
        assertEquals("T_Base", d.name());
        assertEquals("T_Root", d.superclass());
        assertEquals(Boolean.TRUE, qual(d.qualifiers(), "Abstract"));
        assertEquals("A test class.", qual(d.qualifiers(), "Description"));
        assertTrue(prop(d, "Id").isKey());
        CimProperty states = prop(d, "States");
        assertTrue(states.array());
        assertEquals(CimType.UINT16, states.type());
        assertEquals(List.of(2L, 3L, 5L, 15L), states.defaultValue());
        assertTrue(prop(d, "Fixed").array());
        assertEquals(-5L, prop(d, "Offset").defaultValue());
        assertEquals(150.0, prop(d, "Ratio").defaultValue());
        assertEquals(Boolean.TRUE, prop(d, "Flag").defaultValue());
        assertEquals("x", prop(d, "Letter").defaultValue());
        assertEquals(CimDateTime.parse("20240102030405.000000+060"), prop(d, "Since").defaultValue());
        assertTrue(((CimDateTime) prop(d, "Grace").defaultValue()).isInterval());
        assertNull(prop(d, "Nothing").defaultValue());
        assertEquals("T_Base", prop(d, "Id").classOrigin());
    }

    @Test
    void qualifierValuesAreTypedFromTheirDeclarations() {
        Declaration d = only("""
                Qualifier Provider : string, Scope(class);
                Qualifier Level : uint16 = 1, Scope(property), Flavor(EnableOverride, ToSubclass);
                Qualifier Tags : string[], Scope(any);
                [Provider ("cmpi:" "Xen_" "Thing"), Tags ("one")]
                class T_Q {
                   [MaxLen (64), Level (0x10), ValueMap {"0", "1", ".."},
                    Description ("tab\\there, quote \\" and \\x41 and \\\\"), Key : DisableOverride]
                   string Name;
                   [Write (false), Deprecated ("T_Q.Other")] uint32 Old;
                };
                """);
        CimQualifier provider = d.qualifiers().get(0);
        assertEquals(new CimQualifier("Provider", CimType.STRING, false, "cmpi:Xen_Thing"), provider);
        assertEquals(List.of("one"), qual(d.qualifiers(), "Tags"));
        CimProperty name = prop(d, "Name");
        CimQualifier maxLen = name.qualifier("maxlen");
        assertEquals(CimType.UINT32, maxLen.type());
        assertEquals(64L, maxLen.value());
        assertEquals(16L, name.qualifier("Level").value());
        assertEquals(CimType.UINT16, name.qualifier("Level").type());
        assertTrue(name.qualifier("ValueMap").array());
        assertEquals(List.of("0", "1", ".."), name.qualifier("ValueMap").value());
        assertEquals("tab\there, quote \" and A and \\", name.qualifier("Description").value());
        assertTrue(name.isKey());
        CimProperty old = prop(d, "Old");
        assertEquals(Boolean.FALSE, old.qualifier("Write").value());
        assertEquals(List.of("T_Q.Other"), old.qualifier("Deprecated").value());
    }

    @Test
    void referencesAndMethodsWithParameters() {
        Declaration d = only("""
                [Association] class T_Assoc {
                   [Key, Min (1)] T_A REF Antecedent;
                   [Key] T_B ref Dependent = null;
                   [ValueMap {"0", "4096"}] uint32 Go([In, Required] uint16 Mode,
                         [In (false), Out] T_Job REF Job, [In] string Names[],
                         [Out] T_A REF Found[]);
                   boolean Ping();
                };
                """);
        CimProperty ante = prop(d, "Antecedent");
        assertEquals(CimType.REFERENCE, ante.type());
        assertEquals("T_A", ante.referenceClass());
        assertEquals(1L, ante.qualifier("Min").value());
        assertEquals("T_B", prop(d, "Dependent").referenceClass());
        CimMethod go = d.methods().get(0);
        assertEquals("Go", go.name());
        assertEquals(CimType.UINT32, go.returnType());
        assertEquals(List.of("0", "4096"), qual(go.qualifiers(), "ValueMap"));
        CimParameter mode = go.parameter("mode");
        assertEquals(CimType.UINT16, mode.type());
        assertTrue(mode.isIn());
        CimParameter job = go.parameter("Job");
        assertEquals("T_Job", job.referenceClass());
        assertFalse(job.isIn());
        assertTrue(job.isOut());
        assertTrue(go.parameter("Names").array());
        CimParameter found = go.parameter("Found");
        assertTrue(found.array());
        assertEquals(CimType.REFERENCE, found.type());
        assertTrue(d.methods().get(1).parameters().isEmpty());
    }

    @Test
    void keywordsAreCaseInsensitiveAndQualifierNamesCanonical() {
        Declaration d = only("""
                QUALIFIER Marker : BOOLEAN = FALSE, SCOPE(CLASS);
                [MARKER, abstract] CLASS T_Upper {
                   [KEY, maxlen(8)] STRING Id = NULL;
                   [valuemap{"1"}] Uint16 Kind = 1;
                   DateTime When;
                };
                """);
        assertEquals(Boolean.TRUE, qual(d.qualifiers(), "Marker"));
        assertEquals(Boolean.TRUE, qual(d.qualifiers(), "Abstract"));
        CimProperty id = prop(d, "Id");
        assertEquals("Key", id.qualifiers().get(0).name());
        assertEquals("MaxLen", id.qualifiers().get(1).name());
        assertEquals(CimType.UINT16, prop(d, "Kind").type());
        assertEquals(CimType.DATETIME, prop(d, "When").type());
    }

    @Test
    void includesResolveRelativeToTheIncludingFileAndOtherPragmasAreIgnored() {
        Map<String, String> files = Map.of(
                "s/dmtf/a.mof", "#pragma include (\"../common/q.mof\")\n class T_A { [Flag] string X; };",
                "s/common/q.mof", "Qualifier Flag : boolean, Scope(property);",
                "s/xen/b.mof", "#pragma include(\"/s/dmtf/a.mof\") class T_B : T_A { };");
        String index = """
                #pragma locale ("en_US")
                #pragma namespace ("root/cimv2")
                #pragma include ("dmtf/a.mof")
                #pragma include ("xen/b.mof")
                """;
        List<Declaration> ds = MofCompiler.parse(index, "s/index.mof", files::get);
        assertEquals(List.of("T_A", "T_B"), ds.stream().map(Declaration::name).toList());
        ClassRepository repo = MofCompiler.compile(index, "s/index.mof", files::get);
        assertEquals(Boolean.TRUE, repo.get("T_B").property("X").qualifier("Flag").value());
    }

    @Test
    void compileResolvesInheritanceAndOverrides() {
        ClassRepository repo = MofCompiler.compile("""
                class T_Root { string Name; [Description ("root")] uint32 Act(); };
                class T_Leaf : T_Root {
                   [Key, Override ("Name")] string Name;
                   [Override ("Act")] uint32 Act([In] boolean Force);
                };
                """, "test.mof");
        assertTrue(repo.isA("T_Leaf", "T_Root"));
        CimProperty name = repo.get("T_Leaf").property("Name");
        assertTrue(name.isKey());
        assertEquals("T_Root", name.classOrigin());
        assertEquals(List.of("Name"), repo.get("T_Leaf").keyNames());
        assertEquals(1, repo.get("T_Leaf").method("Act").parameters().size());
    }

    @Test
    void realsAndLargeIntegersConvertToTheDeclaredType() {
        Declaration d = only("""
                class T_N {
                   real32 Half = .5;
                   real64 FromInt = 3;
                   uint64 Big = 9223372036854775807;
                   sint64 Small = -9223372036854775808;
                   sint8 Low = -128;
                };
                """);
        assertEquals(0.5, prop(d, "Half").defaultValue());
        assertEquals(3.0, prop(d, "FromInt").defaultValue());
        assertEquals(Long.MAX_VALUE, prop(d, "Big").defaultValue());
        assertEquals(Long.MIN_VALUE, prop(d, "Small").defaultValue());
        assertEquals(-128L, prop(d, "Low").defaultValue());
    }
}
