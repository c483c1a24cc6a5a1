/**
 * The host and pool side of the catalog (issue #4): the pool, the per-host services and their
 * capabilities, host processors / memory / NICs, storage and network resource pools, disk images,
 * virtual switches, jobs from xapi tasks, metric values and definitions, registered profiles (in
 * root/cimv2 and root/interop), and every association with one of these at an end. Key and ID
 * formats are the anchor's (xs-cim); see {@link org.xenwbem.provider.classes.pool.Paths}. All of it
 * is mapped from the pool snapshot, cached per snapshot generation, never a XenAPI call.
 */
package org.xenwbem.provider.classes.pool;
