package org.xenwbem.provider.transfer;

import java.time.Instant;

/**
 * What an administrator may see of one open disk transfer connection (the status page): never its
 * user name, password or the owner's xapi session.
 *
 * @param handle    the connection's handle (useless without its credentials)
 * @param owner     the xapi user who opened it
 * @param requests  requests moving bytes through it now
 * @param uploading an upload (PUT sequence or BITS session) is in progress
 */
public record ActiveTransfer(String handle, String vdiUuid, long diskSize, boolean readOnly, String owner,
                             Instant opened, Instant lastUsed, int requests, boolean uploading) {
}
