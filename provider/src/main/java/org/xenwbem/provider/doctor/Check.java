package org.xenwbem.provider.doctor;

/** One item of the checklist. Implementations catch their own failures and turn them into results. */
interface Check {
    CheckResult run(DoctorContext ctx);
}
