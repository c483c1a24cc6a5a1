/**
 * CIM jobs (CIM_ConcreteJob / Xen_Job; like the anchor, DSP1103 Job Control is not claimed) backed by
 * XenAPI tasks, as the anchor did (anchor §6): each job is a task whose {@code other_config} carries
 * the job's CIM state, so every pool member can answer for it and it survives a daemon restart. Work
 * runs on a small bounded executor, one operation at a time per VM; finished jobs expire.
 */
package org.xenwbem.provider.jobs;
