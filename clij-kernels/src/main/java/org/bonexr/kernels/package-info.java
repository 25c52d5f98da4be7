/** BoneXR: clij-kernels. */
package org.bonexr.kernels;
