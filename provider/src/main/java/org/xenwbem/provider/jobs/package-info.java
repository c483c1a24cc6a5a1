/**
 * CIM jobs (CIM_ConcreteJob / Xen_Job) backed by xapi tasks, as the anchor did: each job is a task
 * whose {@code other_config} carries the job's CIM state, so every pool member can answer for it and
 * it survives a daemon restart. Work runs on a small bounded executor, one operation at a time per
 * VM; finished jobs expire.
 */
package org.xenwbem.provider.jobs;
