/** BoneXR: plugin-bmd. */
package org.bonexr.bmd;
