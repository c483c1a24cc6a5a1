/**
 * CIM jobs from xapi tasks (DSP1054-style concrete jobs, anchor §4.5 and §6): the {@code Xen_*Job}
 * instances and their {@code GetError}/{@code RequestStateChange} methods; the job engine itself is
 * {@code org.xenwbem.provider.jobs}.
 */
package org.xenwbem.provider.classes.jobs;
