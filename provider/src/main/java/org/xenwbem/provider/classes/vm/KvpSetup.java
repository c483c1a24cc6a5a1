package org.xenwbem.provider.classes.vm;

import java.util.Map;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * {@code Xen_ComputerSystem.SetupKVPCommunication}. The anchor added a VIF on the host-internal
 * network for its dom0 kvpd to reach a Windows service; neither exists any more. Our {@code Xen_KVP}
 * pairs are the VM's {@code xenstore_data} entries under {@code vm-data/} ({@link GuestKvps}), a
 * channel xapi provides for every VM with nothing to set up on the host: so this method changes
 * nothing, checks the VM is one that has the channel, and answers in {@code Description} exactly
 * what the guest needs to read the pairs.
 */
final class KvpSetup {
    private final MethodEnvironment env;

    KvpSetup(MethodEnvironment env) {
        this.env = env;
    }

    MethodResult setup(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
            throws CimException {
        VmRecord vm = env.pool().get().vm(String.valueOf(target.key("Name")))
                .filter(ComputerSystemProvider::isSystem)
                .orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, "no VM " + target));
        if (vm.isControlDomain()) {
            return MethodResult.of(MethodEnvironment.INVALID_PARAMETER);
        }
        return new MethodResult(MethodEnvironment.COMPLETED, Map.of("Description", describe(vm)));
    }

    /** What the guest of {@code vm} needs, and when the pairs reach it. */
    static String describe(VmRecord vm) {
        String when = vm.powerState() == PowerState.Halted
                ? "The VM is halted: the pairs reach the guest when it starts."
                : "xapi writes the pairs into the guest's xenstore when the VM starts: pairs added while it "
                + "runs reach the guest at its next start.";
        return "Nothing to set up on the host: Xen_KVP pairs are the VM's xenstore_data entries vm-data/<key> "
                + "(added and removed through Xen_KVP, i.e. VM.add_to_xenstore_data, which needs the vm-admin role). "
                + when + " The guest reads them at /local/domain/<domid>/vm-data/<key> (relative path vm-data/<key>) "
                + "with a xenstore client: xenstore-read from xe-guest-utilities or xen-guest-agent on Linux, the "
                + "XenServer VM Tools' xenstore interface on Windows. The channel is host to guest only: values "
                + "the guest writes are not read back.";
    }
}
