package org.xenwbem.provider.server;

import java.io.PrintStream;

/** What {@code xenwbem demo} prints after the URL: identity, credentials, and commands to try. */
final class DemoText {
    private static final String P = "http://schemas.citrix.com/wbem/wscim/1/cim-schema/2";

    private DemoText() {
    }

    static void print(PrintStream out, Daemon d, String base) {
        String pw = d.simPassword();
        String host = d.displayHost();
        int port = d.port();
        out.println("certificate CN:      " + d.identity().commonName());
        out.println("certificate SHA-256: " + d.identity().sha256Fingerprint());
        out.println("simulated pool users: root / " + pw + " (pool-admin), operator / " + pw
                + " (vm-operator), reader / " + pw + " (read-only)");
        out.println("status page:         https://" + host + ":" + port + "/ (sign in as root for the pool, jobs"
                + " and transfers; Accept: application/json for scripts)");
        out.println();
        out.println("Try it (in another terminal):");
        out.println();
        out.println("  # WS-Management with Debian's wsl (apt-get install wsl):");
        out.println("  mkdir -p /tmp/wsl && cd /tmp/wsl && WSENDPOINT=" + host + ":" + port + " WSUSER=root WSPASS='" + pw
                + "' IPINTERACTIVE=0 WSAUTOMATED=1 HOME=/tmp/wsl wsl enum " + P + "/Xen_HostComputerSystem");
        out.println();
        out.println("  # CIM-XML with wbemcli (apt-get install sblim-wbemcli):");
        out.println("  wbemcli ei -noverify 'https://root:" + pw + "@" + host + ":" + port
                + "/root/cimv2:Xen_ComputerSystem'");
        out.println();
        out.println("  # Identify with curl:");
        out.println("  curl -sk -u root:'" + pw + "' -H 'Content-Type: application/soap+xml;charset=UTF-8' " + base
                + "/wsman --data '<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                + "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
                + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>'");
        out.println();
        out.println("  # From the SCVMM server (Windows), once this listens on a reachable address (--bind 0.0.0.0):");
        out.println("  winrm enum " + P + "/Xen_HostComputerSystem -r:https://" + host + ":" + port
                + " -encoding:utf-8 -a:basic -u:root -p:" + pw + " -skipcacheck -skipcncheck");
        out.println();
        out.println("Stop with Ctrl-C.");
    }
}
