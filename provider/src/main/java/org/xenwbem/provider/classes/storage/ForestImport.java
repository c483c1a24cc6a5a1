package org.xenwbem.provider.classes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.transfer.VmMetadata;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.MethodTable;
import org.xenwbem.provider.methods.Rbac;

/**
 * The import half of the snapshot forest (anchor §5.5), driven by the client as xs-cim's was:
 * <ol>
 * <li>the client makes a disk (CreateDiskImage), uploads the exported metadata tar into it (ConnectToDiskImage,
 * PUT or BITS) and calls PrepareSnapshotForestImport(MetadataDiskImage): the metadata is read from that disk
 * and ImportContext lists one instruction per exported disk, {@code create <old uuid> <virtual size>},
 * one a line (xs-cim's instruction format);</li>
 * <li>CreateNextDiskInImportSequence(ImportContext, StoragePool, DiskImageMap) runs the first instruction:
 * a disk of that size in the SR, answered as NewDiskImage with OldDiskID (the exported disk whose VHD the
 * client then uploads through ConnectToDiskImage), the rest of ImportContext and DiskImageMap
 * ({@code old=new,…}) with the pair added. With no instruction left it answers 32768 "No more Disks to be
 * Imported" and makes nothing;</li>
 * <li>FinalizeSnapshotForestImport(MetadataDiskImage, StoragePool, DiskImageMap): every exported disk must be
 * in the map; the metadata is rewritten to point at the new disks (SR uuid and location, as the Transfer VM's
 * {@code remap_vm}) and given to xapi's {@code /import_metadata}, which makes the VM and its snapshots with
 * their tree; the new disks take the exported disks' names. Answers VirtualSystem. Should anything after
 * the import fail, the VMs it made are destroyed (the disks stay, for a retry or Cleanup);</li>
 * <li>CleanupSnapshotForestImport(MetadataDiskImage, DiskImageMap) destroys the map's new disks and the
 * metadata disk: what a failed import made. It refuses, removing nothing, once a VM uses one of them.</li>
 * </ol>
 * All four run synchronously, as the caller (xapi's RBAC decides), with the map and context checked.
 */
public final class ForestImport {
    private static final Logger LOG = LoggerFactory.getLogger(ForestImport.class);
    static final long NO_MORE_DISKS = 32768;
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final long MAX_DISK = 64L << 40;
    private static final String WHAT = "import a VM with its snapshots ({method})";

    private final MethodEnvironment env;
    private final EmbeddedArgs args;

    public ForestImport(MethodEnvironment env) {
        this.env = env;
        this.args = new EmbeddedArgs(env.classes());
    }

    /** Adds the four methods' rows to the snapshot service's table. */
    public MethodTable addTo(MethodTable table) {
        return table.method("PrepareSnapshotForestImport", Rbac.VM_ADMIN, WHAT, this::prepare)
                .method("CreateNextDiskInImportSequence", Rbac.VM_ADMIN, WHAT, this::next)
                .method("FinalizeSnapshotForestImport", Rbac.VM_ADMIN, WHAT, this::finish)
                .method("CleanupSnapshotForestImport", Rbac.VM_ADMIN, WHAT, this::cleanup);
    }

    private MethodResult prepare(RequestContext ctx, CimObjectPath target, CimMethod m, Map<String, Object> in)
            throws CimException, XenFailure {
        VmMetadata md = metadata(ctx, in);
        StringBuilder context = new StringBuilder();
        for (VmMetadata.Disk d : md.disks()) {
            context.append("create ").append(d.uuid()).append(' ').append(d.virtualSize()).append('\n');
        }
        return new MethodResult(MethodEnvironment.COMPLETED, Map.of("ImportContext", context.toString()));
    }

