package org.xenwbem.provider.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The installed files match the signed installation manifest ({@link ManifestVerifier}). Outside
 * an installed pack (a development run) there is no manifest, which is reported as skipped —
 * unless {@code --verify-install} asked for exactly this check.
 */
final class InstallationCheck implements Check {
    static final String NAME = "installation matches its signed manifest";
    private static final int SHOWN = 8;

    @Override
    public CheckResult run(DoctorContext ctx) {
        Path manifest = ctx.options.manifestPath();
        String reinstall = "reinstall the pack (`xe-install-supplemental-pack xenwbem.iso`, or "
                + "`rpm -Uvh --replacepkgs` of its xenwbem RPM); `rpm -V xenwbem` lists what changed";
        if (!Files.exists(manifest) && !ctx.options.verifyInstallOnly) {
            return CheckResult.skip(NAME, "no manifest at " + manifest + " (not an installed pack)", null);
        }
        try {
            ManifestVerifier.Result r = ManifestVerifier.verify(manifest, ctx.options.root(), ctx.options.trustedFingerprint);
            if (r.problem() != null) {
                return CheckResult.fail(NAME, r.problem(), reinstall);
            }
            if (!r.ok()) {
                List<String> parts = new ArrayList<>();
                describe(parts, "modified", r.modified());
                describe(parts, "missing", r.missing());
                describe(parts, "not part of the pack", r.unexpected());
                return CheckResult.fail(NAME, String.join("; ", parts),
                        r.unexpected().isEmpty() ? reinstall : "remove the files that are not part of the pack, then "
                                + reinstall);
            }
            return CheckResult.ok(NAME, r.filesChecked() + " files of xenwbem " + r.version()
                    + " match; manifest signed by key " + r.signerFingerprint()
                    + (ctx.options.trustedFingerprint == null ? " (compare: gpg --show-keys xenwbem-signing-key.asc)" : ""));
        } catch (IOException e) {
            return CheckResult.fail(NAME, "cannot read the installation: " + e.getMessage(), reinstall);
        }
    }

    private static void describe(List<String> parts, String what, List<String> files) {
        if (files.isEmpty()) {
            return;
        }
        List<String> shown = files.size() > SHOWN ? files.subList(0, SHOWN) : files;
        parts.add(what + ": " + String.join(", ", shown) + (files.size() > SHOWN ? " and " + (files.size() - SHOWN) + " more" : ""));
    }
}
