/**
 * Registered profiles (DSP1033 Profile Registration; anchor §12.2): the {@code Xen_Registered*Profile}
 * instances in root/cimv2 and root/interop and their ElementConformsTo / ReferencedProfile associations.
 */
package org.xenwbem.provider.classes.profiles;
