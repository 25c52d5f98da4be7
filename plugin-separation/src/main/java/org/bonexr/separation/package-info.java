/** BoneXR: plugin-separation. */
package org.bonexr.separation;
