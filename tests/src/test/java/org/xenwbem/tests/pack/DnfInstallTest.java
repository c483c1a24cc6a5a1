package org.xenwbem.tests.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * xapi's precheck and apply, with Debian's dnf in a scratch install root and a yum.conf like the
 * one xapi writes (gpgcheck and repo_gpgcheck on, the pack's key): {@code install control-xenwbem},
 * then {@code install @update}. Only file:// repositories exist (reposdir is empty, every other
 * repository disabled), so dnf never reaches a mirror. Scriptlets are off here (no systemd or
 * xapi in an install root); {@link ScriptletTest} runs them. A stand-in release RPM provides
 * {@code product-version} and {@code /bin/sh}, as xenserver-release does on a host.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DnfInstallTest {
    private static PackFixture pack;
    private static Path work;
    private static Path root;

    @BeforeAll
    static void repos() throws Exception {
        pack = PackFixture.get();
        work = PackFixture.scratch("dnf");
        Path top = Files.createDirectories(work.resolve("rpmbuild/SPECS"));
        Files.writeString(top.resolve("release.spec"), String.join("\n", "Name: xenserver-release", "Version: 8.4.0",
                "Release: 1", "Summary: stand-in for the host's release package", "License: none", "BuildArch: noarch",
                "AutoReqProv: no", "Provides: product-version = 8.4.0", "Provides: /bin/sh", "%description",
                "Stand-in.", "%files", ""));
        Cmd.ok(work, "rpmbuild", "-bb", "--quiet", "--define", "_topdir " + work.resolve("rpmbuild"),
                top.resolve("release.spec").toString());
        Path base = Files.createDirectories(work.resolve("base"));
        Files.copy(work.resolve("rpmbuild/RPMS/noarch/xenserver-release-8.4.0-1.noarch.rpm"),
                base.resolve("xenserver-release-8.4.0-1.noarch.rpm"));
        Cmd.ok(work, "createrepo_c", "--quiet", base.toString());
        root = work.resolve("root");
    }

    /** dnf against the pack at {@code repo} (and the stand-in base), into {@code installRoot}. */
    static Cmd.Result dnf(Path repo, Path installRoot, boolean repoGpgCheck, String... args) throws Exception {
        Path conf = work.resolve("yum-" + installRoot.getFileName() + ".conf");
        Files.createDirectories(work.resolve("no-repos"));
        Files.writeString(conf, String.join("\n", "[main]", "keepcache=0", "reposdir=" + work.resolve("no-repos"),
                "gpgcheck=1", "repo_gpgcheck=1", "installonlypkgs=", "group_command=compat", "install_weak_deps=False",
                "cachedir=" + installRoot.resolveSibling(installRoot.getFileName() + "-cache"),
                "", "[base]", "name=stand-in base", "baseurl=file://" + work.resolve("base"), "gpgcheck=0", "repo_gpgcheck=0",
                "", "[xenwbem]", "name=xenwbem pack", "baseurl=file://" + repo,
                "gpgkey=file://" + repo.resolve(pack.prop("key.name")), "repo_gpgcheck=" + (repoGpgCheck ? 1 : 0), ""));
        List<String> cmd = new ArrayList<>(List.of("dnf", "-y", "--installroot=" + installRoot, "-c", conf.toString(),
                "--releasever=8", "--noplugins", "--disablerepo=*", "--enablerepo=base", "--enablerepo=xenwbem",
                "--setopt=tsflags=noscripts", "--setopt=install_weak_deps=False"));
        cmd.addAll(List.of(args));
        return Cmd.run(cmd, work, Map.of(), false, Duration.ofMinutes(3));
    }

    @Test
    @Order(1)
    void precheckThenApplyInstallsTheGroupWithSignatureChecksOn() throws Exception {
        assertTrue(dnf(pack.tree, root, true, "clean", "all").ok());
        Cmd.Result base = dnf(pack.tree, root, true, "install", "xenserver-release");
        assertTrue(base.ok(), base.toString());
        Cmd.Result precheck = dnf(pack.tree, root, true, "install", "control-xenwbem");
        assertTrue(precheck.ok(), "precheck: " + precheck);
        Cmd.Result apply = dnf(pack.tree, root, true, "install", "@update");
        assertTrue(apply.ok(), "apply: " + apply);
        assertArrayEquals(Files.readAllBytes(pack.tree.resolve("update.xml")),
                Files.readAllBytes(root.resolve("var/update/applied/" + pack.uuid())), "/var/update/applied/<uuid> is update.xml");
        String q = Cmd.ok(work, "rpm", "--root", root.toString(), "-q", "xenwbem", "control-xenwbem", "update-xenwbem");
        assertEquals(3, q.lines().count(), q);
    }

    @Test
    @Order(2)
    void theInstalledTreeHoldsUnitConfigurationAndRuntime() throws Exception {
        for (String f : List.of("usr/lib/systemd/system/xenwbem.service", "etc/xenwbem/xenwbem.conf", "etc/logrotate.d/xenwbem",
                "opt/xenwbem/bin/xenwbem", "opt/xenwbem/runtime/bin/java", "opt/xenwbem/runtime/lib/server/libjvm.so",
                "opt/xenwbem/runtime/lib/server/classes.jsa", "opt/xenwbem/MANIFEST.xml", "usr/bin/xenwbem")) {
            assertTrue(Files.isRegularFile(root.resolve(f)), f);
        }
        String unit = Files.readString(root.resolve("usr/lib/systemd/system/xenwbem.service"));
        for (String line : List.of("After=network-online.target xapi.service", "Restart=on-failure", "MemoryMax=",
                "ExecStart=/opt/xenwbem/bin/xenwbem service")) {
            assertTrue(unit.contains(line), "unit lacks " + line);
        }
        String flags = Cmd.ok(work, "rpm", "--root", root.toString(), "-q", "--qf", "[%{FILEFLAGS:fflags} %{FILENAMES}\\n]",
                "xenwbem");
        String conf = flags.lines().filter(l -> l.endsWith(" /etc/xenwbem/xenwbem.conf")).findFirst().orElseThrow();
        assertTrue(conf.startsWith("cn "), "xenwbem.conf must be %config(noreplace), an upgrade keeps it: " + conf);
        assertTrue(flags.lines().anyMatch(l -> l.endsWith(" /var/lib/xenwbem")),
                "the state directory belongs to the package, not what the daemon puts in it");
        String modules = Files.readString(root.resolve("opt/xenwbem/runtime/release"));
        assertTrue(modules.contains("MODULES=\"java.base"), modules);
        assertFalse(modules.contains("java.desktop"), "the runtime holds only the modules xenwbem uses: " + modules);
    }

    @Test
    @Order(3)
    void theInstalledLauncherRunsOnTheBundledRuntimeWithoutJavaOnPath() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty-path"));
        Cmd.Result r = Cmd.run(List.of(root.resolve("opt/xenwbem/bin/xenwbem").toString(), "--version"), work,
                Map.of("PATH", empty.toString()), true, Duration.ofMinutes(1));
        assertTrue(r.ok(), r.toString());
        assertTrue(r.out().startsWith("xenwbem "), r.toString());
    }

    @Test
    @Order(4)
    void aTamperedRepomdIsRefused() throws Exception {
        Path repo = copyOfPack("repo-bad-repomd");
        PackFixture.tampered(pack.tree.resolve("repodata/repomd.xml"), repo.resolve("repodata/repomd.xml"), 60);
        Cmd.Result r = dnf(repo, work.resolve("root-bad-repomd"), true, "install", "control-xenwbem");
        assertFalse(r.ok(), "dnf accepted a tampered repomd.xml: " + r);
    }

    @Test
    @Order(5)
    void aTamperedRpmIsRefused() throws Exception {
        Path repo = copyOfPack("repo-bad-rpm");
        PackFixture.tampered(pack.rpm("xenwbem"), repo.resolve(pack.prop("rpm.xenwbem")), 2000);
        Cmd.Result r = dnf(repo, work.resolve("root-bad-rpm"), true, "install", "@update");
        assertFalse(r.ok(), "dnf installed a tampered RPM: " + r);
        assertFalse(Files.exists(work.resolve("root-bad-rpm/opt/xenwbem/bin/xenwbem")));
    }

    @Test
    @Order(6)
    void withoutTheGroupApplyFails() throws Exception {
        Path repo = copyOfPack("repo-no-group");
        PackFixture.deleteTree(repo.resolve("repodata"));
        Cmd.ok(work, "createrepo_c", "--quiet", "--checksum", "sha256", "--compress-type", "gz", repo.toString());
        Cmd.Result r = dnf(repo, work.resolve("root-no-group"), false, "install", "@update");
        assertFalse(r.ok(), "apply succeeded without the group: " + r);
    }

    @AfterAll
    static void dropCopies() throws Exception {
        for (String d : List.of("repo-bad-repomd", "repo-bad-rpm", "repo-no-group")) {
            PackFixture.deleteTree(PackFixture.WORK.resolve(d));
        }
    }

    private static Path copyOfPack(String name) throws Exception {
        Path repo = PackFixture.scratch(name);
        Cmd.ok(work, "cp", "-a", pack.tree + "/.", repo.toString());
        return repo;
    }
}