    private MethodResult next(RequestContext ctx, CimObjectPath target, CimMethod m, Map<String, Object> in)
            throws CimException, XenFailure {
        Map<String, String> map = map(in.get("DiskImageMap"));
        List<String> lines = new ArrayList<>();
        for (String l : String.valueOf(in.get("ImportContext") == null ? "" : in.get("ImportContext")).split("\n")) {
            if (!l.isBlank()) {
                lines.add(l.trim());
            }
        }
        if (lines.isEmpty()) {
            return new MethodResult(NO_MORE_DISKS, Map.of("ImportContext", "", "DiskImageMap", flat(map)));
        }
        String[] op = lines.get(0).split(" +");
        long size = op.length == 3 && "create".equals(op[0]) && UUID.matcher(op[1]).matches() ? number(op[2]) : -1;
        if (size <= 0 || size > MAX_DISK) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "ImportContext: '" + lines.get(0)
                    + "' is not 'create <disk uuid> <size in bytes>' as PrepareSnapshotForestImport wrote it");
        }
        if (map.containsKey(op[1])) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "disk " + op[1] + " is already in DiskImageMap");
        }
        SrRecord sr = StorageRefs.sr(env.pool().get(), args.ref("StoragePool", in.get("StoragePool")), "StoragePool");
        String vdi;
        try (PoolSession s = env.sessionFor(ctx)) {
            vdi = s.devices().createVdi(sr.uuid(), "forest import of " + op[1], size, "user", false, false);
        }
        await(x -> x.vdi(vdi).isPresent());
        map.put(op[1], vdi);
        LOG.info("forest import: disk {} made for exported disk {} in SR {}", vdi, op[1], sr.uuid());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ImportContext", String.join("\n", lines.subList(1, lines.size())));
        out.put("DiskImageMap", flat(map));
        out.put("NewDiskImage", StorageIds.diskImage(sr.uuid(), vdi));
        out.put("OldDiskID", op[1]);
        return new MethodResult(MethodEnvironment.COMPLETED, out);
    }

    private MethodResult finish(RequestContext ctx, CimObjectPath target, CimMethod m, Map<String, Object> in)
            throws CimException, XenFailure {
        VmMetadata md = metadata(ctx, in);
        Map<String, String> map = map(in.get("DiskImageMap"));
        StorageRefs.sr(env.pool().get(), args.ref("StoragePool", in.get("StoragePool")), "StoragePool");
        Map<String, VmMetadata.Target> targets = new LinkedHashMap<>();
        PoolSnapshot s = env.pool().get();
        for (VmMetadata.Disk d : md.disks()) {
            VdiRecord v = map.containsKey(d.uuid()) ? s.vdi(map.get(d.uuid())).orElse(null) : null;
            if (v == null) {
                throw new CimException(CimStatus.INVALID_PARAMETER, "DiskImageMap has no imported disk for exported disk "
                        + d.uuid() + ": call CreateNextDiskInImportSequence until it answers 32768");
            }
            targets.put(d.uuid(), new VmMetadata.Target(v.srUuid(), v.location()));
        }
        List<String> vms;
        try (PoolSession session = env.sessionFor(ctx)) {
            vms = session.transfers().importMetadata(md.remapped(targets).toTar());
            if (vms.isEmpty()) {
                throw new CimException(CimStatus.FAILED, "xapi imported no VM from the metadata");
            }
            try {
                name(session, md, map);
                await(x -> x.vm(vms.get(0)).isPresent());
            } catch (XenFailure | RuntimeException e) {
                destroyVms(session, vms);
                await(x -> vms.stream().allMatch(v -> x.vm(v).isEmpty()));
                throw e;
            }
        }
        LOG.info("forest import: VM {} with {} snapshots made for {}", vms.get(0), vms.size() - 1, ctx.user());
        return new MethodResult(MethodEnvironment.COMPLETED, Map.of("VirtualSystem", Paths.vm(vms.get(0))));
    }

    /** The new disks take the exported disks' names. */
    private static void name(PoolSession session, VmMetadata md, Map<String, String> map) throws XenFailure {
        for (VmMetadata.Disk d : md.disks()) {
            session.fields().set(org.xenwbem.bridge.ops.FieldOps.Target.VDI, map.get(d.uuid()), "name_label", d.name());
            session.fields().set(org.xenwbem.bridge.ops.FieldOps.Target.VDI, map.get(d.uuid()), "name_description",
                    d.description());
        }
    }

    private static void destroyVms(PoolSession session, List<String> vms) {
        for (int i = vms.size() - 1; i >= 0; i--) {
            try {
                session.vms().destroy(vms.get(i));
            } catch (XenFailure f) {
                LOG.warn("forest import: could not destroy VM {} of a failed import: {}", vms.get(i), f.getMessage());
            }
        }
    }

    /** Read-your-writes: the mirror shows what was just made (or 30 s passed). */
    private void await(java.util.function.Predicate<PoolSnapshot> shown) {
        try {
            env.bridge().mirror().await(shown, java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private MethodResult cleanup(RequestContext ctx, CimObjectPath target, CimMethod m, Map<String, Object> in)
            throws CimException, XenFailure {
        PoolSnapshot s = env.pool().get();
        VdiRecord meta = StorageRefs.vdi(s, args.ref("MetadataDiskImage", in.get("MetadataDiskImage")), "MetadataDiskImage");
        List<String> doomed = new ArrayList<>(map(in.get("DiskImageMap")).values());
        doomed.add(meta.uuid());
        for (String vdi : doomed) {
            VdiRecord v = s.vdi(vdi).orElse(null);
            if (v != null && !v.vbdUuids().isEmpty()) {
                throw new CimException(CimStatus.FAILED, "disk " + vdi + " is used by a VM: the import finished,"
                        + " nothing was removed");
            }
        }
        try (PoolSession session = env.sessionFor(ctx)) {
            for (String vdi : doomed) {
                try {
                    session.devices().destroyVdi(vdi);
                } catch (XenFailure f) {
                    if (f.kind() != XenFailure.Kind.NOT_FOUND) {
                        throw f;
                    }
                }
            }
        }
        LOG.info("forest import: {} disks of a failed import removed for {}", doomed.size(), ctx.user());
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }

    /** The metadata read from the MetadataDiskImage the client uploaded it into. */
    private VmMetadata metadata(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        VdiRecord vdi = StorageRefs.vdi(env.pool().get(), args.ref("MetadataDiskImage", in.get("MetadataDiskImage")),
                "MetadataDiskImage");
        try (PoolSession s = env.sessionFor(ctx); InputStream data = s.transfers().export(vdi.uuid())) {
            VmMetadata md = VmMetadata.read(data);
            if (md.records("VM").isEmpty()) {
                throw new IOException("no VM in it");
            }
            return md;
        } catch (IOException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "MetadataDiskImage " + vdi.uuid()
                    + " does not hold an exported VM's metadata: " + e.getMessage());
        }
    }

    /** {@code old=new,old=new}, each a disk uuid. */
    static Map<String, String> map(Object v) throws CimException {
        Map<String, String> out = new LinkedHashMap<>();
        String text = v == null ? "" : String.valueOf(v).trim();
        for (String pair : text.isEmpty() ? new String[0] : text.split(",")) {
            String[] kv = pair.trim().split("=", 2);
            if (kv.length != 2 || !UUID.matcher(kv[0]).matches() || !UUID.matcher(kv[1]).matches()) {
                throw new CimException(CimStatus.INVALID_PARAMETER, "DiskImageMap: '" + pair
                        + "' is not <exported disk uuid>=<imported disk uuid>");
            }
            out.put(kv[0], kv[1]);
        }
        return out;
    }

    private static String flat(Map<String, String> map) {
        List<String> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(k + "=" + v));
        return String.join(",", out);
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
