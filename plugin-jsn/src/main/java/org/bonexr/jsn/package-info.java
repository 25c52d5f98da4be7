/** BoneXR: plugin-jsn. */
package org.bonexr.jsn;
